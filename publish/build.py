"""Build both sites aside, check them, then swap them into site/. A failed build leaves site/ as it was."""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from philosophy.checks import check
from philosophy.loader import load
from philosophy.problems import PhilosophyError

from .leakguard import internal_strings, scan

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {"public": ROOT / "mkdocs.yml", "handbook": ROOT / "mkdocs.internal.yml"}


class BuildFailed(Exception):
    pass


@contextlib.contextmanager
def _env(name: str, value: str | None) -> Iterator[None]:
    old = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def build_one(which: str, site_dir: Path, philosophy: Path | None = None, strict: bool = True,
              config_file: Path | None = None) -> float:
    """One site, in this process. Returns seconds. Raises BuildFailed with the reason."""
    start = time.perf_counter()
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        with _env("PHILOSOPHY_FILE", str((philosophy or ROOT / "philosophy.yml").resolve())):
            try:
                cfg = load_config(str(config_file or CONFIGS[which]), site_dir=str(site_dir), strict=strict)
                mkdocs_build(cfg)
            except (PluginError, ConfigurationError, Abort) as exc:
                raise BuildFailed(f"{which} build failed: {exc}{warnings.text()}") from None
            except (Exception, SystemExit) as exc:  # Jinja/Markdown errors; mkdocs-macros exits on errors
                raise BuildFailed(f"{which} build failed: {type(exc).__name__}: {exc}{warnings.text()}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    return time.perf_counter() - start


class _Warnings(logging.Handler):
    """Keeps MkDocs' warnings, so a strict-mode abort says what it aborted on."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def text(self) -> str:
        return "".join(f"\n  {m}" for m in self.messages)


def build_all(out: Path, philosophy: Path | None = None, strict: bool = True) -> dict[str, object]:
    """Validate, build public and handbook aside, run the leak guard, then swap into out/."""
    source = philosophy or ROOT / "philosophy.yml"
    loaded = load(source)
    errors = [p for p in check(loaded) if p.severity == "error"]
    if errors:
        raise PhilosophyError(errors)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        timings = {name: build_one(name, staging / name, philosophy, strict) for name in CONFIGS}
        leaks = scan(staging / "public", internal_strings(loaded))
        if leaks:
            raise BuildFailed("leak guard: internal text in the public site:\n" + "\n".join(map(str, leaks[:20])))
        for name in CONFIGS:
            target, old = out / name, out / f".old-{name}"
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            (staging / name).rename(target)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    m = loaded.model
    return {"promises": len(m.promises), "channels": len(m.channels), "languages": m.site.languages,
            "pages": {n: sum(1 for _ in (out / n).rglob("*.html")) for n in CONFIGS},
            "seconds": timings, "leaks": 0}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="publish", description=__doc__)
    parser.add_argument("command", choices=["build", "verify"])
    parser.add_argument("--file", type=Path, default=None, help="philosophy file (default philosophy.yml)")
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    out = args.out if args.command == "build" else Path(tempfile.mkdtemp(prefix="verify-"))
    try:
        result = build_all(out, args.file)
    except PhilosophyError as exc:
        print(exc, file=sys.stderr)
        print(f"FAILED: {len(exc.problems)} error(s) in the philosophy file; site/ was not changed", file=sys.stderr)
        return 1
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        print("FAILED: site/ was not changed", file=sys.stderr)
        return 1
    finally:
        if args.command == "verify":
            shutil.rmtree(out, ignore_errors=True)
    secs = result["seconds"]
    print(f"ok: {result['promises']} promises, {result['channels']} channels, languages "
          f"{'/'.join(result['languages'])}; public {result['pages']['public']} pages "
          f"({secs['public']:.2f} s), handbook {result['pages']['handbook']} pages ({secs['handbook']:.2f} s); "
          f"leak guard: 0 internal strings in the public site"
          + ("" if args.command == "verify" else f"; written to {args.out}/"))
    return 0
