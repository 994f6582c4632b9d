"""Canned replies for help desks, made from the GOOD example replies only (poor examples are never
exported), one set per language: the handbook language, plus every site language the example texts are
written in.

Formats, each the request body its help desk's API documents:

- Zendesk macros (`POST /api/v2/macros`): `{"macro": {"title", "description", "active", "actions":
  [{"field": "comment_value", "value": <plain text>}]}}`;
- Freshdesk canned responses (`POST /api/v2/canned_responses`): `title`, `content_html` (escaped HTML),
  `folder_id` (number), `visibility` (0 = all agents);
- Help Scout saved replies (`POST /v2/mailboxes/{id}/saved-replies`): `name`, `text` (the e-mail text,
  escaped HTML as in Help Scout's own examples) and `chatText` (plain text);
- a plain CSV: language, promise, channel, title, reply.

Texts from the YAML are data: plain where the API expects plain text, escaped where it expects HTML.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from philosophy.i18n import words
from philosophy.model import Example, Philosophy, Promise
from philosophy.texts import TextValue, has_language, text_in

CSV_COLUMNS = ("language", "promise", "channel", "title", "reply")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run these as formulas
FILES = {
    "zendesk": "zendesk-macros-{lang}.json",
    "freshdesk": "freshdesk-canned-responses-{lang}.json",
    "helpscout": "helpscout-saved-replies-{lang}.json",
}
CSV_FILE = "canned-replies.csv"


@dataclass(frozen=True)
class CannedReply:
    lang: str
    promise: str  # id
    channel: str | None  # id, when the example (or its promise) names one channel
    title: str
    reply: str
    why: str


def languages(model: Philosophy) -> list[str]:
    """The handbook language, then every site language some good example reply is written in."""
    handbook = model.site.handbook
    out = [handbook]
    for lang in model.site.languages:
        if lang not in out and any(
            isinstance(e.reply, dict) and lang in e.reply for p in model.promises for e in p.good_examples
        ):
            out.append(lang)
    return out


def _channel(model: Philosophy, promise: Promise, example: Example) -> str | None:
    if example.channel:
        return example.channel
    return promise.channels[0] if len(promise.channels) == 1 else None


def replies(model: Philosophy, langs: Sequence[str] | None = None) -> list[CannedReply]:
    """Every good example reply as a canned reply, per language; titles are unique within a language."""
    site = model.site
    out: list[CannedReply] = []
    for lang in langs or languages(model):
        w = words(lang)
        seen: dict[str, int] = {}
        for promise in model.promises:
            for example in promise.good_examples:
                if lang != site.handbook and not has_language(example.reply, lang, site.handbook):
                    continue  # not written in this language: no reply in another language under its title
                channel = _channel(model, promise, example)
                channel_name = (
                    _t(model, model.channel_by_id[channel].name, lang)
                    if channel in model.channel_by_id
                    else (channel or w._("any channel"))
                )
                title = w._(
                    "%(promise)s – %(channel)s (%(lang)s)",
                    lang=lang,
                    promise=_t(model, promise.title, lang, one_line=True),
                    channel=" ".join(channel_name.split()),
                )
                seen[title] = seen.get(title, 0) + 1
                if seen[title] > 1:
                    title = f"{title} #{seen[title]}"
                out.append(
                    CannedReply(
                        lang,
                        promise.id,
                        channel,
                        title,
                        _t(model, example.reply, lang).strip(),
                        _t(model, example.why, lang, one_line=True),
                    )
                )
    return out


def _t(model: Philosophy, value: TextValue | None, lang: str, one_line: bool = False) -> str:
    text = text_in(value, lang, (model.site.handbook, model.site.default))
    return " ".join(text.split()) if one_line else text


# --- the help desks' bodies ---------------------------------------------------------------------


def as_html(text: str) -> str:
    """Plain text as escaped HTML: paragraphs on blank lines, <br> on single line breaks."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=True) for line in p.strip().split("\n")) + "</p>"
        for p in paragraphs
    )


def zendesk(item: CannedReply) -> dict[str, Any]:
    return {
        "macro": {
            "title": item.title,
            "description": item.why,
            "active": True,
            "actions": [{"field": "comment_value", "value": item.reply}],
        }
    }


def freshdesk_folder() -> int:
    """FRESHDESK_FOLDER_ID: the canned-response folder (0 in files written without it)."""
    raw = os.environ.get("FRESHDESK_FOLDER_ID", "").strip()
    if not raw:
        return 0
    if not raw.isdigit():
        raise ValueError(f"FRESHDESK_FOLDER_ID must be a number (the folder's id), not {raw[:30]!r}")
    return int(raw)


def freshdesk(item: CannedReply, folder_id: int) -> dict[str, Any]:
    return {"title": item.title, "content_html": as_html(item.reply), "folder_id": folder_id, "visibility": 0}


def helpscout(item: CannedReply) -> dict[str, Any]:
    return {"name": item.title, "text": as_html(item.reply), "chatText": item.reply}


def bodies(desk: str, items: Iterable[CannedReply], folder_id: int | None = None) -> list[dict[str, Any]]:
    if desk == "zendesk":
        return [zendesk(i) for i in items]
    if desk == "freshdesk":
        folder = freshdesk_folder() if folder_id is None else folder_id
        return [freshdesk(i, folder) for i in items]
    if desk == "helpscout":
        return [helpscout(i) for i in items]
    raise ValueError(f"unknown help desk {desk!r}: use zendesk, freshdesk or helpscout")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def as_csv(items: Iterable[CannedReply]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for i in items:
        writer.writerow([i.lang, i.promise, i.channel or "", _cell(i.title), _cell(i.reply)])
    return buffer.getvalue()


def write_exports(model: Philosophy, out: Path) -> list[Path]:
    """Every format into `out` (never a public site); returns the files written."""
    from . import outside_public

    outside_public(out)
    out.mkdir(parents=True, exist_ok=True)
    items = replies(model)
    written = []
    for lang in languages(model):
        mine = [i for i in items if i.lang == lang]
        for desk, pattern in FILES.items():
            path = out / pattern.format(lang=lang)
            path.write_text(json.dumps(bodies(desk, mine), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            written.append(path)
    path = out / CSV_FILE
    path.write_text(as_csv(items), encoding="utf-8", newline="")
    written.append(path)
    return written
