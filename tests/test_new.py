"""`make new` (python -m publish new): a starter file that loads, whose only errors are the TODO
placeholders the company must write, that passes `make check` once they are written; never overwrites;
asks its questions in a real terminal (a pseudo-terminal here)."""

from __future__ import annotations

import codecs
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.site import framework_problems
from philosophy.checks import check
from philosophy.loader import load
from publish.new import _schema_line, suggested_timezone
from tests.helpers import ROOT

PLACEHOLDER = "placeholder text from the template is still here"
TODO_TEXT = re.compile(r'"TODO[^"\n]*"')
FLAGS = [
    "--company",
    "Beispiel GmbH",
    "--url",
    "https://service.beispiel.de/",
    "--languages",
    "de,en",
    "--country",
    "DE",
    "--channel",
    "email:E-Mail:hilfe@beispiel.de:mon-fri 08:00-17:00",
    "--channel",
    "phone:Telefon:030 901820:mon-fri 09:00-16:00; sat 10:00-12:00",
    "--promise",
    "answer:phone:3 min",
]


def _new(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FILE"}
    return subprocess.run(
        [sys.executable, "-m", "publish", "new", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _errors(path: Path) -> list:
    loaded = load(path)
    return [p for p in framework_problems(loaded) + check(loaded) if p.severity == "error"]


def _make_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publish", "check", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_flags_give_a_file_whose_only_errors_are_placeholders(tmp_path: Path) -> None:
    out = tmp_path / "philosophy.yml"
    run = _new("--yes", *FLAGS, "--output", str(out))
    assert run.returncode == 0, run.stderr
    assert "TODO text(s) to write" in run.stdout
    text = out.read_text(encoding="utf-8")
    errors = _errors(out)
    assert errors, "the starter has texts to write"
    assert {p.message for p in errors} == {PLACEHOLDER}, [str(p) for p in errors if p.message != PLACEHOLDER]
    # every placeholder error is a TODO text in the file, and every TODO text is reported
    assert len(errors) == len({(p.line, p.path) for p in errors})
    assert sum(1 for line in text.splitlines() if TODO_TEXT.search(line)) >= len(errors)
    # what the flags said is in the file, as the model reads it
    model = load(out).model
    assert model.version == 2
    assert model.site.company == "Beispiel GmbH" and model.site.languages == ["de", "en"]
    assert model.site.timezone == "Europe/Berlin" and model.site.country == "DE"
    assert [(c.id, c.kind) for c in model.channels] == [("email", "email"), ("phone", "phone")]
    assert model.channels[1].hours == {"mon-fri": "09:00-16:00", "sat": "10:00-12:00"}
    commitment = model.promises[0].commitments[0]
    assert (commitment.kind, commitment.channel, commitment.within.minutes) == ("answer", "phone", 3)
    # comments that teach: who sees each section, what it is for, an example line
    assert text.count("PUBLIC") >= 4 and text.count("STAFF ONLY") >= 4
    assert "Step 1: know your customers" in text and "Step 5: share it" in text
    assert "critical function" in text and "e.g." in text

    # The company writes its texts (here: a regex) -> `make check` passes with 0 errors.
    out.write_text(TODO_TEXT.sub('"Unser eigener Text"', text), encoding="utf-8")
    assert _errors(out) == []
    run = _make_check(out)
    assert run.returncode == 0, run.stderr
    assert ", 0 errors," in run.stdout


def test_defaults_only(tmp_path: Path) -> None:
    out = tmp_path / "p.yml"
    run = _new("--yes", "--company", "Shop", "--url", "https://help.shop.example.com/", "--output", str(out))
    assert run.returncode == 0, run.stderr
    assert {p.message for p in _errors(out)} == {PLACEHOLDER}
    model = load(out).model
    assert model.site.languages == ["en"] and model.site.country == "US"
    assert model.site.timezone == "America/New_York"  # from the language's likely country
    assert model.promises[0].commitments[0].kind == "reply"
    out.write_text(TODO_TEXT.sub('"Our own words"', out.read_text(encoding="utf-8")), encoding="utf-8")
    assert _make_check(out).returncode == 0


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "philosophy.yml"
    out.write_text("# somebody's work\n", encoding="utf-8")
    run = _new("--yes", *FLAGS, "--output", str(out))
    assert run.returncode != 0
    assert run.stderr.strip() == (
        f"{out} already exists: nothing was written (pass --force to overwrite it, or --output another file)"
    )
    assert out.read_text(encoding="utf-8") == "# somebody's work\n"
    assert list(tmp_path.iterdir()) == [out]
    run = _new("--yes", *FLAGS, "--output", str(out), "--force")
    assert run.returncode == 0, run.stderr
    assert "version: 2" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "error: --yes needs --company and --url"),
        (("--company", "X", "--url", "http://x.example.com/"), "error: --url 'http://x.example.com/': "),
        (("--company", "X", "--url", "https://x.example.com/", "--languages", "dk"), "did you mean 'da'"),
        (("--company", "X", "--url", "https://x.example.com/", "--channel", "fax:Fax:123"), "'fax' is not a kind"),
        (("--company", "X", "--url", "https://x.example.com/", "--channel", "email:Mail:not-an-address"), "--channel"),
        (
            ("--company", "X", "--url", "https://x.example.com/", "--promise", "answer:email:5 min"),
            "a person answering cannot be promised on 'email'",
        ),
    ],
)
def test_bad_flags_say_what_to_fix(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    out = tmp_path / "p.yml"
    run = _new("--yes", *args, "--output", str(out))
    assert run.returncode == 2
    assert message in run.stderr and "hint:" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


def test_no_terminal_no_questions(tmp_path: Path) -> None:
    run = _new("--output", str(tmp_path / "p.yml"))
    assert run.returncode == 2
    assert "pass --yes" in run.stderr


def test_schema_line_and_time_zone_suggestions(tmp_path: Path) -> None:
    assert _schema_line(ROOT / "philosophy.yml") == "schema/philosophy.schema.json"
    assert _schema_line(ROOT / "examples" / "new-co" / "philosophy.yml") == "../../schema/philosophy.schema.json"
    assert _schema_line(tmp_path / "philosophy.yml") is None
    out = tmp_path / "p.yml"
    assert _new("--yes", *FLAGS, "--output", str(out)).returncode == 0
    assert not out.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    for country, zone in {
        "SE": "Europe/Stockholm",
        "DE": "Europe/Berlin",
        "US": "America/New_York",
        "ES": "Europe/Madrid",
        "BR": "America/Sao_Paulo",
        "FI": "Europe/Helsinki",
    }.items():
        assert suggested_timezone(country)[0] == zone


# --- the questions, in a pseudo-terminal ---------------------------------------------------------


class Pty:
    def __init__(self, args: list[str]) -> None:
        self.master, slave = os.openpty()
        env = {k: v for k, v in os.environ.items() if k != "FILE"} | {"TERM": "dumb", "COLUMNS": "200"}
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
        )
        os.close(slave)
        self.seen = ""
        self.pos = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError:  # the child closed the terminal
            return False
        self.seen += self.decoder.decode(data)
        return bool(data)

    def expect(self, text: str, timeout: float = 30) -> str:
        """Everything shown since the last expectation, up to and including `text` (bounded wait)."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.pos :]:
            got = self._read(0.2)
            if time.monotonic() > deadline or (not got and self.proc.poll() is not None):
                pytest.fail(f"waited for {text!r}; the terminal shows:\n{self.seen[-2000:]}")
        end = self.seen.index(text, self.pos) + len(text)
        shown, self.pos = self.seen[self.pos : end], end
        return shown

    def answer(self, prompt: str, reply: str, timeout: float = 30) -> str:
        """Wait for the question (the whole prompt, up to its closing ': '), type the reply and Enter."""
        shown = self.expect(prompt, timeout)
        deadline = time.monotonic() + timeout
        # the prompt has ended when the terminal shows ': ' last and nothing more comes for a moment
        while not (self.seen.endswith(": ") and not self._read(0.3)):
            if time.monotonic() > deadline:
                pytest.fail(f"the question {prompt!r} did not end; the terminal shows:\n{self.seen[-2000:]}")
            if not self.seen.endswith(": "):
                self._read(0.2)
        shown += self.seen[self.pos :]
        self.pos = len(self.seen)
        os.write(self.master, reply.encode() + b"\r")
        return shown

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=20)
        os.close(self.master)


def test_questions_in_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "philosophy.yml"
    term = Pty([sys.executable, "-m", "publish", "new", "--output", str(out)])
    try:
        term.expect("Step 1 of 5: Know your customers")
        term.answer("Company name", "Beispiel GmbH")
        term.answer("Address of the public site", "https://service.beispiel.de")  # the "/" is added
        term.answer("Languages of the site", "de,xx")
        term.expect("unknown language code 'xx'")  # checked at once, asked again
        term.answer("Languages of the site", "de,en")
        assert "[DE]" in term.answer("Country", "")  # suggested from the first language
        assert "[Europe/Berlin]" in term.answer("Time zone", "")  # suggested from the country
        term.expect("Step 2 of 5: Channels and hours")
        assert "[email]" in term.answer("Kind of channel", "")
        assert "[E-Mail]" in term.answer("Name customers see (German)", "")
        term.answer("Contact", "hilfe@beispiel.de")
        term.answer("Hours", "mon-fri 08:00-17:00; sat 10:00-13:00")
        term.expect("added channel 'email'")
        assert "(Enter when done)" in term.answer("Kind of channel", "phone")
        assert "[Telefon]" in term.answer("Name customers see", "")
        term.answer("Contact", "030 901820")
        term.answer("Hours", "")
        term.answer("Kind of channel", "")
        term.expect("Step 3 of 5: The bold statement. Three parts, in German; the other languages are left as TODO")
        term.answer("Critical function", "Wir halten Berlin am Laufen.")
        term.answer("Method", "Mit klaren Antworten.")
        assert "(Enter to write it later)" in term.answer("Big picture", "")
        term.expect("Step 4 of 5: A first promise. With a number customers can hold you to.")
        assert "[reply]" in term.answer("Commitment", "")
        assert "[email]" in term.answer("On which channel", "")
        term.answer("Within", "soon")
        term.expect("'soon' is not a duration")
        term.answer("Within", "4h")
        term.expect("Step 5 of 5: Share it")
        term.expect("TODO text(s) to write")
        assert term.proc.wait(timeout=30) == 0
    finally:
        term.close()
    model = load(out).model
    assert model.site.url == "https://service.beispiel.de/"
    assert model.site.languages == ["de", "en"] and model.site.timezone == "Europe/Berlin"
    assert [c.id for c in model.channels] == ["email", "phone"]
    assert model.channels[0].hours == {"mon-fri": "08:00-17:00", "sat": "10:00-13:00"}
    assert model.statement.critical_function["de"] == "Wir halten Berlin am Laufen."
    assert model.statement.critical_function["en"].startswith("TODO")  # to translate
    assert model.statement.big_picture["de"].startswith("TODO")  # left for later
    commitment = model.promises[0].commitments[0]
    assert (commitment.kind, commitment.channel, commitment.within.minutes) == ("reply", "email", 240)
    assert {p.message for p in _errors(out)} == {PLACEHOLDER}
