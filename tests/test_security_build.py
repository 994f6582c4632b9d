"""Hostile input, round two: builds. SIGINT and SIGTERM during `python -m publish build` exit 130 / 143
with one line and no traceback, leave no half-built release and the previous site intact; two builds
into one --out queue on the lock and both succeed, and a reader never finds the public site missing."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, SAMPLE, TODAY

pytestmark = pytest.mark.slow

ENV = {**os.environ, "PHILOSOPHY_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _source(out: Path) -> Path:
    """The sample fixture alone in a folder beside --out (no help-desk exports or brand files around it)."""
    source = out.parent / "source" / "philosophy.yml"
    if not source.exists():
        source.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE, source)
    return source


def _start(out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "publish", "build", "--out", str(out), "--file", str(_source(out))],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _build(out: Path) -> subprocess.CompletedProcess[str]:
    process = _start(out)
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _complete(release: Path) -> bool:
    return all(
        (release / name / "index.html").is_file() and (release / name / "sitemap.xml").is_file()
        for name in ("public", "handbook")
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An --out folder with one complete build in it."""
    out = tmp_path_factory.mktemp("signals") / "site"
    result = _build(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("delay", [0.5, 1.0, 1.5])
def test_a_signal_during_the_build_leaves_the_site_as_it_was(built: Path, signum: int, code: int, delay: float) -> None:
    before = _digest(built / "public")
    releases_before = sorted(p.name for p in (built / ".releases").iterdir())
    process = _start(built)
    time.sleep(delay)
    assert process.poll() is None, "the build ended before the signal: the test proves nothing"
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "interrupted" in lines[0] and signal.Signals(signum).name in lines[0] and "Traceback" not in stderr
    assert "ok:" not in stdout
    releases = sorted(p for p in (built / ".releases").iterdir())
    assert [p.name for p in releases] == releases_before  # the half-built release is gone
    assert all(_complete(p) for p in releases)
    assert _digest(built / "public") == before  # the published site is the same, file for file


def test_a_signal_while_waiting_for_the_lock(built: Path) -> None:
    from filelock import FileLock

    with FileLock(str(built / ".lock")):
        process = _start(built)
        time.sleep(2.0)  # imports done, waiting on the lock
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert [line for line in stderr.splitlines() if "waiting" not in line] == [
        "interrupted (SIGINT): nothing was published; site/ is as it was"
    ]


def test_releases_are_readable_by_a_web_server(built: Path) -> None:
    """mkdtemp creates folders only their owner may enter: nginx (another user) would answer 403."""
    current = (built / "current").resolve()
    assert current.stat().st_mode & 0o005 == 0o005
    assert (built / "public" / "index.html").stat().st_mode & 0o004


def test_two_builds_queue_and_the_site_never_goes_missing(built: Path) -> None:
    index = built / "public" / "index.html"
    assert index.is_file()
    missing: list[str] = []
    reads = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                if not index.read_bytes():
                    missing.append("empty")
            except OSError as exc:
                missing.append(repr(exc))
            reads += 1
            time.sleep(0.02)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        first, second = _start(built), _start(built)
        results = [(*p.communicate(timeout=600), p.returncode) for p in (first, second)]
    finally:
        stop.set()
        poller.join()
    for stdout, stderr, code in results:
        assert code == 0, stderr
        assert "ok:" in stdout
    assert any("waiting" in stderr for _, stderr, _ in results)  # one of them queued on the lock
    assert missing == []
    assert reads > 50
    releases = sorted((built / ".releases").iterdir())
    assert len(releases) <= 2 and all(_complete(p) for p in releases)
    assert index.is_file()


def test_a_signal_during_the_switch_publishes_and_keeps_the_new_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signal arriving between 'current' switching and the clean-up must not delete what is now live."""
    from publish import build

    out = tmp_path / "site"
    switch = build._switch

    def switch_and_get_signalled(out_: Path, release: Path) -> None:
        switch(out_, release)
        os.kill(os.getpid(), signal.SIGTERM)  # held until the switch block ends

    monkeypatch.setattr(build, "build_into", lambda folder, source, strict=True: _fake_build(folder))
    monkeypatch.setattr(build, "_switch", switch_and_get_signalled)
    old = signal.signal(signal.SIGTERM, build._on_signal)
    try:
        with pytest.raises(build.Interrupted) as caught:
            build.publish(out, _source(out))
    finally:
        signal.signal(signal.SIGTERM, old)
    assert caught.value.published
    assert (out / "public" / "index.html").read_text(encoding="utf-8") == "new"


def _fake_build(folder: Path) -> object:
    for name in ("public", "handbook"):
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_text("new", encoding="utf-8")
    return object()


def test_debris_of_a_killed_build_is_swept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish import build

    out = tmp_path / "site"
    monkeypatch.setattr(build, "build_into", lambda folder, source, strict=True: _fake_build(folder))
    build.publish(out, _source(out))
    debris = out / ".releases" / "20000101-000000-killed"
    (debris / "public").mkdir(parents=True)
    build.publish(out, _source(out))
    assert not debris.exists()
    assert (out / "public" / "index.html").read_text(encoding="utf-8") == "new"
