"""Read philosophy.yml safely into plain data, keeping the position of every key and value.

- Only regular files are read, and their size is checked while reading (not by `stat()`).
- Characters that shift line numbers or hide text (U+2028, U+2029, U+0085, lone CR, control and bidi
  override characters) are refused at their true line and column, as editors count them.
- Scalars follow the YAML 1.2 core schema: `no`, `on`, `yes` are text; `017` is 17; there are no
  sexagesimal numbers and no timestamps (dates are text the model parses); only standard tags.
- libyaml's event stream is built into data in one pass (about 20x faster than pure Python), with
  bounded depth, aliases and alias expansion; aliases are recorded so that the checks can refuse an
  internal text aliased into a public field.
- Every string is normalised to Unicode NFC, so 'å' written as a + ring is the same text everywhere.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import PhilosophyError, Problem, format_path

MAX_BYTES = 20 * 1024 * 1024  # the 1,000-promise benchmark file is ~2 MB
MAX_DEPTH = 40
MAX_NODES = 2_000_000  # counts nodes reached through aliases too: stops alias bombs
MAX_ALIASES = 200
MAX_NUMBER = 100  # characters of an integer: no field takes more, and Python cannot print ints over 4,300 digits

Pos = tuple[int, int]
Loc = tuple[str | int, ...]

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
# Invisible or line-breaking characters editors and diffs do not show as they are.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|\r(?!\n)")
_CHAR_NAMES = {
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
    "\x85": "a next-line character (U+0085)",
    "\r": "a carriage return without a line feed (old Mac line ending)",
    "\ufeff": "a byte-order mark inside the text (U+FEFF)",
    "\x0b": "a vertical tab (U+000B, from a word processor)",
    "\x0c": "a form feed (U+000C)",
    "\x1b": "an escape character (U+001B)",
}


def fail(file: str, line: int, col: int, message: str, hint: str = "", path: str = "") -> PhilosophyError:
    return PhilosophyError([Problem(file, line, col, path, message, hint)])


@dataclass
class Parsed:
    data: dict[str, Any]
    positions: dict[Loc, Pos] = field(default_factory=dict)  # value positions, 1-based
    key_positions: dict[Loc, Pos] = field(default_factory=dict)
    aliases: list[tuple[Loc, Loc]] = field(default_factory=list)  # (where the alias is, where its anchor is)
    text: str = ""


# --- bytes and characters --------------------------------------------------------------------------


def read_bytes(path: Path, display: str) -> bytes:
    """The file's bytes: regular files only, at most MAX_BYTES, never blocking on a FIFO or device, and never
    through a symbolic link that leads out of the file's folder (a pull request could point philosophy.yml
    at /etc/passwd or a credentials file, and error messages quote values)."""
    if path.is_symlink() and not path.resolve().is_relative_to(path.absolute().parent.resolve()):
        raise fail(
            display,
            0,
            0,
            "this is a symbolic link to a file outside its folder",
            "use the philosophy file itself, or a link to a file in the same folder",
        )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise fail(
            display, 0, 0, "this is a folder, not a file", "name the philosophy file, e.g. FILE=philosophy.yml"
        ) from None
    except OSError as exc:
        reason = "it does not exist" if exc.errno == errno.ENOENT else (exc.strerror or str(exc)).lower()
        raise fail(
            display,
            0,
            0,
            f"cannot read the file: {reason}",
            "check the path; run from the repository root or pass FILE=path",
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
            raise fail(display, 0, 0, f"this is {kind}", "name a YAML text file, e.g. FILE=philosophy.yml")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:
                raise fail(
                    display,
                    1,
                    1,
                    f"the file is larger than {MAX_BYTES // 2**20} MB",
                    "a philosophy is a text file of a few hundred kB; remove pasted data",
                )
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _position(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode(raw: bytes, display: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw[1:2] == b"\x00"):
        raise fail(
            display,
            1,
            1,
            "the file is UTF-16, not UTF-8",
            "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)",
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise fail(
            display,
            line,
            offset - (raw.rfind(b"\n", 0, offset) + 1) + 1,
            "the file holds binary data (a NUL byte), not text",
            "philosophy.yml must be a YAML text file; restore it from git",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark at the start is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            display,
            line,
            col,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 (the file looks like Latin-1 or Windows-1252)",
            "save the file as UTF-8; letters such as å, é and ü then load correctly",
        ) from None
    bad = _FORBIDDEN.search(text)
    if bad:
        line, col = _position(text, bad.start())
        raise fail(
            display,
            line,
            col,
            f"the file contains {_char_name(bad.group())}",
            "delete it (it usually comes from pasting from a word processor); use plain line breaks",
            _path_at(text, line, col),
        )
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise fail(display, 1, 1, "the file is empty", "start from a template: make new (or copy an example)")
    return unicodedata.normalize("NFC", text) if not unicodedata.is_normalized("NFC", text) else text


def _char_name(char: str) -> str:
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"a bidirectional control character (U+{ord(char):04X}) that can hide text"
    return _CHAR_NAMES.get(char) or f"the invisible character U+{ord(char):04X}"


def _path_at(text: str, line: int, col: int) -> str:
    """The field path of the key or value at a position, for an error found before parsing ('' if unknown)."""
    builder = _Builder("", escapes=False)
    try:  # the forbidden characters become spaces: same offsets, and no line breaks libyaml counts extra
        builder.build(_events(_FORBIDDEN.sub(" ", text)))
    except (yaml.YAMLError, PhilosophyError):
        return ""
    best: tuple[Pos, Loc] | None = None
    for table in (builder.positions, builder.key_positions):
        for loc, pos in table.items():
            if pos <= (line, col) and (best is None or (pos, len(loc)) > (best[0], len(best[1]))):
                best = (pos, loc)
    return format_path(best[1]) if best else ""


# --- YAML 1.2 core-schema scalars ------------------------------------------------------------------

_MAYBE_NOT_TEXT = frozenset("0123456789+-.~tTfFnN")


def core_scalar(value: str, plain: bool, tag: str | None) -> Any:
    """Resolve a scalar as the YAML 1.2 core schema does."""
    if tag in (None, "!") and not plain:
        return value
    if tag is None and value and value[0] not in _MAYBE_NOT_TEXT:
        return value  # fast path: most scalars are words
    if tag is None or tag == "?":
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if len(value) > MAX_NUMBER and (_INT.match(value) or _OCT.match(value) or _HEX.match(value)):
            raise ValueError(f"this number has {len(value):,} digits: far too large for any field")
        if _INT.match(value):
            return int(value)
        if _OCT.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
        if _FLOAT.match(value):
            return float(value)
        if _INF.match(value) or _NAN.match(value):
            return float(value.replace(".", "", 1))
        return value
    if tag == "!" or tag == "tag:yaml.org,2002:str":
        return value
    resolved = core_scalar(value, True, None)
    expected: dict[str, type | tuple[type, ...]] = {
        "tag:yaml.org,2002:int": int,
        "tag:yaml.org,2002:float": (int, float),
        "tag:yaml.org,2002:bool": bool,
        "tag:yaml.org,2002:null": type(None),
    }
    if not isinstance(resolved, expected[tag]) or (tag == "tag:yaml.org,2002:int" and isinstance(resolved, bool)):
        raise ValueError(f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}")
    if tag == "tag:yaml.org,2002:float":
        return float(resolved)  # type: ignore[arg-type]  # an int or a float, checked just above
    return resolved


# --- events to data ----------------------------------------------------------------------------------

_NO_KEY = object()


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc
    anchor: str | None
    start: Any  # the libyaml mark where the container starts
    key: Any = _NO_KEY
    count: int = 1  # nodes inside, aliases expanded


class _Builder:
    """Plain data from the parser's event stream in one pass, with positions, bounds and aliases."""

    def __init__(self, display: str, escapes: bool = True) -> None:
        self.display = display
        self.escapes = escapes  # refuse forbidden characters written as escapes ("\u2028") in values
        self.positions: dict[Loc, Pos] = {}
        self.key_positions: dict[Loc, Pos] = {}
        self.anchors: dict[str, tuple[Any, int, Loc]] = {}
        self.aliases: list[tuple[Loc, Loc]] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.budget = MAX_NODES
        self.alias_count = 0
        self.documents = 0

    def error(self, mark: Any, message: str, hint: str, loc: Loc = ()) -> PhilosophyError:
        return fail(self.display, mark.line + 1, mark.column + 1, message, hint, format_path(loc))

    def child_loc(self) -> Loc:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.loc, len(frame.container))
        return (*frame.loc, frame.key) if frame.key is not _NO_KEY else frame.loc

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag not in (None, "!") and tag not in CORE_TAGS:
            raise self.error(
                event.start_mark,
                f"the tag {tag} is not allowed",
                "remove the '!tag'; only plain YAML values are read",
                self.child_loc(),
            )
        try:
            value = core_scalar(event.value, event.implicit[0], tag)
        except ValueError as exc:
            raise self.error(
                event.start_mark, str(exc), "remove the tag or correct the value", self.child_loc()
            ) from None
        return value

    def attach(self, value: Any, count: int, mark: Any, source: str = "") -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.count += count
        container, loc = frame.container, frame.loc
        pos = (mark.line + 1, mark.column + 1)
        if isinstance(container, list):
            self.positions.setdefault((*loc, len(container)), pos)
            container.append(value)
        elif frame.key is _NO_KEY:
            self.key(frame, value, mark, source)
        else:
            self.positions.setdefault((*loc, frame.key), pos)
            container[frame.key] = value
            frame.key = _NO_KEY

    def key(self, frame: _Frame, value: Any, mark: Any, source: str) -> None:
        if isinstance(value, (dict, list)) or value is None:
            raise self.error(mark, "this key is not a plain word", "keys are plain words such as 'title:'", frame.loc)
        key = source if isinstance(value, (bool, int, float)) else value
        if key == "<<":
            raise self.error(mark, "merge keys (<<) are not supported", "write the values out", frame.loc)
        if isinstance(key, str) and key[:1] == "\u3000":  # YAML reads it as part of the key, not as indentation
            raise self.error(
                mark,
                "this line is indented with a full-width space (U+3000)",
                "indent with ordinary spaces (switch the input method off for indentation)",
                frame.loc,
            )
        if key in frame.container:
            raise self.error(mark, f"the key {key!r} appears twice", "remove or rename one of them", frame.loc)
        frame.key = key
        self.key_positions[(*frame.loc, key)] = (mark.line + 1, mark.column + 1)

    def build(self, events: Any) -> Any:
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        positions, stack = self.positions, self.stack
        for event in events:
            kind = type(event)
            if kind is scalar_event:
                self.budget -= 1
                try:
                    value = (
                        self.scalar(event)
                        if event.tag is not None
                        else (core_scalar(event.value, event.implicit[0], None))
                    )
                except ValueError as exc:
                    raise self.error(
                        event.start_mark,
                        str(exc),
                        "write the number the field needs, or put the text in quotes",
                        self.child_loc(),
                    ) from None
                if type(value) is str and not value.isascii() and not unicodedata.is_normalized("NFC", value):
                    value = unicodedata.normalize("NFC", value)
                if event.style == '"' and self.escapes and type(value) is str and (escaped := _FORBIDDEN.search(value)):
                    raise self.error(
                        event.start_mark,
                        f"this text contains {_char_name(escaped.group())} (written as an escape)",
                        "delete the escape (\\u…, \\x…, \\L, \\P, \\N, \\e …); use plain line breaks",
                        self.child_loc(),
                    )
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, self.child_loc())
                frame = stack[-1] if stack else None
                if frame is None:
                    self.root = value
                    continue
                frame.count += 1
                container = frame.container
                mark = event.start_mark
                if type(container) is list:
                    positions[(*frame.loc, len(container))] = (mark.line + 1, mark.column + 1)
                    container.append(value)
                elif frame.key is _NO_KEY:
                    self.key(frame, value, mark, event.value)
                else:
                    positions[(*frame.loc, frame.key)] = (mark.line + 1, mark.column + 1)
                    container[frame.key] = value
                    frame.key = _NO_KEY
            elif kind in starts:
                if len(stack) >= MAX_DEPTH:
                    raise self.error(
                        event.start_mark,
                        f"the file nests deeper than {MAX_DEPTH} levels",
                        "a philosophy needs at most 8 levels; check brackets and indentation",
                    )
                if event.tag is not None:
                    allowed = (
                        "!",
                        "tag:yaml.org,2002:map" if kind is yaml.MappingStartEvent else "tag:yaml.org,2002:seq",
                    )
                    if event.tag not in allowed:
                        raise self.error(
                            event.start_mark,
                            f"the tag {event.tag} is not allowed",
                            "remove the '!tag'; only plain YAML values are read",
                            self.child_loc(),
                        )
                new: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
                stack.append(_Frame(new, self.child_loc(), event.anchor, event.start_mark))
            elif kind in ends:
                frame = stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.container, frame.count, frame.loc)
                self.attach(frame.container, frame.count, frame.start)
            elif kind is alias_event:
                self.alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise self.error(
                        event.start_mark,
                        "a second document starts here ('---')",
                        "philosophy.yml is one document: remove this '---' line (and any '...')",
                    )
            if self.budget < 0:
                raise self.error(
                    event.start_mark,
                    "the file holds too many values",
                    "a philosophy is a text file of a few hundred kB",
                )
        return self.root

    def alias(self, event: Any) -> None:
        self.alias_count += 1
        if self.alias_count > MAX_ALIASES:
            raise self.error(
                event.start_mark, f"more than {MAX_ALIASES} aliases (*name)", "write the values out instead of aliasing"
            )
        if event.anchor not in self.anchors:
            raise self.error(
                event.start_mark, f"the alias *{event.anchor} has no anchor", "define &name before using *name"
            )
        value, count, anchor_loc = self.anchors[event.anchor]
        self.budget -= count  # an alias costs what it expands to: this stops alias bombs
        if self.budget < 0:
            raise self.error(
                event.start_mark,
                "the file expands to too many values (an alias bomb?)",
                "remove the anchors (&name) and aliases (*name)",
                self.child_loc(),
            )
        loc = self.child_loc()
        self.aliases.append((loc, anchor_loc))
        self.attach(value, count, event.start_mark)


