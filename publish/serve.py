"""Live preview: the public site and the handbook on two loopback ports, both rebuilding when
philosophy.yml, a template, a page or the macros code changes."""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands(public_port: int, handbook_port: int, philosophy: Path) -> list[tuple[list[str], dict[str, str]]]:
    base = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-w", str(philosophy)]
    env = {**os.environ, "PHILOSOPHY_FILE": str(philosophy), "NO_MKDOCS_2_WARNING": "1"}
    return [
        (base + ["-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{public_port}"],
         {**env, "PUBLIC_SITE_URL": f"http://127.0.0.1:{public_port}/"}),
        (base + ["-f", str(ROOT / "mkdocs.internal.yml"), "-a", f"127.0.0.1:{handbook_port}"], env),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="publish.serve", description=__doc__)
    parser.add_argument("--public-port", type=int, default=int(os.environ.get("PUBLIC_PORT", 8000)))
    parser.add_argument("--handbook-port", type=int, default=int(os.environ.get("HANDBOOK_PORT", 8001)))
    parser.add_argument("--file", type=Path, default=Path(os.environ.get("FILE", ROOT / "philosophy.yml")))
    args = parser.parse_args(argv)
    philosophy = args.file.resolve()
    procs = [subprocess.Popen(cmd, env=env, cwd=ROOT) for cmd, env in commands(args.public_port, args.handbook_port,
                                                                                philosophy)]
    print(f"public site:  http://127.0.0.1:{args.public_port}/\nhandbook:     http://127.0.0.1:{args.handbook_port}/"
          f"\nwatching {philosophy}, overrides/, macros/, docs/ — Ctrl-C stops both", flush=True)

    def stop(*_: object) -> None:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while all(proc.poll() is None for proc in procs):
        time.sleep(0.5)
    stop()
    return 1


if __name__ == "__main__":
    sys.exit(main())
