"""Live preview: the public site and the handbook on two loopback ports, both rebuilding when
philosophy.yml, a template, a page or the macros code changes.

In the preview (PHILOSOPHY_PREVIEW=1, set here for both servers) a broken file does not stop the
build: every page shows the file's errors instead, and MkDocs' livereload reloads the browser when the
file is saved again, fixed or not. Ports come from PUBLIC_PORT (8000) and HANDBOOK_PORT (8001), the
file from FILE (philosophy.yml). A busy port, a server that dies, Ctrl-C or SIGTERM stop both servers;
the exit code is non-zero (130 after Ctrl-C, 143 after SIGTERM).
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def commands(public_port: int, handbook_port: int, philosophy: Path) -> list[tuple[list[str], dict[str, str]]]:
    base = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--livereload", "-w", str(philosophy)]
    env = {**os.environ, "PHILOSOPHY_FILE": str(philosophy), "PHILOSOPHY_PREVIEW": "1", "NO_MKDOCS_2_WARNING": "1"}
    return [
        (
            [*base, "-f", str(ROOT / "mkdocs.yml"), "-a", f"{HOST}:{public_port}"],
            {**env, "PUBLIC_SITE_URL": f"http://{HOST}:{public_port}/"},
        ),
        ([*base, "-f", str(ROOT / "mkdocs.internal.yml"), "-a", f"{HOST}:{handbook_port}"], env),
    ]


def port_problem(port: int, variable: str) -> str | None:
    """One line saying why `port` cannot be served on (None when it can), checked by binding it as the
    server will (SO_REUSEADDR, like MkDocs' server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} is already in use: set {variable}=… or stop the other server"
            return f"cannot serve on port {port} ({exc.strerror}): set {variable}=… to another port"
    return None


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM if this process is killed outright (no orphaned servers)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: S110 - best effort only
        pass


def _port(variable: str, default: int) -> int:
    raw = os.environ.get(variable) or str(default)
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{variable}={raw!r} is not a port number: set it to e.g. {default}") from None
    if not 0 < value < 65536:
        raise SystemExit(f"{variable}={value} is not a port number (1–65535)")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="publish.serve", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--public-port", type=int, default=None, help="default: $PUBLIC_PORT, else 8000")
    parser.add_argument("--handbook-port", type=int, default=None, help="default: $HANDBOOK_PORT, else 8001")
    parser.add_argument("--file", type=Path, default=None, help="default: $FILE, else philosophy.yml")
    args = parser.parse_args(argv)
    public_port = args.public_port or _port("PUBLIC_PORT", 8000)
    handbook_port = args.handbook_port or _port("HANDBOOK_PORT", 8001)
    philosophy = (args.file or Path(os.environ.get("FILE") or ROOT / "philosophy.yml")).resolve()
    if public_port == handbook_port:
        print(
            f"the public site and the handbook both want port {public_port}: set HANDBOOK_PORT=… to another port",
            file=sys.stderr,
        )
        return 2
    if not philosophy.is_file():
        print(f"no philosophy file at {philosophy}: set FILE=… or start one with `make new`", file=sys.stderr)
        return 2
    for port, variable in ((public_port, "PUBLIC_PORT"), (handbook_port, "HANDBOOK_PORT")):
        problem = port_problem(port, variable)
        if problem:
            print(problem, file=sys.stderr)
            return 1

    received: list[int] = []

    def on_signal(signum: int, _frame: object) -> None:
        received.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    names = ("public site", "handbook")
    procs: list[subprocess.Popen[bytes]] = []
    # Each server runs in its own session: Ctrl-C reaches this process only, which stops both cleanly.
    # preexec_fn is safe here: no thread runs in this process.
    preexec = _die_with_parent if sys.platform.startswith("linux") else None
    for cmd, env in commands(public_port, handbook_port, philosophy):
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True, preexec_fn=preexec)  # noqa: PLW1509
        procs.append(proc)
    print(
        f"public site:  http://{HOST}:{public_port}/\nhandbook:     http://{HOST}:{handbook_port}/"
        f"\nwatching {philosophy}, overrides/, macros/, docs/ — errors show in the pages; Ctrl-C stops both",
        flush=True,
    )

    code = 0
    while not received:
        dead = next(((name, proc) for name, proc in zip(names, procs, strict=True) if proc.poll() is not None), None)
        if dead is not None:
            name, proc = dead
            code = proc.returncode if proc.returncode and proc.returncode > 0 else 1
            print(f"the {name} server stopped (exit code {proc.returncode}); stopping the other one", file=sys.stderr)
            break
        time.sleep(0.2)
    _stop(procs)
    if received and not code:
        signum = received[0]
        print(
            f"preview stopped ({'Ctrl-C' if signum == signal.SIGINT else signal.Signals(signum).name})", file=sys.stderr
        )
        return 128 + signum
    return code


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + 10
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    sys.exit(main())
