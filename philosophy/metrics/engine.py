"""The DuckDB engine: read every export once, judge every row, and aggregate in SQL.

1. Each file is read (CSV as text, Parquet as typed) into one compact table per kind of contact: the
   file, a verdict code per row (0 = usable), our channel's index, and the times as microseconds
   since the epoch (UTC). Only the columns we use are read.
2. Verdicts are counted per file; the first bad rows are looked up again with their row numbers (only
   for files that have bad rows).
3. Usable rows are joined to the opening-time day tables (tables.py) and the site's clock, once for
   the contact's start and once for its end (the reply, the answer, the hang-up, or the export's time
   when nothing happened), giving elapsed calendar and opening time per contact. Two aggregations
   follow: per channel and local month (counts and quantiles), and per channel, local day and hour
   (counts, for the handbook's heatmap and worst days).

Nothing here loops over contacts in Python. The same SQL runs over Parquet files a warehouse writes.

SQL is composed as text from our own integers, string literals escaped by `lit()` and column names
quoted by `ident()`: no value from an export or from philosophy.yml is pasted in unquoted (hence S608).
"""
# ruff: noqa: S608

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .sources import CALLS, END, GAVE_UP, START, Source, ident, lit, read_sql
from .tables import DAY, HOUR, MINUTE

# Verdict codes of a row (0 = usable). Their messages are in figures.py.
OK, CHANNEL, START_EMPTY, START_TIME, START_OFFSET, END_TIME, END_OFFSET, END_ORDER = range(8)
GAVE_UP_TIME, GAVE_UP_OFFSET, GAVE_UP_ORDER, MINUTES, AFTER_EXPORT, UNREADABLE = range(8, 14)
FIRST_BAD = 10  # bad rows listed per file with their row numbers (all of them are counted)


def memory_limit() -> str:
    return os.environ.get("PHILOSOPHY_METRICS_MEMORY", "1GB")


@contextmanager
def connect(threads: int | None = None) -> Iterator[Any]:
    """An embedded DuckDB with a memory limit, a private spill folder, no extension downloads, UTC."""
    import duckdb

    spill = tempfile.mkdtemp(prefix="philosophy-metrics-")
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": threads or max(1, min(2, os.cpu_count() or 1)),
            "memory_limit": memory_limit(),
            "temp_directory": spill,
            "preserve_insertion_order": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        },
    )
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET enable_progress_bar = false")
        yield con
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


# --- reading and judging one file ------------------------------------------------------------------


@dataclass(frozen=True)
class Time:
    """SQL over one raw time column (by its alias): is it filled; its instant in µs (the fast cast, which
    also accepts a time without an offset, taking it as UTC); whether the value is a time *with* a UTC
    offset (referring to the instant's own column `v`); and, for a failing value, whether it is a time
    without an offset (evaluated only for failing rows)."""

    present: str
    value: str
    valid: str
    no_offset: str


def _offset_shape(x: str) -> str:
    """A date, 'T' or a space, a time, and a UTC offset: Z, ±hh:mm, ±hhmm or ±hh ('Z' is tested first:
    most exports write UTC, and the cheap test spares the others)."""
    return (
        f"(ends_with({x}, 'Z') OR (strlen({x}) >= 16 AND substr({x}, 11, 1) IN ('T', ' ') AND "
        f"(substr({x}, -6, 1) IN ('+', '-') OR substr({x}, -5, 1) IN ('+', '-') OR "
        f"substr({x}, -3, 1) IN ('+', '-'))))"
    )


def time_sql(alias: str, typ: str | None, v: str) -> Time:
    """`alias` is the raw column, `v` the name its instant gets one level up."""
    t = (typ or "VARCHAR").upper()
    if t in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"):
        return Time(f"({alias} IS NOT NULL)", f"epoch_us({alias})", f"({v} IS NOT NULL)", "false")
    if t.startswith("TIMESTAMP") or t == "DATE":  # the file's type has no UTC offset
        return Time(f"({alias} IS NOT NULL)", "CAST(NULL AS BIGINT)", "false", "true" if t != "DATE" else "false")
    x = alias if t == "VARCHAR" else f"CAST({alias} AS VARCHAR)"
    shape = _offset_shape(x)
    # NULLIF: an empty cell is no time, and a failing TRY_CAST is far slower than a NULL
    return Time(
        f"({alias} IS NOT NULL AND {x} <> '')",
        f"epoch_us(TRY_CAST(NULLIF({x}, '') AS TIMESTAMPTZ))",
        f"({v} IS NOT NULL AND {shape})",
        f"(NOT {shape} AND TRY_CAST({x} AS TIMESTAMP) IS NOT NULL)",
    )


