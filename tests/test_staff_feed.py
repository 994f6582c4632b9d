"""The public change feed, from a small git history built here: one entry per commit that changed what
customers see, valid Atom, no staff-only text and no commit message in it; the whole build with the
feed, the pocket cards and the exports, and the leak guard over it."""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from philosophy.i18n import words
from staff import feed
from tests.helpers import sample_data, write_yaml

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CANARY = "KANARIE-7c1f tips för personalen"
HOSTILE_MESSAGE = "<script>alert('commit')</script> MESSAGE-CANARY-55"
TIMES = [
    "2026-01-10T09:00:00+01:00",
    "2026-02-11T10:30:00+01:00",
    "2026-03-12T11:00:00+01:00",
    "2026-04-13T14:15:00+02:00",
]


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """git init; the sample; a public change; a staff-only change; a commitment change."""
    repo = tmp_path_factory.mktemp("repo")
    _git(repo, "init", "-q", "-b", "main")
    file = repo / "philosophy.yml"
    data = sample_data()
    shas = []

    def commit(when: str) -> None:
        write_yaml(data, file)
        _git(repo, "add", "philosophy.yml")
        _git(repo, "commit", "-q", "-m", HOSTILE_MESSAGE, when=when)
        shas.append(_git(repo, "rev-parse", "HEAD").strip())

    commit(TIMES[0])
    data["promises"][0]["title"] = {"sv": "Snabbt svar <i> skrift *alltid*", "en": "Fast <written> replies *always*"}
    commit(TIMES[1])
    data["promises"][0]["tips"].append(CANARY)
    data["promises"][0]["owner"] = "Kundservicechef"
    commit(TIMES[2])
    promise = data["promises"][0]
    promise["commitments"][0]["within"] = "6h"
    promise["text"] = {
        lang: text.replace("8 timmar", "6 timmar").replace("8 hours", "6 hours")
        for lang, text in promise["text"].items()
    }
    commit(TIMES[3])
    return file, shas


def test_one_entry_per_commit_that_changed_what_customers_see(history: tuple[Path, list[str]]) -> None:
    file, shas = history
    entries = feed.entries(file, "en")
    assert [e.sha for e in entries] == [shas[3], shas[1]]  # newest first; the staff-only commit has none
    assert [e.time for e in entries] == [dt.datetime.fromisoformat(TIMES[3]), dt.datetime.fromisoformat(TIMES[1])]
    newest = [feed.line_html(line) for line in entries[0].lines]
    assert newest == [
        (
            "Promise “Fast &lt;written&gt; replies *always*”: commitment changed: E-mail: a reply within <del>8</del> "
            "<ins>6</ins> hours, counted in our opening hours"
        ),
        (
            "Promise “Fast &lt;written&gt; replies *always*”: text (en) reworded: … to us, a person replies within "
            "<del>8</del> <ins>6</ins> hours of our opening hours by …"
        ),
        (
            "Promise “Fast &lt;written&gt; replies *always*”: text (sv) reworded: … ett svar från en människa inom "
            "<del>8</del> <ins>6</ins> timmar av vår öppettid i e-post, …"
        ),
    ]
    title_lines = [feed.line_html(line) for line in entries[1].lines]
    assert all(line.startswith("Promise “Fast &lt;written&gt; replies *always*”: title (") for line in title_lines)
    assert len(title_lines) == 2  # sv and en


def test_the_window_is_the_latest_commits_only(history: tuple[Path, list[str]]) -> None:
    file, shas = history
    assert [e.sha for e in feed.entries(file, "en", limit=2)] == [shas[3]]
    assert [c.sha for c in feed.commits(file)] == shas[::-1]


def _feed(tmp_path: Path, file: Path) -> dict[str, Path]:
    targets = {
        "sv": ("", "https://service.example.com/changes.xml", "https://service.example.com/review/"),
        "en": ("en/", "https://service.example.com/en/changes.xml", "https://service.example.com/en/review/"),
    }
    written = feed.write_feeds(file, tmp_path, "Hjulverket", targets)
    assert written == [tmp_path / "changes.xml", tmp_path / "en" / "changes.xml"]
    return {"sv": written[0], "en": written[1]}


