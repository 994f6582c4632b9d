"""Which export files there are, what kind of contacts each holds and which of its columns we read.

An export is a CSV or Parquet file in the metrics folder next to philosophy.yml. Its layout is
recognised by its header, or set by a mapping in `metrics.mappings`:

- written contacts: `channel`, `received_at`, `replied_at`;
- calls and chats: `channel`, `queued_at`, `answered_at` (and, when the file has it, `abandoned_at`);
- Zendesk's ticket export: `Via`, `Created at`, `First reply time in minutes` (and `Updated at`);
- any other tool: a mapping names the export's columns for ours.

Only those columns are ever read. Ticket ids, subjects, descriptions, requester names and e-mail
addresses are never selected, so they cannot reach a page.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..problems import PhilosophyError, Problem, format_path

if TYPE_CHECKING:
    from ..loader import Loaded
    from ..model import Philosophy

WRITTEN, CALLS = "written", "calls"
SUFFIXES = (".csv", ".csv.gz", ".parquet", ".pq")
# Our fields for each kind: (start, end) of the elapsed time, and what ends a call without an answer.
START = {WRITTEN: "received_at", CALLS: "queued_at"}
END = {WRITTEN: "replied_at", CALLS: "answered_at"}
GAVE_UP = "abandoned_at"
REQUIRED = {WRITTEN: ("channel", "received_at", "replied_at"), CALLS: ("channel", "queued_at", "answered_at")}

# Zendesk Support's ticket export (Admin Center > Account > Tools > Reports > Export, CSV), in its own
# column names. The export has no "first replied at" time: the reply time is `Created at` plus
# `First reply time in minutes` (calendar minutes). Zendesk's "... within business hours" figures are
# not used: elapsed opening hours are counted against philosophy.yml's own calendar.
ZENDESK = {
    "channel": "Via",
    "received_at": "Created at",
    "reply_minutes": "First reply time in minutes",
    "updated_at": "Updated at",
}
# Zendesk's "Via" values that name a kind of channel: used when exactly one channel has that kind.
ZENDESK_VIA_KINDS = {
    "mail": "email",
    "email": "email",
    "e-mail": "email",
    "web form": "form",
    "web": "form",
    "chat": "chat",
    "native messaging": "messaging",
    "messaging": "messaging",
    "whatsapp": "messaging",
    "sms": "sms",
    "text": "sms",
}
_GLOB = re.compile(r"[*?\[\]{}]")


@dataclass
class Source:
    """One export file and how to read it."""

    index: int
    path: Path  # resolved
    name: str  # relative to the philosophy file's folder, posix: shown in reports
    reader: str  # 'csv' | 'parquet'
    kind: str  # WRITTEN | CALLS
    layout: str  # 'columns' | 'zendesk'
    columns: dict[str, str]  # our field -> the file's column (only fields it has)
    types: dict[str, str]  # the file's column -> DuckDB type
    channels: dict[str, str]  # the export's channel value -> our channel id ({} = values are our ids)
    fold_case: bool = False  # channel values match case-insensitively (Zendesk's Via)
    exported_at: dt.datetime | None = None  # from a mapping; else the file's latest time
    mapping: int | None = None
    rows: int = 0
    bad: int = 0
    latest_us: int | None = None  # the file's latest valid time (µs since the epoch, UTC)
    earliest_us: int | None = None
    bad_codes: dict[int, int] = field(default_factory=dict)

    @property
    def export_us(self) -> int | None:
        if self.exported_at is not None:
            return int(self.exported_at.timestamp()) * 1_000_000
        return self.latest_us

    def column(self, ours: str) -> str:
        return self.columns.get(ours, ours)


def _problem(loaded: Loaded, loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
    line, col = loaded.where(loc)
    return Problem(loaded.file, line, col, format_path(loc), message, hint)


def folder_of(loaded: Loaded) -> Path:
    """The metrics folder, refused unless it stays inside the philosophy file's folder."""
    raw = loaded.model.metrics.folder
    base = loaded.folder
    pure = PurePosixPath(raw.replace("\\", "/"))
    bad = (
        not raw.strip()
        or pure.is_absolute()
        or re.match(r"^[A-Za-z]:", raw) is not None
        or ".." in pure.parts
        or raw.startswith("~")
    )
    folder = (base / raw).resolve()
    if bad or not (folder == base or base in folder.parents):
        raise PhilosophyError(
            [
                _problem(
                    loaded,
                    ("metrics", "folder"),
                    f"the metrics folder {raw!r} is outside the folder of the philosophy file",
                    "name a folder next to philosophy.yml, e.g. 'metrics' (no '..', no absolute path, no link "
                    "leading out)",
                )
            ]
        )
    return folder


