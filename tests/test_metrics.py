"""The performance figures' rules on hand-made contacts, through the real engine (DuckDB).

Each case writes a tiny export next to a copy of the sample philosophy and reads back one month's
figures: with a single answered contact, its median is exactly its elapsed time. The e-mail channel
(`e-post`) is open Monday to Friday 08:00-17:00 (Europe/Stockholm) and promises a reply within 8 hours
of opening hours; the phone (`telefon`) promises an answer within 3 minutes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from philosophy.loader import load
from philosophy.metrics import Results, results
from philosophy.metrics.tables import OpenTime, day_rows, to_us
from philosophy.problems import PhilosophyError
from philosophy.schedule import calendar_for
from tests.helpers import sample_data, write_yaml

MIN, HOUR = 60_000_000, 3_600_000_000
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ANCHOR_DAY = "2026-11-20"  # a later contact in the same file, so the months above are complete


def _csv(path: Path, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def run(
    tmp_path: Path,
    written: list[str] | None = None,
    calls: list[str] | None = None,
    change: Any = None,
    anchor: bool = True,
) -> Results:
    data = sample_data()
    data["metrics"] = {"min_contacts": 1}
    if change:
        change(data)
    folder = tmp_path / "metrics"
    folder.mkdir(exist_ok=True)
    if written is not None:
        extra = [f"e-post,{ANCHOR_DAY}T10:00:00+01:00,{ANCHOR_DAY}T10:05:00+01:00"] if anchor else []
        _csv(folder / "written.csv", "channel,received_at,replied_at", written + extra)
    if calls is not None:
        extra = [f"telefon,{ANCHOR_DAY}T10:00:00+01:00,{ANCHOR_DAY}T10:01:00+01:00,"] if anchor else []
        _csv(folder / "calls.csv", "channel,queued_at,answered_at,abandoned_at", calls + extra)
    out = results(load(write_yaml(data, tmp_path / "philosophy.yml")))
    assert out is not None
    return out


def month(res: Results, promise: str, index: int, when: str) -> Any:
    metric = next(m for m in res.metrics if m.promise == promise and m.index == index)
    return next(m for m in metric.months if m.month.isoformat().startswith(when))


def test_friday_1659_counts_one_minute_then_from_monday_0800(tmp_path: Path) -> None:
    # Friday 2026-10-09 16:59 -> Monday 2026-10-12 08:30: 1 minute on Friday + 30 minutes on Monday
    res = run(tmp_path, ["e-post,2026-10-09T16:59:00+02:00,2026-10-12T08:30:00+02:00"])
    m = month(res, "snabbt-svar", 0, "2026-10")
    assert (m.contacts, m.kept, m.missed, m.left_out) == (1, 1, 0, 0)
    assert m.median_us == 31 * MIN


def test_a_message_received_while_closed_starts_counting_at_the_next_opening(tmp_path: Path) -> None:
    # Saturday 2026-10-10 11:00 -> Monday 2026-10-12 16:00: 8 hours of Monday -> kept (exactly 8 h)
    # Saturday 2026-10-17 11:00 -> Monday 2026-10-19 16:01: 8 h 1 min -> missed
    res = run(
        tmp_path,
        [
            "e-post,2026-10-10T11:00:00+02:00,2026-10-12T16:00:00+02:00",
            "e-post,2026-10-17T11:00:00+02:00,2026-10-19T16:01:00+02:00",
        ],
    )
    m = month(res, "snabbt-svar", 0, "2026-10")
    assert (m.kept, m.missed) == (1, 1)
    assert m.share == 50


def test_a_public_holiday_in_between_does_not_count(tmp_path: Path) -> None:
    # Monday 2026-01-05 16:00 -> Wednesday 2026-01-07 09:00; Tuesday 6 January is Epiphany (SE): 1 h + 1 h
    def holidays(d: dict[str, Any]) -> None:
        d["site"]["holidays"] = "SE"

    res = run(tmp_path, ["e-post,2026-01-05T16:00:00+01:00,2026-01-07T09:00:00+01:00"], change=holidays)
    assert month(res, "snabbt-svar", 0, "2026-01").median_us == 2 * HOUR
    # without the holiday calendar the Tuesday counts in full: 1 h + 9 h + 1 h
    plain = tmp_path / "plain"
    plain.mkdir()
    res = run(plain, ["e-post,2026-01-05T16:00:00+01:00,2026-01-07T09:00:00+01:00"])
    assert month(res, "snabbt-svar", 0, "2026-01").median_us == 11 * HOUR


def test_summer_hours_and_a_dated_exception_apply(tmp_path: Path) -> None:
    def summer(d: dict[str, Any]) -> None:
        mail = next(c for c in d["channels"] if c["id"] == "e-post")
        mail["seasons"] = [{"from": "06-22", "to": "08-16", "hours": {"mon-fri": "09:00-15:00"}}]
        mail["exceptions"] = [
            *mail.get("exceptions", []),
            {"date": "2026-07-08", "name": {"sv": "Stängt", "en": "Closed"}, "hours": "closed"},
        ]

    # Friday 2026-07-03 14:00 -> Monday 2026-07-06 10:00 in summer hours (09-15): 1 h + 1 h
    # Tuesday 2026-07-07 14:00 -> Thursday 2026-07-09 10:00, closed on Wednesday the 8th: 1 h + 1 h
    res = run(
        tmp_path,
        [
            "e-post,2026-07-03T14:00:00+02:00,2026-07-06T10:00:00+02:00",
            "e-post,2026-07-07T14:00:00+02:00,2026-07-09T10:00:00+02:00",
        ],
        change=summer,
    )
    m = month(res, "snabbt-svar", 0, "2026-07")
    assert (m.contacts, m.median_us, m.p90_us) == (2, 2 * HOUR, 2 * HOUR)


def _calendar_reply(d: dict[str, Any]) -> None:
    d["promises"][0]["commitments"].append(
        {"kind": "reply", "channel": "instagram", "within": "1 day", "counts": "calendar"}
    )


@pytest.mark.parametrize(
    ("received", "replied", "hours", "when"),
    [
        # last Sunday of March 2026 (29th): clocks go forward, the day has 23 hours
        ("2026-03-28T12:00:00+01:00", "2026-03-29T12:00:00+02:00", 23, "2026-03"),
        # last Sunday of October 2026 (25th): clocks go back, the day has 25 hours
        ("2026-10-24T12:00:00+02:00", "2026-10-25T12:00:00+01:00", 25, "2026-10"),
    ],
)
def test_calendar_time_across_a_dst_change(tmp_path: Path, received: str, replied: str, hours: int, when: str) -> None:
    res = run(tmp_path, [f"instagram,{received},{replied}"], change=_calendar_reply)
    m = month(res, "snabbt-svar", 2, when)
    assert m.median_us == hours * HOUR
    assert (m.kept, m.missed) == ((1, 0) if hours <= 24 else (0, 1))


def test_opening_hours_across_a_dst_change_stay_wall_clock_hours(tmp_path: Path) -> None:
    # Friday 2026-10-23 16:00 (CEST) -> Monday 2026-10-26 09:00 (CET): 1 h + 1 h, the extra night hour is closed
    res = run(tmp_path, ["e-post,2026-10-23T16:00:00+02:00,2026-10-26T09:00:00+01:00"])
    assert month(res, "snabbt-svar", 0, "2026-10").median_us == 2 * HOUR


def test_one_channel_measured_in_opening_hours_and_in_calendar_time(tmp_path: Path) -> None:
    # Friday 2026-10-09 16:00 -> Monday 2026-10-12 09:00: 1 h + 1 h of opening hours, 65 h of calendar time
    def both(d: dict[str, Any]) -> None:
        _calendar_reply(d)  # index 2: instagram, calendar time
        d["promises"][0]["commitments"].append(
            {"kind": "reply", "channel": "e-post", "within": "3 days", "counts": "calendar"}
        )  # index 3: e-post again, calendar time

    rows = [
        "e-post,2026-10-09T16:00:00+02:00,2026-10-12T09:00:00+02:00",
        "instagram,2026-10-09T16:00:00+02:00,2026-10-09T18:00:00+02:00",
    ]
    res = run(tmp_path, rows, change=both)
    opening, calendar = month(res, "snabbt-svar", 0, "2026-10"), month(res, "snabbt-svar", 3, "2026-10")
    assert (opening.contacts, opening.median_us) == (1, 2 * HOUR)
    assert (calendar.contacts, calendar.median_us, calendar.kept) == (1, 65 * HOUR, 1)
    # each commitment counts its own channel's contacts only
    assert (month(res, "snabbt-svar", 2, "2026-10").contacts, month(res, "snabbt-svar", 2, "2026-10").median_us) == (
        1,
        2 * HOUR,
    )


def test_unanswered_at_the_export_left_out_while_keepable_and_missed_when_too_old(tmp_path: Path) -> None:
    # the export's time is its latest time: Thursday 2026-10-22 15:00 (the reply to the last row)
    res = run(
        tmp_path,
        [
            "e-post,2026-10-22T09:00:00+02:00,",  # 6 open hours old at the export: could still be kept -> left out
            "e-post,2026-10-20T09:00:00+02:00,",  # 2 days old: missed
            "e-post,2026-10-22T08:00:00+02:00,2026-10-22T15:00:00+02:00",  # kept; sets the export's time
        ],
        anchor=False,
    )
    metric = next(m for m in res.metrics if m.promise == "snabbt-svar" and m.index == 0)
    assert [m.month.isoformat() for m in metric.months][-1] == "2026-09-01"  # October is not complete
    later = tmp_path / "later"
    later.mkdir()
    res = run(
        later,
        [
            "e-post,2026-10-22T09:00:00+02:00,",
            "e-post,2026-10-20T09:00:00+02:00,",
            "e-post,2026-10-22T08:00:00+02:00,2026-10-22T15:00:00+02:00",
            "e-post,2026-11-02T08:00:00+01:00,",  # pushes the export into November: October is reported
        ],
        anchor=False,
    )
    m = month(res, "snabbt-svar", 0, "2026-10")
    # now the first row is old too (export: Monday 2 November 08:00), so both unanswered rows are missed
    assert (m.kept, m.missed, m.left_out) == (1, 2, 0)


def test_unanswered_left_out_when_the_export_is_taken_soon_after(tmp_path: Path) -> None:
    # a mapping gives the export's date: the end of Friday 2026-10-30 (Stockholm)
    def mapped(d: dict[str, Any]) -> None:
        d["metrics"]["mappings"] = [
            {
                "files": "written.csv",
                "kind": "written",
                "exported_at": "2026-10-31",
                "columns": {"channel": "channel", "received_at": "received_at", "replied_at": "replied_at"},
            }
        ]

    res = run(
        tmp_path,
        [
            "e-post,2026-10-30T12:00:00+01:00,",  # 5 open hours old at the export -> left out
            "e-post,2026-10-29T08:00:00+01:00,",  # 18 open hours old -> missed
            "e-post,2026-10-29T08:00:00+01:00,2026-10-29T09:00:00+01:00",
        ],
        change=mapped,
        anchor=False,
    )
    m = month(res, "snabbt-svar", 0, "2026-10")
    assert (m.kept, m.missed, m.left_out, m.contacts) == (1, 1, 1, 2)
    assert m.share == 50


def test_abandoned_calls_missed_after_waiting_longer_than_within_else_left_out(tmp_path: Path) -> None:
    res = run(
        tmp_path,
        calls=[
            "telefon,2026-10-05T10:00:00+02:00,2026-10-05T10:02:00+02:00,",  # answered after 2 min: kept
            "telefon,2026-10-05T10:00:00+02:00,2026-10-05T10:04:00+02:00,",  # answered after 4 min: missed
            "telefon,2026-10-05T11:00:00+02:00,,2026-10-05T11:05:00+02:00",  # gave up after 5 min: missed
            "telefon,2026-10-05T12:00:00+02:00,,2026-10-05T12:01:30+02:00",  # gave up after 90 s: left out
            "telefon,2026-10-05T17:59:00+02:00,,2026-10-05T18:30:00+02:00",  # 1 open minute, then closed: left out
        ],
    )
    m = month(res, "ett-samtal-bort", 0, "2026-10")
    assert (m.kept, m.missed, m.left_out) == (1, 2, 2)
    assert m.share == 33  # 1 of 3, rounded down
    assert (m.median_us, m.p90_us) == (2 * MIN, 4 * MIN)  # of the answered calls


def test_shares_round_down(tmp_path: Path) -> None:
    rows = [
        f"e-post,2026-10-{d:02d}T09:00:00+02:00,2026-10-{d:02d}T10:00:00+02:00"
        for d in (5, 6, 7, 8, 9, 12, 13, 14, 15, 16)
    ]
    rows.append("e-post,2026-10-19T09:00:00+02:00,2026-10-21T09:00:00+02:00")  # 16 open hours: missed
    m = month(run(tmp_path, rows), "snabbt-svar", 0, "2026-10")
    assert (m.kept, m.contacts) == (10, 11) and m.share == 90  # 90.9 %


def test_contacts_of_a_channel_nothing_measures_are_neither_bad_nor_counted(tmp_path: Path) -> None:
    rows = [
        "e-post,2026-10-05T09:00:00+02:00,2026-10-05T10:00:00+02:00",  # kept
        "instagram,2026-10-05T09:00:00+02:00,2026-10-09T09:00:00+02:00",  # a known channel, not measured
        "instagram,2026-10-06T09:00:00+02:00,",
    ]
    res = run(tmp_path, rows)
    assert res.bad_total == 0 and res.total_rows == 4  # with the anchor row
    m = month(res, "snabbt-svar", 0, "2026-10")
    assert (m.kept, m.missed, m.left_out, m.contacts) == (1, 0, 0, 1)
    assert all(metric.metric.channel != "instagram" for metric in res.metrics)


# --- the opening-time table against a slow walk through the calendar --------------------------------


def _slow_open(calendar: Any, t0: dt.datetime, t1: dt.datetime) -> int:
    """Open time between t0 and t1 (µs): walk the local days and their planned hours."""
    tz = ZoneInfo(calendar.timezone)
    total = 0
    day = t0.astimezone(tz).date() - dt.timedelta(days=1)
    while day <= t1.astimezone(tz).date():
        midnight = dt.datetime.combine(day, dt.time())
        for a, b in calendar.plan(day).intervals:
            opens = (midnight + dt.timedelta(minutes=a)).replace(tzinfo=tz)
            closes = (midnight + dt.timedelta(minutes=b)).replace(tzinfo=tz)
            lo, hi = max(opens, t0), min(closes, t1)
            if hi > lo:
                total += to_us(hi) - to_us(lo)
        day += dt.timedelta(days=1)
    return total


def test_open_time_table_agrees_with_walking_the_calendar() -> None:
    data = sample_data()
    data["site"]["holidays"] = "SE"
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"metrics-unit-{os.getpid()}.yml"
    loaded = load(write_yaml(data, path))
    path.unlink()
    rng = random.Random(5)
    start = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
    for channel in ("e-post", "telefon", "chatt"):
        calendar = calendar_for(loaded.model, loaded.model.channel_by_id[channel])
        first, last = to_us(start) // 86_400_000_000, to_us(start) // 86_400_000_000 + 400
        table = OpenTime.of(calendar, first, last)
        k, rows = day_rows(table, first, last)
        by_day = {r[0]: r for r in rows}
        for _ in range(300):
            t0 = start + dt.timedelta(seconds=rng.randrange(360 * 86400))
            t1 = t0 + dt.timedelta(seconds=rng.randrange(6 * 86400))
            assert table.elapsed(to_us(t0), to_us(t1)) == _slow_open(calendar, t0, t1), (channel, t0, t1)
            # the day table's formula, as the SQL computes it
            for t in (to_us(t0), to_us(t1)):
                r = by_day[t // 86_400_000_000]
                cum = r[1] + sum(max(0, min(t - r[2 + 2 * i], r[3 + 2 * i] - r[2 + 2 * i])) for i in range(k))
                assert cum == table.open_before(t)


# --- bad rows ----------------------------------------------------------------------------------------

BAD = [
    "telex,2026-10-05T09:00:00+02:00,2026-10-05T10:00:00+02:00",  # unknown channel
    "e-post,2026-10-05T09:00:00+02:00,2026-10-05T08:00:00+02:00",  # a reply before the message
    "e-post,5 October,2026-10-05T10:00:00+02:00",  # not a time
    "e-post,2026-10-05T09:00:00,2026-10-05T10:00:00+02:00",  # no UTC offset
    "e-post,2026-10-05T09:00:00+02:00,2026-10-05 10:00",  # reply without offset
]


def test_bad_rows_are_counted_and_named_with_file_and_row(tmp_path: Path) -> None:
    good = [f"e-post,2026-10-{d:02d}T09:00:00+02:00,2026-10-{d:02d}T10:00:00+02:00" for d in range(1, 29)] * 4
    res = run(tmp_path, good[:50] + BAD + good[50:])
    assert res.bad_total == 5 and res.total_rows == len(good) + 5 + 1
    rows = [(b.file, b.row, b.message()) for b in res.bad_rows]
    assert rows == [
        ("metrics/written.csv", 52, "unknown channel 'telex'"),
        ("metrics/written.csv", 53, "replied_at is before received_at"),
        ("metrics/written.csv", 54, "received_at is not a time"),
        ("metrics/written.csv", 55, "received_at has no UTC offset"),
        ("metrics/written.csv", 56, "replied_at has no UTC offset"),
    ]
    problem = res.problems[0]
    assert (problem.file, problem.line, problem.column, problem.severity) == ("metrics/written.csv", 52, 0, "warning")
    assert str(problem).startswith("metrics/written.csv:52:0: warning: row 52: unknown channel 'telex'")
    # the good rows are all counted
    assert month(res, "snabbt-svar", 0, "2026-10").contacts == len(good)


def test_more_than_max_bad_share_stops_with_the_first_ten_and_a_count(tmp_path: Path) -> None:
    good = ["e-post,2026-10-05T09:00:00+02:00,2026-10-05T10:00:00+02:00"] * 100
    with pytest.raises(PhilosophyError) as caught:
        run(tmp_path, good + BAD * 4)  # 20 bad of 121 rows
    problems = caught.value.problems
    assert "20 of 121 rows" in problems[0].message and "5 percent" in problems[0].message
    assert problems[0].path == "metrics.max_bad_share"
    assert [(p.file, p.line) for p in problems[1:11]] == [("metrics/written.csv", r) for r in range(102, 112)]
    assert problems[-1].message == "… and 10 more bad rows"
    assert len(problems) == 12


def test_a_line_that_is_not_csv_is_a_bad_row_too(tmp_path: Path) -> None:
    good = ["e-post,2026-10-05T09:00:00+02:00,2026-10-05T10:00:00+02:00"] * 40
    broken = 'e-post,2026-10-05T09:00:00+02:00,2026-10-05T10:00:00+02:00,extra,"x'  # not CSV: 5 columns
    res = run(tmp_path, [*good[:3], broken, *good[3:], "e-post,nope,"])
    assert [(b.row, b.code) for b in res.bad_rows] == [(5, 13), (43, 3)]  # header 1, good 2-4, 6-42
    assert res.bad_total == 2


def test_max_bad_share_is_configurable(tmp_path: Path) -> None:
    def lenient(d: dict[str, Any]) -> None:
        d["metrics"]["max_bad_share"] = 0.5

    good = ["e-post,2026-10-05T09:00:00+02:00,2026-10-05T10:00:00+02:00"] * 20
    assert run(tmp_path, good + BAD, change=lenient).bad_total == 5


# --- the folder and the formats ---------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["../elsewhere", "/etc", "metrics/../../x", "~/metrics"])
def test_the_metrics_folder_must_stay_next_to_the_philosophy_file(tmp_path: Path, folder: str) -> None:
    def away(d: dict[str, Any]) -> None:
        d["metrics"]["folder"] = folder

    with pytest.raises(PhilosophyError) as caught:
        run(tmp_path, ["e-post,2026-10-05T09:00:00+02:00,"], change=away)
    assert caught.value.problems[0].path == "metrics.folder"


def test_a_link_leading_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("channel,received_at,replied_at\n", encoding="utf-8")
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "linked.csv").symlink_to(outside)
    with pytest.raises(PhilosophyError, match="leading out"):
        run(tmp_path, ["e-post,2026-10-05T09:00:00+02:00,"])


def test_no_folder_or_no_export_means_no_results(tmp_path: Path) -> None:
    path = write_yaml(sample_data(), tmp_path / "philosophy.yml")
    assert results(load(path)) is None
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "README.txt").write_text("exports go here", encoding="utf-8")
    assert results(load(path)) is None


def test_an_unknown_layout_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "metrics").mkdir()
    _csv(tmp_path / "metrics" / "odd.csv", "when,who", ["2026-10-05T09:00:00+02:00,x"])
    with pytest.raises(PhilosophyError) as caught:
        results(load(write_yaml(sample_data(), tmp_path / "philosophy.yml")))
    assert caught.value.problems[0].file == "odd.csv"
    assert "not recognised" in caught.value.problems[0].message


def test_a_mapping_reads_another_tools_calls_export(tmp_path: Path) -> None:
    def mapped(d: dict[str, Any]) -> None:
        d["metrics"]["mappings"] = [
            {
                "files": "pbx-*.csv",
                "kind": "calls",
                "columns": {
                    "channel": "Queue",
                    "queued_at": "Entered",
                    "answered_at": "Connected",
                    "abandoned_at": "Hung up",
                },
                "channels": {"Support line": "telefon", "Web chat": "chatt"},
            }
        ]

    (tmp_path / "metrics").mkdir()
    _csv(
        tmp_path / "metrics" / "pbx-2026.csv",
        "Call id,Queue,Entered,Connected,Hung up,Caller",
        [
            "c-1,Support line,2026-10-05T09:00:00Z,2026-10-05T09:01:00Z,,+46701234567",
            "c-2,Support line,2026-10-05T09:00:00Z,,2026-10-05T09:10:00Z,+46701234568",
            "c-3,Web chat,2026-10-05T09:00:00Z,2026-10-05T09:00:30Z,,+46701234569",
            "c-4,Support line,2026-11-20T09:00:00Z,2026-11-20T09:01:00Z,,+46701234560",
        ],
    )
    res = run(tmp_path, change=mapped)
    phone = month(res, "ett-samtal-bort", 0, "2026-10")
    chat = month(res, "snabbt-svar", 1, "2026-10")
    assert (phone.kept, phone.missed) == (1, 1) and (chat.kept, chat.median_us) == (1, 30_000_000)
    assert res.files[0].kind == "calls" and res.files[0].from_mapping is False


def test_zendesk_ticket_export_is_read_from_its_own_columns() -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "metrics").mkdir()
        shutil.copy(
            Path(__file__).parent / "fixtures" / "metrics" / "zendesk-tickets.csv.txt",
            folder / "metrics" / "zendesk-tickets.csv",
        )
        res = run(folder, change=lambda d: d["metrics"].update(max_bad_share=0.5))  # 1 bad row of 5
    m = month(res, "snabbt-svar", 0, "2026-10")
    # Mail -> e-post (the only e-mail channel). Created Friday 16:30 + 1020 calendar minutes = Saturday 09:30:
    # 30 open minutes. Created Monday 09:00 + 600 minutes = 19:00: 8 open hours (kept, exactly).
    # Created Tuesday 09:00, no reply yet, export (latest Updated at) in November: missed.
    assert (m.kept, m.missed, m.left_out) == (2, 1, 0)
    assert m.median_us == 30 * MIN
    assert [(b.row, b.code) for b in res.bad_rows] == [(6, 1)]  # Via 'Facebook': no social channel of that name
    assert res.files[0].layout == "zendesk"


@pytest.mark.parametrize("lang", ["ar", "nl", "ca", "sv", "en", "ja", "pl"])
def test_measured_times_are_words_in_every_shipped_language(lang: str) -> None:
    """Medians and 90th percentiles in the reader's words, from seconds to days (CLDR's long form, or its
    short form where a locale has no long one: never a raw 'duration-day' key)."""
    from philosophy.i18n import words
    from philosophy.metrics.views import duration_text

    w = words(lang)
    for seconds, unit, amount in (
        (45, "second", 45),
        (95 * 60, "minute", 95),
        (5 * 3600, "hour", 5),
        (3 * 86400, "day", 3),
    ):
        text = duration_text(w, seconds * 1_000_000)
        assert "duration-" not in text and text == w.unit(amount, unit), text
