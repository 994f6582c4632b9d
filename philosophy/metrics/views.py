"""What the performance pages show, in one reader's language: every word through the catalogue,
every month, date, number, percent and duration through CLDR. Templates only lay these out.

The public view takes its texts (promise titles, commitments, channel names) from the page's own
model, which in the public build is the public cut: nothing staff-only enters it. Months with fewer
contacts than `metrics.min_contacts` show no figure at all.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..durations import Duration
from .figures import BadRow, MetricResult, Month, Results

if TYPE_CHECKING:
    from ..i18n import Words

SECOND = 1_000_000


def duration_text(w: Words, us: int | None) -> str:
    """A measured time in the reader's words, to a sensible unit: '45 seconds', '95 minutes', '5 hours',
    '3 days' (CLDR; exact units through Words.duration)."""
    if us is None:
        return "–"
    seconds = round(us / SECOND)
    if seconds < 120:
        return w.unit(seconds, "second")
    minutes = round(seconds / 60)
    if minutes < 120:
        return w.unit(minutes, "minute")
    if minutes < 48 * 60:
        return w.duration(Duration(round(minutes / 60) * 60))
    return w.unit(round(minutes / 1440), "day")


def _percent(w: Words, value: Any) -> str:
    return w.percent(value, whole=True)


def local_date(moment: dt.datetime | None, zone: str) -> dt.date | None:
    return moment.astimezone(ZoneInfo(zone)).date() if moment is not None else None


# --- the public page -------------------------------------------------------------------------------


@dataclass
class Bar:
    x: str
    y: str
    width: str
    height: str
    label_x: str
    label: str  # the month, short
    met: bool | None
    reportable: bool


@dataclass
class Chart:
    width: int
    height: int
    title: str
    bars: list[Bar]
    ticks: list[tuple[str, str]]  # (y, label)
    target_y: str | None
    target_label: str
    left: int
    right: int
    baseline: str
    label_y: str


@dataclass
class MonthRow:
    iso: str  # '2026-10'
    label: str
    reportable: bool
    share: str
    target: str
    result: str
    met: bool | None
    median: str
    p90: str
    contacts: str
    kept: str = ""
    missed: str = ""
    left_out: str = ""


@dataclass
class PublicMetric:
    id: str
    title: str
    commitment: str
    latest: str
    target: str
    verdict: str
    met: bool | None
    caption: str
    share_header: str
    rows: list[MonthRow]
    chart: Chart


@dataclass
class PublicView:
    metrics: list[PublicMetric]
    definitions: list[str]
    source: str


def _texts(page: Any, result: MetricResult) -> tuple[str, str, str, str]:
    """(promise title, commitment sentence, channel name, duration) in the page's language."""
    w = page.w
    promise = page.model.promise_by_id.get(result.promise)
    title = page.t(promise.title) if promise is not None else result.promise
    commitment = ""
    if promise is not None and result.index < len(promise.commitments):
        commitment = page.commitment(promise.commitments[result.index]).sentence
    return title, commitment, page.say.channel(result.metric.channel), w.duration(result.metric.within)


def _latest_sentence(
    w: Words, result: MetricResult, month: Month, *, channel: str, duration: str, min_contacts: int
) -> str:
    label = w.month(month.month)
    if month.contacts < min_contacts or month.share is None:
        return w._("In %(month)s there were too few contacts by %(channel)s to report.", month=label, channel=channel)
    share = _percent(w, month.share)
    metric = result.metric
    if metric.source == "calls":
        return w._(
            "In %(month)s a person answered %(share)s of contacts by %(channel)s within %(duration)s.",
            month=label,
            share=share,
            channel=channel,
            duration=duration,
        )
    if metric.counts == "calendar":
        return w._(
            "In %(month)s we replied to %(share)s of messages by %(channel)s within %(duration)s.",
            month=label,
            share=share,
            channel=channel,
            duration=duration,
        )
    return w._(
        "In %(month)s we replied to %(share)s of messages by %(channel)s within %(duration)s, "
        "counted in our opening hours.",
        month=label,
        share=share,
        channel=channel,
        duration=duration,
    )


def _row(w: Words, month: Month, target: Any, min_contacts: int, staff: bool = False) -> MonthRow:
    reportable = month.contacts >= min_contacts and month.share is not None
    met = month.met(target) if reportable else None
    too_few = w._("Too few to report")
    row = MonthRow(
        iso=month.month.strftime("%Y-%m"),
        label=w.month(month.month),
        reportable=reportable,
        share=_percent(w, month.share) if reportable else too_few,
        target=w.percent(target) if target is not None else "–",
        result=(w._("Target met") if met else w._("Below target")) if met is not None else "–",
        met=met,
        median=duration_text(w, month.median_us) if reportable else "–",
        p90=duration_text(w, month.p90_us) if reportable else "–",
        contacts=w.number(month.contacts) if reportable else "–",
    )
    if staff:  # the handbook shows every count, also in small months
        row.share = _percent(w, month.share) if month.share is not None else "–"
        row.median, row.p90 = duration_text(w, month.median_us), duration_text(w, month.p90_us)
        row.contacts, row.kept = w.number(month.contacts), w.number(month.kept)
        row.missed, row.left_out = w.number(month.missed), w.number(month.left_out)
    return row


