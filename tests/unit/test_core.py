"""Units of the core: durations, hours, calendars, languages, structured fields, texts, YAML reading,
redaction, numbers in texts, wording and the summary's escaping."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from philosophy.audience import Audience
from philosophy.calendar import Calendar, HolidaySpec, SeasonSpec
from philosophy.durations import DurationField, parse_duration
from philosophy.fields import BranchName, Email, PhoneNumber, Share, SiteUrl, WebUrl
from philosophy.hours import parse_range, parse_week
from philosophy.i18n import words
from philosophy.languages import Language, LanguageError, canonical
from philosophy.loader import load
from philosophy.numbers import durations_in
from philosophy.problems import PhilosophyError
from philosophy.summary import md, word_diff
from philosophy.texts import text_in
from philosophy.walk import redact
from philosophy.yamlread import decode, parse_text
from tests.helpers import SAMPLE

pytestmark = pytest.mark.fast


def parse(text: str) -> object:
    return parse_text(decode(text.encode("utf-8"), "f.yml"), "f.yml").data


# --- durations and hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("8h", 480),
        ("30 min", 30),
        ("2 days", 2880),
        ("1 week", 10080),
        ("PT24H", 1440),
        ("P2D", 2880),
        ("P1W", 10080),
        ("PT1H30M", 90),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text).minutes == minutes


@pytest.mark.parametrize("text", ["soon", "8", "0h", "99999999999 days", "P99999999999W", "3650000 days", "1:30"])
def test_bad_durations_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(Exception, match=r"duration|unit|longer|zero|ten years") as info:
        parse_duration(text)
    assert "hint" in getattr(info.value, "context", {}) or "ten years" in str(info.value) or "unit" in str(info.value)


def test_iso_form_of_durations() -> None:
    assert parse_duration("8h").iso == "PT8H"
    assert parse_duration("2 days").iso == "P2D"
    assert parse_duration("90 min").iso == "PT1H30M"


def test_hours_past_midnight_and_whole_weeks() -> None:
    assert parse_range("18:00-02:00") == [(1080, 1560)]
    assert parse_range("08:00-12:00, 13:00-17:00") == [(480, 720), (780, 1020)]
    assert parse_range("closed") == []
    assert parse_week("always") == [[(0, 1440)]] * 7
    assert parse_week("by_appointment") == [[]] * 7
    week = parse_week({"mon-fri": "08:00-17:00", "sat": "10:00-14:00"})
    assert week[4] == [(480, 1020)] and week[6] == []


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ({"mon-fri": "08:00-17:00", "wed": "09:00-12:00"}, "clash"),
        ({"mon": "17:00-17:00"}, "same time"),
        ({"fri": "18:00-02:00", "sat": "01:00-05:00"}, "past midnight"),
        ({"funday": "08:00-17:00"}, "weekday"),
        ({"mon": "25:00-26:00"}, "time of day"),
    ],
)
def test_bad_hours(hours: dict[str, str], message: str) -> None:
    with pytest.raises(Exception, match=message):
        parse_week(hours)


# --- calendars -----------------------------------------------------------------------------------


def office() -> Calendar:
    return Calendar("Europe/Stockholm", parse_week({"mon-fri": "08:00-17:00"}), holidays=HolidaySpec("SE"))


def test_public_holidays_close_the_channel_and_have_names_in_each_language() -> None:
    cal = office()
    christmas = dt.date(2026, 12, 25)
    assert cal.plan(christmas).intervals == []
    assert cal.plan(christmas).source == "holiday"
    assert cal.holiday_name(christmas, "sv") == "Juldagen"
    assert cal.holiday_name(christmas, "en-GB") == "Christmas Day"


def test_exceptions_override_holidays_and_seasons_override_the_week() -> None:
    summer = SeasonSpec((6, 22), (8, 16), parse_week({"mon-fri": "09:00-15:00"}), "Sommar")
    cal = Calendar(
        "Europe/Stockholm",
        parse_week({"mon-fri": "08:00-17:00"}),
        seasons=[summer],
        holidays=HolidaySpec("SE"),
        exceptions={dt.date(2026, 12, 25): ([(600, 840)], "Öppet ändå")},
    )
    assert cal.plan(dt.date(2026, 7, 1)).intervals == [(540, 900)]
    assert cal.plan(dt.date(2026, 9, 1)).intervals == [(480, 1020)]
    assert cal.plan(dt.date(2026, 12, 25)).intervals == [(600, 840)]


def test_winter_season_wraps_the_new_year() -> None:
    winter = SeasonSpec((11, 1), (2, 28), parse_week({"mon-fri": "10:00-16:00"}))
    assert winter.covers(dt.date(2026, 12, 31)) and winter.covers(dt.date(2027, 1, 15))
    assert not winter.covers(dt.date(2027, 3, 1))


def test_open_intervals_follow_daylight_saving_time() -> None:
    cal = Calendar("Europe/Stockholm", parse_week("always"))
    spans = cal.open_intervals(dt.date(2026, 3, 28), dt.date(2026, 3, 30))
    assert len(spans) == 1  # one continuous interval, 23-hour Sunday included
    assert cal.always_open(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_longest_closed_stretch_includes_public_holidays() -> None:
    cal = office()
    weekend = cal.longest_closed(dt.date(2026, 3, 1), dt.date(2026, 3, 20))
    christmas = cal.longest_closed(dt.date(2026, 12, 1), dt.date(2027, 1, 10))
    assert weekend == dt.timedelta(hours=63)
    assert christmas is not None and christmas > dt.timedelta(days=3)


# --- languages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "canon", "og", "prefix"),
    [
        ("sv", "sv", "sv_SE", "sv"),
        ("en-US", "en-US", "en_US", "en-us"),
        ("EN_us", "en-US", "en_US", "en-us"),
        ("pt-BR", "pt-BR", "pt_BR", "pt-br"),
        ("fi", "fi", "fi_FI", "fi"),
        ("nb", "nb", "nb_NO", "nb"),
        ("zh-Hant", "zh-Hant", "zh_TW", "zh-hant"),  # the script's likely region, not Simplified zh's CN
        ("zh-HK", "zh-HK", "zh_HK", "zh-hk"),
    ],
)
def test_language_codes_as_the_web_uses_them(code: str, canon: str, og: str, prefix: str) -> None:
    assert canonical(code) == canon
    assert Language(canon).og_locale == og
    assert Language(canon).url_prefix == prefix


@pytest.mark.parametrize(("code", "hint"), [("dk", "'da'"), ("no", "'nb'"), ("zz", "ISO 639"), ("x", "code")])
def test_bad_language_codes_get_a_hint(code: str, hint: str) -> None:
    with pytest.raises(LanguageError) as info:
        canonical(code)
    assert hint in info.value.hint


# --- structured fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '"><svg/onload=alert(1)>',
        "javascript:alert(1)//",
        "http://example.com/",
        "https://example.com/ x",
        "https://user:pw@example.com/",
        "https://localhost/",
        "https://example.com/?q=1",
        "https://example.com/a",
        "https://exa\u2028mple.com/",
    ],
)
def test_site_urls_refuse_hostile_values(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(SiteUrl).validate_python(value)


def test_urls_are_normalised() -> None:
    assert TypeAdapter(SiteUrl).validate_python("https://Example.COM/") == "https://example.com/"
    assert TypeAdapter(WebUrl).validate_python("https://example.com/chat") == "https://example.com/chat"


@pytest.mark.parametrize(
    "value",
    [
        "a@example.com?cc=b@example.com",
        "a@example.com&body=x",
        "<a@example.com>",
        "a b@example.com",
        "a@localhost",
        "javascript:alert(1)@example.com",
    ],
)
def test_emails_refuse_hostile_values(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Email).validate_python(value)


def test_phone_numbers_are_stored_as_e164_and_shown_per_reader() -> None:
    phone = TypeAdapter(PhoneNumber).validate_python("+46 31 12 34 56")
    assert phone.e164 == "+4631123456"
    assert phone.tel == "tel:+4631123456"
    assert phone.formatted("SE") == "031-12 34 56"
    assert phone.formatted("US").startswith("+46 31")
    national = TypeAdapter(PhoneNumber).validate_python("(415) 555-0134", context={"phone_region": "US"})
    assert national.e164 == "+14155550134"
    with pytest.raises(ValidationError):
        TypeAdapter(PhoneNumber).validate_python("call us")


@pytest.mark.parametrize("value", ["../../x", "main..x", "-rf", "a b", "x.lock", "a//b", "@", "a~b", "x/"])
def test_branch_names_follow_git_rules(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(BranchName).validate_python(value)


def test_shares() -> None:
    assert TypeAdapter(Share).validate_python("85%") == Decimal(85)
    assert TypeAdapter(Share).validate_python(92.5) == Decimal("92.5")
    for bad in ("120%", 0, "0.85", 0.85, "eighty"):
        with pytest.raises(ValidationError):
            TypeAdapter(Share).validate_python(bad)


# --- texts and words -----------------------------------------------------------------------------


def test_text_in_falls_back_through_base_language_then_fallbacks() -> None:
    text = {"en": "Hello", "sv": "Hej"}
    assert text_in(text, "en-US") == "Hello"
    assert text_in(text, "de", ["sv"]) == "Hej"
    assert text_in("plain", "de") == "plain"
    assert text_in(None, "sv") == ""


def test_cldr_formats_follow_the_locale() -> None:
    assert words("en-US").time(17 * 60) == "5:00\u202fPM" or words("en-US").time(17 * 60) == "5:00 PM"
    assert words("en-GB").time(17 * 60) == "17:00"
    assert words("sv").time(1440) == "24:00"
    assert words("fi").time(8 * 60) == "8.00"
    assert (words("fi").time(1440), words("id").time(1440)) == ("24.00", "24.00")  # the locale's separator
    assert words("sv").duration(parse_duration("8h")) == "8 timmar"
    assert words("fr").duration(parse_duration("8h")) == "8\xa0heures"
    assert words("de").list(["A", "B", "C"]) == "A, B und C"
    assert words("sv").timezone_name("Europe/Stockholm") == "centraleuropeisk tid"
    assert words("sv").percent(85) == "85\xa0%"


def test_catalogue_falls_back_from_region_to_language() -> None:
    assert words("en-US")._("Contact us") == words("en")._("Contact us") == "Contact us"
    assert words("sv")._("Contact us") != "Contact us"


def test_numbers_in_texts_are_found_in_every_language() -> None:
    assert durations_in("Du har 60 dagar på dig, svar inom 8 timmar", "sv") == {(60, "day"), (8, "hour")}
    assert durations_in("Innerhalb von 8 Stunden oder 14 Tage", "de") == {(8, "hour"), (14, "day")}
    assert durations_in("sous 3 jours", "fr") == {(3, "day")}


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        # scripts without spaces between words: the unit is found inside running text
        ("ja", "お電話は24時間365日、いつでも", {(24, "hour"), (365, "day")}),
        ("ja", "返品は30日以内に", {(30, "day")}),
        ("zh-Hans", "我们在24小时内回复", {(24, "hour")}),
        ("th", "ตอบภายใน 8 ชั่วโมง", {(8, "hour")}),
        # spaced scripts keep whole words: no unit inside a longer word, no part of a decimal or a code
        ("en", "version 8.5 hours", set()),
        ("en", "code a8 hours", set()),
        ("en", "8 hoursx", set()),
        ("en", "we reply within 8 hours.", {(8, "hour")}),
    ],
)
def test_numbers_are_found_as_words_of_each_script(lang: str, text: str, found: set[tuple[int, str]]) -> None:
    assert durations_in(text, lang) == found


@pytest.mark.parametrize(
    ("lang", "text", "claims"),
    [
        ("ja", "24時間365日対応しています", True),
        ("ja", "返品は30日以内に", False),
        ("zh-Hans", "我们24/7在线", True),
        ("en", "We are open 24/7.", True),
        ("en", "Call 24/70 for the shop", False),
        ("de", "Wir sind rund um die Uhr erreichbar", True),
        ("pl", "Odpowiadamy całą dobę", True),
    ],
)
def test_round_the_clock_claims_are_found_in_every_script(lang: str, text: str, claims: bool) -> None:
    from philosophy.checks import _says_around_the_clock

    assert _says_around_the_clock(lang, text) is claims


# --- YAML 1.2 reading ----------------------------------------------------------------------------


def test_yaml_core_schema_scalars() -> None:
    data = parse("a: no\nb: yes\non: off\nd: 017\ne: 1:30\nf: 1_2\ng: 2026-01-01\nh: true\ni: ~\nj: 0x1f\n")
    assert data == {
        "a": "no",
        "b": "yes",
        "on": "off",
        "d": 17,
        "e": "1:30",
        "f": "1_2",
        "g": "2026-01-01",
        "h": True,
        "i": None,
        "j": 31,
    }


def test_tabs_inside_block_scalars_are_text() -> None:
    assert parse("a: |\n  x\ty\n") == {"a": "x\ty\n"}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: 1\nb: x\u2028y\n", (2, 5), "line separator"),
        ("a: 1\n\nb: x\x0by\n", (3, 5), "vertical tab"),
        ("a: 1\n---\nb: 2\n", (2, 1), "second document"),
        ("a:\n\tb: 1\n", (2, 1), "tab"),
        ("a: b: c\n", (1, 5), "': '"),
    ],
)
def test_invisible_characters_and_traps_at_their_true_position(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(PhilosophyError) as info:
        parse(text)
    first = info.value.first
    assert (first.line, first.column) == where
    assert message in first.message + first.hint


def test_nfd_text_is_normalised_to_nfc() -> None:
    assert parse("a: a\u030a\n") == {"a": "\u00e5"}


def test_odd_files_are_refused_without_blocking(tmp_path: Path) -> None:
    from philosophy.yamlread import parse_file

    for target, message in (
        (tmp_path, "folder"),
        (Path("/dev/zero"), "regular file"),
        (tmp_path / "missing.yml", "does not exist"),
    ):
        with pytest.raises(PhilosophyError, match=message):
            parse_file(target, str(target))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(PhilosophyError, match="regular file"):
        parse_file(fifo, "fifo")


# --- redaction and the summary -------------------------------------------------------------------


def test_redaction_keeps_no_staff_text_and_fails_closed() -> None:
    model = load(SAMPLE).model
    public = redact(model, Audience.PUBLIC)
    assert public.promises[0].owner is None and public.promises[0].tips == []
    assert public.personas == [] and public.statement.background is None
    assert public.promises[0].title == model.promises[0].title
    assert redact(model, "internal") is model
    for bad in ("publik", "", None, "PUBLIC "):
        with pytest.raises(ValueError, match="unknown audience"):
            redact(model, bad)  # type: ignore[arg-type]


def test_markdown_from_yaml_is_inert() -> None:
    text = md("<img src=x onerror=alert(1)> ![x](http://e.test) [l](javascript:x) @team **b** `c`")
    assert "<" not in text and "](" not in text and "@team" not in text
    assert "\\*\\*b\\*\\*" in text


def test_word_diff_shows_a_change_near_the_end_with_context() -> None:
    old = "Du har 60 dagar på dig att lämna tillbaka oanvända varor. Pengarna är tillbaka inom 3 dagar."
    new = old.replace("inom 3 dagar", "inom 30 dagar")
    assert word_diff(old, new) == "… oanvända varor\\. Pengarna är tillbaka inom ~~3~~ **30** dagar\\."


def test_every_staff_field_customers_reach_has_a_default() -> None:
    """Redaction resets staff-only fields to their defaults: every one reachable from a public field needs one."""
    from typing import get_args

    from pydantic import BaseModel
    from pydantic_core import PydanticUndefined

    from philosophy.audience import audience_of
    from philosophy.commitments import KINDS
    from philosophy.model import Philosophy

    def models(tp: object) -> list[type[BaseModel]]:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return [tp]
        return [m for arg in get_args(tp) for m in models(arg)]

    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Philosophy, *KINDS.values()]
    missing = []
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            if audience_of(cls, name) is Audience.PUBLIC:
                todo += models(info.annotation)
            elif info.default is PydanticUndefined and info.default_factory is None:
                missing.append(f"{cls.__name__}.{name}")
    assert missing == []
    assert len(seen) > 15


def test_an_edited_catalogue_is_seen_by_a_running_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview runs for hours: interface words edited in a catalogue must show without a restart."""
    import shutil
    import time

    from philosophy import i18n

    shutil.copytree(i18n.LOCALES, tmp_path / "locales")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path / "locales")
    monkeypatch.setattr(i18n, "RECHECK_SECONDS", 0)
    i18n._CURRENT.clear()
    before = words("sv")._("Contact us")
    po = tmp_path / "locales" / "sv" / "LC_MESSAGES" / "messages.po"
    time.sleep(0.01)
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{before}"', 'msgstr "Hör av dig"'), encoding="utf-8")
    assert words("sv")._("Contact us") == "Hör av dig"
    i18n._CURRENT.clear()