def channel_sql(source: Source, channel_ids: Sequence[str]) -> str:
    """The row's channel as the index of our channel id (NULL: unknown)."""
    index = {c: i for i, c in enumerate(channel_ids)}
    column = ident(source.column("channel"))
    if source.channels:
        pairs = [(value, index[target]) for value, target in source.channels.items() if target in index]
    else:
        pairs = list(index.items())
    if not pairs:
        return "NULL::SMALLINT"
    subject = f"lower(trim({column}))" if source.fold_case else column
    whens = " ".join(f"WHEN {lit(value)} THEN {i}" for value, i in sorted(pairs))
    return f"CAST(CASE {subject} {whens} END AS SMALLINT)"


def _spaced(column: str) -> str:
    """'2026-10-01 08:00:00 +0200' (as some help desks write) -> '2026-10-01 08:00:00+0200'."""
    return f"regexp_replace(CAST({column} AS VARCHAR), ' ([+-][0-9][0-9]:?[0-9][0-9])$', '\\1')"


def coded_sql(source: Source, channel_ids: Sequence[str], rejects: str | None = None, row_numbers: bool = False) -> str:
    """Every row of the file: its verdict code, channel index and times (µs). Columns: [r,] ch, v0
    (start), v1 (reply or answer), v2 (hang-up), vx (a later time the export knows of), code."""
    zendesk = source.layout == "zendesk"
    cols, types = source.columns, source.types
    start_col = cols["received_at"] if zendesk else cols[START[source.kind]]
    end_col = None if zendesk else cols.get(END[source.kind])
    gave_col = cols.get(GAVE_UP) if source.kind == CALLS else None
    extra_col = cols.get("updated_at") if zendesk else None
    minutes_col = cols.get("reply_minutes") if zendesk else None

    def raw(column: str | None, spaced: bool = False) -> str:
        if column is None:
            return "NULL"
        return _spaced(ident(column)) if spaced else ident(column)

    def typ(column: str | None) -> str | None:
        return "VARCHAR" if zendesk else types.get(column or "")

    row = ""
    if row_numbers:
        row = (
            "CAST(file_row_number + 1 AS BIGINT) AS r, "
            if source.reader == "parquet"
            else "CAST(row_number() OVER () AS BIGINT) AS r, "
        )
    read = (
        f"SELECT {row}{channel_sql(source, channel_ids)} AS ch, {ident(source.column('channel'))} AS s_ch, "
        f"{raw(start_col, zendesk)} AS s0, "
        f"{raw(end_col)} AS s1, {raw(gave_col)} AS s2, {raw(extra_col, True)} AS sx, "
        f"{raw(minutes_col)} AS m FROM {read_sql(source.path, source.reader, rejects)}"
    )
    t0, t2 = time_sql("s0", typ(start_col), "v0"), time_sql("s2", typ(gave_col), "v2")
    tx = time_sql("sx", "VARCHAR", "vx")
    if zendesk:
        t1 = Time(
            "(m IS NOT NULL AND CAST(m AS VARCHAR) <> '')",
            f"(v0 + CAST(round(TRY_CAST(m AS DOUBLE) * {MINUTE}) AS BIGINT))",
            "true",
            "false",
        )
    else:
        t1 = time_sql("s1", typ(end_col), "v1")
    null = "CAST(NULL AS BIGINT)"
    end_value = "" if zendesk else f"{t1.value if end_col else null} AS v1, "
    later = f"CASE WHEN {tx.present} AND {_offset_shape('sx')} THEN {tx.value} END" if extra_col else null
    values = (
        f"SELECT *, {t0.value} AS v0, {end_value}{t2.value if gave_col else null} AS v2, {later} AS vx FROM ({read})"
    )
    # Zendesk's reply time is the creation time plus minutes: one level up, where v0 exists
    with_end = f"SELECT *, {t1.value} AS v1 FROM ({values})" if zendesk else values
    checks = [
        ("ch IS NULL", str(CHANNEL)),
        (f"NOT {t0.present}", str(START_EMPTY)),
        (f"NOT {t0.valid}", f"CASE WHEN {t0.no_offset} THEN {START_OFFSET} ELSE {START_TIME} END"),
    ]
    if zendesk:
        checks.append((f"{t1.present} AND (TRY_CAST(m AS DOUBLE) IS NULL OR TRY_CAST(m AS DOUBLE) < 0)", str(MINUTES)))
    elif end_col:
        checks.append(
            (f"{t1.present} AND NOT {t1.valid}", f"CASE WHEN {t1.no_offset} THEN {END_OFFSET} ELSE {END_TIME} END")
        )
        checks.append(("v1 < v0", str(END_ORDER)))
    if gave_col:
        checks.append(
            (
                f"{t2.present} AND NOT {t2.valid}",
                f"CASE WHEN {t2.no_offset} THEN {GAVE_UP_OFFSET} ELSE {GAVE_UP_TIME} END",
            )
        )
        checks.append(("v2 < v0", str(GAVE_UP_ORDER)))
    if source.exported_at is not None:
        export_us = int(source.exported_at.timestamp()) * 1_000_000
        checks.append((f"greatest(v0, coalesce(v1, v0), coalesce(v2, v0)) > {export_us}", str(AFTER_EXPORT)))
    code = "CASE " + " ".join(f"WHEN {w} THEN {t}" for w, t in checks) + f" ELSE {OK} END"
    keep = "r, CAST(s_ch AS VARCHAR) AS s_ch, " if row_numbers else ""
    return f"SELECT {keep}ch, v0, v1, v2, vx, CAST({code} AS TINYINT) AS code FROM ({with_end})"