def test_the_feed_is_valid_atom(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    file, shas = history
    for lang, path in _feed(tmp_path, file).items():
        root = etree.fromstring(path.read_bytes())
        assert root.tag == f"{ATOM}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for name in ("id", "title", "updated"):
            assert len(root.findall(f"{ATOM}{name}")) == 1
        assert root.find(f"{ATOM}author/{ATOM}name").text == "Hjulverket"
        assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith(("/changes.xml", "/en/changes.xml"))
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 2
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == 2 and all(i.endswith(sha[:12]) for i, sha in zip(ids, [shas[3], shas[1]], strict=True))
        assert dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == dt.datetime.fromisoformat(TIMES[3])
        for entry, when in zip(entries, [TIMES[3], TIMES[1]], strict=True):
            for name in ("id", "title", "updated", "content"):
                assert len(entry.findall(f"{ATOM}{name}")) == 1
            assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == dt.datetime.fromisoformat(when)
            assert entry.find(f"{ATOM}content").get("type") == "xhtml"
        first = entries[0]
        w = words(lang)
        assert first.findtext(f"{ATOM}title") == w.ngettext(
            "%(date)s: %(num)s change to our promise",
            "%(date)s: %(num)s changes to our promise",
            3,
            date=w.date(dt.date(2026, 4, 13)),
        )
        content = first.find(f"{ATOM}content/{XHTML}div")
        items = [li.xpath("string()") for li in content.iter(f"{XHTML}li")]
        assert len(items) == 3 and all(
            i.startswith(("Promise “Fast <written> replies *always*”", w._("Promise"))) for i in items
        )
        assert [d.text for d in content.iter(f"{XHTML}del")] == ["8"] * 3
        assert [d.text for d in content.iter(f"{XHTML}ins")] == ["6"] * 3


def test_no_staff_text_and_no_commit_message_in_the_feed(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    file, _ = history
    for path in _feed(tmp_path, file).values():
        text = html.unescape(path.read_text(encoding="utf-8"))
        assert "KANARIE" not in text
        assert "Kundservicechef" not in text
        assert "MESSAGE-CANARY" not in text and "alert(" not in text
        assert "<script" not in path.read_text(encoding="utf-8")


def test_no_feed_outside_git(tmp_path: Path) -> None:
    file = write_yaml(sample_data(), tmp_path / "philosophy.yml")
    assert not feed.has_history(file)
    assert feed.entries(file, "en") == []
    assert feed.write_feeds(file, tmp_path / "site", "X", {"en": ("", "u", "p")}) == []
    assert not (tmp_path / "site").exists()


def test_untracked_file_in_a_repository_has_no_feed(history: tuple[Path, list[str]]) -> None:
    file, _ = history
    other = file.parent / "other.yml"
    other.write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    assert not feed.has_history(other)


# --- the whole build --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(history: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from publish.build import build_into

    file, _ = history
    out = tmp_path_factory.mktemp("built")
    build_into(out, file)  # raises when the leak guard finds staff-only text in the public site
    return out


def test_the_build_publishes_a_feed_per_language_and_links_it(built: Path) -> None:
    public = built / "public"
    for path in (public / "changes.xml", public / "en" / "changes.xml"):
        root = etree.fromstring(path.read_bytes())
        assert len(root.findall(f"{ATOM}entry")) == 2
    for review in (public / "review" / "index.html", public / "en" / "review" / "index.html"):
        assert 'type="application/atom+xml"' in review.read_text(encoding="utf-8")


def test_the_canary_is_nowhere_in_the_public_site(built: Path) -> None:
    public = built / "public"
    for path in public.rglob("*"):
        if path.is_file():
            assert b"KANARIE" not in path.read_bytes(), path
    handbook = (built / "handbook" / "promises" / "snabbt-svar" / "index.html").read_text(encoding="utf-8")
    assert "KANARIE" in handbook  # the canary is real: the handbook shows it


def test_staff_material_is_outside_the_public_site(built: Path) -> None:
    assert sorted(p.name for p in (built / "exports").iterdir()) == [
        "canned-replies.csv",
        "freshdesk-canned-responses-sv.json",
        "helpscout-saved-replies-sv.json",
        "zendesk-macros-sv.json",
    ]
    assert sorted(p.name for p in (built / "handbook" / "assets").glob("pocket-card-*.pdf")) == [
        "pocket-card-en.pdf",
        "pocket-card-sv.pdf",
    ]
    public = {p.relative_to(built / "public").as_posix() for p in (built / "public").rglob("*") if p.is_file()}
    assert not [p for p in public if "pocket-card" in p or "practice" in p or p.endswith((".csv", ".pdf"))]
    assert not [p for p in public if "zendesk" in p or "freshdesk" in p or "helpscout" in p]
    assert (built / "handbook" / "assets" / "javascripts" / "practice.js").is_file()


def test_a_version_that_does_not_load_is_left_out(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    file = repo / "philosophy.yml"
    data = sample_data()
    for i, text in enumerate(["valid", "broken", "valid", "changed"]):
        if text == "broken":
            file.write_text("site: [unclosed\n", encoding="utf-8")
        else:
            if text == "changed":
                data["promises"][2]["title"]["en"] = "Free returns for 90 days"
            write_yaml(data, file)
        _git(repo, "add", "philosophy.yml")
        _git(repo, "commit", "-q", "-m", text, when=TIMES[i])
    entries = feed.entries(file, "en")
    assert len(entries) == 1 and entries[0].time == dt.datetime.fromisoformat(TIMES[3])
