"""Regenerate the broken-file corpus: each file is tests/fixtures/minimal.yml with ONE mistake.

Run `python tests/bad/make_corpus.py` after changing minimal.yml; expected.json pins the first error
line of each file and is written by hand (review every line before committing it).
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
BASE = (HERE.parent / "fixtures" / "minimal.yml").read_text(encoding="utf-8")


def swap(old: str, new: str, count: int = 1) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, count)


BOMB = "\n".join(["bomb:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
                 + [f"  {c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")])

CASES: dict[str, str | bytes] = {
    "01_yaml_syntax": swap("company: Testbolaget", 'company: "Testbolaget'),
    "02_tab_indentation": swap("  company: Testbolaget", "\tcompany: Testbolaget"),
    "03_wrong_type": swap("review_every_months: 12", "review_every_months: twelve"),
    "04_unknown_key": swap("    title: {sv: Snabbt svar, en: Fast reply}",
                           "    title: {sv: Snabbt svar, en: Fast reply}\n    titel: Snabbt"),
    "05_missing_translation": swap("title: {sv: Snabbt svar, en: Fast reply}", "title: {sv: Snabbt svar}"),
    "06_duplicate_id": swap("promises:\n", "  - id: snabbhet\n    name: {sv: Fart, en: Pace}\n"
                            "    text: {sv: Fort, en: Quick}\n    guidance: Skynda\npromises:\n"),
    "07_dangling_channel": swap("channels: [e-post]\n    values", "channels: [e-post, sms]\n    values"),
    "08_dangling_value": swap("values: [snabbhet]", "values: [snabbhet, mod]"),
    "09_hours_clash": swap('mon-fri: "08:00-17:00"', 'mon-fri: "08:00-17:00"\n      wed: "09:00-12:00"'),
    "10_hours_backwards": swap('mon-fri: "08:00-17:00"', 'mon-fri: "17:00-08:00"'),
    "11_bad_duration": swap("within: 8h", "within: soon"),
    "12_bad_timezone": swap("Europe/Stockholm", "Europe/Stokholm"),
    "13_alias_bomb": BASE + BOMB + "\n",
    "14_deep_nesting": swap("  company: Testbolaget", "  company: Testbolaget\n  x: " + "[" * 60 + "]" * 60),
    "15_persona_channel_missing": swap("channels: [e-post]\n    key_promises", "channels: [telefon]\n    key_promises"),
    "16_around_the_clock": swap("        counts: opening_hours\n",
                                "        counts: opening_hours\n      - kind: available\n        channel: e-post\n"
                                "        around_the_clock: true\n"),
    "17_calendar_reply_unkeepable": swap("counts: opening_hours", "counts: calendar"),
    "18_text_promises_24_7": swap("text: {sv: Vi svarar inom 8 timmar, en: We reply within 8 hours}",
                                  "text: {sv: Vi svarar dygnet runt, en: We reply around the clock}"),
    "19_unknown_language": swap("title: {sv: Snabbt svar, en: Fast reply}",
                                "title: {sv: Snabbt svar, en: Fast reply, de: Schnelle Antwort}"),
    "20_bad_date": swap("last_reviewed: 2026-10-01", "last_reviewed: 2026-13-01"),
    "21_duplicate_key": swap("    owner: Kundtjänst\n", "    owner: Kundtjänst\n    owner: Ekonomi\n"),
    "22_empty_file": "# nothing here yet\n",
    "23_top_level_list": "- site\n- promises\n",
    "24_utf16": BASE.encode("utf-16"),
    "25_latin1": BASE.encode("latin-1"),
    "26_missing_field": swap("    owner: Kundtjänst\n", ""),
    "27_bad_commitment_kind": swap("kind: reply", "kind: mail"),
    "28_python_tag": swap("company: Testbolaget", "company: !!python/object/apply:os.system [ls]"),
    "29_bad_id": swap("  - id: svar", "  - id: Snabbt Svar"),
    "30_default_language_missing": swap("default_language: sv", "default_language: fi"),
    "31_binary_garbage": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "32_bad_url": swap("url: https://example.test/", "url: example.test"),
}


def main() -> None:
    for old in HERE.glob("*.yml"):
        old.unlink()
    for name, content in CASES.items():
        path = HERE / f"{name}.yml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    print(f"wrote {len(CASES)} files to {HERE}")


if __name__ == "__main__":
    main()
