"""The editors' loop: live preview, build-aside-then-swap, the change summary, CI workflow, pre-commit."""
from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from philosophy.summary import summarize_files
from publish.build import build_all
from tests.helpers import MINIMAL, ROOT, read_yaml, write_yaml


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return None


def test_serve_reloads_on_yaml_edit(sample_copy: Path) -> None:
    public, handbook = _free_port(), _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "publish.serve", "--public-port", str(public),
                             "--handbook-port", str(handbook), "--file", str(sample_copy)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (_get(f"http://127.0.0.1:{public}/")
                                                   and _get(f"http://127.0.0.1:{handbook}/")):
            time.sleep(0.3)
        assert "Fri retur i 60 dagar" in (_get(f"http://127.0.0.1:{public}/") or "")
        text = sample_copy.read_text(encoding="utf-8").replace("Fri retur i 60 dagar", "Fri retur i 90 dagar")
        edited = time.monotonic()
        sample_copy.write_text(text, encoding="utf-8")
        while time.monotonic() - edited < 30:
            if "Fri retur i 90 dagar" in (_get(f"http://127.0.0.1:{public}/") or "") and \
                    "Fri retur i 90 dagar" in (_get(f"http://127.0.0.1:{handbook}/") or ""):
                break
            time.sleep(0.2)
        else:
            pytest.fail("the edit was not served within 30 s")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_failed_build_leaves_previous_output_untouched(tmp_path: Path, sample_copy: Path) -> None:
    out = tmp_path / "site"
    build_all(out, sample_copy)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(before) > 20
    # valid YAML and schema, but a template-time failure: a promise page with an unknown page key
    broken = sample_copy.read_text(encoding="utf-8").replace("within: 8h", "within: eight hours")
    sample_copy.write_text(broken, encoding="utf-8")
    from philosophy.problems import PhilosophyError

    with pytest.raises(PhilosophyError):
        build_all(out, sample_copy)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_build_failure_inside_mkdocs_leaves_output_untouched(tmp_path: Path, sample_copy: Path) -> None:
    from publish import build as build_module

    out = tmp_path / "site"
    build_all(out, sample_copy)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken_config = tmp_path / "mkdocs.yml"
    broken_config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {tmp_path / 'nowhere'}\n")
    original = dict(build_module.CONFIGS)
    build_module.CONFIGS["handbook"] = broken_config
    try:
        with pytest.raises(build_module.BuildFailed):
            build_all(out, sample_copy)
    finally:
        build_module.CONFIGS.update(original)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


# --- change summary: pairs of philosophy files, exact lines -------------------------------------

def _pair(tmp_path: Path, change) -> list[str]:  # type: ignore[no-untyped-def]
    data = read_yaml(MINIMAL)
    change(data)
    new = write_yaml(data, tmp_path / "new.yml")
    return summarize_files(MINIMAL, new, "main", "branch").splitlines()


def test_summary_commitment_change(tmp_path: Path) -> None:
    def change(d: dict) -> None:
        d["promises"][0]["commitments"][0]["within"] = "4h"
    assert _pair(tmp_path, change) == [
        "### philosophy.yml: main → branch", "", "**Customers will see**", "",
        "- E-mail reply: within 8h (opening hours) → within 4h (opening hours)", "",
        "**Handbook only**", "", "- nothing"]


def test_summary_added_promise(tmp_path: Path) -> None:
    def change(d: dict) -> None:
        p = dict(d["promises"][0], id="retur", title={"sv": "Fri retur", "en": "Free returns"})
        p["commitments"] = [{"kind": "returns", "days": 30, "free": True}]
        d["promises"].append(p)
    lines = _pair(tmp_path, change)
    assert lines[4] == "- Promise added: “Free returns” (retur)"
    assert lines[-1] == "- nothing"


def test_summary_hours_change(tmp_path: Path) -> None:
    def change(d: dict) -> None:
        d["channels"][0]["hours"] = {"mon-thu": "08:00-17:00", "fri": "08:00-15:00"}
    assert _pair(tmp_path, change)[4:6] == ["- E-mail hours on Friday: 08:00–17:00 → 08:00–15:00", ""]


def test_summary_handbook_only_change(tmp_path: Path) -> None:
    def change(d: dict) -> None:
        d["promises"][0]["tips"].append("Svara med namn")
        d["promises"][0]["owner"] = "Kundserviceansvarig"
    assert _pair(tmp_path, change)[2:] == [
        "**Customers will see**", "", "- nothing", "", "**Handbook only**", "",
        "- Promise “Fast reply”: owner: “Kundtjänst” → “Kundserviceansvarig”",
        "- Promise “Fast reply”: tips changed (1 added)"]


def test_summary_translation_change(tmp_path: Path) -> None:
    def change(d: dict) -> None:
        d["promises"][0]["text"]["en"] = "A person replies within 8 hours"
    assert _pair(tmp_path, change)[4] == (
        "- Promise “Fast reply”: text (en) reworded: “We reply within 8 hours” → “A person replies within 8 hours”")


def test_summary_broken_side_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("site: [\n", encoding="utf-8")
    from philosophy.problems import PhilosophyError

    with pytest.raises(PhilosophyError) as info:
        summarize_files(MINIMAL, broken, "main", "branch")
    assert str(info.value).startswith("branch:2:1: error: YAML syntax")


def test_summary_command_against_git(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    (repo / "philosophy.yml").write_bytes(MINIMAL.read_bytes())
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "base"], check=True)
    text = MINIMAL.read_text(encoding="utf-8").replace("within: 8h", "within: 2h")
    (repo / "philosophy.yml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "philosophy", "summary", "--base", "main"], cwd=repo,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "- E-mail reply: within 8h (opening hours) → within 2h (opening hours)" in result.stdout.splitlines()
    bad = subprocess.run([sys.executable, "-m", "philosophy", "summary", "--base", "no-such-rev"], cwd=repo,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert bad.returncode == 1 and "git show no-such-rev:philosophy.yml failed" in bad.stderr


# --- CI workflow and pre-commit ------------------------------------------------------------------

def _workflow() -> dict:
    return YAML(typ="safe", pure=True).load((ROOT / ".github" / "workflows" / "site.yml").read_text())


def test_every_action_is_pinned() -> None:
    uses = [step["uses"] for job in _workflow()["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses
    for use in uses:
        name, _, ref = use.partition("@")
        assert ref and (len(ref) == 40 or ref[0] == "v" and ref.count(".") == 2), use


def test_handbook_uploaded_but_never_deployed() -> None:
    jobs = _workflow()["jobs"]
    steps = [s for job in jobs.values() for s in job["steps"]]
    uploads = [s for s in steps if "upload-artifact" in s.get("uses", "")]
    assert any("site/handbook" in str(s.get("with", {}).get("path")) for s in uploads)
    pages = [s for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    assert pages and all(s["with"]["path"] == "site/public" for s in pages)
    deploy = jobs["deploy"]
    assert "handbook" not in str(deploy)
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"


def test_pre_commit_runs_the_check() -> None:
    config = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    import re

    assert any("-m philosophy check" in h["entry"] and re.search(h["files"], "philosophy.yml") for h in hooks)


def test_dates_in_fixture_are_dates() -> None:
    assert isinstance(read_yaml(MINIMAL)["promises"][0]["last_reviewed"], dt.date)