def test_split_opening_hours_are_listed_not_glued() -> None:
    import datetime as dt

    from philosophy.views import Page

    page = Page(load(SAMPLE).model, "sv", ("sv",), dt.date(2026, 11, 23))
    assert page.hours_text([(480, 720), (780, 1020)]) == "08:00–12:00 och 13:00–17:00"
    assert page.hours_text([(0, 1440)]) == words("sv")._("Open 24 hours")


def test_check_warns_when_a_language_has_untranslated_interface_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from philosophy import checks

    monkeypatch.setattr(checks, "untranslated", lambda lang: ["Contact us"] if lang == "sv" else [])
    problems = checks.check(load(SAMPLE))
    assert any("interface words are not translated into 'sv'" in p.message for p in problems)
    assert all(p.severity == "warning" for p in problems)


@pytest.mark.parametrize(
    ("where", "text", "found"),
    [
        ("promise", "Vår policy är enkel: pengarna tillbaka.", "policy"),
        ("promise", "Vår POLICY är enkel.", "policy"),
        ("promise", "Det sker enligt va\u030ara rutiner.", "enligt våra rutiner"),  # NFD, as some editors paste
        ("guidance", "I stället för ”enligt våra rutiner”: säg vad som händer.", "enligt våra rutiner"),
    ],
)
def test_a_word_to_avoid_in_a_text_is_a_warning_naming_it(tmp_path: Path, where: str, text: str, found: str) -> None:
    from philosophy.checks import check
    from tests.helpers import sample_data, write_yaml

    data = sample_data()
    if where == "promise":
        data["promises"][0]["text"]["sv"] = text
    else:
        data["values"][0]["guidance"] = text
    problems = check(load(write_yaml(data, tmp_path / "philosophy.yml")))
    hits = [p for p in problems if "the tone guide says to avoid" in p.message]
    assert [(p.message, p.severity) for p in hits] == [
        (f"uses {found!r}, a word the tone guide says to avoid (sv)", "warning")
    ]