def table_columns(sources: Sequence[Source]) -> tuple[str, ...]:
    """The time columns a kind's table needs: a hang-up time only for calls files that have one, a later
    known time only for Zendesk files (columns that would always be NULL are not stored)."""
    out = ["t0", "t1"]
    if any(s.kind == CALLS and GAVE_UP in s.columns for s in sources):
        out.append("t2")
    if any(s.layout == "zendesk" and "updated_at" in s.columns for s in sources):
        out.append("tx")
    return tuple(out)


def col(name: str, present: Sequence[str]) -> str:
    return name if name in present else "CAST(NULL AS BIGINT)"


def load(con: Any, table: str, sources: Sequence[Source], channel_ids: Sequence[str]) -> tuple[str, ...]:
    """Read and judge every file of one kind into `table` (f, code, ch and the time columns); the CSV
    reader's rejected lines go to a rejects table per file. Returns the time columns stored."""
    present = table_columns(sources)
    names = {"t0": "v0", "t1": "v1", "t2": "v2", "tx": "vx"}
    times = ", ".join(f"{names[c]} AS {c}" for c in present)
    parts = [
        f"SELECT CAST({s.index} AS USMALLINT) AS f, code, ch, {times} "
        f"FROM ({coded_sql(s, channel_ids, rejects=f'rejects_{s.index}')})"
        for s in sources
    ]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS " + " UNION ALL ".join(parts))
    return present


def rejected_lines(con: Any, source: Source) -> list[int]:
    """Line numbers of CSV lines the reader could not split into the header's columns."""
    if source.reader != "csv":
        return []
    try:
        rows = con.execute(f"SELECT DISTINCT line FROM rejects_{source.index} ORDER BY line").fetchall()
    except Exception:  # no rejects table: nothing was rejected
        return []
    return [int(r[0]) for r in rows]


