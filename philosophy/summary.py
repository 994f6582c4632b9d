"""A plain-language Markdown summary of what a change to the philosophy file means, split into what
customers will see and what only the handbook shows, with the check's warnings. It is the pull-request
comment, and its customer-side lines are the entries of the public change feed.

Every text from the YAML is escaped for GitHub Markdown (no HTML, images, links or @mentions can come
from it); reworded texts show a word-level diff with context; every added or removed list item is shown
in full; the comment stays under GitHub's size limit and the full text goes to an artifact.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .audience import Audience, audience_of
from .checks import check
from .commitments import CommitmentKind, Say
from .i18n import Words, words
from .loader import Loaded, load
from .model import Channel, Philosophy, Promise, Publishable
from .problems import PhilosophyError, Problem
from .texts import TextValue, text_in

LIMIT = 60_000  # GitHub refuses comments over 65,536 characters
CONTEXT_WORDS = 6
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
KEYED = ("values", "promises", "channels", "personas", "departments")


def md(text: str) -> str:
    """Text from the YAML as inert GitHub Markdown: no markup, HTML, images, links or mentions."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # GitHub links bare addresses, mentions and issue references in rendered text: break each with a
    # zero-width space, so a text from the file can never link or notify anyone.
    return text.replace("@", "@\u200b").replace("://", ":\u200b//").replace("www\\.", "www\u200b\\.")


def quoted(text: str, w: Words) -> str:
    """A text from the file between the reader's quotation marks (German „…“, French « … », Japanese 「…」)."""
    # TRANSLATORS: a quoted text (a promise's title, a changed word): your language's quotation marks,
    # e.g. German „%(text)s“, French « %(text)s », Japanese 「%(text)s」.
    return w._("“%(text)s”", text=md(text))