def export_files(loaded: Loaded) -> list[Path]:
    """Export files in the metrics folder (none when the folder does not exist), in name order."""
    folder = folder_of(loaded)
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.name.lower().endswith(SUFFIXES):
            continue
        if not path.is_file():
            continue
        real = path.resolve()
        if not (folder == real.parent or folder in real.parents):
            raise PhilosophyError(
                [
                    Problem(
                        str(rel),
                        0,
                        0,
                        "",
                        "the export file is a link leading out of the metrics folder",
                        "copy the file into the folder instead",
                    )
                ]
            )
        out.append(path)
    return out


def _matches(pattern: str, rel: str) -> bool:
    if "/" in pattern:
        return fnmatch.fnmatchcase(rel, pattern)
    return fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern)


def _check_pattern(loaded: Loaded, index: int, pattern: str) -> None:
    pure = PurePosixPath(pattern)
    if pure.is_absolute() or ".." in pure.parts or not pattern.strip():
        raise PhilosophyError(
            [
                _problem(
                    loaded,
                    ("metrics", "mappings", index, "files"),
                    f"the file pattern {pattern!r} reaches outside the metrics folder",
                    "write a pattern inside the folder, e.g. 'freshdesk-*.csv'",
                )
            ]
        )


def _end_of_day(day: dt.date, zone: str) -> dt.datetime:
    """A mapping's exported_at is a date: the export counts as taken at the end of that day (site time)."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), ZoneInfo(zone)).astimezone(dt.UTC)


def _zendesk_header(names: set[str]) -> bool:
    return {ZENDESK["channel"], ZENDESK["received_at"], ZENDESK["reply_minutes"]} <= names


def zendesk_channels(model: Philosophy) -> dict[str, str]:
    """Zendesk's Via values -> our channel ids, where a value names a channel id or a kind only one channel has."""
    out: dict[str, str] = {c.id: c.id for c in model.channels}
    by_kind: dict[str, list[str]] = {}
    for c in model.channels:
        by_kind.setdefault(c.kind, []).append(c.id)
    for via, kind in ZENDESK_VIA_KINDS.items():
        ids = by_kind.get(kind, [])
        if len(ids) == 1 and via not in out:
            out[via] = ids[0]
    return out


def describe(con: Any, path: Path, reader: str) -> dict[str, str]:
    """The file's column names and DuckDB types, without reading its rows."""
    rows = con.execute(f"DESCRIBE SELECT * FROM {read_sql(path, reader)}").fetchall()  # noqa: S608 - lit() path
    return {str(r[0]): str(r[1]) for r in rows}