def verdicts(con: Any, table: str, present: Sequence[str]) -> list[tuple[int, int, int, int | None, int | None]]:
    """(file, code, rows, earliest start, latest time) per file and verdict."""
    later = ", ".join(f"coalesce({c}, t0)" for c in present if c != "t0")
    rows = con.execute(f"""
        SELECT f, code, count(*), min(t0), max(greatest(t0, {later}))
        FROM {table} GROUP BY f, code ORDER BY f, code""").fetchall()
    return [(int(f), int(c), int(n), lo, hi) for f, c, n, lo, hi in rows]


def first_bad(
    con: Any, source: Source, channel_ids: Sequence[str], limit: int = FIRST_BAD
) -> list[tuple[int, int, str | None]]:
    """(row, code, the channel value when it is unknown) of the first bad rows in file order. Run only
    for files with bad rows: an ordered scan that stops at the `limit`-th bad row."""
    sql = coded_sql(source, channel_ids, row_numbers=True)
    con.execute("SET preserve_insertion_order = true")
    try:
        rows = con.execute(
            f"SELECT r, code, CASE WHEN code = {CHANNEL} THEN s_ch END FROM ({sql}) WHERE code <> 0 LIMIT {int(limit)}"
        ).fetchall()
    finally:
        con.execute("SET preserve_insertion_order = false")
    return sorted((int(r), int(c), v) for r, c, v in rows)


# --- elapsed time and aggregates -------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """How one commitment judges a contact of its channel: opening hours or calendar time, and the
    time allowed (µs)."""

    counts: str  # 'opening_hours' | 'calendar'
    within: int


def _open_at(alias: str, t: str, k: int) -> str:
    parts = " + ".join(f"greatest(0, least({t} - {alias}.s{i}, {alias}.e{i} - {alias}.s{i}))" for i in range(1, k + 1))
    return f"({alias}.base + {parts})"


def _values_table(con: Any, name: str, columns: Sequence[str], rows: Sequence[Sequence[int]]) -> None:
    """A small temp table of integers from one VALUES statement (the values are ints we made, not data)."""
    names = ", ".join(columns)
    if not rows:
        cols = ", ".join(f"{c} BIGINT" for c in columns)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({cols})")
        return
    values = ", ".join("(" + ", ".join(str(int(v)) for v in row) + ")" for row in rows)
    casts = ", ".join(f"CAST({c} AS BIGINT) AS {c}" for c in columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {casts} FROM (VALUES {values}) AS t({names})")


def create_day_tables(
    con: Any, k: int, open_rows: Sequence[tuple[int, ...]], site: Sequence[tuple[int, int, int, int]]
) -> None:
    """open_days (ch, day, base, s1, e1, …, sK, eK) and site_days (day, off_a, change, off_b)."""
    columns = ["ch", "day", "base", *(f"{x}{i}" for i in range(1, k + 1) for x in ("s", "e"))]
    _values_table(con, "open_days", columns, open_rows)
    _values_table(con, "site_days", ["day", "off_a", "change", "off_b"], site)


def create_contacts(
    con: Any,
    table: str,
    present: Sequence[str],
    *,
    k: int,
    slots: Sequence[dict[int, Rule]],
    exports: dict[int, int],
    since: int,
) -> None:
    """`contacts`: one narrow row per usable contact of a measured channel, with the site's local day and
    hour of its start and, per slot (the 1st, 2nd … commitment on the row's channel), its verdict
    (1 kept, 2 missed, 3 left out) and, when answered, its elapsed time (µs). The joins to the day
    tables run once; both aggregations read this table."""
    export_case = "CASE f " + " ".join(f"WHEN {f} THEN {x}" for f, x in sorted(exports.items())) + " END"
    channels = sorted({ch for slot in slots for ch in slot})
    open_elapsed = f"({_open_at('d1', 'te', k)} - {_open_at('d0', 't0', k)})"
    columns = []
    for j, slot in enumerate(slots):
        elapsed = (
            "CASE c.ch "
            + " ".join(
                f"WHEN {ch} THEN {open_elapsed if rule.counts == 'opening_hours' else '(te - t0)'}"
                for ch, rule in sorted(slot.items())
            )
            + " END"
        )
        within = "CASE c.ch " + " ".join(f"WHEN {ch} THEN {rule.within}" for ch, rule in sorted(slot.items())) + " END"
        columns.append(f"{elapsed} AS e{j}, {within} AS w{j}")
    verdicts = [
        f"CAST(CASE WHEN e{j} IS NULL THEN NULL WHEN e{j} > w{j} THEN 2 WHEN answered THEN 1 ELSE 3 END "
        f"AS UTINYINT) AS st{j}, CASE WHEN answered THEN e{j} END AS e{j}"
        for j in range(len(slots))
    ]
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE contacts AS
    WITH c AS (
        SELECT f, ch, t0, t1 IS NOT NULL AS answered,
               coalesce(t1, {col("t2", present)}, CAST({export_case} AS BIGINT)) AS te
        FROM {table} WHERE code = 0 AND ch IN ({", ".join(map(str, channels)) or "NULL"}) AND t0 >= {since}
    ), e AS (
        SELECT c.f, c.ch, c.answered, c.t0 + CASE WHEN c.t0 < z.change THEN z.off_a ELSE z.off_b END AS lt,
               {", ".join(columns)}
        FROM c
        LEFT JOIN open_days d0 ON d0.ch = c.ch AND d0.day = c.t0 // {DAY}
        LEFT JOIN open_days d1 ON d1.ch = c.ch AND d1.day = c.te // {DAY}
        LEFT JOIN site_days z ON z.day = c.t0 // {DAY}
    )
    SELECT CAST(ch AS SMALLINT) AS ch, CAST(f AS USMALLINT) AS f, CAST(lt // {DAY} AS INTEGER) AS lday,
           CAST((lt % {DAY}) // {HOUR} AS UTINYINT) AS hr, {", ".join(verdicts)}
    FROM e""")


