"""From export files to results: classify the files, read and judge every row, stop on too many bad
rows, then aggregate each kind of contact against every commitment that has a metric."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..problems import PhilosophyError, Problem
from ..schedule import calendar_for
from . import engine
from .figures import BadRow, Day, FileReport, MetricResult, Month, Results
from .sources import CALLS, END, GAVE_UP, START, WRITTEN, Source, folder_of, sources
from .tables import DAY, SECOND, OpenTime, date_of_day, day_rows, site_rows, to_us

if TYPE_CHECKING:
    from ..commitments import CommitmentKind, Metric
    from ..loader import Loaded

MONTHS = 12
WORST_DAYS = 5


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def measured(loaded: Loaded) -> list[tuple[str, int, CommitmentKind, Metric]]:
    """(promise id, index, commitment, metric) of every commitment that has a metric."""
    out = []
    for p in loaded.model.promises:
        for i, com in enumerate(p.commitments):
            metric = com.metric()
            if metric is not None:
                out.append((p.id, i, com, metric))
    return out


def _local_month(zone: str, us: int) -> int:
    moment = dt.datetime.fromtimestamp(us // SECOND, dt.UTC).astimezone(ZoneInfo(zone))
    return month_index(moment.date())


def _window(zone: str, export_us: int) -> tuple[int, int]:
    """(first, last) month index reported for an export taken at export_us: the 12 months before its month."""
    last = _local_month(zone, export_us) - 1
    return last - MONTHS + 1, last


def _day_number(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def _first_instant(zone: str, month: int) -> int:
    return to_us(dt.datetime.combine(month_start(month), dt.time(), ZoneInfo(zone)))


def _check_mappings(loaded: Loaded) -> None:
    ids = set(loaded.model.channel_by_id)
    problems = []
    for i, mapping in enumerate(loaded.model.metrics.mappings):
        for value, target in mapping.channels.items():
            if target not in ids:
                line, col = loaded.where(("metrics", "mappings", i, "channels", value))
                problems.append(
                    Problem(
                        loaded.file,
                        line,
                        col,
                        f"metrics.mappings[{i}].channels.{value}",
                        f"{target!r} is not a channel id",
                        "use one of: " + ", ".join(sorted(ids)),
                    )
                )
    if problems:
        raise PhilosophyError(problems)


def _actual_row(source: Source, r: int, rejected: Sequence[int]) -> int:
    """The spreadsheet row of the r-th record the CSV reader accepted (header = row 1)."""
    if source.reader != "csv":
        return r
    row = r + 1
    for line in rejected:
        if line <= row:
            row += 1
        else:
            break
    return row


def _bad_row(source: Source, row: int, code: int, value: str | None) -> BadRow:
    from .figures import showable

    kind = source.kind
    if source.layout == "zendesk":
        start_col = source.column("received_at")
        end_col = source.column("reply_minutes")
    else:
        start_col = source.column(START[kind])
        end_col = source.column(END[kind])
    column = {
        engine.START_EMPTY: start_col,
        engine.START_TIME: start_col,
        engine.START_OFFSET: start_col,
        engine.END_TIME: end_col,
        engine.END_OFFSET: end_col,
        engine.END_ORDER: end_col,
        engine.MINUTES: end_col,
        engine.GAVE_UP_TIME: source.column(GAVE_UP),
        engine.GAVE_UP_OFFSET: source.column(GAVE_UP),
        engine.GAVE_UP_ORDER: source.column(GAVE_UP),
    }.get(code, source.column("channel"))
    return BadRow(source.name, row, code, column, start_col, showable(value) if code == engine.CHANNEL else None)


def compute(loaded: Loaded, files: Sequence[Path], threads: int | None = None) -> Results:
    model = loaded.model
    cfg = model.metrics
    zone = model.site.timezone
    channel_ids = [c.id for c in model.channels]
    items = measured(loaded)
    _check_mappings(loaded)
    folder_of(loaded)
    per_item: dict[int, MetricResult] = {}
    bad_rows: list[BadRow] = []
    with engine.connect(threads) as con:
        found = sources(loaded, con, list(files))
        # One kind of contact at a time: read and judge its files into one compact table, list the first
        # bad rows, aggregate, and drop the table, so only one kind's rows are ever held.
        for kind in (WRITTEN, CALLS):
            group = [s for s in found if s.kind == kind]
            if not group:
                continue
            table = f"rows_{kind}"
            present = engine.load(con, table, group, channel_ids)
            by_index = {s.index: s for s in group}
            rejected = {s.index: engine.rejected_lines(con, s) for s in group}
            for f, code, n, lo, hi in engine.verdicts(con, table, present):
                s = by_index[f]
                s.rows += n
                if code == engine.OK:
                    s.earliest_us, s.latest_us = lo, hi
                else:
                    s.bad += n
                    s.bad_codes[code] = s.bad_codes.get(code, 0) + n
            for s in group:
                lines = rejected[s.index]
                if lines:
                    s.rows += len(lines)
                    s.bad += len(lines)
                    s.bad_codes[engine.UNREADABLE] = s.bad_codes.get(engine.UNREADABLE, 0) + len(lines)
                if not s.bad:
                    continue
                listed = [BadRow(s.name, line, engine.UNREADABLE) for line in lines[: engine.FIRST_BAD]]
                if s.bad > len(lines):
                    for r, code, value in engine.first_bad(con, s, channel_ids):
                        listed.append(_bad_row(s, _actual_row(s, r, lines), code, value))
                bad_rows += sorted(listed, key=lambda b: b.row)[: engine.FIRST_BAD]
            usable = [s for s in group if s.export_us is not None]
            mine = [(n, it) for n, it in enumerate(items) if it[3].source == kind]
            if usable and mine:
                _aggregate(
                    con, loaded, kind, present, group=usable, mine=mine, channel_ids=channel_ids, per_item=per_item
                )
            con.execute(f"DROP TABLE {table}")
    total = sum(s.rows for s in found)
    bad = sum(s.bad for s in found)
    problems = [b.problem() for b in bad_rows]
    if total and bad > float(cfg.max_bad_share) * total:
        line, col = loaded.where(("metrics", "max_bad_share"))
        first = [
            Problem(
                loaded.file,
                line,
                col,
                "metrics.max_bad_share",
                f"{bad} of {total} rows in the help-desk exports ({bad * 100 / total:.1f} percent) "
                f"cannot be used: more than the {float(cfg.max_bad_share) * 100:g} percent allowed "
                "(metrics.max_bad_share)",
                "correct the exports (the first bad rows follow), or raise metrics.max_bad_share",
            )
        ]
        shown = problems[:10]
        more = bad - len(shown)
        tail = [Problem(loaded.file, line, col, "metrics", f"… and {more} more bad rows", "")] if more > 0 else []
        raise PhilosophyError(first + shown + tail)
    bad_by_code: dict[int, int] = {}
    for s in found:
        for code, n in s.bad_codes.items():
            bad_by_code[code] = bad_by_code.get(code, 0) + n
    metrics = [per_item.get(n) or _aggregate_metric_placeholder(it) for n, it in enumerate(items)]
    exports = [s.export_us for s in found if s.export_us is not None]
    latest = max(exports) if exports else None
    return Results(
        metrics=metrics,
        files=[
            FileReport(
                s.name,
                s.kind,
                s.layout,
                s.rows,
                s.bad,
                dt.datetime.fromtimestamp(s.export_us // SECOND, dt.UTC) if s.export_us else None,
                s.exported_at is not None,
            )
            for s in found
        ],
        bad_rows=bad_rows,
        total_rows=total,
        bad_total=bad,
        bad_by_code=bad_by_code,
        min_contacts=cfg.min_contacts,
        timezone=zone,
        exported_at=dt.datetime.fromtimestamp(latest // SECOND, dt.UTC) if latest else None,
        problems=[_as_warning(p) for p in problems],
    )


def _as_warning(p: Problem) -> Problem:
    return Problem(p.file, p.line, p.column, p.path, p.message, p.hint, "warning")


def _aggregate_metric_placeholder(item: tuple[str, int, Any, Metric]) -> MetricResult:
    return MetricResult(item[0], item[1], item[3], [], [[0] * 24 for _ in range(7)], [], None)


def _aggregate(
    con: Any,
    loaded: Loaded,
    kind: str,
    present: Sequence[str],
    *,
    group: list[Source],
    mine: list[tuple[int, tuple[str, int, Any, Metric]]],
    channel_ids: list[str],
    per_item: dict[int, MetricResult],
) -> None:
    """Aggregate one kind's usable rows against its measured commitments into per_item."""
    model = loaded.model
    zone = model.site.timezone
    index = {c: i for i, c in enumerate(channel_ids)}
    exports = {s.index: int(s.export_us) for s in group if s.export_us is not None}
    since_month = min(_window(zone, x)[0] for x in exports.values())
    since = _first_instant(zone, since_month) - DAY
    first_day = since // DAY - 1
    last_day = max(exports.values()) // DAY + 1
    # slot j of a channel: its j-th measured commitment of this kind (usually there is one)
    slots: list[dict[int, engine.Rule]] = []
    slot_of: dict[int, int] = {}
    for n, (_, _, _, m) in mine:
        if m.channel not in index:
            continue
        ch = index[m.channel]
        j = next((j for j, slot in enumerate(slots) if ch not in slot), len(slots))
        if j == len(slots):
            slots.append({})
        slots[j][ch] = engine.Rule(m.counts, m.within.minutes * 60 * SECOND)
        slot_of[n] = j
    measured_channels = sorted({ch for slot in slots for ch in slot})
    open_channels = {ch for slot in slots for ch, rule in slot.items() if rule.counts == "opening_hours"}
    tables: list[tuple[int, int, list[tuple[int, ...]]]] = []
    for ch in measured_channels:
        if ch in open_channels:
            open_time = OpenTime.of(calendar_for(model, model.channel_by_id[channel_ids[ch]]), first_day, last_day)
        else:  # counted in calendar time only: always open, so open time is calendar time
            open_time = OpenTime.always(first_day, last_day)
        k, rows = day_rows(open_time, first_day, last_day)
        tables.append((ch, k, rows))
    k = max([t[1] for t in tables], default=1)
    clock = {row[0]: row[1:] for row in site_rows(zone, first_day, last_day)}
    day_table = []
    for ch, kk, rows in tables:
        for day, *open_row in rows:
            pad = (day * DAY, day * DAY) * (k - kk)
            day_table.append((ch, day, *clock[day], *open_row, *pad))
    engine.create_day_tables(con, k, day_table)
    engine.create_contacts(
        con, f"rows_{kind}", present, k=k, slots=slots, open_channels=open_channels, exports=exports, since=since
    )
    months = engine.month_figures(con, len(slots), exports)
    for fig in months:  # every contact of a channel with a slot gets a verdict: the day tables span every time
        if any(int(fig[f"none{j}"]) for j, slot in enumerate(slots) if fig["ch"] in slot):  # pragma: no cover
            raise RuntimeError("performance figures: a contact's time fell outside the opening-time tables")
    by_channel: dict[int, list[dict[str, Any]]] = {}
    for fig in months:  # contacts of channels nothing measures come back without a month: skipped
        if fig["ch"] in measured_channels and fig["mon"] is not None:
            by_channel.setdefault(int(fig["ch"]), []).append(fig)
    windows: dict[int, tuple[int, int]] = {}
    for ch, figs in by_channel.items():
        first, last = _window(zone, max(int(fig["xu"]) for fig in figs))
        windows[ch] = (_day_number(month_start(first)), _day_number(month_start(last + 1)))
    hours, day_cells = engine.cell_figures(con, len(slots), windows)
    con.execute("DROP TABLE contacts")
    hours_of: dict[int, list[dict[str, Any]]] = {}
    for cell in hours:
        hours_of.setdefault(int(cell["ch"]), []).append(cell)
    days_of: dict[int, list[dict[str, Any]]] = {}
    for cell in day_cells:
        days_of.setdefault(int(cell["ch"]), []).append(cell)
    for n, (pid, i, _com, metric) in mine:
        channel = index.get(metric.channel)
        mine_months = by_channel.get(channel, []) if channel is not None else []
        if channel is None or not mine_months or n not in slot_of:
            continue
        j = slot_of[n]
        export = max(int(fig["xu"]) for fig in mine_months)
        first, last = _window(zone, export)
        by_month = {int(fig["mon"]): fig for fig in mine_months}
        out_months = []
        for mon in range(first, last + 1):
            found = by_month.get(mon)
            if found is None:
                out_months.append(Month(month_start(mon), 0, 0, 0, 0, None, None))
                continue
            kept, missed, left = int(found[f"kept{j}"]), int(found[f"missed{j}"]), int(found[f"out{j}"])
            q = found.get(f"q{j}")
            median, p90 = (int(q[0]), int(q[1])) if q else (None, None)
            out_months.append(Month(month_start(mon), kept + missed, kept, missed, left, median, p90))
        heat = [[0] * 24 for _ in range(7)]
        for cell in hours_of.get(channel, []):
            heat[int(cell["wd"])][int(cell["hr"])] += int(cell[f"missed{j}"])
        days: dict[int, list[int]] = {}
        for cell in days_of.get(channel, []):
            kept, missed = int(cell[f"kept{j}"]), int(cell[f"missed{j}"])
            days[int(cell["lday"])] = [kept + missed, kept, missed]
        worst = sorted(
            (Day(date_of_day(d), c, kp, ms) for d, (c, kp, ms) in days.items() if ms),
            key=lambda d: (-d.missed, d.share if d.share is not None else 100, -d.date.toordinal()),
        )
        per_item[n] = MetricResult(
            pid, i, metric, out_months, heat, worst[:WORST_DAYS], dt.datetime.fromtimestamp(export // SECOND, dt.UTC)
        )
