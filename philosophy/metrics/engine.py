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
    """SQL over one raw time column (by its alias), for a row's verdict. `value` is its instant in µs
    (the fast cast, which also takes a time without an offset as UTC); `v` is the name that instant has
    one level up. The other fields are evaluated only where they matter, so the common row (a time that
    parsed) pays for one string test: `empty` (is the cell empty; asked only where `v` is NULL),
    `shape` (does the text carry a UTC offset; asked only where `v` is not NULL) and `no_offset` (is a
    failing value a time without an offset; asked only for failing rows)."""

    value: str
    v: str
    empty: str
    shape: str
    no_offset: str

    def arms(self, empty: int | None, bad_time: int, no_offset: int) -> list[tuple[str, str]]:
        """(WHEN, THEN) pairs of a CASE: an empty cell (when it is an error), a value that is no time,
        and a time without a UTC offset. Few arms, each a cheap test first: every arm of the verdict
        CASE is asked of nearly every row."""
        failing = f"CASE WHEN {self.no_offset} THEN {no_offset} ELSE {bad_time} END"
        if empty is not None:  # the rows after this arm have an instant
            out = [(f"{self.v} IS NULL", f"CASE WHEN {self.empty} THEN {empty} ELSE {failing} END")]
            return out if self.shape == "true" else [*out, (f"NOT {self.shape}", failing)]
        if self.shape == "true":
            return [(f"{self.v} IS NULL AND NOT {self.empty}", failing)]
        return [(f"CASE WHEN {self.v} IS NULL THEN NOT {self.empty} ELSE NOT {self.shape} END", failing)]


def _offset_shape(x: str) -> str:
    """A date, 'T' or a space, a time, and a UTC offset: Z, ±hh:mm, ±hhmm or ±hh. A CASE, so each test
    runs only on the rows the earlier ones left open ('Z' first: most exports write UTC). The same
    test as one OR/AND expression cost ~1.8 CPU s per 10 million values, the CASE ~0.3 s."""
    sign = "IN ('+', '-')"
    return (
        f"(CASE WHEN ends_with({x}, 'Z') THEN true WHEN strlen({x}) < 16 THEN false "
        f"WHEN substr({x}, 11, 1) NOT IN ('T', ' ') THEN false "
        f"WHEN substr({x}, -6, 1) {sign} THEN true WHEN substr({x}, -5, 1) {sign} THEN true "
        f"ELSE substr({x}, -3, 1) {sign} END)"
    )


def time_sql(alias: str, typ: str | None, v: str) -> Time:
    """`alias` is the raw column, `v` the name its instant gets one level up."""
    t = (typ or "VARCHAR").upper()
    empty = f"({alias} IS NULL)"
    if t in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"):
        return Time(f"epoch_us({alias})", v, empty, "true", "false")
    if t.startswith("TIMESTAMP") or t == "DATE":  # the file's type has no UTC offset
        return Time("CAST(NULL AS BIGINT)", v, empty, "true", "true" if t != "DATE" else "false")
    x = alias if t == "VARCHAR" else f"CAST({alias} AS VARCHAR)"
    shape = _offset_shape(x)
    # NULLIF: an empty cell is no time, and a failing TRY_CAST is far slower than a NULL
    return Time(
        f"epoch_us(TRY_CAST(NULLIF({x}, '') AS TIMESTAMPTZ))",
        v,
        f"({alias} IS NULL OR {x} = '')",
        shape,
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
        f"{raw(minutes_col)} AS m FROM {read_sql(source.path, source.reader, rejects, row_numbers)}"
    )
    t0, t2 = time_sql("s0", typ(start_col), "v0"), time_sql("s2", typ(gave_col), "v2")
    tx = time_sql("sx", "VARCHAR", "vx")
    t1 = time_sql("s1", typ(end_col), "v1")
    minutes_present = "(m IS NOT NULL AND CAST(m AS VARCHAR) <> '')"
    minutes_value = f"(v0 + CAST(round(TRY_CAST(m AS DOUBLE) * {MINUTE}) AS BIGINT))"
    null = "CAST(NULL AS BIGINT)"
    end_value = "" if zendesk else f"{t1.value if end_col else null} AS v1, "
    later = f"CASE WHEN NOT {tx.empty} AND {tx.shape} THEN {tx.value} END" if extra_col else null
    values = (
        f"SELECT *, {t0.value} AS v0, {end_value}{t2.value if gave_col else null} AS v2, {later} AS vx FROM ({read})"
    )
    # Zendesk's reply time is the creation time plus minutes: one level up, where v0 exists
    with_end = f"SELECT *, {minutes_value} AS v1 FROM ({values})" if zendesk else values
    checks = [("ch IS NULL", str(CHANNEL)), *t0.arms(START_EMPTY, START_TIME, START_OFFSET)]
    if zendesk:
        checks.append(
            (f"{minutes_present} AND (TRY_CAST(m AS DOUBLE) IS NULL OR TRY_CAST(m AS DOUBLE) < 0)", str(MINUTES))
        )
    elif end_col:
        checks += t1.arms(None, END_TIME, END_OFFSET)
        checks.append(("v1 < v0", str(END_ORDER)))
    if gave_col:
        checks += t2.arms(None, GAVE_UP_TIME, GAVE_UP_OFFSET)
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
    """open(t) from the day row `alias`: base plus each interval's part before t (a CASE per interval
    is markedly cheaper in DuckDB than greatest(0, least(…)))."""
    parts = " + ".join(
        f"CASE WHEN {t} <= {alias}.s{i} THEN 0 WHEN {t} >= {alias}.e{i} THEN {alias}.e{i} - {alias}.s{i} "
        f"ELSE {t} - {alias}.s{i} END"
        for i in range(1, k + 1)
    )
    return f"({alias}.base + {parts})"


