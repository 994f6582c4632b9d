"""The editors' loop: build aside then switch, the change summary (exact lines), valid content edits that
never turn the suite red. (The preview is in test_preview.py, `make new` in test_new.py, CI in
test_workflows.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from philosophy.loader import load
from philosophy.problems import PhilosophyError
from philosophy.summary import summarize
from publish.build import BuildFailed, publish
from tests.helpers import MINIMAL, ROOT, SAMPLE, read_yaml, sample_data, write_yaml


def _pair(tmp_path: Path, change: Callable[[dict[str, Any]], None], base: Path = MINIMAL) -> list[str]:
    data = read_yaml(base)
    change(data)
    new = write_yaml(data, tmp_path / "new.yml")
    return summarize(load(base, "philosophy.yml"), load(new, "philosophy.yml"), "main", "branch", "en").splitlines()


def _section(lines: list[str], title: str) -> list[str]:
    start = lines.index(f"**{title}**") + 2
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def test_summary_commitment_change(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["promises"][0]["commitments"][0]["within"] = "4h"

    lines = _pair(tmp_path, change)
    assert lines[0] == "### philosophy\\.yml: main → branch"
    assert _section(lines, "Customers will see") == [
        "- Promise “Fast reply”: commitment changed: E\\-mail: a reply within ~~8~~ **4** hours, counted in our opening hours"
    ]
    assert _section(lines, "Handbook only") == ["- nothing"]


def test_summary_change_near_the_end_of_a_long_text(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        p = d["promises"][2]
        p["text"]["sv"] = p["text"]["sv"].replace("inom 3 dagar", "inom 30 dagar")

    lines = _pair(tmp_path, change, SAMPLE)
    assert _section(lines, "Customers will see") == [
        (
            "- Promise “Free returns for 60 days”: text (sv) reworded: … utan kostnad\\. Pengarna är "
            "tillbaka inom ~~3~~ **30** dagar från att vi tagit emot …"
        )
    ]
    assert "- `" in "\n".join(lines) and "the 'sv' text says 30 days, but the commitments say" in "\n".join(lines)


def test_summary_holiday_added_in_full(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["channels"][0]["exceptions"].append(
            {"date": "2026-12-31", "name": {"sv": "Nyårsafton", "en": "New Year's Eve"}, "hours": "10:00-13:00"}
        )

    assert _section(_pair(tmp_path, change), "Customers will see") == [
        "- Channel “E\\-mail”: exceptions: added date: “2026\\-12\\-31”; name: “New Year's Eve”; hours: “10:00\\-13:00”"
    ]


def test_summary_list_items_in_full(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["promises"][0]["tips"].append("Svara med namn")
        d["promises"][0]["tips"].remove("Ge en tid")
        d["tone"]["avoid"].append({"word": "policy", "example": "Förklara varför"})

    lines = _pair(tmp_path, change)
    assert _section(lines, "Customers will see") == ["- nothing"]
    assert _section(lines, "Handbook only") == [
        "- Tone of voice: avoid: added word: “policy”; example: “Förklara varför”",
        "- Promise “Fast reply”: tips: added “Svara med namn”",
        "- Promise “Fast reply”: tips: removed “Ge en tid”",
    ]


def test_summary_added_promise_with_its_commitments(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        p = dict(
            d["promises"][0],
            id="retur",
            title={"sv": "Fri retur", "en": "Free returns"},
            text={"sv": "Fri retur i 30 dagar", "en": "Free returns for 30 days"},
        )
        p["commitments"] = [{"kind": "returns", "days": 30, "free": True}]
        d["promises"].append(p)

    assert _section(_pair(tmp_path, change), "Customers will see") == [
        "- Promise “Free returns” added (retur)",
        "  - commitment: 30 days of free returns, counted from the day you receive the goods",
    ]


def test_summary_hours_change(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["channels"][0]["hours"] = {"mon-thu": "08:00-17:00", "fri": "08:00-15:00"}

    assert _section(_pair(tmp_path, change), "Customers will see") == [
        "- “E\\-mail”, opening hours on Friday: 8:00 AM–5:00 PM → 8:00 AM–3:00 PM"
    ]


def test_summary_text_and_commitment_disagree(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["promises"][0]["commitments"][0]["within"] = "4h"

    lines = _pair(tmp_path, change)
    warnings = _section(lines, "Warnings from the check")
    assert any("the 'sv' text says 8 hours, but the commitments say 4 hours" in w for w in warnings)
    assert any("the 'en' text says 8 hours, but the commitments say 4 hours" in w for w in warnings)


def test_summary_translation_and_handbook_only(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["promises"][0]["text"]["en"] = "A person replies within 8 hours"
        d["promises"][0]["owner"] = "Kundserviceansvarig"

    lines = _pair(tmp_path, change)
    assert _section(lines, "Customers will see") == [
        "- Promise “Fast reply”: text (en) reworded: ~~We reply~~ **A person replies** within 8 hours"
    ]
    assert _section(lines, "Handbook only") == [
        "- Promise “Fast reply”: owner (sv) reworded: ~~Kundtjänst~~ **Kundserviceansvarig**"
    ]


def test_summary_broken_side_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("site: [\n", encoding="utf-8")
    with pytest.raises(PhilosophyError) as info:
        load(broken, "branch")
    assert str(info.value).startswith("branch:")


def _git_repo(tmp_path: Path) -> tuple[Path, list[str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    (repo / "philosophy.yml").write_bytes(MINIMAL.read_bytes())
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    return repo, git


def test_summary_command_against_git(tmp_path: Path) -> None:
    repo, _ = _git_repo(tmp_path)
    text = MINIMAL.read_text(encoding="utf-8").replace("within: 8h", "within: 2h")
    (repo / "philosophy.yml").write_text(text, encoding="utf-8")
    full = tmp_path / "full.md"
    result = subprocess.run(
        [sys.executable, "-m", "philosophy", "summary", "--lang", "en"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "BASE": "main", "SUMMARY_FULL": str(full)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "E\\-mail: a reply within ~~8~~ **2** hours, counted in our opening hours" in result.stdout
    assert full.read_text(encoding="utf-8").strip() == result.stdout.strip()
    bad = subprocess.run(
        [sys.executable, "-m", "philosophy", "summary"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "BASE": "no-such-rev"},
        check=False,
    )
    assert bad.returncode == 1 and "'no-such-rev' is not a revision in this repository" in bad.stderr


def test_summary_is_truncated_below_githubs_limit() -> None:
    from philosophy.summary import LIMIT, truncate

    text = "\n".join(f"- line {i} " + "x" * 80 for i in range(2000))
    short = truncate(text)
    assert len(short) < LIMIT
    assert short.splitlines()[-1].startswith("… ") and "summary-full.md" in short


# --- build aside, then switch --------------------------------------------------------------------


def test_failed_build_leaves_previous_output_untouched(tmp_path: Path, sample_copy: Path) -> None:
    out = tmp_path / "site"
    publish(out, sample_copy)
    before = (out / "public" / "index.html").read_bytes()
    sample_copy.write_text(
        sample_copy.read_text(encoding="utf-8").replace("kind: reply", "kind: mail", 1), encoding="utf-8"
    )
    with pytest.raises(PhilosophyError):
        publish(out, sample_copy)
    assert (out / "public" / "index.html").read_bytes() == before
    assert len(list((out / ".releases").iterdir())) == 1


def test_build_failure_inside_mkdocs_leaves_output_untouched(
    tmp_path: Path, sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    publish(out, sample_copy)
    before = (out / "handbook" / "index.html").read_bytes()
    import publish.build as build

    def broken(*args: Any, **kwargs: Any) -> float:
        raise BuildFailed("handbook build failed: simulated")

    monkeypatch.setattr(build, "build_one", broken)
    with pytest.raises(BuildFailed):
        publish(out, sample_copy)
    assert (out / "handbook" / "index.html").read_bytes() == before


# --- valid content edits never turn the suite red -----------------------------------------------


def _edits() -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
    def add_promise(d: dict[str, Any]) -> None:
        d["promises"].append(
            {
                "id": "ny-lofte",
                "title": {"sv": "Nytt löfte", "en": "New promise"},
                "text": {"sv": "Vi ringer upp inom 2 timmar.", "en": "We call back within 2 hours."},
                "commitments": [{"kind": "callback", "channel": "telefon", "within": "2h"}],
                "channels": ["telefon"],
                "last_reviewed": "2026-11-01",
            }
        )

    def remove_promise(d: dict[str, Any]) -> None:
        gone = d["promises"].pop(3)["id"]
        for persona in d.get("personas", []):
            persona["key_promises"] = [p for p in persona.get("key_promises", []) if p != gone]

    def add_channel(d: dict[str, Any]) -> None:
        d["channels"].append(
            {
                "id": "sms",
                "kind": "sms",
                "name": {"sv": "Sms", "en": "Text message"},
                "contact": {"phone": "+46 70 123 45 67"},
                "hours": {"mon-fri": "09:00-17:00"},
            }
        )

    def avoided_word(d: dict[str, Any]) -> None:
        d["tone"]["avoid"].append({"word": "tyvärr", "example": "Säg vad du kan göra"})

    def reword(d: dict[str, Any]) -> None:
        d["promises"][0]["title"]["sv"] = "Snabba svar när du skriver"

    def commitment(d: dict[str, Any]) -> None:
        d["promises"][0]["commitments"][0]["within"] = "6h"
        d["promises"][0]["text"] = {
            k: v.replace("8 timmar", "6 timmar").replace("8 hours", "6 hours")
            for k, v in d["promises"][0]["text"].items()
        }

    def holiday(d: dict[str, Any]) -> None:
        d["channels"][1]["exceptions"].append(
            {"date": "2027-01-06", "name": {"sv": "Trettondagen", "en": "Epiphany"}, "hours": "closed"}
        )

    def hours(d: dict[str, Any]) -> None:
        d["channels"][0]["hours"]["sat"] = "10:00-15:00"

    def tip(d: dict[str, Any]) -> None:
        d["promises"][1]["tips"].append("Le när du svarar – det hörs.")

    def review(d: dict[str, Any]) -> None:
        d["promises"][2]["last_reviewed"] = "2026-11-20"
        d["review"]["last_review"] = "2026-11-20"

    return [
        ("add a promise", add_promise),
        ("remove a promise", remove_promise),
        ("add a channel", add_channel),
        ("add an avoided word", avoided_word),
        ("reword a title", reword),
        ("change a commitment", commitment),
        ("add a holiday", holiday),
        ("change hours", hours),
        ("add a tip", tip),
        ("record a review", review),
    ]


def test_no_product_test_reads_the_live_philosophy_file() -> None:
    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        reads = r"(load|load_cached|read_yaml|build_site|publish|build_into)\([^)]*ROOT\s*/\s*[\"']philosophy\.yml"
        if re.search(reads, source) or re.search(r"ROOT\s*/\s*[\"']philosophy\.yml[\"']\)\.(read|open)", source):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.slow
def test_ten_kinds_of_valid_edits_keep_the_suite_green(tmp_path: Path) -> None:
    """A copy of the repository with ten valid edits of philosophy.yml: the file still verifies and the
    fast test tier (units, pinned errors, schema, one build) passes against the copy."""
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "site", ".git", "test-artifacts", ".pytest_cache", "__pycache__", ".hypothesis"
        ),
    )
    data = sample_data()
    for _, edit in _edits():
        edit(data)
    write_yaml(data, copy / "philosophy.yml")
    env = {**os.environ, "PYTHONPATH": str(copy), "FILE": str(copy / "philosophy.yml")}
    check = subprocess.run(
        [sys.executable, "-m", "publish", "check"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
    verify = subprocess.run(
        [sys.executable, "-m", "publish", "verify"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert verify.returncode == 0, verify.stderr[-2000:]
    fast = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "fast", "-q", "-n", "0", "-p", "no:cacheprovider"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert fast.returncode == 0, fast.stdout[-3000:]


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "“Fast answers”"),
        ("de", "„Fast answers“"),
        ("fr", "«\u00a0Fast answers\u00a0»"),
        ("ja", "「Fast answers」"),
    ],
)
def test_quoted_texts_take_the_readers_quotation_marks(tmp_path: Path, lang: str, title: str) -> None:
    data = sample_data()
    data["promises"][0]["title"] = {"sv": "Fast answers", "en": "Fast answers"}  # whichever the summary shows
    base = write_yaml(sample_data(), tmp_path / "base.yml")
    new = write_yaml(data, tmp_path / "new.yml")
    out = summarize(load(base, "philosophy.yml"), load(new, "philosophy.yml"), "main", "branch", lang)
    assert title in out, out
