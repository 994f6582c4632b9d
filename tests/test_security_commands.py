"""Hostile input, round two: commands. BASE never reaches a shell or git as an option, and the pull-request
comment shows text from the YAML as text: no HTML, images, links or @mentions, under GitHub's size limit
with a pointer to the full text."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from philosophy.summary import LIMIT, md, truncate
from tests.helpers import ROOT, SAMPLE, TODAY, read_yaml, write_yaml

HOSTILE_BASES = [
    "HEAD; touch {tmp}/pwned",
    "HEAD --output={tmp}/pwned",
    "--output={tmp}/pwned",
    "$(touch {tmp}/pwned)",
    "`touch {tmp}/pwned`",
    "HEAD && touch {tmp}/pwned",
    "HEAD | tee {tmp}/pwned",
    "HEAD\ntouch {tmp}/pwned",
    "-o{tmp}/pwned",
    "HEAD^{{commit}} --output={tmp}/pwned",
]


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A tiny git repository holding the sample fixture as philosophy.yml, committed."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(SAMPLE, root / "philosophy.yml")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "philosophy.yml")
    _git(root, "commit", "-q", "-m", "sample")
    return root


def summary(repo: Path, base: str | None = None, full: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FILE": "philosophy.yml", "PHILOSOPHY_TODAY": TODAY, "PYTHONPATH": str(ROOT)}
    env.pop("BASE", None)
    env.pop("SUMMARY_FULL", None)
    if base is not None:
        env["BASE"] = base
    if full is not None:
        env["SUMMARY_FULL"] = str(full)
    return subprocess.run(
        [sys.executable, "-m", "philosophy", "summary"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if ".git" not in p.parts}


@pytest.mark.parametrize("base", HOSTILE_BASES)
def test_a_hostile_base_is_refused_in_one_line_and_runs_nothing(repo: Path, tmp_path: Path, base: str) -> None:
    before = _files(repo)
    result = summary(repo, base.format(tmp=tmp_path))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "is not a revision" in lines[0] and "BASE=" in lines[0] and "Traceback" not in lines[0]
    assert not (tmp_path / "pwned").exists()
    assert _files(repo) == before
    assert not any(p.name == "pwned" or p.name.startswith("--output") for p in tmp_path.rglob("*"))


def test_a_good_base_still_works(repo: Path) -> None:
    from philosophy.i18n import words

    result = summary(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    assert words("sv")._("No change to the philosophy.") in result.stdout, result.stdout


def test_a_file_outside_any_repository_says_so(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "philosophy.yml")
    result = summary(tmp_path)
    assert result.returncode == 1
    assert "not in a git repository" in result.stderr and "Traceback" not in result.stderr, result.stderr


def _no_setup() -> list[str]:
    """Options that keep `make` from installing packages first when requirements changed meanwhile: the
    stamp file is taken as up to date (-o), so only the summary runs, as it would in a set-up checkout."""
    dry = subprocess.run(["make", "-n", "summary"], cwd=ROOT, capture_output=True, text=True, check=False)
    stamps = re.findall(r"touch (\S*\.installed-\w+)", dry.stdout)
    return ["-o", stamps[0]] if stamps else []


@pytest.mark.parametrize("how", ["environment", "command line"])
def test_make_summary_passes_base_as_data(tmp_path: Path, how: str) -> None:
    base = f"HEAD; touch {tmp_path}/pwned"
    env = {**os.environ, "PHILOSOPHY_TODAY": TODAY}
    env.pop("SUMMARY_FULL", None)
    cmd = ["make", "-s", *_no_setup(), "summary"]
    if how == "environment":
        env["BASE"] = base
    else:
        cmd.append(f"BASE={base}")
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode != 0
    assert not (tmp_path / "pwned").exists()
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(ours) == 1 and "is not a revision" in ours[0], result.stderr


# --- what the comment shows ----------------------------------------------------------------------------

HOSTILE_TIP = (
    "Ping @team and @hjulverket/kundservice: ![x](http://evil.example/p.png) <img src=x onerror=alert(1)> "
    "<details><summary>open</summary>hidden</details> [click](javascript:alert(1)) <!-- c --> "
    "&lt;b&gt; | a | b | `code` ~~gone~~ **bold** <https://evil.example/> [ref]: https://evil.example/"
)


def _rendered(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def test_md_leaves_nothing_that_renders() -> None:
    html = _rendered(md(HOSTILE_TIP))
    for tag in ("<img", "<details", "<summary", "<a ", "<code", "<del", "<strong", "<table", "<!--", "<b>"):
        assert tag not in html, (tag, html)
    assert "@team" not in md(HOSTILE_TIP) and "@\u200bteam" in md(HOSTILE_TIP)
    assert "\n" not in md("line one\nline two\n\n# heading\n- item")


def test_the_comment_escapes_what_the_yaml_says(repo: Path) -> None:
    data = read_yaml(repo / "philosophy.yml")
    data["promises"][0]["tips"].append(HOSTILE_TIP)
    data["promises"][0]["title"]["en"] = "Fast <img src=x onerror=alert(1)> replies @team"
    write_yaml(data, repo / "philosophy.yml")
    result = summary(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "evil\\.example" in text  # the change is shown …
    for raw in ("<img", "<details", "![x]", "@team", "<!--", "[click](javascript"):
        assert raw not in text, raw  # … as text
    html = _rendered(text)
    assert "<img" not in html and "<details" not in html and 'href="javascript' not in html
    assert not [a for a in html.split("<a ")[1:] if "evil.example" in a]


def _many_promises(repo: Path, count: int) -> None:
    data = read_yaml(repo / "philosophy.yml")
    template = data["promises"][0]
    for i in range(count):
        p = copy.deepcopy({k: v for k, v in template.items() if k not in ("good_examples", "poor_examples")})
        p["id"] = f"extra-{i}"
        p["title"] = {"sv": f"Extra löfte {i} " + "ord " * 20, "en": f"Extra promise {i} " + "word " * 20}
        p["tips"] = [f"Tips {i}: " + "mycket text " * 30]
        data["promises"].append(p)
    write_yaml(data, repo / "philosophy.yml")


def test_the_comment_stays_under_the_limit_and_points_to_the_full_text(repo: Path, tmp_path: Path) -> None:
    _many_promises(repo, 300)
    full = tmp_path / "summary-full.md"
    result = summary(repo, "HEAD", full)
    assert result.returncode == 0, result.stderr
    comment = result.stdout
    whole = full.read_text(encoding="utf-8")
    assert len(whole) > LIMIT  # the test is about a summary that does not fit
    assert len(comment) <= LIMIT
    assert "summary-full.md" in comment.splitlines()[-1]
    assert whole.startswith(comment.rsplit("\n\n", 1)[0][:1000])
    assert whole.count("extra\\-") >= 300


@pytest.mark.fast
def test_truncate_bounds_every_shape() -> None:
    assert truncate("short") == "short"
    for text in ("x" * 100_000, "\n".join(["- " + "y" * 500] * 400), "a\n" + "z" * (LIMIT + 5)):
        cut = truncate(text)
        assert len(cut) <= LIMIT and "summary-full.md" in cut.splitlines()[-1]
    exact = "w" * LIMIT
    assert truncate(exact) == exact