def _chart(w: Words, result: MetricResult, channel: str, duration: str, min_contacts: int) -> Chart:
    width, height, left, right, top, bottom = 640, 240, 52, 12, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(1, len(result.months))

    def y(share: float) -> float:
        return top + plot_h * (1 - share / 100)

    bars = []
    target = result.metric.target
    for i, month in enumerate(result.months):
        reportable = month.contacts >= min_contacts and month.share is not None
        share = month.share if reportable and month.share is not None else 0
        x = left + i * slot + slot * 0.2
        bars.append(
            Bar(
                f"{x:.1f}",
                f"{y(share):.1f}",
                f"{slot * 0.6:.1f}",
                f"{plot_h * share / 100:.1f}",
                f"{left + i * slot + slot / 2:.1f}",
                w.month_abbr(month.month),
                month.met(target) if reportable else None,
                reportable,
            )
        )
    ticks = [(f"{y(v):.1f}", w.percent(v)) for v in (0, 50, 100)]
    if target is not None:
        title = w._(
            "%(channel)s: share of contacts answered within %(duration)s, month by month, against our "
            "target of %(target)s",
            channel=channel,
            duration=duration,
            target=w.percent(target),
        )
    else:
        title = w._(
            "%(channel)s: share of contacts answered within %(duration)s, month by month",
            channel=channel,
            duration=duration,
        )
    return Chart(
        width,
        height,
        title,
        bars,
        ticks,
        f"{y(float(target)):.1f}" if target is not None else None,
        w._("Target %(target)s", target=w.percent(target)) if target is not None else "",
        left,
        width - right,
        f"{top + plot_h:.1f}",
        f"{top + plot_h + 22:.1f}",
    )


def public_metric(result: MetricResult, page: Any, min_contacts: int) -> PublicMetric:
    w = page.w
    title, commitment, channel, duration = _texts(page, result)
    target = result.metric.target
    latest = result.months[-1]  # a published result has its months
    reportable = latest.contacts >= min_contacts and latest.share is not None
    met = latest.met(target) if reportable else None
    return PublicMetric(
        id=result.html_id,
        title=title,
        commitment=commitment,
        latest=w.sentence(
            _latest_sentence(w, result, latest, channel=channel, duration=duration, min_contacts=min_contacts)
        ),
        target=w._("Our target is %(target)s.", target=w.percent(target)) if target is not None else "",
        verdict=(w._("Target met") if met else w._("Below target")) if met is not None else "",
        met=met,
        caption=w._("%(commitment)s, month by month", commitment=commitment or channel),
        share_header=w._("Within %(duration)s", duration=duration),
        rows=[_row(w, m, target, min_contacts) for m in reversed(result.months)],
        chart=_chart(w, result, channel, duration, min_contacts),
    )


def definitions(w: Words, results: Results) -> list[str]:
    return [
        w._("A contact counts in the month it reached us (%(timezone)s).", timezone=w.timezone_name(results.timezone)),
        w._(
            "Where a promise counts our opening hours, only the time we are open counts: a message that arrives "
            "while we are closed starts counting when we open. Public holidays and special opening hours count "
            "as published."
        ),
        w._(
            "A message we have not answered yet counts as missed once it is older than the promised time; until "
            "then it is left out."
        ),
        w._(
            "A call or chat the customer gave up counts as missed if they waited longer than the promised time, "
            "and is left out otherwise."
        ),
        w.ngettext(
            "Shares are rounded down to a whole percent. A month with fewer than %(num)s contact is shown "
            "as too few to report.",
            "Shares are rounded down to a whole percent. A month with fewer than %(num)s contacts is shown "
            "as too few to report.",
            results.min_contacts,
        ),
        w._(
            "The median is the time within which half of the contacts were answered; the 90th percentile, nine in ten."
        ),
    ]


def source_line(w: Words, results: Results) -> str:
    day = local_date(results.exported_at, results.timezone)
    if day is None:
        return ""
    return w._("Figures from our help desk's exports of %(date)s.", date=w.date(day))


def public_view(results: Results, page: Any) -> PublicView:
    return PublicView(
        [public_metric(m, page, results.min_contacts) for m in results.published],
        definitions(page.w, results),
        source_line(page.w, results),
    )


# --- the handbook ----------------------------------------------------------------------------------


@dataclass
class HeatRow:
    label: str  # the hour, as the locale writes a time
    cells: list[tuple[str, int]]  # (count, shade 0-4)


