"""Canned replies for help desks: each export checked against the fields its API documents, in every
language of the sample; poor examples never exported; the import's dry run and its real calls."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import sys
import urllib.error
from email.message import Message
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from philosophy.loader import load
from philosophy.texts import text_in
from staff import helpdesk, replies
from tests.helpers import ROOT, SAMPLE, sample_data, write_yaml

TAG = re.compile(r"<\s*/?\s*[a-zA-Z]")
HOSTILE = 'Hi Sara! <b>Your bike</b> & <script>alert("x")</script> is ready at 4 pm.\nSee you! /Amir'


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with one good example written in Swedish and English (with markup-like text in it)."""
    data = sample_data()
    example = data["promises"][0]["good_examples"][0]
    example["reply"] = {"sv": example["reply"], "en": HOSTILE}
    example["why"] = {"sv": example["why"], "en": "Answers the question first and gives a time."}
    example["channel"] = "e-post"
    return write_yaml(data, tmp_path_factory.mktemp("two") / "philosophy.yml")


@pytest.fixture(scope="module")
def exports(two_languages: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    result = subprocess.run(
        [sys.executable, "-m", "staff", "--file", str(two_languages), "replies", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return out


def _good_and_poor(path: Path) -> tuple[dict[str, list[str]], list[str]]:
    model = load(path).model
    good: dict[str, list[str]] = {}
    for lang in replies.languages(model):
        good[lang] = [
            text_in(e.reply, lang, ("sv",)).strip()
            for p in model.promises
            for e in p.good_examples
            if lang == "sv" or (isinstance(e.reply, dict) and lang in e.reply)
        ]
    poor = [text_in(e.reply, lang, ("sv",)) for p in model.promises for e in p.poor_examples for lang in ("sv", "en")]
    return good, poor


def _html_text(fragment: str) -> str:
    return "\n".join(p.text_content() for p in lxml.html.fragments_fromstring(fragment))


def test_languages_are_the_handbook_language_and_those_the_examples_have(two_languages: Path) -> None:
    assert replies.languages(load(SAMPLE).model) == ["sv"]
    assert replies.languages(load(two_languages).model) == ["sv", "en"]


def test_zendesk_macros_match_the_macros_api(exports: Path, two_languages: Path) -> None:
    good, _ = _good_and_poor(two_languages)
    for lang, texts in good.items():
        bodies = json.loads((exports / f"zendesk-macros-{lang}.json").read_text(encoding="utf-8"))
        assert len(bodies) == len(texts)
        for body, text in zip(bodies, texts, strict=True):
            assert set(body) == {"macro"}
            macro = body["macro"]
            assert set(macro) <= {"title", "description", "active", "actions", "restriction", "position"}
            assert isinstance(macro["title"], str) and macro["title"].strip()
            assert isinstance(macro["actions"], list) and macro["actions"]
            assert all(set(a) == {"field", "value"} and isinstance(a["value"], str) for a in macro["actions"])
            comment = [a["value"] for a in macro["actions"] if a["field"] == "comment_value"]
            assert comment == [text]  # plain text, exactly as written: never turned into HTML
            assert isinstance(macro["active"], bool) and isinstance(macro["description"], str)
            assert f"({lang})" in macro["title"]


def test_freshdesk_canned_responses_match_the_api(exports: Path, two_languages: Path) -> None:
    good, _ = _good_and_poor(two_languages)
    for lang, texts in good.items():
        bodies = json.loads((exports / f"freshdesk-canned-responses-{lang}.json").read_text(encoding="utf-8"))
        assert len(bodies) == len(texts)
        for body, text in zip(bodies, texts, strict=True):
            assert set(body) == {"title", "content_html", "folder_id", "visibility"}
            assert isinstance(body["title"], str) and body["title"].strip() and not TAG.search(body["title"])
            assert isinstance(body["folder_id"], int) and body["visibility"] in (0, 1, 2)
            html = body["content_html"]
            assert isinstance(html, str) and html.startswith("<p>")
            # escaped: the reply's own text comes back as text, none of its '<' became markup
            assert _html_text(html.replace("<br>", "\n")) == text
            assert "<script" not in html and "<b>" not in html
    en = json.loads((exports / "freshdesk-canned-responses-en.json").read_text(encoding="utf-8"))
    assert "&lt;b&gt;Your bike&lt;/b&gt; &amp; &lt;script&gt;" in en[0]["content_html"]
    assert "<br>" in en[0]["content_html"]  # the line break kept


def test_helpscout_saved_replies_match_the_api(exports: Path, two_languages: Path) -> None:
    good, _ = _good_and_poor(two_languages)
    for lang, texts in good.items():
        bodies = json.loads((exports / f"helpscout-saved-replies-{lang}.json").read_text(encoding="utf-8"))
        assert len(bodies) == len(texts)
        for body, text in zip(bodies, texts, strict=True):
            assert set(body) <= {"name", "text", "chatText"} and "name" in body
            assert all(isinstance(v, str) and v.strip() for v in body.values())
            assert body["chatText"] == text  # chat text is plain
            assert _html_text(body["text"].replace("<br>", "\n")) == text  # e-mail text is escaped HTML
            assert "<script" not in body["text"]


def test_csv_has_the_columns_and_every_good_reply(exports: Path, two_languages: Path) -> None:
    good, _ = _good_and_poor(two_languages)
    rows = list(csv.DictReader(io.StringIO((exports / "canned-replies.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["language", "promise", "channel", "title", "reply"]
    assert [(r["language"], r["reply"]) for r in rows] == [(lang, t) for lang, texts in good.items() for t in texts]
    model = load(two_languages).model
    assert {r["promise"] for r in rows} <= {p.id for p in model.promises}
    assert {r["channel"] for r in rows} <= {c.id for c in model.channels} | {""}
    en = [r for r in rows if r["language"] == "en"]
    assert en[0]["channel"] == "e-post" and en[0]["title"] == "Fast written replies – E-mail (en)"


def test_titles_name_the_promise_and_the_channel(exports: Path) -> None:
    sv = json.loads((exports / "zendesk-macros-sv.json").read_text(encoding="utf-8"))
    titles = [b["macro"]["title"] for b in sv]
    assert titles[0] == "Snabbt svar i skrift – E-post (sv)"  # the example's own channel
    assert "Aldrig mer än ett samtal bort – Telefon (sv)" in titles  # the promise's only channel
    assert len(set(titles)) == len(titles)


def test_poor_examples_are_never_exported(exports: Path, two_languages: Path) -> None:
    _, poor = _good_and_poor(two_languages)
    everything = "\n".join(p.read_text(encoding="utf-8") for p in exports.iterdir())
    decoded = everything + "\n".join(
        json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False) for p in exports.glob("*.json")
    )
    for text in poor:
        assert " ".join(text.split())[:40] not in " ".join(decoded.split())
    model = load(two_languages).model
    for why in (e.why for p in model.promises for e in p.poor_examples):
        assert str(why)[:40] not in decoded


def test_a_formula_at_the_start_of_a_cell_is_defused() -> None:
    item = replies.CannedReply("sv", "p", None, "=HYPERLINK(1)", "+1 ring oss", "why")
    row = list(csv.reader(io.StringIO(replies.as_csv([item]))))[1]
    assert row[3:] == ["'=HYPERLINK(1)", "'+1 ring oss"]


def test_exports_are_refused_inside_a_public_site(tmp_path: Path) -> None:
    public = tmp_path / "site" / "public"
    public.mkdir(parents=True)
    (public / "sitemap.xml").write_text("<urlset/>")
    with pytest.raises(ValueError, match="public site"):
        replies.write_exports(load(SAMPLE).model, public / "exports")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "staff",
            "--file",
            str(SAMPLE),
            "replies",
            "--out",
            str(ROOT / "site" / "public" / "exports"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1 and "public site" in result.stderr


# --- import -----------------------------------------------------------------------------------------

ENV = {
    "ZENDESK_SUBDOMAIN": "hjulverket",
    "ZENDESK_EMAIL": "anna@hjulverket.se",
    "ZENDESK_TOKEN": "zd-SECRET-1",
    "FRESHDESK_SUBDOMAIN": "hjulverket",
    "FRESHDESK_FOLDER_ID": "42",
    "FRESHDESK_API_KEY": "fd-SECRET-2",
    "HELPSCOUT_MAILBOX_ID": "1234",
    "HELPSCOUT_TOKEN": "hs-SECRET-3",
}
URLS = {
    "zendesk": "https://hjulverket.zendesk.com/api/v2/macros",
    "freshdesk": "https://hjulverket.freshdesk.com/api/v2/canned_responses",
    "helpscout": "https://api.helpscout.net/v2/mailboxes/1234/saved-replies",
}


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZENDESK_", "FRESHDESK_", "HELPSCOUT_"))}
    return subprocess.run(
        [sys.executable, "-m", "staff", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={**clean, **env},
        timeout=120,
    )


@pytest.mark.parametrize("desk", ["zendesk", "freshdesk", "helpscout"])
def test_dry_run_prints_every_call_and_no_secret(desk: str, two_languages: Path) -> None:
    result = _run("--file", str(two_languages), "import", desk, "--dry-run", env=ENV)
    assert result.returncode == 0, result.stderr
    calls = result.stdout.split("POST ")[1:]
    model = load(two_languages).model
    expected = helpdesk.plan(desk, replies.replies(model), ENV)
    assert len(calls) == len(expected) == len(replies.replies(model))
    for shown, call in zip(calls, expected, strict=True):
        url, _, rest = shown.partition("\n")
        assert url == URLS[desk]
        body = json.loads(rest[rest.index("{") :])
        assert body == call.body
    assert "SECRET" not in result.stdout + result.stderr
    assert "nothing sent" in result.stderr


def test_dry_run_needs_the_address_but_not_the_secret(two_languages: Path) -> None:
    result = _run("--file", str(two_languages), "import", "zendesk", "--dry-run", env={})
    assert result.returncode == 1 and "ZENDESK_SUBDOMAIN" in result.stderr
    result = _run("--file", str(two_languages), "import", "zendesk", "--dry-run", env={"ZENDESK_SUBDOMAIN": "x"})
    assert result.returncode == 0 and "ZENDESK_EMAIL, ZENDESK_TOKEN" in result.stderr
    result = _run("--file", str(two_languages), "import", "zendesk", env={"ZENDESK_SUBDOMAIN": "x"})
    assert result.returncode == 1 and "ZENDESK_EMAIL" in result.stderr  # a real import stops before sending


def test_a_subdomain_cannot_point_elsewhere() -> None:
    items = replies.replies(load(SAMPLE).model)
    for bad in ("evil.com/x", "a@b", "x.y", "-x"):
        with pytest.raises(helpdesk.HelpDeskError):
            helpdesk.plan("zendesk", items, {"ZENDESK_SUBDOMAIN": bad})
    with pytest.raises(helpdesk.HelpDeskError):
        helpdesk.plan("helpscout", items, {"HELPSCOUT_MAILBOX_ID": "12/../x"})


class _Response:
    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def read(self) -> bytes:
        return b"{}"


@pytest.mark.parametrize("desk", ["zendesk", "freshdesk", "helpscout"])
def test_import_sends_each_call_with_its_auth(desk: str) -> None:
    items = replies.replies(load(SAMPLE).model)
    calls = helpdesk.plan(desk, items, ENV)
    sent: list[Any] = []

    def opener(request: Any, timeout: float) -> _Response:
        sent.append(request)
        return _Response()

    assert helpdesk.send(desk, calls, helpdesk.authorization(desk, ENV), opener=opener) == len(items)
    assert [r.full_url for r in sent] == [URLS[desk]] * len(items)
    assert all(r.get_method() == "POST" for r in sent)
    assert [json.loads(r.data) for r in sent] == [c.body for c in calls]
    auth = sent[0].get_header("Authorization")
    if desk == "zendesk":
        assert base64.b64decode(auth.removeprefix("Basic ")) == b"anna@hjulverket.se/token:zd-SECRET-1"
    elif desk == "freshdesk":
        assert base64.b64decode(auth.removeprefix("Basic ")) == b"fd-SECRET-2:X"
        assert all(json.loads(r.data)["folder_id"] == 42 for r in sent)
    else:
        assert auth == "Bearer hs-SECRET-3"


def _http_error(code: int, headers: dict[str, str] | None = None) -> urllib.error.HTTPError:
    message = Message()
    for k, v in (headers or {}).items():
        message[k] = v
    return urllib.error.HTTPError("https://x", code, "refused", message, io.BytesIO(b'{"error":"RecordInvalid"}'))


def test_import_waits_when_rate_limited_and_stops_at_a_refusal() -> None:
    items = replies.replies(load(SAMPLE).model)
    calls = helpdesk.plan("zendesk", items, ENV)
    answers: list[Any] = [_http_error(429, {"Retry-After": "7"}), _Response(), _http_error(422)]
    slept: list[float] = []

    def opener(request: Any, timeout: float) -> _Response:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    with pytest.raises(helpdesk.HelpDeskError, match=r"422.*RecordInvalid.*1 of 6 created"):
        helpdesk.send("zendesk", calls, "Basic x", opener=opener, sleep=slept.append)
    assert slept == [7.0]