def word_diff(old: str, new: str) -> str:
    """Changed words with a few words of context around each change: '… inom ~~3~~ **30** dagar …'."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    pieces: list[str] = []
    ops = matcher.get_opcodes()
    for i, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            words_ = a[i1:i2]
            first, last = i == 0, i == len(ops) - 1
            if (
                len(words_) > 2 * CONTEXT_WORDS
                or (first and len(words_) > CONTEXT_WORDS)
                or (last and len(words_) > CONTEXT_WORDS)
            ):
                head = [] if first else words_[:CONTEXT_WORDS]
                tail = [] if last else words_[-CONTEXT_WORDS:]
                pieces.append(" ".join(md(w) for w in head) + " … " + " ".join(md(w) for w in tail))
            else:
                pieces.append(" ".join(md(w) for w in words_))
            continue
        if i2 > i1:
            pieces.append("~~" + " ".join(md(w) for w in a[i1:i2]) + "~~")
        if j2 > j1:
            pieces.append("**" + " ".join(md(w) for w in b[j1:j2]) + "**")
    return " ".join(p.strip() for p in pieces if p.strip())


@dataclass
class Summary:
    public: list[str] = field(default_factory=list)
    internal: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, audience: Audience, line: str, level: int = 0) -> None:
        (self.public if audience is Audience.PUBLIC else self.internal).append("  " * level + f"- {line}")

    @property
    def empty(self) -> bool:
        return not self.public and not self.internal


class _Diff:
    def __init__(self, old: Philosophy, new: Philosophy, lang: str) -> None:
        self.old, self.new, self.lang = old, new, lang
        self.w: Words = words(lang)
        self.fallbacks = (new.site.handbook, new.site.default)
        self.out = Summary()

    # --- names and words --------------------------------------------------------------------------
    def t(self, value: TextValue | None) -> str:
        return text_in(value, self.lang, self.fallbacks)

    def say(self, model: Philosophy) -> Say:
        channels = model.channel_by_id
        from .channel_kinds import CHANNEL_KINDS

        return Say(
            self.w,
            lambda i: self.t(channels[i].name) if i in channels else i,
            lambda i: CHANNEL_KINDS.get(channels[i].kind) if i in channels else None,
            self.fallbacks,
        )

    def sentence(self, com: CommitmentKind, model: Philosophy) -> str:
        return com.sentence(self.say(model))

    def label(self, section: str, item: Any) -> str:
        name = getattr(item, "title", None) or getattr(item, "name", None)
        kinds = {
            "values": self.w._("Value"),
            "promises": self.w._("Promise"),
            "channels": self.w._("Channel"),
            "personas": self.w._("Persona"),
            "departments": self.w._("Department"),
        }
        return f"{kinds[section]} {quoted(self.t(name), self.w)}"

    # --- the walk ---------------------------------------------------------------------------------
    def run(self) -> Summary:
        for section in ("site", "statement", "tone", "review", "steps_of_service"):
            self.fields(
                getattr(self.old, section),
                getattr(self.new, section),
                self.heading(section),
                audience_of(Philosophy, section),
                (),
            )
        for section in KEYED:
            self.keyed(section)
        self.listed(
            "inspiration", self.old.inspiration, self.new.inspiration, Audience.INTERNAL, self.w._("Inspiration")
        )
        return self.out

    def heading(self, section: str) -> str:
        return {
            "site": self.w._("Site"),
            "statement": self.w._("Statement"),
            "tone": self.w._("Tone of voice"),
            "review": self.w._("Review"),
            "steps_of_service": self.w._("Steps of service"),
        }[section]

    def keyed(self, section: str) -> None:
        old = {item.id: item for item in getattr(self.old, section)}
        new = {item.id: item for item in getattr(self.new, section)}
        audience = audience_of(Philosophy, section)
        for ident, item in new.items():
            if ident not in old:
                self.out.add(
                    audience, self.w._("%(item)s added (%(id)s)", item=self.label(section, item), id=md(ident))
                )
                if isinstance(item, Promise):
                    for com in item.commitments:
                        self.out.add(
                            Audience.PUBLIC,
                            self.w._("commitment: %(sentence)s", sentence=md(self.sentence(com, self.new))),
                            1,
                        )
        for ident, item in old.items():
            if ident not in new:
                self.out.add(
                    audience, self.w._("%(item)s removed (%(id)s)", item=self.label(section, item), id=md(ident))
                )
        for ident in (i for i in new if i in old):
            a, b = old[ident], new[ident]
            if a == b:
                continue
            label = self.label(section, b)
            skip: set[str] = {"id"}
            if isinstance(b, Promise):
                self.commitments(a, b, label)
                skip.add("commitments")  # texts that disagree with their numbers: in the check's warnings
            if isinstance(b, Channel):
                self.hours(a, b)
                skip.add("hours")
            self.fields(a, b, label, audience, (), skip)

    def hours(self, a: Channel, b: Channel) -> None:
        from .views import Page

        if a.hours == b.hours:
            return
        page_a = Page(self.old, self.lang, self.fallbacks, _today())
        page_b = Page(self.new, self.lang, self.fallbacks, _today())
        for day in range(7):
            x, y = a.week[day], b.week[day]
            if x != y:
                self.out.add(
                    Audience.PUBLIC,
                    self.w._(
                        "%(channel)s, opening hours on %(day)s: %(old)s → %(new)s",
                        channel=quoted(self.t(b.name), self.w),
                        day=self.w.weekday_in_sentence(day),
                        old=md(page_a.hours_text(x)),
                        new=md(page_b.hours_text(y)),
                    ),
                )

    def commitments(self, a: Promise, b: Promise, label: str) -> None:
        old = [self.sentence(c, self.old) for c in a.commitments]
        new = [self.sentence(c, self.new) for c in b.commitments]
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
            for x, y in pairs:
                self.out.add(
                    Audience.PUBLIC,
                    self.w._("%(item)s: commitment changed: %(diff)s", item=label, diff=word_diff(x, y)),
                )
            for x in old[i1 + len(pairs) : i2]:
                self.out.add(
                    Audience.PUBLIC, self.w._("%(item)s: commitment dropped: %(sentence)s", item=label, sentence=md(x))
                )
            for y in new[j1 + len(pairs) : j2]:
                self.out.add(
                    Audience.PUBLIC, self.w._("%(item)s: new commitment: %(sentence)s", item=label, sentence=md(y))
                )
        for i, (before, after) in enumerate(zip(a.commitments, b.commitments, strict=False)):
            if before.note != after.note:
                self.out.add(
                    Audience.INTERNAL,
                    self.w._(
                        "%(item)s: staff note on commitment %(n)s changed: %(diff)s",
                        item=label,
                        n=str(i + 1),
                        diff=word_diff(self.t(before.note), self.t(after.note)),
                    ),
                )

    def fields(
        self, a: Any, b: Any, label: str, audience: Audience, path: tuple[str, ...], skip: Iterable[str] = ()
    ) -> None:
        if not isinstance(b, BaseModel) or a == b:
            return
        cls = type(b)
        published = not isinstance(b, Publishable) or b.publish
        for name, info in cls.model_fields.items():
            if name in skip:
                continue
            x, y = getattr(a, name), getattr(b, name)
            if x == y:
                continue
            field_audience = audience
            if audience is Audience.PUBLIC and (audience_of(cls, name) is not Audience.PUBLIC or not published):
                field_audience = Audience.INTERNAL
            if isinstance(b, Publishable) and name == "publish":
                field_audience = Audience.PUBLIC
            what = " ".join((*path, (info.alias or name).replace("_", " ")))
            self.value(x, y, label, what, field_audience)

    def value(self, x: Any, y: Any, label: str, what: str, audience: Audience) -> None:
        if _is_text(x) or _is_text(y):
            self.text(x, y, label, what, audience)
        elif isinstance(x, list) or isinstance(y, list):
            self.listed(what, x or [], y or [], audience, label)
        elif isinstance(x, dict) or isinstance(y, dict):
            x, y = x or {}, y or {}
            for key in sorted(set(x) | set(y), key=str):
                if x.get(key) != y.get(key):
                    self.value(x.get(key), y.get(key), label, f"{what} {key}", audience)
        elif isinstance(x, BaseModel) and isinstance(y, BaseModel):
            self.fields(x, y, label, audience, (what,))
        else:
            self.out.add(
                audience,
                self.w._(
                    "%(item)s: %(field)s: %(old)s → %(new)s",
                    item=label,
                    field=md(what),
                    old=_show(x, self.w),
                    new=_show(y, self.w),
                ),
            )

    def text(self, x: Any, y: Any, label: str, what: str, audience: Audience) -> None:
        plain = self.new.site.default if audience is Audience.PUBLIC else self.new.site.handbook
        a = _as_map(x, plain)
        b = _as_map(y, plain)
        for lang in sorted(set(a) | set(b)):
            if a.get(lang) == b.get(lang):
                continue
            where = f"{md(what)} ({md(lang)})"
            if lang not in a:
                self.out.add(
                    audience,
                    self.w._(
                        "%(item)s: %(field)s added: %(text)s", item=label, field=where, text=quoted(b[lang], self.w)
                    ),
                )
            elif lang not in b:
                self.out.add(
                    audience,
                    self.w._(
                        "%(item)s: %(field)s removed (was %(text)s)",
                        item=label,
                        field=where,
                        text=quoted(a[lang], self.w),
                    ),
                )
            else:
                self.out.add(
                    audience,
                    self.w._(
                        "%(item)s: %(field)s reworded: %(diff)s",
                        item=label,
                        field=where,
                        diff=word_diff(a[lang], b[lang]),
                    ),
                )

    def listed(self, what: str, x: Sequence[Any], y: Sequence[Any], audience: Audience, label: str) -> None:
        added = [v for v in y if v not in x]
        removed = [v for v in x if v not in y]
        for v in added:
            self.out.add(
                audience,
                self.w._("%(item)s: %(field)s: added %(value)s", item=label, field=md(what), value=self.item_text(v)),
            )
        for v in removed:
            self.out.add(
                audience,
                self.w._("%(item)s: %(field)s: removed %(value)s", item=label, field=md(what), value=self.item_text(v)),
            )
        if not added and not removed and list(x) != list(y):
            self.out.add(audience, self.w._("%(item)s: %(field)s: reordered", item=label, field=md(what)))

    def item_text(self, value: Any) -> str:
        """A list item in full: a holiday with its date, name and hours; a text; an example."""
        if _is_text(value):
            return quoted(self.t(value), self.w)
        if isinstance(value, BaseModel):
            parts = []
            for name in type(value).model_fields:
                v = getattr(value, name)
                if v is None or v == [] or v == {}:
                    continue
                shown = (
                    self.t(v)
                    if _is_text(v)
                    else (self.sentence(v, self.new) if isinstance(v, CommitmentKind) else str(v))
                )
                parts.append(f"{md(name.replace('_', ' '))}: {quoted(shown, self.w)}")
            return "; ".join(parts)
        return _show(value, self.w)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    )


def _as_map(value: Any, plain: str) -> dict[str, str]:
    if value is None:
        return {}
    return {plain: value} if isinstance(value, str) else dict(value)


def _show(value: Any, w: Words) -> str:
    if value is None:
        return "–"
    if isinstance(value, BaseModel):
        return md(", ".join(f"{k}={v}" for k, v in value.model_dump(mode="json", exclude_defaults=True).items()))
    return quoted(str(value), w) if isinstance(value, str) else md(str(value))


def _today() -> Any:
    from .checks import today

    return today()


def diff(old: Philosophy, new: Philosophy, lang: str) -> Summary:
    return _Diff(old, new, lang).run()


def public_changes(old: Philosophy, new: Philosophy, lang: str) -> list[str]:
    """The customer-side lines only (the change feed's entries)."""
    return [line.strip()[2:] for line in diff(old, new, lang).public]


def summarize(old: Loaded, new: Loaded, old_label: str, new_label: str, lang: str | None = None) -> str:
    lang = lang or new.model.site.handbook
    w = words(lang)
    result = diff(old.model, new.model, lang)
    warnings = [p for p in check(new) if p.severity == "warning"]
    lines = [f"### {md(new.file)}: {md(old_label)} → {md(new_label)}", ""]
    if result.empty:
        lines.append(w._("No change to the philosophy."))
    else:
        customers, handbook, nothing = w._("Customers will see"), w._("Handbook only"), w._("nothing")
        lines += [f"**{customers}**", ""] + (result.public or [f"- {nothing}"])
        lines += ["", f"**{handbook}**", ""] + (result.internal or [f"- {nothing}"])
    if warnings:
        heading = w._("Warnings from the check")
        lines += ["", f"**{heading}**", ""]
        lines += [f"- `{p.line}:{p.column}` {md(p.message)}" + (f" ({md(p.hint)})" if p.hint else "") for p in warnings]
    return "\n".join(lines)


def truncate(text: str, limit: int = LIMIT, lang: str = "en") -> str:
    if len(text) <= limit:
        return text
    w = words(lang)
    lines = text.splitlines()
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit - 300:
            break
        kept.append(line)
        size += len(line) + 1
    rest = len(lines) - len(kept)
    return "\n".join(
        [
            *kept,
            "",
            w.ngettext(
                "… %(num)s more line: see summary-full.md in the run's artifacts.",
                "… %(num)s more lines: see summary-full.md in the run's artifacts.",
                rest,
            ),
        ]
    )


# --- git ------------------------------------------------------------------------------------------


def _git(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd, check=False)
    if result.returncode:
        raise PhilosophyError(
            [
                Problem(
                    "git",
                    0,
                    0,
                    "",
                    f"git {args[0]} failed: {result.stderr.strip()[:300]}",
                    "check the revision name; fetch main first (git fetch origin main)",
                )
            ]
        )
    return result.stdout


def resolve_revision(rev: str, cwd: Path) -> str:
    """A revision name -> its commit id; anything that is not a revision is refused (no options, no shell)."""
    if not rev or rev.startswith("-") or len(rev) > 200 or any(c in rev for c in "\0\n\r"):
        raise PhilosophyError(
            [
                Problem(
                    "BASE",
                    0,
                    0,
                    "",
                    f"{rev[:60]!r} is not a revision",
                    "name a branch, tag or commit, e.g. BASE=origin/main",
                )
            ]
        )
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    if result.returncode:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, cwd=cwd, check=False
        )
        if inside.returncode or inside.stdout.strip() != "true":
            raise PhilosophyError(
                [
                    Problem(
                        str(cwd),
                        0,
                        0,
                        "",
                        "the philosophy file is not in a git repository: there is no earlier version to compare with",
                        "run make summary in the repository that holds the file (git init, commit, then edit)",
                    )
                ]
            )
        raise PhilosophyError(
            [
                Problem(
                    "BASE",
                    0,
                    0,
                    "",
                    f"{rev[:60]!r} is not a revision in this repository",
                    "name a branch, tag or commit, e.g. BASE=origin/main (git fetch origin main)",
                )
            ]
        )
    return result.stdout.strip()


