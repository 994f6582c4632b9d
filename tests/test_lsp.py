"""Editor help, checked with a real language server: yaml-language-server (pinned in package.json,
installed by `npm ci`), driven over LSP stdio (Content-Length framed JSON-RPC) as VS Code's YAML
extension drives it. The schema comes from the file's first line, `# yaml-language-server: $schema=…`.

What EDITING.md says about hover, completion and diagnostics is exactly what these tests assert:
- Hover: a field's tooltip starts with "Customers see this." (public) or "Staff only (handbook)." and
  says what the field is for.
- Completion: field names where a key goes; after `channel:` in a commitment, the file's channel ids,
  when the first line points at the schema `python -m philosophy schema --for-file … --output …` writes.
- Diagnostics: an unknown key is one message at its line ("Property titel is not allowed."); with the
  ids schema an unknown channel id is marked too; a YAML syntax error is marked at its line, an unclosed
  quote as one message, a tab in the indentation first as "Tabs are not allowed as indentation" and
  then on following lines. The valid sample shows no message at all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from philosophy.loader import load
from tests.helpers import ROOT, SAMPLE

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
TIMEOUT = 20  # every answer from the server
QUIET = 1.0  # diagnostics have settled when none came for this long
SETTINGS = {
    "yaml": {
        "validate": True,
        "hover": True,
        "completion": True,
        "schemaStore": {"enable": False},
        "format": {"enable": False},
    }
}
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/philosophy.schema.json"
FIGURES: dict[str, Any] = {}


class LanguageServer:
    """A minimal LSP client: requests with bounded waits, answers to the server's own requests."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None or not SERVER.exists():
            pytest.fail(
                f"yaml-language-server is missing ({SERVER.relative_to(ROOT)}; node: {node}): "
                "run `npm ci` (make test does)"
            )
        self.proc = subprocess.Popen(
            [node, str(SERVER), "--stdio"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0
        self.responses: dict[int, dict[str, Any]] = {}
        self.published: dict[str, list[tuple[float, list[dict[str, Any]]]]] = {}
        self.cond = threading.Condition()
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        with self.lock:
            assert self.proc.stdin is not None
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%b" % (len(body), body))
            self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self._handle(json.loads(out.read(length)))

    def _handle(self, msg: dict[str, Any]) -> None:
        if "method" in msg and "id" in msg:  # the server asks the client
            result: Any = None
            if msg["method"] == "workspace/configuration":
                result = [SETTINGS.get(item.get("section", "")) for item in msg["params"]["items"]]
            self._send({"id": msg["id"], "result": result})
        elif "id" in msg:
            with self.cond:
                self.responses[msg["id"]] = msg
                self.cond.notify_all()
        elif msg.get("method") == "textDocument/publishDiagnostics":
            with self.cond:
                self.published.setdefault(msg["params"]["uri"], []).append(
                    (time.monotonic(), msg["params"]["diagnostics"])
                )
                self.cond.notify_all()

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        self.next_id += 1
        ident = self.next_id
        self._send({"id": ident, "method": method, "params": params})
        with self.cond:
            if not self.cond.wait_for(lambda: ident in self.responses, timeout):
                pytest.fail(f"the language server did not answer {method} within {timeout} s")
            msg = self.responses.pop(ident)
        assert "error" not in msg, msg
        return msg.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def start(self) -> None:
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": ROOT.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {"completionItem": {"snippetSupport": False}},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    def open(self, path: Path, text: str) -> str:
        """Open a document (its text is sent; the file need not exist): its URI."""
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
        )
        return uri

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The document's diagnostics once they have settled (none published for QUIET seconds)."""
        deadline = time.monotonic() + TIMEOUT
        with self.cond:
            while time.monotonic() < deadline:
                got = self.published.get(uri)
                if got and time.monotonic() - got[-1][0] >= QUIET:
                    return sorted(
                        got[-1][1], key=lambda d: (d["range"]["start"]["line"], d["range"]["start"]["character"])
                    )
                self.cond.wait(0.1)
        pytest.fail(f"no diagnostics for {uri} within {TIMEOUT} s")

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        )
        assert result, f"no hover at {line}:{character}"
        contents = result["contents"]
        return contents["value"] if isinstance(contents, dict) else str(contents)

    def completion(self, uri: str, line: int, character: int) -> list[str]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        items = result["items"] if isinstance(result, dict) else (result or [])
        return [item["label"] for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except BaseException:  # noqa: S110 - closing: whatever happened, the process is killed below
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    ls = LanguageServer()
    try:
        ls.start()
        yield ls
    finally:
        ls.close()
        if FIGURES:
            print("\nyaml-language-server figures:", json.dumps(FIGURES, indent=1))


def _sample() -> tuple[str, list[str]]:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE  # resolves from tests/fixtures/ to schema/
    return text, text.splitlines()


def _line(lines: list[str], start: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(lines) if i >= after and line.startswith(start))


def _beside_sample(name: str) -> Path:
    """A document URI next to the sample (never written): its `$schema=../../schema/…` line resolves."""
    return SAMPLE.parent / name


@pytest.fixture(scope="module")
def ids_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The schema with the sample's ids as enums, as `python -m philosophy schema --for-file` writes it."""
    out = tmp_path_factory.mktemp("lsp") / "philosophy.ids.schema.json"
    run = subprocess.run(
        [sys.executable, "-m", "philosophy", "schema", "--for-file", str(SAMPLE), "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return out


def _with_ids_schema(ids_schema: Path, lines: list[str]) -> str:
    return "\n".join([f"# yaml-language-server: $schema={ids_schema.name}", *lines[1:]]) + "\n"


def test_hover_says_who_sees_a_field(server: LanguageServer) -> None:
    text, lines = _sample()
    uri = server.open(SAMPLE, text)
    assert server.diagnostics(uri) == []  # the valid sample: no message at all
    public = {
        "critical_function": _line(lines, "  critical_function:"),
        "promises[0].title": _line(lines, "    title:", _line(lines, "promises:")),
        "channels[0].hours": _line(lines, "    hours:", _line(lines, "channels:")),
    }
    staff = {
        "statement.background": _line(lines, "  background:"),
        "promises[0].owner": _line(lines, "    owner:", _line(lines, "promises:")),
        "promises[0].tips": _line(lines, "    tips:", _line(lines, "promises:")),
    }
    hovers = {}
    for name, line in public.items():
        column = len(lines[line]) - len(lines[line].lstrip()) + 1
        hovers[name] = server.hover(uri, line, column)
        assert "Customers see this." in hovers[name], (name, hovers[name])
        assert "Staff only" not in hovers[name]
    for name, line in staff.items():
        column = len(lines[line]) - len(lines[line].lstrip()) + 1
        hovers[name] = server.hover(uri, line, column)
        assert "Staff only (handbook)." in hovers[name], (name, hovers[name])
        assert "Customers see this." not in hovers[name]
    # ... and what the field is for, from the model's description
    assert "What the company critically does for its customers." in hovers["critical_function"]
    assert "Role or team that owns the promise." in hovers["promises[0].owner"]
    FIGURES["hover critical_function"] = hovers["critical_function"].splitlines()[2]
    FIGURES["hover background"] = hovers["statement.background"].splitlines()[2]


def test_completion_offers_field_names_and_the_files_channel_ids(
    server: LanguageServer, ids_schema: Path, tmp_path: Path
) -> None:
    _text, lines = _sample()
    ids = [c.id for c in load(SAMPLE).model.channels]
    at = _line(lines, "        channel: ", _line(lines, "promises:"))
    blank = [*lines[:at], "        channel: ", *lines[at + 1 :]]

    # with the ids schema: the file's channel ids
    doc = tmp_path / "philosophy.yml"
    (tmp_path / ids_schema.name).write_bytes(ids_schema.read_bytes())
    uri = server.open(doc, _with_ids_schema(tmp_path / ids_schema.name, blank))
    labels = server.completion(uri, at, len("        channel: "))
    assert set(ids) <= set(labels), labels
    assert labels[: len(ids)] == ids  # in the file's order
    FIGURES["completion after channel: (ids schema)"] = labels

    # with the general schema: no ids (only the schema's example)
    uri = server.open(_beside_sample("_lsp_completion.yml"), "\n".join(blank) + "\n")
    general = server.completion(uri, at, len("        channel: "))
    assert not set(ids) & set(general), general
    FIGURES["completion after channel: (general schema)"] = general

    # field names where a key goes: those not yet written at that place (here: in site:)
    at = _line(lines, "  company:")
    keyed = [*lines[:at], "  ", *lines[at:]]
    uri = server.open(_beside_sample("_lsp_keys.yml"), "\n".join(keyed) + "\n")
    keys = server.completion(uri, at, 2)
    assert {"handbook_url", "country", "holidays", "brand"} <= set(keys), keys
    assert not {"company", "url", "languages", "timezone"} & set(keys), keys
    FIGURES["completion of keys in site:"] = keys


def test_diagnostics_unknown_key_and_unknown_id(server: LanguageServer, ids_schema: Path, tmp_path: Path) -> None:
    _text, lines = _sample()
    first = _line(lines, "  - id: ", _line(lines, "promises:"))
    typo = [*lines[: first + 1], "    titel: Snabbt svar", *lines[first + 1 :]]
    uri = server.open(_beside_sample("_lsp_unknown_key.yml"), "\n".join(typo) + "\n")
    found = server.diagnostics(uri)
    assert [(d["range"]["start"]["line"], d["message"], d.get("severity")) for d in found] == [
        (first + 1, "Property titel is not allowed.", 1)
    ]
    FIGURES["unknown key"] = len(found)

    at = _line(lines, "        channel: ", _line(lines, "promises:"))
    dangling = [*lines[:at], "        channel: sms", *lines[at + 1 :]]
    general = server.diagnostics(server.open(_beside_sample("_lsp_dangling.yml"), "\n".join(dangling) + "\n"))
    assert general == []  # the general schema knows no ids: `make check` finds it
    (tmp_path / ids_schema.name).write_bytes(ids_schema.read_bytes())
    uri = server.open(tmp_path / "philosophy.yml", _with_ids_schema(tmp_path / ids_schema.name, dangling))
    found = server.diagnostics(uri)
    assert len(found) == 1 and found[0]["range"]["start"]["line"] == at, found
    assert found[0]["message"].startswith('Value is not accepted. Valid values: "telefon", "e-post"')


@pytest.mark.parametrize(
    ("case", "old", "new", "most"),
    [
        ("unclosed quote", "  branch: main", '  branch: "main', 1),
        ("unclosed bracket", "  branch: main", "  branch: [main", 2),
        ("text with ': '", "  company: Hjulverket", "  company: Hjulverket: AB", 5),
        ("tab in site:", "  branch: main", "\tbranch: main", 22),
        ("tab in a promise", "    title:", "\ttitle:", None),  # many follow-on messages: recorded, not bounded
    ],
)
def test_a_syntax_error_is_marked_where_it_is(
    server: LanguageServer, case: str, old: str, new: str, most: int | None
) -> None:
    """One syntax error: the parser's first message (source "YAML") is at the broken line; the count of
    all messages (the parser's follow-ons and the schema's, e.g. 'Missing property') is recorded. The
    issue saw 23–25 for one error; `make check` reports one."""
    _text, lines = _sample()
    broken_line = lines.index(old)
    broken = [*lines[:broken_line], new, *lines[broken_line + 1 :]]
    uri = server.open(_beside_sample(f"_lsp_syntax_{len(FIGURES)}.yml"), "\n".join(broken) + "\n")
    found = server.diagnostics(uri)
    syntax = [d for d in found if d.get("source") == "YAML"]  # the parser's; the rest are the schema's
    FIGURES[f"syntax error: {case}"] = {
        "all": len(found),
        "YAML": len(syntax),
        "first": syntax[0]["message"] if syntax else None,
    }
    assert syntax, case
    assert all(d.get("severity") == 1 for d in found)  # all shown as errors
    # the parser's first message is at the broken line (or the next one, where the parser noticed)
    assert syntax[0]["range"]["start"]["line"] in (broken_line, broken_line + 1), syntax[0]
    if most is not None:
        assert len(found) <= most, f"{case}: {len(found)} diagnostics"
    if case == "unclosed quote":
        assert [d["message"] for d in found] == ['Missing closing "quote']
    if case.startswith("tab"):
        assert syntax[0]["message"] == "Tabs are not allowed as indentation"
        assert len(syntax) > 1  # the lines after it are marked too


def test_the_starter_file_from_make_new_has_no_editor_messages(server: LanguageServer, tmp_path: Path) -> None:
    """`make new`'s file (with its TODO texts) fits the schema: the editor shows no message."""
    out = tmp_path / "philosophy.yml"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "publish",
            "new",
            "--yes",
            "--company",
            "Beispiel GmbH",
            "--url",
            "https://service.beispiel.de/",
            "--languages",
            "de,en",
            "--output",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    text = f"# yaml-language-server: $schema={(ROOT / 'schema' / 'philosophy.schema.json').as_uri()}\n" + out.read_text(
        encoding="utf-8"
    )
    assert server.diagnostics(server.open(out, text)) == []