def _int_table(con: Any, name: str, columns: Sequence[str], rows: Sequence[Sequence[int]]) -> None:
    """A small temp table of integers, passed as one list parameter per column (a VALUES statement of
    a few thousand literals costs DuckDB's parser more than the whole join it serves)."""
    lists = [[int(row[i]) for row in rows] for i in range(len(columns))]
    selects = ", ".join(f"unnest(CAST(${i + 1} AS BIGINT[])) AS {c}" for i, c in enumerate(columns))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {selects}", lists)


DAY_COLUMNS = ("ch", "day", "off_a", "change", "off_b", "base")


def create_day_tables(con: Any, k: int, rows: Sequence[tuple[int, ...]]) -> None:
    """`days` (ch, day, off_a, change, off_b, base, s1, e1, …, sK, eK): per measured channel and UTC
    day, the site's clock (offset before and after a change within the day) and the channel's open
    time (tables.py). The site's clock rides on the channel's row so one join per instant does both."""
    columns = [*DAY_COLUMNS, *(f"{x}{i}" for i in range(1, k + 1) for x in ("s", "e"))]
    _int_table(con, "days", columns, rows)


def create_contacts(
    con: Any,
    table: str,
    present: Sequence[str],
    *,
    k: int,
    slots: Sequence[dict[int, Rule]],
    open_channels: set[int],
    exports: dict[int, int],
    since: int,
) -> None:
    """`contacts`: one narrow row per usable contact of a measured channel, with the site's local day and
    hour of its start and, per slot (the 1st, 2nd … commitment on the row's channel), its verdict
    (1 kept, 2 missed, 3 left out) and, when answered, its elapsed time (µs). The joins to the day
    table run once; both aggregations read this table.

    The day table holds the measured channels only: a contact of another channel finds no day row and
    gets no verdict (NULL), which costs less than a filter on every row (an inner join would let
    DuckDB reorder the joins, at twice the cost). The table spans every instant a usable row can hold
    (compute checks this). A channel none of whose commitments counts opening hours has an always-open
    day table, on which open time is calendar time: its rows need no case of their own."""
    export_case = "CASE f " + " ".join(f"WHEN {f} THEN {x}" for f, x in sorted(exports.items())) + " END"
    open_elapsed = f"({_open_at('d1', 'te', k)} - {_open_at('d0', 't0', k)})"
    columns = []
    for j, slot in enumerate(slots):
        calendar = [ch for ch, rule in slot.items() if rule.counts != "opening_hours" and ch in open_channels]
        if calendar:
            elapsed = "CASE " + " ".join(f"WHEN c.ch = {ch} THEN (te - t0)" for ch in sorted(calendar))
            elapsed += f" ELSE {open_elapsed} END"
        else:
            elapsed = open_elapsed
        within = "CASE c.ch " + " ".join(f"WHEN {ch} THEN {rule.within}" for ch, rule in sorted(slot.items())) + " END"
        columns.append(f"{elapsed} AS e{j}, {within} AS w{j}")
    verdicts = [
        # w is NULL on a channel this slot does not measure (its elapsed time may still be worked out)
        f"CAST(CASE WHEN e{j} IS NULL OR w{j} IS NULL THEN NULL WHEN e{j} > w{j} THEN 2 WHEN answered THEN 1 "
        f"ELSE 3 END AS UTINYINT) AS st{j}, CASE WHEN answered AND w{j} IS NOT NULL THEN e{j} END AS e{j}"
        for j in range(len(slots))
    ]
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE contacts AS
    WITH c AS (
        SELECT f, ch, t0, t1 IS NOT NULL AS answered,
               coalesce(t1, {col("t2", present)}, CAST({export_case} AS BIGINT)) AS te
        FROM {table} WHERE code = 0 AND t0 >= {since}
    ), e AS (
        SELECT c.f, c.ch, c.answered, c.t0 + CASE WHEN c.t0 < d0.change THEN d0.off_a ELSE d0.off_b END AS lt,
               {", ".join(columns)}
        FROM c
        LEFT JOIN days d0 ON d0.ch = c.ch AND d0.day = c.t0 // {DAY}
        LEFT JOIN days d1 ON d1.ch = c.ch AND d1.day = c.te // {DAY}
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
    """Month index (year * 12 + month - 1) of a day number since 1970-01-01 (a DATE plus days: no
    time zone is involved)."""
    date = f"(DATE '1970-01-01' + CAST({day} AS INTEGER))"
    return f"(year({date}) * 12 + month({date}) - 1)"


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


def cell_figures(
    con: Any, slots: int, windows: dict[int, tuple[int, int]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Counts per slot within each channel's reported window (local days lo <= lday < hi): per channel,
    weekday (Monday = 0) and hour, for the heatmap; and per channel and local day, for the worst days.
    One scan, two grouping sets: a few hundred rows per channel come back, never one per contact."""
    if not windows:
        return [], []
    inside = " ".join(f"WHEN {ch} THEN lday >= {lo} AND lday < {hi}" for ch, (lo, hi) in sorted(windows.items()))
    cur = con.execute(f"""
        SELECT ch, lday, wd, hr, grouping(lday) AS by_hour, {_counts(slots)}
        FROM (SELECT *, (lday + 3) % 7 AS wd FROM contacts WHERE CASE ch {inside} ELSE false END)
        GROUP BY GROUPING SETS ((ch, wd, hr), (ch, lday))""")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    return [r for r in rows if r["by_hour"]], [r for r in rows if not r["by_hour"]]