def _default_base(cwd: Path) -> str:
    for ref in ("origin/main", "main"):
        probe = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", ref],
            capture_output=True,
            cwd=cwd,
            check=False,
        )
        if probe.returncode == 0:
            return _git("merge-base", "HEAD", ref, cwd=cwd).strip()
    return "HEAD"


def file_at(rev: str, path: Path, target: Path) -> Path:
    """The file as it was at a commit, written to target."""
    top = Path(_git("rev-parse", "--show-toplevel", cwd=path.parent).strip())
    rel = path.resolve().relative_to(top.resolve()).as_posix()
    target.write_text(_git("show", f"{rev}:{rel}", cwd=top), encoding="utf-8")
    return target


def summary_between(file: Path, base: str | None, head: str | None, lang: str | None) -> str:
    cwd = file.resolve().parent
    base_sha = resolve_revision(base, cwd) if base else resolve_revision(_default_base(cwd), cwd)
    with tempfile.TemporaryDirectory() as tmp:
        old = load(file_at(base_sha, file, Path(tmp) / "base.yml"), f"{file.name}@{base_sha[:12]}")
        if head:
            head_sha = resolve_revision(head, cwd)
            new = load(file_at(head_sha, file, Path(tmp) / "head.yml"), file.name)
            new_label = head_sha[:12]
        else:
            new, new_label = load(file, file.name), "working tree"
        return summarize(old, new, base_sha[:12], new_label, lang)


def run_summary(args: argparse.Namespace) -> int:
    file = Path(args.file or os.environ.get("FILE") or "philosophy.yml")
    base = args.base or os.environ.get("BASE") or None
    full_path = args.full or os.environ.get("SUMMARY_FULL") or None
    try:
        text = summary_between(file, base, args.head, args.lang)
    except PhilosophyError as exc:
        if all(p.file in ("BASE", "git") and not p.line for p in exc.problems):
            for p in exc.problems:  # a revision problem: one line each, the fix in the same line
                print(f"summary: {p.message}; {p.hint}", file=sys.stderr)
        else:
            print(exc, file=sys.stderr)
        return 1
    if full_path:
        Path(full_path).write_text(text + "\n", encoding="utf-8")
    print(truncate(text, lang=args.lang or "en"))
    return 0


__all__ = ["diff", "md", "public_changes", "run_summary", "summarize", "truncate", "word_diff"]
