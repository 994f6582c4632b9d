"""A plain-language Markdown summary of what a change to philosophy.yml means, split into what
customers will see and what only the handbook shows. Meant as the pull-request comment."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .loader import load
from .model import Philosophy
from .problems import PhilosophyError, Problem
from .walk import audience_of

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
KEYED = {"values", "promises", "channels", "personas", "departments"}
NOUN = {"values": "Value", "promises": "Promise", "channels": "Channel", "personas": "Persona",
        "departments": "Department"}


def _name(text: Any, prefer: str = "en") -> str:
    if isinstance(text, dict):
        return text.get(prefer) or next(iter(text.values()))
    return str(text)


def _q(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_q(v) for v in value) or "(none)"
    text = " ".join(str(value).split())
    return f"“{text if len(text) <= 90 else text[:87] + '…'}”" if isinstance(value, str) else text


def _commitment(c: Any, channels: dict[str, Any]) -> tuple[str, str]:
    """(label, value) in plain words: ('E-mail reply', 'within 8h (opening hours)')."""
    ch = _name(channels[c.channel].name) if getattr(c, "channel", None) in channels else getattr(c, "channel", "")
    if c.kind == "reply":
        return f"{ch} reply", f"within {c.within} ({'opening hours' if c.counts == 'opening_hours' else 'calendar time'})"
    if c.kind == "answer":
        return f"{ch} answered", f"within {c.within}"
    if c.kind == "available":
        return f"{ch} availability", "24/7" if c.around_the_clock else "opening hours"
    if c.kind == "returns":
        return "Returns", f"{c.days} days" + (", free" if c.free else "")
    if c.kind == "refund":
        return "Refund", f"within {c.within}"
    return "Commitment", _q(_name(c.text))


def _hours(day: list[tuple[str, str]]) -> str:
    return ", ".join(f"{a}–{b}" for a, b in day) or "closed"


class _Diff:
    def __init__(self, old: Philosophy, new: Philosophy) -> None:
        self.old, self.new = old, new
        self.public: list[str] = []
        self.internal: list[str] = []

    def add(self, public: bool, line: str) -> None:
        (self.public if public else self.internal).append(f"- {line}")

    def run(self) -> None:
        for section in ("site", "statement", "tone", "review"):
            self._fields(getattr(self.old, section), getattr(self.new, section), section.capitalize(),
                         audience_of(Philosophy, section) == "public")
        for section in ("values", "promises", "channels", "personas", "departments"):
            self._keyed(section)
        for section in ("steps_of_service", "inspiration"):
            old, new = getattr(self.old, section), getattr(self.new, section)
            if old != new:
                self.add(False, f"{section.replace('_', ' ').capitalize()} changed ({len(old)} → {len(new)} items)")

    def _keyed(self, section: str) -> None:
        old = {item.id: item for item in getattr(self.old, section)}
        new = {item.id: item for item in getattr(self.new, section)}
        public = audience_of(Philosophy, section) == "public"
        for ident in new.keys() - old.keys():
            self.add(public, f"{NOUN[section]} added: {_q(_name(getattr(new[ident], 'title', None) or new[ident].name))} ({ident})")
        for ident in old.keys() - new.keys():
            self.add(public, f"{NOUN[section]} removed: {_q(_name(getattr(old[ident], 'title', None) or old[ident].name))} ({ident})")
        for ident in [i for i in new if i in old]:
            a, b = old[ident], new[ident]
            if a == b:
                continue
            label = f"{NOUN[section]} {_q(_name(getattr(b, 'title', None) or b.name))}"
            if section == "promises":
                self._commitments(a, b, label)
            if section == "channels":
                for day, (x, y) in enumerate(zip(a.week, b.week)):
                    if x != y:
                        self.add(True, f"{_name(b.name)} hours on {DAY_NAMES[day]}: {_hours(x)} → {_hours(y)}")
            skip = {"commitments", "hours"} if section in ("promises", "channels") else set()
            self._fields(a, b, label, public, skip)

    def _commitments(self, a: Any, b: Any, label: str) -> None:
        channels_old = {c.id: c for c in self.old.channels}
        channels_new = {c.id: c for c in self.new.channels}
        for i in range(max(len(a.commitments), len(b.commitments))):
            x = a.commitments[i] if i < len(a.commitments) else None
            y = b.commitments[i] if i < len(b.commitments) else None
            if x == y:
                continue
            if x is None:
                name, value = _commitment(y, channels_new)
                self.add(True, f"{label}: new commitment: {name} {value}")
            elif y is None:
                name, value = _commitment(x, channels_old)
                self.add(True, f"{label}: commitment dropped: {name} {value}")
            else:
                (n1, v1), (n2, v2) = _commitment(x, channels_old), _commitment(y, channels_new)
                if (n1, v1) != (n2, v2):
                    self.add(True, f"{n2}: {v1} → {v2}" if n1 == n2 else f"{label}: {n1} {v1} → {n2} {v2}")
                if x.note != y.note:
                    self.add(False, f"{label}: note on “{n2}” changed")

    def _fields(self, a: Any, b: Any, label: str, public: bool, skip: set[str] = frozenset()) -> None:
        cls = type(b)
        for field in cls.model_fields:
            if field in skip or field == "id":
                continue
            x, y = getattr(a, field), getattr(b, field)
            if x == y:
                continue
            is_public = public and audience_of(cls, field) == "public"
            name = field.replace("_", " ")
            if isinstance(x, dict) and isinstance(y, dict) and all(isinstance(v, str) for v in [*x.values(), *y.values()]):
                for lang in sorted(set(x) | set(y)):
                    if x.get(lang) != y.get(lang):
                        if lang not in x:
                            self.add(is_public, f"{label}: {name} ({lang}) added: {_q(y[lang])}")
                        elif lang not in y:
                            self.add(is_public, f"{label}: {name} ({lang}) removed")
                        else:
                            self.add(is_public, f"{label}: {name} ({lang}) reworded: {_q(x[lang])} → {_q(y[lang])}")
            elif isinstance(x, list) or isinstance(y, list):
                added = [v for v in y if v not in x]
                removed = [v for v in x if v not in y]
                parts = ([f"{len(added)} added"] if added else []) + ([f"{len(removed)} removed"] if removed else [])
                self.add(is_public, f"{label}: {name} changed ({', '.join(parts) or 'reordered'})")
            elif hasattr(x, "model_fields") and hasattr(y, "model_fields"):
                self._fields(x, y, f"{label} {name}", is_public)
            else:
                self.add(is_public, f"{label}: {name}: {_q(x)} → {_q(y)}")


def summarize(old: Philosophy, new: Philosophy, old_label: str, new_label: str) -> str:
    diff = _Diff(old, new)
    diff.run()
    lines = [f"### philosophy.yml: {old_label} → {new_label}", ""]
    if not diff.public and not diff.internal:
        return "\n".join(lines + ["No change to the philosophy."])
    lines += ["**Customers will see**", ""] + (diff.public or ["- nothing"])
    lines += ["", "**Handbook only**", ""] + (diff.internal or ["- nothing"])
    return "\n".join(lines)


def summarize_files(old: Path, new: Path, old_label: str, new_label: str) -> str:
    return summarize(load(old, old_label).model, load(new, new_label).model, old_label, new_label)


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    if result.returncode:
        raise PhilosophyError([Problem("git", 0, 0, "", f"git {' '.join(args)} failed: {result.stderr.strip()}",
                                       "check the revision name; fetch main first (git fetch origin main)")])
    return result.stdout


def summary_between_revisions(file: str, base: str | None, head: str | None) -> str:
    if base is None:
        base = next((_git("merge-base", "HEAD", ref).strip() for ref in ("origin/main", "main")
                     if subprocess.run(["git", "rev-parse", "--verify", "-q", ref], capture_output=True).returncode == 0),
                    "HEAD")
    with tempfile.TemporaryDirectory() as tmp:
        old_path = Path(tmp) / "base.yml"
        old_path.write_text(_git("show", f"{base}:{file}"), encoding="utf-8")
        if head is None:
            new_path, new_label = Path(file), "working tree"
        else:
            new_path, new_label = Path(tmp) / "head.yml", head
            new_path.write_text(_git("show", f"{head}:{file}"), encoding="utf-8")
        return summarize_files(old_path, new_path, base[:12], new_label)


__all__ = ["summarize", "summarize_files", "summary_between_revisions"]