def test_words_to_avoid_are_whole_words_in_spaced_scripts_and_found_in_unspaced_ones(tmp_path: Path) -> None:
    from philosophy.checks import check
    from tests.helpers import relanguage, sample_data, write_yaml

    data = relanguage(sample_data(), {"sv": ("ja", ""), "en": ("en", "")})
    data["tone"]["avoid"] = [{"word": {"ja": "規定により", "en": "policy"}, "example": "…"}]
    data["promises"][0]["text"] = {"ja": "当社の規定により返金します", "en": "Our policyholders are welcome"}
    problems = [p.message for p in check(load(write_yaml(data, tmp_path / "philosophy.yml")))]
    assert "uses '規定により', a word the tone guide says to avoid (ja)" in problems
    assert not [m for m in problems if "'policy'" in m]


def test_business_days_written_into_a_duration_get_the_right_hint() -> None:
    for value, hint in (("1 business day", "write '1 day'"), ("15 working days", "write '15 days'")):
        with pytest.raises(ValidationError) as caught:
            TypeAdapter(DurationField).validate_python(value)
        assert caught.value.errors()[0]["ctx"]["hint"] == f"{hint} and 'counts: business_days' on the commitment"


@pytest.mark.parametrize(
    ("code", "chain"),
    [
        ("en-US", ["en_US", "en"]),
        ("pt-BR", ["pt_BR", "pt"]),
        ("zh-Hans", ["zh_Hans", "zh"]),
        ("zh-CN", ["zh_CN", "zh_Hans", "zh"]),
        ("zh-TW", ["zh_TW", "zh_Hant"]),  # never the Simplified 'zh'
        ("zh-Hant", ["zh_Hant"]),
        ("sr-Latn", ["sr_Latn"]),  # never the Cyrillic 'sr'
    ],
)
def test_catalogues_fall_back_within_a_script(code: str, chain: list[str]) -> None:
    assert Language(code).chain == chain


