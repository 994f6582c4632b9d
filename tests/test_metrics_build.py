"""Real builds with help-desk exports: the published figures equal an independent, slow computation;
no ticket id or free text reaches any page; without exports nothing changes; too many bad rows stop
the build."""

from __future__ import annotations

import datetime as dt
import gzip
import random
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from philosophy.i18n import words
from publish.build import BuildFailed
from tests.helpers import FIXTURES, build_site, sample_data, write_yaml
from tests.sites.html import soup

STOCKHOLM = ZoneInfo("Europe/Stockholm")
US = 1_000_000


def _philosophy(tmp: Path) -> dict[str, Any]:
    """The sample with targets, a calendar-time reply on Instagram, summer hours and a closed day."""
    data = sample_data()
    data["metrics"] = {"min_contacts": 30}
    fast = data["promises"][0]["commitments"]
    fast[0]["target"] = "85%"
    fast[1]["target"] = "80%"
    fast.append({"kind": "reply", "channel": "instagram", "within": "3 days", "counts": "calendar", "target": "90%"})
    data["promises"][1]["commitments"][0]["target"] = "90%"
    mail = next(c for c in data["channels"] if c["id"] == "e-post")
    mail["seasons"] = [
        {
            "from": "06-22",
            "to": "08-16",
            "name": {"sv": "Sommartid", "en": "Summer hours"},
            "hours": {"mon-fri": "09:00-15:00"},
        }
    ]
    mail["exceptions"] = [
        *mail["exceptions"],
        {"date": "2026-06-19", "name": {"sv": "Midsommarafton", "en": "Midsummer Eve"}, "hours": "closed"},
    ]
    return data


# --- an independent, slow implementation of the rules ------------------------------------------------


