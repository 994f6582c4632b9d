"""The pocket card: A6, two sides, per language; read back with poppler (text, fonts, size, tags); a PNG
of each side in test-artifacts/screenshots/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from philosophy.loader import load
from philosophy.texts import text_in
from staff import pocket_card
from tests.helpers import ROOT, SAMPLE, sample_data, write_yaml

A6_POINTS = (105 / 25.4 * 72, 148 / 25.4 * 72)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils (make system-deps)")
    return path


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cards")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "staff", "--file", str(SAMPLE), "pocket-card", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    print(f"pocket cards: {time.perf_counter() - start:.2f} s in a fresh process\n{result.stdout}")
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_card_has_the_statement_values_steps_and_figures(cards: Path, lang: str) -> None:
    pdf = cards / f"pocket-card-{lang}.pdf"
    model = load(SAMPLE).model
    pages = _run(_tool("pdftotext"), "-layout", str(pdf), "-").split("\f")
    front, back = _words(pages[0]), _words(pages[1])
    st = model.statement
    for part in (st.critical_function, st.method, st.big_picture):
        assert _words(text_in(part, lang)) in front
    for value in model.values:
        assert text_in(value.name, lang) in back
    for step in model.steps_of_service.steps:
        assert text_in(step.name, lang, ("sv",)) in back
    page = pocket_card.page_for(model, lang)
    for figure, _ in page.figures:
        assert _words(f"{figure.number} {figure.unit}") in back


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_two_a6_sides_fonts_embedded_tagged(cards: Path, lang: str, artifacts: Path) -> None:
    pdf = cards / f"pocket-card-{lang}.pdf"
    info = _run(_tool("pdfinfo"), str(pdf))
    assert re.search(r"^Pages:\s+2$", info, re.M)
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert size and abs(float(size[1]) - A6_POINTS[0]) < 1 and abs(float(size[2]) - A6_POINTS[1]) < 1
    assert re.search(r"^Tagged:\s+yes$", info, re.M)  # PDF/UA-1 structure tags
    assert re.search(r"^Title:\s+Hjulverket", info, re.M)
    table = _run(_tool("pdffonts"), str(pdf)).splitlines()
    column = table[0].index("emb")
    assert table[2:], "no font in the PDF: the text would not be text"
    for line in table[2:]:
        assert line[column : column + 3] == "yes", line  # embedded
    shots = artifacts / "screenshots"
    for number, side in ((1, "front"), (2, "back")):
        target = shots / f"pocket-card-{lang}-{side}"
        _run(
            _tool("pdftoppm"),
            "-r",
            "100",
            "-png",
            "-f",
            str(number),
            "-l",
            str(number),
            "-singlefile",
            str(pdf),
            str(target),
        )
        assert (shots / f"pocket-card-{lang}-{side}.png").stat().st_size > 5_000


def test_a_long_back_still_fits_on_two_sides(tmp_path: Path) -> None:
    data = sample_data()
    long = "Vi lovar att alltid lyssna, förklara, följa upp och återkomma med ett besked i tid. " * 3
    data["values"] += [
        {"id": f"extra-{i}", "name": {"sv": f"Värde {i}", "en": f"Value {i}"}, "text": {"sv": long, "en": long}}
        for i in range(12)
    ]
    model = load(write_yaml(data, tmp_path / "philosophy.yml")).model
    card = pocket_card.render(model, "en")
    assert card.pages == 2
    assert card.compact or card.size < pocket_card.SIZES[0]


def test_text_from_the_file_is_text_not_markup(tmp_path: Path) -> None:
    data = sample_data()
    data["statement"]["motto"] = {"sv": "<b>Rakt</b> & <i>ärligt</i>", "en": "<b>Straight</b> & <i>honest</i>"}
    model = load(write_yaml(data, tmp_path / "philosophy.yml")).model
    (tmp_path / "card.pdf").write_bytes(pocket_card.render(model, "en").pdf)
    text = _run(_tool("pdftotext"), str(tmp_path / "card.pdf"), "-")
    assert "<b>Straight</b> & <i>honest</i>" in text


def test_only_the_local_font_files_are_ever_fetched() -> None:
    fetcher = pocket_card._fetcher()
    for url in ("https://fonts.example.com/x.woff2", "http://127.0.0.1:1/x.css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="only its fonts"):
            fetcher.fetch(url)
    assert pocket_card.FONTS["regular"].is_file(), "fonts-dejavu-core is missing (make system-deps)"


def test_the_card_is_the_same_bytes_every_time() -> None:
    model = load(SAMPLE).model
    assert pocket_card.render(model, "sv").pdf == pocket_card.render(model, "sv").pdf


# A company writes in its own script: every character on the card must have a glyph (Debian's Noto fonts,
# installed by `make fonts`), right-to-left languages are marked so, and CJK text stays text.
SCRIPTS = {
    "ja": "お客様への約束を守ります",
    "ko": "고객과의 약속을 지킵니다",
    "zh-Hans": "我们信守对客户的承诺",
    "ar": "نفي بوعدنا لعملائنا",
    "he": "אנחנו עומדים בהבטחה ללקוחות",
    "th": "เรารักษาสัญญากับลูกค้า",
    "hi": "हम ग्राहकों से किया वादा निभाते हैं",
    "uk": "Ми дотримуємося обіцянки клієнтам",
}


def _in_language(node: object, lang: str, phrase: str) -> object:
    """The sample with its Swedish texts replaced by a phrase in `lang` (English kept beside it)."""
    if isinstance(node, dict):
        if set(node) == {"sv", "en"} and all(isinstance(v, str) for v in node.values()):
            return {lang: phrase, "en": node["en"]}
        return {k: _in_language(v, lang, phrase) for k, v in node.items()}
    if isinstance(node, list):
        return [_in_language(v, lang, phrase) for v in node]
    return node


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_every_script_has_glyphs_and_its_direction(tmp_path: Path, lang: str, caplog: pytest.LogCaptureFixture) -> None:
    from philosophy.languages import Language

    data = _in_language(sample_data(), lang, SCRIPTS[lang])
    assert isinstance(data, dict)
    data["site"].update(languages=[lang, "en"], default_language=lang)
    for channel in data["channels"]:
        channel["languages"] = [lang]
    model = load(write_yaml(data, tmp_path / "philosophy.yml")).model
    html = pocket_card.html(model, lang)
    assert f'<html lang="{lang}" dir="{Language(lang).direction}">' in html
    assert Language(lang).direction == ("rtl" if lang in ("ar", "he") else "ltr")
    card = pocket_card.render(model, lang)
    assert card.missing == "", f"no installed font shows {card.missing!r}: run `make fonts`"
    assert "no installed font" not in caplog.text
    if lang in ("ja", "ko", "zh-Hans", "uk"):
        (tmp_path / "card.pdf").write_bytes(card.pdf)
        assert SCRIPTS[lang] in _words(_run(_tool("pdftotext"), str(tmp_path / "card.pdf"), "-"))


def test_characters_no_font_has_are_named_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = sample_data()
    data["statement"]["motto"] = {"sv": "Rakt \U0002fffd", "en": "Straight \U0002fffd and \U0002fffd"}  # unassigned
    model = load(write_yaml(data, tmp_path / "philosophy.yml")).model
    card = pocket_card.render(model, "en")
    assert card.missing == "\U0002fffd"
    warnings = [r.getMessage() for r in caplog.records if "no installed font" in r.getMessage()]
    assert len(warnings) == 1 and "U+2FFFD" in warnings[0] and "fonts-noto" in warnings[0], warnings
    assert not [r for r in caplog.records if r.name.startswith("weasyprint") and "notdef" in r.getMessage()]