def test_one_languages_month_names_never_reach_another_in_the_same_process() -> None:
    """Babel 2.18 memoizes a resolved CLDR alias into data that locales share (babel#1234): after
    Japanese asked for stand-alone month names, Arabic and Italian got '5月'. Fresh processes, so the
    order is the one that used to leak."""
    import subprocess
    import sys

    script = (
        "import datetime as d, philosophy\n"
        "from babel.dates import format_date as f\n"
        "x = d.date(2026, 5, 1)\n"
        "first = [f(x, p, locale=l) for l, p in (('ja', 'LLL'), ('he', 'LLLL'))]\n"
        "print('|'.join(f(x, p, locale=l) for l in ('ar', 'it', 'fr', 'de', 'nb') for p in ('LLL', 'LLLL')))\n"
    )
    alone = (
        "import datetime as d, sys\n"
        "from babel.dates import format_date as f\n"
        "x = d.date(2026, 5, 1)\n"
        "print('|'.join(f(x, p, locale=l) for l in ('ar', 'it', 'fr', 'de', 'nb') for p in ('LLL', 'LLLL')))\n"
    )
    run = [sys.executable, "-c"]
    after = subprocess.run([*run, script], capture_output=True, text=True, check=True).stdout.strip()
    expected = subprocess.run([*run, alone], capture_output=True, text=True, check=True).stdout.strip()
    assert after == expected
    assert "5月" not in after and "מאי" not in after


@pytest.mark.parametrize(
    ("lang", "days", "expected"),
    [
        ("sv", 3, "3 dagar"),  # CLDR's long unit is "dygn", a 24-hour period
        ("sv", 1, "1 dag"),
        ("nb", 30, "30 dager"),  # CLDR: "døgn"
        ("nn", 30, "30 dagar"),
        ("et", 10, "10 päeva"),  # CLDR: "ööpäeva"
        ("en", 1, "1 day"),
        ("pt-BR", 2, "2 dias"),
        ("ru", 5, "5 дней"),
        ("sw", 3, "siku 3"),  # no catalogue: CLDR's own words
    ],
)
def test_calendar_days_are_said_with_the_everyday_word(lang: str, days: int, expected: str) -> None:
    from philosophy.durations import Duration

    assert words(lang).days(days) == expected
    assert words(lang).duration(Duration(days * 24 * 60)) == expected