class Slow:
    """Elapsed opening time by walking the channel's days (Calendar.plan), minute arithmetic on datetimes."""

    def __init__(self, loaded: Any) -> None:
        from philosophy.schedule import calendar_for

        self.model = loaded.model
        self.calendar = {c.id: calendar_for(loaded.model, c) for c in loaded.model.channels}
        self.days: dict[tuple[str, dt.date], list[tuple[dt.datetime, dt.datetime]]] = {}

    def spans(self, channel: str, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        key = (channel, day)
        if key not in self.days:
            cal = self.calendar[channel]
            tz = ZoneInfo(cal.timezone)
            midnight = dt.datetime.combine(day, dt.time())
            # local wall times to instants (UTC): arithmetic on datetimes sharing a tzinfo is wall-clock arithmetic
            self.days[key] = [
                (
                    (midnight + dt.timedelta(minutes=a)).replace(tzinfo=tz).astimezone(dt.UTC),
                    (midnight + dt.timedelta(minutes=b)).replace(tzinfo=tz).astimezone(dt.UTC),
                )
                for a, b in cal.plan(day).intervals
            ]
        return self.days[key]

    def open_time(self, channel: str, t0: dt.datetime, t1: dt.datetime) -> dt.timedelta:
        tz = ZoneInfo(self.calendar[channel].timezone)
        total = dt.timedelta(0)
        day = t0.astimezone(tz).date() - dt.timedelta(days=1)
        while day <= t1.astimezone(tz).date():
            for opens, closes in self.spans(channel, day):
                lo, hi = max(opens, t0), min(closes, t1)
                if hi > lo:
                    total += hi - lo
            day += dt.timedelta(days=1)
        return total


def expected_figures(loaded: Any, files: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, int], dict[str, Any]]:
    """(promise, index) -> {'months': [(YYYY-MM, contacts, kept, missed, left out)], ...} by the rules."""
    slow = Slow(loaded)
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for promise in loaded.model.promises:
        for index, com in enumerate(promise.commitments):
            metric = com.metric()
            if metric is None:
                continue
            counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
            by_day: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])  # local day: kept, missed
            by_hour: dict[tuple[str, int, int], int] = defaultdict(int)  # (local month, weekday, hour): missed
            export = None
            for rows in files.values():
                mine = [r for r in rows if r["kind"] == metric.source and r["channel"] == metric.channel]
                if not mine:
                    continue
                latest = max(t for r in rows for t in (r["t0"], r["t1"], r["t2"]) if t is not None)
                export = latest if export is None else max(export, latest)
                within = dt.timedelta(minutes=metric.within.minutes)
                for r in mine:
                    end = r["t1"] or r["t2"] or latest
                    elapsed = (
                        slow.open_time(metric.channel, r["t0"], end)
                        if metric.counts == "opening_hours"
                        else end - r["t0"]
                    )
                    local = r["t0"].astimezone(STOCKHOLM)
                    cell = counts[local.strftime("%Y-%m")]
                    if elapsed > within:
                        cell[1] += 1
                        by_day[local.date()][1] += 1
                        by_hour[(local.strftime("%Y-%m"), local.weekday(), local.hour)] += 1
                    elif r["t1"] is not None:
                        cell[0] += 1
                        by_day[local.date()][0] += 1
                    else:
                        cell[2] += 1
            if export is None:
                continue
            local = export.astimezone(STOCKHOLM)
            last = local.year * 12 + local.month - 2
            months = [f"{m // 12}-{m % 12 + 1:02d}" for m in range(last - 11, last + 1)]
            # the handbook's heatmap (hour rows, Monday-first weekday columns) and worst days, in the window
            heat = [
                sum(n for (m, wd, hr), n in by_hour.items() if m in months and (wd, hr) == (d, h))
                for h in range(24)
                for d in range(7)
            ]
            window = {d: v for d, v in by_day.items() if d.strftime("%Y-%m") in months}
            worst = sorted(
                ((d, kept + missed, missed) for d, (kept, missed) in window.items() if missed),
                key=lambda x: (-x[2], (x[1] - x[2]) * 100 // x[1], -x[0].toordinal()),
            )[:5]
            out[(promise.id, index)] = {
                "months": [(m, counts[m][0] + counts[m][1], *counts[m]) for m in months],
                "target": com.target,
                "heat": heat,
                "worst": [(d.isoformat(), n, missed) for d, n, missed in worst],
            }
    return out


# --- a generated year of exports -----------------------------------------------------------------


def _stamp(t: dt.datetime | None, rng: random.Random) -> str:
    if t is None:
        return ""
    return (
        t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if rng.random() < 0.5
        else t.astimezone(STOCKHOLM).isoformat()
    )


def generate_year(folder: Path, seed: int = 2026) -> dict[str, list[dict[str, Any]]]:
    """~50,000 contacts from November 2025 to 22 November 2026: e-mail and Instagram as CSV, phone and
    chat as Parquet with typed times. Shares vary by month; Instagram has a month with too few."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    # every instant in UTC: Python compares and subtracts datetimes that share a tzinfo as wall-clock times
    start = dt.datetime(2025, 11, 1, tzinfo=STOCKHOLM).astimezone(dt.UTC)
    end = dt.datetime(2026, 11, 22, 18, 0, tzinfo=STOCKHOLM).astimezone(dt.UTC)
    span = int((end - start).total_seconds())
    written: list[dict[str, Any]] = []
    calls: list[dict[str, Any]] = []

    def moment() -> dt.datetime:
        return start + dt.timedelta(seconds=rng.randrange(span))

    for _ in range(30_000):
        channel = "e-post" if rng.random() < 0.75 else "instagram"
        t0 = moment()
        if channel == "instagram" and t0.astimezone(STOCKHOLM).strftime("%Y-%m") == "2026-02" and rng.random() < 0.97:
            t0 += dt.timedelta(days=28)  # February keeps only a few: too few to report
        slow_month = 1 + (t0.month % 4) * 0.6  # shares differ from month to month
        delay = dt.timedelta(minutes=int(rng.expovariate(1 / (180 * slow_month)) + rng.random() * 300))
        t1 = None if rng.random() < 0.03 or t0 + delay > end else t0 + delay
        written.append({"kind": "written", "channel": channel, "t0": t0, "t1": t1, "t2": None})
    for _ in range(20_000):
        channel = "telefon" if rng.random() < 0.6 else "chatt"
        t0 = moment()
        wait = dt.timedelta(seconds=int(rng.expovariate(1 / (60 + 40 * (t0.month % 3)))))
        if rng.random() < 0.06:
            gave_up = t0 + dt.timedelta(seconds=int(rng.expovariate(1 / 150)))
            calls.append(
                {"kind": "calls", "channel": channel, "t0": t0, "t1": None, "t2": gave_up if gave_up <= end else None}
            )
        else:
            calls.append(
                {
                    "kind": "calls",
                    "channel": channel,
                    "t0": t0,
                    "t1": t0 + wait if t0 + wait <= end else None,
                    "t2": None,
                }
            )
    metrics = folder / "metrics"
    metrics.mkdir()
    lines = ["channel,received_at,replied_at,ticket_id,subject"]
    for i, r in enumerate(written):
        lines.append(f'{r["channel"]},{_stamp(r["t0"], rng)},{_stamp(r["t1"], rng)},T-{i},"Question {i}, about wheels"')
    (metrics / "written.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    utc = pa.timestamp("us", tz="UTC")
    table = pa.table(
        {
            "channel": [r["channel"] for r in calls],
            "queued_at": pa.array([r["t0"] for r in calls], utc),
            "answered_at": pa.array([r["t1"] for r in calls], utc),
            "abandoned_at": pa.array([r["t2"] for r in calls], utc),
            "caller": [f"+4670{i:07d}" for i in range(len(calls))],
        }
    )
    pq.write_table(table, metrics / "calls.parquet")
    return {"written.csv": written, "calls.parquet": calls}


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from philosophy.loader import load

    folder = tmp_path_factory.mktemp("year")
    rows = generate_year(folder)
    path = write_yaml(_philosophy(folder), folder / "philosophy.yml")
    expected = expected_figures(load(path), rows)
    public = build_site("public", folder / "out" / "public", path)
    handbook = build_site("handbook", folder / "out" / "handbook", path)
    return {"expected": expected, "public": public, "handbook": handbook}


def test_the_year_has_enough_variety_to_mean_something(year: dict[str, Any]) -> None:
    expected = year["expected"]
    assert set(expected) == {("snabbt-svar", 0), ("snabbt-svar", 1), ("snabbt-svar", 2), ("ett-samtal-bort", 0)}
    shares = {k: [kept * 100 // n for _, n, kept, *_ in v["months"] if n >= 30] for k, v in expected.items()}
    assert all(len(set(s)) >= 3 for s in shares.values()), shares  # the shares differ from month to month
    instagram = {m: n for m, n, *_ in expected[("snabbt-svar", 2)]["months"]}
    assert 0 < instagram["2026-02"] < 30  # a month too small to report
    # calls given up quickly are left out; unanswered messages in the reported months are all overdue (missed)
    assert all(any(left for *_, left in expected[k]["months"]) for k in [("snabbt-svar", 1), ("ett-samtal-bort", 0)])


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_public_page_shows_exactly_the_independently_computed_figures(year: dict[str, Any], lang: str) -> None:
    w = words(lang)
    page = year["public"] / ("performance" if lang == "sv" else "en/performance") / "index.html"
    html = soup(page)
    for (promise, index), exp in year["expected"].items():
        section = html.find("section", attrs={"aria-labelledby": f"perf-{promise}-{index}"})
        assert section is not None, (promise, index)
        shown = {
            tr["data-month"]: tr.find("td", class_="performance-share").get_text(strip=True)
            for tr in section.find("tbody").find_all("tr")
        }
        want = {
            m: (w.percent(kept * 100 // n) if n >= 30 else w._("Too few to report"))
            for m, n, kept, _missed, _left in exp["months"]
        }
        assert shown == want, (promise, index)
        # the latest month in a plain sentence, with the target
        m, n, kept, *_ = exp["months"][-1]
        latest = section.find(class_="performance-metric__latest").get_text(" ", strip=True)
        assert w.month(dt.date.fromisoformat(m + "-01")) in latest
        assert w.percent(kept * 100 // n) in latest and w.percent(exp["target"]) in latest
        # an accessible chart: an image with a name and a target line, and a table with a caption and scopes
        svg = section.find("svg")
        assert svg["role"] == "img" and svg.find("title").get_text(strip=True)
        assert svg.find("line", class_="performance-chart__target") is not None
        assert section.find("table").find("caption").get_text(strip=True)
        assert {th["scope"] for th in section.find("table").find_all("th")} == {"col", "row"}


def test_handbook_shows_the_same_counts_and_where_promises_were_missed(year: dict[str, Any]) -> None:
    html = soup(year["handbook"] / "performance" / "index.html")
    w = words("sv")
    for (promise, index), exp in year["expected"].items():
        section = html.find("section", attrs={"aria-labelledby": f"perf-{promise}-{index}"})
        rows = {
            tr["data-month"]: [td.get_text(strip=True) for td in tr.find_all("td")][:4]
            for tr in section.find("table", class_="performance-table").find("tbody").find_all("tr")
        }
        assert rows == {
            m: [w.number(n), w.number(kept), w.number(missed), w.number(left)]
            for m, n, kept, missed, left in exp["months"]
        }
        heat = section.find("table", class_="performance-heat")
        cells = [int(td.get_text(strip=True).replace("\u00a0", "")) for td in heat.find("tbody").find_all("td")]
        assert cells == exp["heat"], (promise, index)
        assert sum(cells) == sum(missed for _, _, _, missed, _ in exp["months"])
        assert heat.find("td", class_="heat-4") is not None
        worst = [
            (
                tr.find("time")["datetime"],
                int(tr.find_all("td")[0].get_text(strip=True).replace("\u00a0", "")),
                int(tr.find_all("td")[1].get_text(strip=True).replace("\u00a0", "")),
            )
            for tr in section.find("table", class_="performance-worst").find("tbody").find_all("tr")
        ]
        assert worst == exp["worst"], (promise, index)


def test_no_ticket_id_or_free_text_reaches_any_output(tmp_path: Path) -> None:
    folder = tmp_path / "canary"
    (folder / "metrics").mkdir(parents=True)
    lines = ["ticket_id,channel,received_at,replied_at,subject,description,requester_email"]
    lines += [
        f"TKT-CANARY-{i:04d},e-post,2026-10-{1 + i % 28:02d}T09:00:00+02:00,"
        f'2026-10-{1 + i % 28:02d}T10:00:00+02:00,"CANARY-SUBJECT-{i}, my wheel",'
        f'"CANARY-DESCRIPTION-{i}\nsecond line",canary.requester{i}@example.org'
        for i in range(40)
    ]
    lines.append(
        "TKT-CANARY-9999,canary.channel@example.org,2026-10-05T09:00:00+02:00,,CANARY-SUBJECT-BAD,"
        "CANARY-DESCRIPTION-BAD,canary.bad@example.org"
    )  # a bad row: its channel is an address
    lines.append(
        "TKT-CANARY-9998,e-post,2026-11-20T09:00:00+01:00,2026-11-20T09:30:00+01:00,CANARY-SUBJECT-LAST,"
        "CANARY-DESCRIPTION-LAST,canary.last@example.org"
    )
    (folder / "metrics" / "tickets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(FIXTURES / "metrics" / "zendesk-tickets.csv.txt", folder / "metrics" / "zendesk-tickets.csv")
    data = sample_data()
    data["metrics"] = {"min_contacts": 1, "max_bad_share": 0.1}
    path = write_yaml(data, folder / "philosophy.yml")
    out = tmp_path / "out"
    build_site("public", out / "public", path)
    build_site("handbook", out / "handbook", path)
    text = soup(out / "handbook" / "performance" / "index.html").get_text(" ")
    from philosophy.i18n import words

    reason = words("sv")._tr.gettext("unknown channel")
    assert "metrics/tickets.csv" in text and reason in text  # the bad row is reported …
    canaries = [
        "canary",
        "tkt-",
        "880001",
        "880002",
        "880003",
        "880004",
        "880005",
        "requester",
        "@example.org",
        "my wheel",
        "second line",
    ]
    scanned = 0
    for file in sorted(out.rglob("*")):
        if not file.is_file():
            continue
        raw = file.read_bytes()
        if file.suffix == ".gz":
            raw = gzip.decompress(raw)
        body = raw.decode("utf-8", errors="replace").lower()
        scanned += 1
        for canary in canaries:
            assert canary not in body, f"{canary!r} in {file.relative_to(out)}"  # … its values are not
    assert scanned > 50


def test_without_exports_the_pages_say_nothing_is_published_yet(tmp_path: Path) -> None:
    path = write_yaml(sample_data(), tmp_path / "philosophy.yml")
    public = build_site("public", tmp_path / "public", path)
    handbook = build_site("handbook", tmp_path / "handbook", path)
    nothing = (
        "Nothing is published here yet. When we publish how well we keep each promise, the figures will "
        "appear on this page, month by month."
    )
    for lang, page in (
        ("en", public / "en" / "performance" / "index.html"),
        ("sv", public / "performance" / "index.html"),
    ):
        body = soup(page).find(class_="performance-page")
        assert body.get_text(" ", strip=True).startswith(words(lang)._(nothing))
        assert body.find("table") is None and body.find("svg") is None
    body = soup(handbook / "performance" / "index.html").find(class_="performance")
    assert body.get_text(" ", strip=True) == words("sv")._(
        "Nothing is published here yet. When help-desk exports are added, this page shows where promises were missed."
    )


def _too_many_bad(tmp_path: Path) -> Path:
    (tmp_path / "metrics").mkdir()
    rows = ["channel,received_at,replied_at"]
    rows += ["e-post,2026-10-05T09:00:00+02:00,2026-10-05T10:00:00+02:00"] * 30
    rows += ["e-post,2026-10-05 09:00,2026-10-05T10:00:00+02:00"] * 3  # no UTC offset: 3 of 33 > 5%
    (tmp_path / "metrics" / "written.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return write_yaml(sample_data(), tmp_path / "philosophy.yml")


def test_too_many_bad_rows_stop_the_build_with_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as caught:
        build_site("public", tmp_path / "out", _too_many_bad(tmp_path))
    message = str(caught.value)
    assert (
        "3 of 33 rows in the help-desk exports (9.1 percent) cannot be used: more than the 5 percent allowed" in message
    )
    assert "metrics/written.csv:32:0: error: row 32: received_at has no UTC offset" in message
    assert not (tmp_path / "out" / "performance" / "index.html").exists()


def test_too_many_bad_rows_error_has_no_traceback(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as caught:
        build_site("public", tmp_path / "out", _too_many_bad(tmp_path))
    message = str(caught.value)
    assert "Traceback" not in message and 'File "' not in message and "SystemExit" not in message


def test_chinese_and_japanese_pages_follow_their_own_typography(tmp_path: Path) -> None:
    """No space after 。 between sentences, full-width brackets: the joins come from the catalogue."""
    folder = tmp_path / "cjk"
    folder.mkdir()
    generate_year(folder)
    data = _philosophy(folder)
    data["site"]["languages"] = ["sv", "en", "ja", "zh-Hant"]
    data["site"]["fallback_to_default"] = True
    data["site"]["handbook_language"] = "ja"
    path = write_yaml(data, folder / "philosophy.yml")
    public = build_site("public", folder / "public", path)
    handbook = build_site("handbook", folder / "handbook", path)
    for prefix in ("ja", "zh-hant"):
        latest = [
            p.get_text(strip=False)
            for p in soup(public / prefix / "performance" / "index.html").select(".performance-metric__latest")
        ]
        assert latest and all("。" in t and "。 " not in t for t in latest), latest
    channels = soup(handbook / "channels" / "index.html").select("h2 small")
    assert channels and all(s.get_text().startswith("（") and s.get_text().endswith("）") for s in channels)
    note = words("ja")._("too few to publish")
    cells = [
        td.get_text() for td in soup(handbook / "performance" / "index.html").find_all("td") if note in td.get_text()
    ]
    assert cells and all(f"（{note}）" in c for c in cells), cells
