"""The public change feed: an Atom feed per public language of the changes customers see, one entry per
commit that changed public content, from the git history of the philosophy file.

- The history is `git log --first-parent` of the file in its own repository, the latest 30 commits that
  touched it; each is compared with the version before it. A file outside git, or without history, has
  no feed (the build skips it silently).
- Both versions are cut down to their public projection before they are compared, and only the
  customer-side lines of `philosophy.summary` are used: a staff-only change never reaches the feed.
- Commit messages are never used (they could say anything): an entry is its date and its lines.
- The site's leak guard scans the feed with the rest of the public site.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import logging
import re
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from philosophy.audience import Audience
from philosophy.i18n import words
from philosophy.loader import load
from philosophy.model import Philosophy
from philosophy.problems import PhilosophyError
from philosophy.summary import public_changes
from philosophy.walk import redact

MAX_COMMITS = 30
FEED_FILE = "changes.xml"
LOG = logging.getLogger(__name__)
_MD_ESCAPED = set("\\`*_{}[]()#+-.!|~>")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime


@dataclass(frozen=True)
class Entry:
    sha: str
    time: dt.datetime
    lines: tuple[str, ...]  # GitHub Markdown, escaped by philosophy.summary.md


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=cwd,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _where(file: Path) -> tuple[Path, str] | None:
    """The file's repository top folder and its path there, or None outside git."""
    folder = file.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if not top:
        return None
    try:
        rel = file.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    except ValueError:
        return None
    return Path(top.strip()), rel


def commits(file: Path, limit: int = MAX_COMMITS + 1) -> list[Commit]:
    """The latest commits that touched the file, newest first ([] outside git or without history)."""
    where = _where(file)
    if where is None:
        return []
    top, rel = where
    out = _git(["log", "--first-parent", f"-n{limit}", "--format=%H %cI", "--end-of-options", "HEAD", "--", rel], top)
    found = []
    for line in (out or "").splitlines():
        sha, _, when = line.partition(" ")
        try:
            found.append(Commit(sha, dt.datetime.fromisoformat(when.strip())))
        except ValueError:
            continue
    return found


def has_history(file: Path) -> bool:
    return bool(commits(file, limit=1))


@functools.lru_cache(maxsize=64)
def _public_model(top: Path, sha: str, rel: str) -> Philosophy | None:
    """The file at a commit, loaded and cut down to what customers see (None if it does not load)."""
    text = _git(["show", f"{sha}:{rel}"], top)
    if text is None:
        return None
    with tempfile.TemporaryDirectory(prefix="feed-") as tmp:
        path = Path(tmp) / Path(rel).name
        path.write_text(text, encoding="utf-8")
        try:
            model = load(path, f"{Path(rel).name}@{sha[:12]}").model
        except (PhilosophyError, ValueError, RecursionError):  # an old format, a broken version: left out
            LOG.info("change feed: %s at %s does not load; its change is left out", rel, sha[:12])
            return None
    return redact(model, Audience.PUBLIC)


@functools.lru_cache(maxsize=256)
def _lines(top: Path, rel: str, old_sha: str, new_sha: str, lang: str) -> tuple[str, ...]:
    old, new = _public_model(top, old_sha, rel), _public_model(top, new_sha, rel)
    if old is None or new is None:
        return ()
    return tuple(public_changes(old, new, lang))


def entries(file: Path, lang: str, limit: int = MAX_COMMITS) -> list[Entry]:
    """One entry per commit (of the latest `limit` that touched the file) that changed what customers
    see, newest first."""
    where = _where(file)
    if where is None:
        return []
    top, rel = where
    found = commits(file, limit + 1)
    out = []
    for newer, older in itertools.pairwise(found):
        lines = _lines(top, rel, older.sha, newer.sha, lang)
        if lines:
            out.append(Entry(newer.sha, newer.time, lines))
    return out


# --- Markdown lines -> text and HTML --------------------------------------------------------------


def _pieces(line: str) -> Iterable[tuple[str, str]]:
    """('text', …) and ('del'|'ins', marker) pieces of a summary line (philosophy.summary.md escaping)."""
    i, buffer = 0, []
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line) and line[i + 1] in _MD_ESCAPED:
            buffer.append(line[i + 1])
            i += 2
            continue
        marker = line[i : i + 2]
        if marker in ("~~", "**"):
            if buffer:
                yield "text", "".join(buffer)
                buffer = []
            yield ("del" if marker == "~~" else "ins"), marker
            i += 2
            continue
        buffer.append(c)
        i += 1
    if buffer:
        yield "text", "".join(buffer)


def _plain(text: str) -> str:
    # md() wrote &, < and > as entities and put a zero-width space after every @: undo exactly that.
    # Characters XML cannot hold are dropped.
    return _NOT_XML.sub("", html.unescape(text).replace("@\u200b", "@"))


def line_html(line: str) -> str:
    out, open_tags = [], set()
    for kind, value in _pieces(line):
        if kind == "text":
            out.append(html.escape(_plain(value), quote=False))
        elif kind in open_tags:
            out.append(f"</{kind}>")
            open_tags.discard(kind)
        else:
            out.append(f"<{kind}>")
            open_tags.add(kind)
    out += [f"</{tag}>" for tag in sorted(open_tags)]
    return "".join(out)


# --- the Atom feed -------------------------------------------------------------------------------


def atom(
    entries_: list[Entry], lang: str, *, company: str, feed_url: str, page_url: str, fallback_updated: dt.datetime
) -> bytes:
    """The Atom document (feedgen): feed id, self and alternate links, author, one entry per change."""
    from feedgen.feed import FeedGenerator

    w = words(lang)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(w._("%(company)s: changes to our service promise", company=company))
    fg.author({"name": company})
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    fg.link(href=page_url, rel="alternate", type="text/html")
    fg.language(lang)
    fg.updated(entries_[0].time if entries_ else fallback_updated)
    for item in entries_:
        fe = fg.add_entry(order="append")
        fe.id(f"{page_url}#change-{item.sha[:12]}")
        fe.title(
            w.ngettext(
                "%(date)s: %(num)s change to our promise",
                "%(date)s: %(num)s changes to our promise",
                len(item.lines),
                date=w.date(item.time.date()),
            )
        )
        fe.updated(item.time)
        fe.published(item.time)
        fe.link(href=page_url, rel="alternate", type="text/html")
        # Inline XHTML: the lines are escaped once, so readers and the leak guard see the plain text.
        fe.content("<ul>" + "".join(f"<li>{line_html(line)}</li>" for line in item.lines) + "</ul>", type="xhtml")
    return bytes(fg.atom_str(pretty=True))


def write_feeds(file: Path, site_dir: Path, company: str, targets: Mapping[str, tuple[str, str, str]]) -> list[Path]:
    """For each language: (folder inside site_dir, feed URL, review page URL) -> <folder>changes.xml.
    Nothing is written when the file has no git history."""
    history = commits(file, limit=1)
    if not history:
        return []
    written = []
    for lang, (folder, feed_url, page_url) in targets.items():
        path = site_dir / folder / FEED_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(
            atom(
                entries(file, lang),
                lang,
                company=company,
                feed_url=feed_url,
                page_url=page_url,
                fallback_updated=history[0].time,
            )
        )
        written.append(path)
    return written