_Parser: Any = getattr(importlib.import_module("yaml.cyaml"), "CParser", None)  # libyaml, in every PyYAML wheel


def _events(text: str) -> Any:
    if _Parser is not None:
        parser = _Parser(text)
        try:
            while True:
                event = parser.get_event()
                if event is None:
                    return
                yield event
        finally:
            parser.dispose()
    else:  # pragma: no cover - libyaml is in every wheel we install
        yield from yaml.parse(text, Loader=yaml.SafeLoader)


def yaml_error(display: str, text: str, exc: yaml.YAMLError) -> PhilosophyError:
    """One syntax error, once, in words an editor understands, with the fix."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = str(getattr(exc, "context", None) or "")
    mark = problem_mark or context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()

    def source(n: int) -> str:
        return lines[n - 1] if 0 < n <= len(lines) else ""

    here = source(line)[col - 1 : col] if mark else ""
    # Full-width characters typed with an input method look like YAML's own but are text to YAML
    for n in range(max(1, line - 1), line + 1):
        indent = source(n)[: len(source(n)) - len(source(n).lstrip())]
        if "\u3000" in indent:
            return fail(
                display,
                n,
                indent.index("\u3000") + 1,
                "this line is indented with a full-width space (U+3000)",
                "indent with ordinary spaces (switch the input method off for indentation)",
            )
        if (key := _FULL_WIDTH_COLON.match(source(n))) is not None:
            return fail(
                display,
                n,
                len(key.group(1)) + 1,
                "the field name is followed by a full-width colon '：'",
                "write an ordinary colon and a space: 'name: value'",
            )
    if here == "\t" or "tab" in problem.lower():
        return fail(
            display,
            line,
            col,
            "a tab is used for indentation",
            "YAML indents with spaces only: replace the tab with spaces",
        )
    if "mapping values are not allowed" in problem:
        missing = _line_without_colon(lines, line)
        if missing:
            return fail(
                display,
                missing,
                len(source(missing)) - len(source(missing).lstrip()) + 1,
                "this line has no ':' after its field name",
                "write 'name: value' (a colon and a space after the field name)",
            )
        return fail(
            display,
            line,
            col,
            "this line has a ': ' inside a text",
            "put the text in quotes: it contains ': ' (e.g. tip: \"Note: …\")",
        )
    if "could not find expected ':'" in problem and context_mark is not None:
        n = context_mark.line + 1
        return fail(
            display,
            n,
            context_mark.column + 1,
            "this line has no ':' after its field name",
            "write 'name: value'; if the line is a continued text, indent it or put the text in quotes",
        )
    if "found unexpected end of stream" in problem or "found unexpected end of stream" in context:
        start = context_mark or problem_mark
        n = start.line + 1 if start else line
        return fail(
            display,
            n,
            (start.column + 1) if start else col,
            "a quote opened here is never closed",
            'close the quote at the end of the text (" … ")',
        )
    unclosed = _unclosed_quote(lines, line)
    if unclosed and ("did not find expected" in problem or "expected <block end>" in problem):
        return fail(
            display,
            unclosed[0],
            unclosed[1],
            "a quote opened here is never closed",
            "close the quote at the end of the text, or remove it",
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        hint = "this line's indentation does not match the lines above: line it up with its siblings"
        if source(line).lstrip().startswith("- "):
            hint = "a list item ('- …') must be indented like the other items of its list"
        elif source(line).lstrip().startswith(('"', "'")):
            hint = "text after a closing quote: put the whole text inside the quotes"
        return fail(display, line, col, "the structure breaks here", hint)
    if "cannot start any token" in problem:
        char = here or "?"
        return fail(
            display, line, col, f"a text cannot start with {char!r}", f"put the text in quotes: it starts with {char!r}"
        )
    if "found undefined alias" in problem:
        return fail(display, line, col, "an alias (*name) has no anchor", "define &name before using *name")
    if "did not find expected node content" in problem or "did not find expected" in problem:
        return fail(
            display,
            line,
            col,
            "a value is missing or malformed here",
            "check brackets, quotes and commas on this line; quote texts with special characters",
        )
    return fail(
        display,
        line,
        col,
        f"the YAML cannot be read here ({problem})",
        "check indentation and quoting on this line; texts with ': ' or '#' need quotes",
    )


_FULL_WIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w-]*)：")
_OPENS_QUOTE = re.compile(r"""^(\s*(?:-\s+|[^\s:#"'][^:#]*:\s+))(["'])(.*)$""")


def _closes(quote: str, text: str) -> bool:
    if quote == '"':
        return re.search(r'(?<!\\)"', text) is not None
    return re.search(r"'(?!')", text.replace("''", "")) is not None


def _unclosed_quote(lines: list[str], line: int) -> tuple[int, int] | None:
    """Where a quoted text opened that runs on over several lines up to the error (a missing closing quote)."""
    opened: tuple[int, int, str] | None = None
    for n, text in enumerate(lines[:line], 1):
        if opened is None:
            match = _OPENS_QUOTE.match(text)
            if match and not _closes(match.group(2), match.group(3)):
                opened = (n, len(match.group(1)) + 1, match.group(2))
        elif _closes(opened[2], text) and n < line:  # closed before the error line: not the cause,
            found, opened = opened, None  # unless it spans far
            if n - found[0] > 3:
                return found[0], found[1]
    return (opened[0], opened[1]) if opened else None


def _line_without_colon(lines: list[str], line: int) -> int | None:
    """The line before `line` when it is a lone word at the same indentation: a key missing its colon."""
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    n = line - 1
    while n > 0 and not lines[n - 1].strip():
        n -= 1
    if n <= 0:
        return None
    previous = lines[n - 1]
    indent = len(current) - len(current.lstrip())
    prev_indent = len(previous) - len(previous.lstrip())
    bare = previous.strip()
    if prev_indent == indent and ":" not in bare and not bare.startswith(("-", "#", '"', "'")):
        return n
    return None


def parse_text(text: str, display: str) -> Parsed:
    builder = _Builder(display)
    try:
        data = builder.build(_events(text))
    except yaml.YAMLError as exc:
        raise yaml_error(display, text, exc) from None
    builder.positions.setdefault((), (1, 1))
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        raise fail(
            display,
            1,
            1,
            f"the file holds {kind} at the top level, not sections",
            "the file starts with sections such as 'site:', 'statement:' and 'promises:'",
        )
    return Parsed(data, builder.positions, builder.key_positions, builder.aliases, text)


def parse_file(path: Path, display: str) -> Parsed:
    return parse_text(decode(read_bytes(path, display), display), display)