def _counts(slots: int) -> str:
    return ", ".join(
        f"count_if(st{j} = 1) AS kept{j}, count_if(st{j} = 2) AS missed{j}, "
        f"count_if(st{j} = 3) AS out{j}, count_if(st{j} IS NULL) AS none{j}"
        for j in range(slots)
    )


def _month_of_day(day: str) -> str:
    """Month index (year * 12 + month - 1) of a day number since 1970-01-01, in integer arithmetic
    (the civil-from-days algorithm), without date functions."""
    z = f"({day} + 719468)"
    era = f"({z} // 146097)"
    doe = f"({z} - {era} * 146097)"
    yoe = f"(({doe} - {doe} // 1460 + {doe} // 36524 - {doe} // 146096) // 365)"
    doy = f"({doe} - (365 * {yoe} + {yoe} // 4 - {yoe} // 100))"
    mp = f"((5 * {doy} + 2) // 153)"
    month = f"({mp} + 3 - 12 * ({mp} // 10))"
    year = f"({yoe} + {era} * 400 + CASE WHEN {month} <= 2 THEN 1 ELSE 0 END)"
    return f"({year} * 12 + {month} - 1)"


def month_figures(con: Any, slots: int, exports: dict[int, int]) -> list[dict[str, Any]]:
    """Per channel and local month: counts per slot, median and 90th percentile of the answered
    contacts' elapsed time, the latest export time, and rows without a verdict (noneN; see compute)."""
    export_case = "CASE f " + " ".join(f"WHEN {f} THEN {x}" for f, x in sorted(exports.items())) + " END"
    quantiles = ", ".join(f"quantile_disc(e{j}, [0.5, 0.9]) AS q{j}" for j in range(slots))
    cur = con.execute(f"""
        SELECT ch, mon, count(*) AS n, {_counts(slots)}, {quantiles}, max({export_case}) AS xu
        FROM (SELECT *, {_month_of_day("lday")} AS mon FROM contacts)
        GROUP BY ch, mon ORDER BY ch, mon""")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def cell_figures(con: Any, slots: int) -> list[dict[str, Any]]:
    """Per channel, local day and hour: counts per slot (for the heatmap and the worst days)."""
    cur = con.execute(
        f"SELECT ch, lday, hr, {_counts(slots)} FROM contacts GROUP BY ch, lday, hr ORDER BY ch, lday, hr"
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
