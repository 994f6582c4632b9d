"""Units on the model's building blocks and the cross-checks."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from philosophy.checks import add_months, check
from philosophy.durations import iso_duration, parse_duration
from philosophy.hours import longest_closed_stretch, parse_range, parse_week_minutes
from philosophy.loader import load
from philosophy.walk import iter_texts, project, strings
from tests.conftest import MINIMAL, SAMPLE, sample_data, write_yaml


@pytest.mark.parametrize("text,minutes", [("24h", 1440), ("30 min", 30), ("2 days", 2880), ("PT8H", 480),
                                          ("P1DT2H", 1560), ("1 week", 10080), ("3 minutes", 3)])
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["soon", "0h", "24 hrs", "P", "PT", "-1h", "", "8"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def test_iso_duration() -> None:
    assert iso_duration("8h") == "PT8H"
    assert iso_duration("3 days") == "P3D"
    assert iso_duration("90 min") == "PT1H30M"


def test_hours() -> None:
    assert parse_range("08:00-12:00, 13:00–17:00") == [(480, 720), (780, 1020)]
    assert parse_range("closed") == []
    week = parse_week_minutes({"mon-fri": "08:00-17:00", "sat": "10:00-14:00"})
    assert week[0] == [(480, 1020)] and week[5] == [(600, 840)] and week[6] == []
    for bad in ["25:00-26:00", "17:00-08:00", "8-17", "08:00-12:00, 11:00-13:00"]:
        with pytest.raises(ValueError):
            parse_range(bad)
    with pytest.raises(ValueError, match="clash"):
        parse_week_minutes({"mon-fri": "08:00-17:00", "fri": "closed"})


def test_longest_closed_stretch() -> None:
    office = parse_week_minutes({"mon-fri": "08:00-17:00"})
    assert longest_closed_stretch(office) == (24 - 17 + 48 + 8) * 60  # Friday 17:00 -> Monday 08:00
    assert longest_closed_stretch(parse_week_minutes({"mon-sun": "00:00-24:00"})) == 0


def test_add_months() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 6) == dt.date(2027, 5, 15)


def test_sample_is_clean() -> None:
    loaded = load(SAMPLE)
    assert check(loaded) == []
    m = loaded.model
    assert len(m["values"] if isinstance(m, dict) else m.values) >= 4
    assert len(m.promises) >= 6 and len(m.channels) >= 4 and len(m.personas) >= 3
    assert len(m.departments) >= 3
    for p in m.promises:
        assert p.commitments and p.good_examples and p.poor_examples and len(p.tips) >= 2


def test_overdue_review_is_warning_then_error_when_strict(tmp_path: Path) -> None:
    data = sample_data()
    data["promises"][0]["last_reviewed"] = dt.date(2024, 1, 1)
    loaded = load(write_yaml(data, tmp_path / "p.yml"))
    [warning] = check(loaded)
    assert warning.severity == "warning" and warning.path == "promises[0].last_reviewed"
    assert "due for review on 2024-07-01" in warning.message
    assert [p.severity for p in check(loaded, strict=True)] == ["error"]


def test_word_to_avoid_is_a_warning_naming_word_and_field(tmp_path: Path) -> None:
    data = sample_data()
    data["promises"][2]["text"]["sv"] = "Enligt våra rutiner har du 60 dagar på dig."
    [warning] = check(load(write_yaml(data, tmp_path / "p.yml")))
    assert warning.severity == "warning" and warning.path == "promises[2].text"
    assert "'enligt våra rutiner'" in warning.message and "(sv)" in warning.message


def test_fallback_allows_missing_translation(tmp_path: Path) -> None:
    data = sample_data()
    data["promises"][0]["title"] = "Bara svenska"
    path = write_yaml(data, tmp_path / "p.yml")
    assert [p.message for p in check(load(path))] == ["missing the 'en' text"]
    data["site"]["fallback_to_default"] = True
    assert check(load(write_yaml(data, tmp_path / "q.yml"))) == []


def test_all_errors_reported_at_once(tmp_path: Path) -> None:
    data = sample_data()
    data["promises"][0]["review_every_months"] = "often"
    data["channels"][1]["kind"] = "pigeon"
    data["values"][0]["nmae"] = "x"
    from philosophy.problems import PhilosophyError

    with pytest.raises(PhilosophyError) as info:
        load(write_yaml(data, tmp_path / "p.yml"))
    paths = {p.path for p in info.value.problems}
    assert paths == {"promises[0].review_every_months", "channels[1].kind", "values[0].nmae"}


def test_public_projection_has_no_internal_field() -> None:
    loaded = load(SAMPLE)
    public = project(loaded.model, "public")
    assert "personas" not in public and "tone" not in public and "inspiration" not in public
    assert "owner" not in public["promises"][0] and "tips" not in public["promises"][0]
    assert "escalation" not in public["channels"][0] and "note" not in public["promises"][0]["commitments"][0]
    assert "background" not in public["statement"] and "process" not in public["review"]
    internal_texts = {t if isinstance(t, str) else next(iter(t.values()))
                      for _, t, aud in iter_texts(loaded.model) if aud == "internal"}
    # short labels such as a channel's name may be both internal (tone per channel) and public
    assert internal_texts and not {t for t in internal_texts if len(t) >= 12} & set(strings(public))


def test_minimal_fixture_is_valid() -> None:
    assert check(load(MINIMAL)) == []
