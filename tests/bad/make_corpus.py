"""Regenerate the broken-file corpus: each file is tests/fixtures/minimal.yml with ONE mistake.

Run `python tests/bad/make_corpus.py` after changing minimal.yml; expected.json pins the first error
line of each file and is written by hand (review every line before committing it).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
BASE = (HERE.parent / "fixtures" / "minimal.yml").read_text(encoding="utf-8")


def swap(old: str, new: str, count: int = 1) -> str:
    """The minimal file with one text replaced (the old text must be there)."""
    assert old in BASE, old
    return BASE.replace(old, new, count)


BOMB = "\n".join(
    ["bomb:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"  {c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
)

CASES: dict[str, str | bytes] = {
    "01_yaml_syntax": swap("company: Testbolaget", 'company: "Testbolaget'),
    "02_tab_indentation": swap("  company: Testbolaget", "\tcompany: Testbolaget"),
    "03_wrong_type": swap("review_every_months: 12", "review_every_months: twelve"),
    "04_unknown_key": swap(
        "    title: {sv: Snabbt svar, en: Fast reply}",
        "    title: {sv: Snabbt svar, en: Fast reply}\n    titel: Snabbt",
    ),
    "05_missing_translation": swap("title: {sv: Snabbt svar, en: Fast reply}", "title: {sv: Snabbt svar}"),
    "06_duplicate_id": swap(
        "promises:\n",
        "  - id: snabbhet\n    name: {sv: Fart, en: Pace}\n"
        "    text: {sv: Fort, en: Quick}\n    guidance: Skynda\npromises:\n",
    ),
    "07_dangling_channel": swap("channels: [e-post]\n    values", "channels: [e-post, sms]\n    values"),
    "08_dangling_value": swap("values: [snabbhet]", "values: [snabbhet, mod]"),
    "09_hours_clash": swap('mon-fri: "08:00-17:00"', 'mon-fri: "08:00-17:00"\n      wed: "09:00-12:00"'),
    "10_hours_empty_range": swap('mon-fri: "08:00-17:00"', 'mon-fri: "17:00-17:00"'),
    "11_bad_duration": swap("within: 8h", "within: soon"),
    "12_bad_timezone": swap("Europe/Stockholm", "Europe/Stokholm"),
    "13_alias_bomb": BASE + BOMB + "\n",
    "14_deep_nesting": swap("  company: Testbolaget", "  company: Testbolaget\n  x: " + "[" * 60 + "]" * 60),
    "15_persona_channel_missing": swap("channels: [e-post]\n    key_promises", "channels: [telefon]\n    key_promises"),
    "16_around_the_clock": swap(
        "        counts: opening_hours\n",
        "        counts: opening_hours\n      - kind: available\n        channel: e-post\n"
        "        around_the_clock: true\n",
    ),
    "17_calendar_reply_unkeepable": swap("counts: opening_hours", "counts: calendar"),
    "18_text_promises_24_7": swap(
        "text: {sv: Vi svarar inom 8 timmar, en: We reply within 8 hours}",
        "text: {sv: Vi svarar dygnet runt, en: We reply around the clock}",
    ),
    "19_unknown_language": swap(
        "title: {sv: Snabbt svar, en: Fast reply}", "title: {sv: Snabbt svar, en: Fast reply, de: Schnelle Antwort}"
    ),
    "20_bad_date": swap("last_reviewed: 2026-10-01", "last_reviewed: 2026-13-01"),
    "21_duplicate_key": swap("    owner: Kundtjänst\n", "    owner: Kundtjänst\n    owner: Ekonomi\n"),
    "22_empty_file": "# nothing here yet\n",
    "23_top_level_list": "- site\n- promises\n",
    "24_utf16": BASE.encode("utf-16"),
    "25_latin1": BASE.encode("latin-1"),
    "26_missing_field": swap("    title: {sv: Snabbt svar, en: Fast reply}\n", ""),
    "27_bad_commitment_kind": swap("kind: reply", "kind: mail"),
    "28_python_tag": swap("company: Testbolaget", "company: !!python/object/apply:os.system [ls]"),
    "29_bad_id": swap("  - id: svar", "  - id: Snabbt Svar"),
    "30_default_language_missing": swap("default_language: sv", "default_language: fi"),
    "31_binary_garbage": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "32_bad_url": swap("url: https://example.com/", "url: example.com"),
    # --- structured fields (hostile input, round two) ---
    "33_site_url_breakout": swap("url: https://example.com/", "url: '\"><svg/onload=alert(1)>'"),
    "34_site_url_http": swap("url: https://example.com/", "url: http://example.com/"),
    "35_site_url_javascript": swap("url: https://example.com/", "url: 'javascript:alert(1)//'"),
    "36_site_url_no_slash": swap("url: https://example.com/", "url: https://example.com/path"),
    "37_repository_breakout": swap(
        "repository: https://github.com/example/test",
        "repository: 'https://github.com/x/y\"><script>alert(1)</script>'",
    ),
    "38_branch_traversal": swap(
        "  languages: [sv, en]\n  default",
        "  branch: ../../../../attacker/x/blob/main\n  languages: [sv, en]\n  default",
    ),
    "39_email_query": swap("email: hej@example.com", "email: 'hej@example.com?cc=x@example.org&body=hi'"),
    "40_phone_text": swap("      email: hej@example.com", "      email: hej@example.com\n      phone: call us"),
    "41_phone_invalid": swap("      email: hej@example.com", "      email: hej@example.com\n      phone: '+46 1'"),
    "42_within_overflow": swap("within: 8h", "within: 99999999999 days"),
    "43_iso_overflow": swap("within: 8h", "within: P99999999999W"),
    "44_date_far_future": swap("last_reviewed: 2026-10-01", "last_reviewed: 9999-09-15"),
    "45_timezone_region_only": swap("Europe/Stockholm", "Europe"),
    "46_timezone_long": swap("Europe/Stockholm", "Europe/" + "S" * 5000),
    "47_timezone_posix": swap("Europe/Stockholm", "posix/Europe/Stockholm"),
    "48_language_theme_cannot_build": swap("languages: [sv, en]\n  default", "languages: [sv, en, se]\n  default"),
    "49_channel_language_country_code": swap(
        "    languages: [sv, en]\n    response", "    languages: [sv, dk]\n    response"
    ),
    "50_language_no": swap("languages: [sv, en]\n  default", "languages: [sv, en, no]\n  default"),
    "51_int_yes": swap("review_every_months: 12", "review_every_months: yes"),
    "52_int_underscore": swap("review_every_months: 12", "review_every_months: 1_2"),
    "53_within_sexagesimal": swap("within: 8h", "within: 1:30"),
    "54_second_document": swap("values:\n", "---\nvalues:\n"),
    "55_line_separator": swap("text: {sv: Vi svarar inom 8 timmar", "text: {sv: Vi svarar\u2028inom 8 timmar"),
    "56_vertical_tab": swap("in_practice: Svara på riktigt", "in_practice: Svara\x0bpå riktigt"),
    "57_escape_character": swap("owner: Kundtjänst", "owner: Kund\x1b[31mtjänst"),
    "58_bidi_override": swap("in_practice: Svara på riktigt", "in_practice: Svara \u202epå riktigt"),
    "59_next_line": swap("in_practice: Svara på riktigt", "in_practice: Svara\x85på riktigt"),
    "60_lone_carriage_return": swap("in_practice: Svara på riktigt", "in_practice: Svara\rpå riktigt"),
    "61_within_without_unit": swap("within: 8h", "within: 8"),
    "62_unquoted_colon_in_tip": swap(
        "tips: [Läs tråden, Ge en tid]",
        "tips:\n      - Läs tråden\n      - Obs: ge en tid\n        och håll den: alltid",
    ),
    "63_missing_colon": swap("    owner: Kundtjänst\n", "    owner Kundtjänst\n"),
    "64_empty_value": swap("title: {sv: Snabbt svar, en: Fast reply}", "title:"),
    "65_alias_staff_text_into_public": swap(
        "background: Bakgrund för personalen", "background: &hemligt Bakgrund för personalen"
    ).replace(
        "text: {sv: Vi svarar inom 8 timmar, en: We reply within 8 hours}",
        "text: {sv: *hemligt, en: We reply within 8 hours}",
    ),
    "66_target_share_too_high": swap(
        "        counts: opening_hours\n", "        counts: opening_hours\n        target: 120%\n"
    ),
    "67_holiday_country_unknown": swap("  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  holidays: XX"),
    "68_holiday_subdivision_unknown": swap(
        "  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  holidays: US-XX"
    ),
    "69_seasons_overlap": swap(
        "    exceptions:\n",
        "    seasons:\n      - {from: '06-01', to: '08-15', hours: "
        "{mon-fri: '09:00-15:00'}}\n      - {from: '08-01', to: '08-31', hours: "
        "{mon-fri: '10:00-15:00'}}\n    exceptions:\n",
    ),
    "70_notice_on_channel_persona_does_not_use": swap(
        "        counts: opening_hours\n",
        "        counts: opening_hours\n      - kind: notice\n        within: 24h\n        via: [chatt]\n",
    ).replace(
        "channels:\n  - id: e-post",
        "channels:\n  - id: chatt\n    kind: chat\n"
        "    name: {sv: Chatt, en: Chat}\n    hours: {mon-fri: '08:00-17:00'}\n  - id: e-post",
    ),
    "71_answer_on_email": swap("      - kind: reply\n", "      - kind: answer\n").replace(
        "        counts: opening_hours\n", ""
    ),
    "72_never_phone_menu_without_phone": swap(
        "        counts: opening_hours\n",
        "        counts: opening_hours\n      - kind: never\n        what: phone_menu\n",
    ),
    "73_returns_days_and_no_limit": swap(
        "        counts: opening_hours\n",
        "        counts: opening_hours\n      - kind: returns\n        days: 30\n        no_time_limit: true\n",
    ),
    "74_brand_low_contrast": swap(
        "  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  brand:\n    primary: '#88aacc'"
    ),
    "75_brand_logo_missing": swap(
        "  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  brand:\n    logo: brand/missing.svg"
    ),
    "76_brand_logo_outside_folder": swap(
        "  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  brand:\n    logo: ../../etc/logo.svg"
    ),
    "77_colour_not_hex": swap(
        "  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  brand:\n    accent: red"
    ),
    "78_placeholder_left": swap(
        "text: {sv: Vi svarar inom 8 timmar, en: We reply within 8 hours}",
        "text: {sv: 'TODO: skriv löftet', en: We reply within 8 hours}",
    ),
    "79_hours_past_midnight_clash": swap(
        'mon-fri: "08:00-17:00"', 'mon-thu: "08:00-17:00"\n      fri: "18:00-02:00"\n      sat: "01:00-05:00"'
    ),
    "80_answer_by_appointment": swap(
        "      - kind: reply\n        channel: e-post\n        within: 8h\n        counts: opening_hours\n",
        "      - kind: answer\n        channel: butik\n        within: 5 min\n",
    ).replace(
        "channels:\n  - id: e-post",
        "channels:\n  - id: butik\n    kind: store\n    name: {sv: Butik, en: Store}\n"
        "    hours: by_appointment\n  - id: e-post",
    ),
    "81_unknown_channel_kind": swap("    kind: email", "    kind: fax"),
    "82_season_backwards": swap(
        "    exceptions:\n",
        "    seasons:\n      - {from: 2026-08-01, to: 2026-06-01, hours: {mon-fri: '09:00-15:00'}}\n    exceptions:\n",
    ),
    "83_business_days_not_whole": swap(
        "        counts: opening_hours\n",
        "        counts: opening_hours\n      - kind: refund\n        within: 36h\n        counts: business_days\n",
    ),
    "84_handle_markup": swap(
        "      email: hej@example.com", "      email: hej@example.com\n      handle: '<script>alert(1)</script>'"
    ),
    "85_contact_url_http": swap(
        "      email: hej@example.com", "      email: hej@example.com\n      url: http://example.com/chat"
    ),
    "86_dangling_notice_channel": swap(
        "        counts: opening_hours\n", "        counts: opening_hours\n      - kind: notice\n        via: [sms]\n"
    ),
    "87_version_too_new": swap("version: 2", "version: 3"),
    "88_text_language_unknown": swap(
        "title: {sv: Snabbt svar, en: Fast reply}", "title: {sv: Snabbt svar, en: Fast reply, xx: Nope}"
    ),
    "89_duration_unknown_unit": swap("within: 8h", "within: 3 fortnights"),
    "90_date_as_words": swap("last_reviewed: 2026-10-01", "last_reviewed: next week"),
    "91_price_promises_nothing": swap(
        "        counts: opening_hours\n", "        counts: opening_hours\n      - kind: price\n"
    ),
    "92_callback_on_email": swap("      - kind: reply\n", "      - kind: callback\n"),
    "93_language_listed_twice": swap("languages: [sv, en]\n  default", "languages: [sv, en, sv]\n  default"),
    "94_commitment_without_kind": swap("      - kind: reply\n        channel: e-post", "      - channel: e-post"),
    "95_svg_logo_with_script": swap(
        "  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  brand:\n    logo: 95_logo.svg"
    ),
    "96_reserved_id": swap("  - id: svar", "  - id: index"),
    "97_svg_logo_loads_css": swap(
        "  timezone: Europe/Stockholm", "  timezone: Europe/Stockholm\n  brand:\n    logo: 97_logo.svg"
    ),
    # typed with a Japanese or Chinese input method on: full-width space and colon
    "98_fullwidth_indent": swap("  url: https://example.com/", "\u3000 url: https://example.com/"),
    "99_fullwidth_colon": swap("    owner: Kundtjänst", "    owner：Kundtjänst"),
    "100_fullwidth_indent_in_list": swap("    channels: [e-post]\n", "    channels:\n\u3000\u3000- e-post\n"),
}
SVG_WITH_IMPORT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>@\\69mport url(//evil.example/x.css)'
    '</style><rect width="10" height="10"/></svg>\n'
)
SVG_WITH_SCRIPT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script>'
    '<rect width="10" height="10"/></svg>\n'
)


def main() -> None:
    for old in HERE.glob("*.yml"):
        old.unlink()
    for name, content in CASES.items():
        path = HERE / f"{name}.yml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (HERE / "95_logo.svg").write_text(SVG_WITH_SCRIPT, encoding="utf-8")
    (HERE / "97_logo.svg").write_text(SVG_WITH_IMPORT, encoding="utf-8")
    print(f"wrote {len(CASES)} files to {HERE}")


if __name__ == "__main__":
    main()