def read_sql(path: Path, reader: str, rejects: str | None = None, row_numbers: bool = False) -> str:
    """The table function that reads one file (every CSV value as text, so we judge each one ourselves);
    Parquet's row numbers only when asked for (they cost a column on every row)."""
    where = lit(str(path))
    if reader == "parquet":
        return f"read_parquet({where}, file_row_number = true)" if row_numbers else f"read_parquet({where})"
    extra = (
        f", store_rejects = true, rejects_table = {lit(rejects)}, rejects_scan = {lit(rejects + '_scan')}"
        if rejects
        else ", store_rejects = true"
    )
    return f"read_csv({where}, header = true, all_varchar = true, auto_detect = true{extra})"


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sources(loaded: Loaded, con: Any, files: list[Path]) -> list[Source]:
    """Classify every export file: kind, layout, columns and channel map. Raises PhilosophyError for
    a file nobody can read (a header we do not know, a mapping naming a column the file lacks)."""
    model = loaded.model
    cfg = model.metrics
    folder = folder_of(loaded)
    for i, mapping in enumerate(cfg.mappings):
        _check_pattern(loaded, i, mapping.files)
    problems: list[Problem] = []
    out: list[Source] = []
    for path in files:
        rel = path.relative_to(folder).as_posix()
        reader = "parquet" if path.name.lower().endswith((".parquet", ".pq")) else "csv"
        if _GLOB.search(str(path)):
            problems.append(
                Problem(
                    rel,
                    0,
                    0,
                    "",
                    "the file name contains a wildcard character (* ? [ ] { })",
                    "rename the file, e.g. 'tickets-2026-10.csv'",
                )
            )
            continue
        try:
            types = describe(con, path, reader)
        except Exception as exc:  # DuckDB's own error types; the message names the file, never its rows
            problems.append(
                Problem(
                    rel,
                    1,
                    0,
                    "",
                    f"the file cannot be read as {reader.upper()}: {type(exc).__name__}",
                    "export it again as UTF-8 CSV with a header row, or as Parquet",
                )
            )
            continue
        types.pop("file_row_number", None)
        names = set(types)
        index = next((i for i, m in enumerate(cfg.mappings) if _matches(m.files, rel)), None)
        shown = path.relative_to(loaded.folder).as_posix() if loaded.folder in path.parents else rel
        source = Source(len(out), path, shown, reader, WRITTEN, "columns", {}, types, {})
        if index is not None:
            mapping = cfg.mappings[index]
            loc: tuple[str | int, ...] = ("metrics", "mappings", index)
            layout = getattr(mapping, "format", "columns")
            source.kind, source.layout, source.mapping = mapping.kind, layout, index
            if layout == "zendesk":
                if mapping.kind != WRITTEN:
                    problems.append(
                        _problem(
                            loaded,
                            (*loc, "kind"),
                            "a Zendesk ticket export holds written contacts",
                            "write 'kind: written' for a Zendesk mapping",
                        )
                    )
                    continue
                source.columns = {**ZENDESK, **{str(k): v for k, v in mapping.columns.items()}}
                source.fold_case = not mapping.channels
                source.channels = {k.lower(): v for k, v in (mapping.channels or zendesk_channels(model)).items()}
            else:
                source.columns = {str(k): v for k, v in mapping.columns.items()}
                source.channels = dict(mapping.channels)
                missing = [f for f in REQUIRED[mapping.kind] if f not in source.columns]
                if missing:
                    problems.append(
                        _problem(
                            loaded,
                            (*loc, "columns"),
                            f"the mapping for {mapping.files!r} "
                            f"does not name the export's column for {', '.join(missing)}",
                            "add e.g. '" + missing[0] + ": <the export's column name>'",
                        )
                    )
                    continue
            if mapping.exported_at is not None:
                source.exported_at = _end_of_day(mapping.exported_at, model.site.timezone)
            absent = [c for f, c in source.columns.items() if c not in names and f not in ("updated_at", GAVE_UP)]
            if absent:
                shown = ", ".join(sorted(names)[:30])
                problems.append(
                    _problem(
                        loaded,
                        (*loc, "columns"),
                        f"{rel} has no column {', '.join(repr(a) for a in absent)}",
                        f"the file's columns are: {shown}",
                    )
                )
                continue
        elif set(REQUIRED[WRITTEN]) <= names:
            source.kind, source.columns = WRITTEN, {f: f for f in REQUIRED[WRITTEN]}
        elif set(REQUIRED[CALLS]) <= names:
            source.kind, source.columns = CALLS, {f: f for f in (*REQUIRED[CALLS], GAVE_UP) if f in names}
        elif _zendesk_header(names):
            source.kind, source.layout, source.fold_case = WRITTEN, "zendesk", True
            source.columns = {k: v for k, v in ZENDESK.items() if v in names}
            source.channels = {k.lower(): v for k, v in zendesk_channels(model).items()}
        else:
            problems.append(
                Problem(
                    rel,
                    1,
                    0,
                    "",
                    "the export's columns are not recognised",
                    "written contacts need the columns channel, received_at, replied_at; calls "
                    "and chats need channel, queued_at, answered_at; a Zendesk ticket export needs "
                    "Via, Created at, First reply time in minutes; for any other tool add a "
                    "mapping under metrics.mappings",
                )
            )
            continue
        if source.layout == "columns" and source.kind == CALLS and GAVE_UP not in source.columns and GAVE_UP in names:
            source.columns[GAVE_UP] = GAVE_UP
        source.columns = {f: c for f, c in source.columns.items() if c in names}
        out.append(source)
    if problems:
        raise PhilosophyError(problems)
    return out