@dataclass
class WorstDay:
    iso: str
    date: str
    weekday: str
    contacts: str
    missed: str
    share: str


@dataclass
class HandbookMetric:
    id: str
    title: str
    commitment: str
    channel: str
    caption: str
    rows: list[MonthRow]
    heat_caption: str
    weekdays: list[str]
    heat: list[HeatRow]
    missed_text: str
    worst_caption: str
    worst: list[WorstDay]


@dataclass
class FileRow:
    name: str
    kind: str
    rows: str
    bad: str
    exported: str


@dataclass
class BadRowView:
    file: str
    row: str
    message: str


@dataclass
class HandbookView:
    summary: str
    bad_summary: str
    metrics: list[HandbookMetric]
    unmeasured: list[str]
    files: list[FileRow]
    bad_rows: list[BadRowView]
    bad_by_reason: list[tuple[str, str]]
    definitions: list[str] = field(default_factory=list)


def _shade(value: int, top: int) -> int:
    return 0 if value <= 0 or top <= 0 else max(1, min(4, math.ceil(4 * value / top)))


def handbook_metric(result: MetricResult, page: Any, min_contacts: int) -> HandbookMetric:
    w = page.w
    title, commitment, channel, duration = _texts(page, result)
    top = max((v for row in result.heat for v in row), default=0)
    heat = [
        HeatRow(
            w.time(hour * 60), [(w.number(result.heat[d][hour]), _shade(result.heat[d][hour], top)) for d in range(7)]
        )
        for hour in range(24)
    ]
    worst = [
        WorstDay(
            d.date.isoformat(),
            w.date(d.date, "full"),
            w.weekday(d.date.weekday()),
            w.number(d.contacts),
            w.number(d.missed),
            _percent(w, d.share) if d.share is not None else "–",
        )
        for d in result.worst
    ]
    return HandbookMetric(
        id=result.html_id,
        title=title,
        commitment=commitment,
        channel=channel,
        caption=w._("%(commitment)s, month by month", commitment=commitment or channel),
        rows=[_row(w, m, result.metric.target, min_contacts, staff=True) for m in reversed(result.months)],
        heat_caption=w._(
            "%(channel)s: contacts not answered within %(duration)s, by weekday and hour (last 12 months)",
            channel=channel,
            duration=duration,
        ),
        weekdays=[w.weekday(i, "abbreviated") for i in range(7)],
        heat=heat,
        missed_text=w.ngettext(
            "%(num)s contact was missed in these months. Darker cells had more.",
            "%(num)s contacts were missed in these months. Darker cells had more.",
            sum(map(sum, result.heat)),
        ),
        worst_caption=w._("%(channel)s: the days with the most missed contacts", channel=channel),
        worst=worst,
    )


def _bad_view(w: Words, bad: BadRow) -> BadRowView:
    return BadRowView(bad.file, w.number(bad.row), bad.message(w))


def handbook_view(results: Results, page: Any) -> HandbookView:
    from .figures import REASON_LABELS

    w = page.w
    day = local_date(results.exported_at, results.timezone)
    summary = w.ngettext(
        "%(num)s export file read; the latest export is of %(date)s.",
        "%(num)s export files read; the latest export is of %(date)s.",
        len(results.files),
        date=w.date(day) if day else "–",
    )
    bad_summary = w._(
        "%(bad)s of %(total)s rows could not be used (%(share)s).",
        bad=w.number(results.bad_total),
        total=w.number(results.total_rows),
        share=w.percent(round(results.bad_total * 100 / results.total_rows, 1)) if results.total_rows else w.percent(0),
    )
    unmeasured = []
    for m in results.metrics:
        if not m.has_data:
            title, commitment, _channel, _duration = _texts(page, m)
            unmeasured.append(w._("%(promise)s: %(commitment)s", promise=title, commitment=commitment))
    kinds = {"written": w._("Written contacts"), "calls": w._("Calls and chats")}
    files = [
        FileRow(
            f.name,
            kinds.get(f.kind, f.kind) + (" (Zendesk)" if f.layout == "zendesk" else ""),
            w.number(f.rows),
            w.number(f.bad),
            w.date(local_date(f.exported_at, results.timezone)) if f.exported_at else "–",
        )
        for f in results.files
    ]
    reasons: dict[str, int] = {}
    for code, n in sorted(results.bad_by_code.items()):
        text = w._(REASON_LABELS[code])
        reasons[text] = reasons.get(text, 0) + n
    return HandbookView(
        summary=summary,
        bad_summary=bad_summary,
        metrics=[handbook_metric(m, page, results.min_contacts) for m in results.published],
        unmeasured=unmeasured,
        files=files,
        bad_rows=[_bad_view(w, b) for b in results.bad_rows],
        bad_by_reason=[(text, w.number(n)) for text, n in reasons.items()],
        definitions=definitions(w, results),
    )
