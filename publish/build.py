"""Build both sites aside, guard them, then switch site/ to them in one atomic step.

- A lock (site/.lock) makes two builds in one checkout queue instead of racing.
- Each build goes into its own folder under site/.releases/; `site/current` is a symlink switched with
  one rename, and `site/public`, `site/handbook` point through it: there is never a moment without a
  complete site, and a failed build leaves site/ as it was.
- SIGINT and SIGTERM clean up the half-built release and exit 130 / 143 with one line.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType


def _early_signal(signum: int, frame: FrameType | None) -> None:
    """A signal while the program is still starting: nothing exists yet to clean up; one line, no traceback."""
    sys.stderr.write(f"interrupted ({signal.Signals(signum).name}): nothing was published; site/ is as it was\n")
    sys.stderr.flush()
    os._exit(128 + signum)


if getattr(getattr(sys.modules.get("__main__"), "__spec__", None), "name", None) == "publish.__main__":
    # `python -m publish`: catch SIGINT/SIGTERM before the slow imports below (~1 s); main() takes over.
    signal.signal(signal.SIGINT, _early_signal)
    signal.signal(signal.SIGTERM, _early_signal)

from filelock import FileLock, Timeout  # noqa: E402

from philosophy.checks import check  # noqa: E402
from philosophy.loader import Loaded, load  # noqa: E402
from philosophy.problems import PhilosophyError  # noqa: E402

from .leakguard import internal_strings, scan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {"public": ROOT / "mkdocs.yml", "handbook": ROOT / "mkdocs.internal.yml"}
KEEP_RELEASES = 2  # the current one and the one before (someone may still be serving it)
COMPLETE = ".complete"  # written into a release once it is built and guarded; others are debris


class BuildFailed(Exception):
    pass


class Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.published = False  # the signal came while the new release was being switched in


_HELD: dict[str, int] = {"depth": 0, "pending": 0}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT/SIGTERM wait until the block is done (the switch, a clean-up) and are raised after it. Python
    runs signal handlers in the main thread whichever thread received the signal, so a flag (not a
    thread's signal mask) holds them reliably."""
    _HELD["depth"] += 1
    try:
        yield
    finally:
        _HELD["depth"] -= 1
        if _HELD["depth"] == 0 and _HELD["pending"]:
            signum, _HELD["pending"] = _HELD["pending"], 0
            raise Interrupted(signum)


@dataclass
class Result:
    loaded: Loaded
    seconds: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    secrets: int = 0


@contextlib.contextmanager
def _env(values: dict[str, str | None]) -> Iterator[None]:
    old = {name: os.environ.get(name) for name in values}
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Warnings(logging.Handler):
    """Keeps MkDocs' warnings, so a strict-mode abort says what it aborted on."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def text(self) -> str:
        """The last warnings, each cut to its last lines (mkdocs-macros logs whole tracebacks)."""
        out = []
        for message in self.messages[-5:]:
            lines = message.strip().splitlines()
            out.append("\n  ".join(lines if len(lines) <= 12 else ["…", *lines[-10:]]))
        return "".join(f"\n  {m}" for m in out)


def build_one(
    which: str,
    site_dir: Path,
    philosophy: Path | None = None,
    strict: bool = True,
    config_file: Path | None = None,
    directory_urls: bool = True,
) -> float:
    """One site, in this process. Returns seconds. Raises BuildFailed with the reason."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    start = time.perf_counter()
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        with _env({"PHILOSOPHY_FILE": str((philosophy or ROOT / "philosophy.yml").absolute())}):
            try:
                cfg = load_config(
                    str(config_file or CONFIGS[which]),
                    site_dir=str(site_dir),
                    strict=strict,
                    use_directory_urls=directory_urls,
                )
                mkdocs_build(cfg)
            except (PluginError, ConfigurationError, Abort) as exc:
                raise BuildFailed(f"{which} build failed: {exc}{warnings.text()}") from None
            except (Exception, SystemExit) as exc:  # Jinja/Markdown errors; mkdocs-macros exits on errors
                raise BuildFailed(f"{which} build failed: {type(exc).__name__}: {exc}{warnings.text()}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    return time.perf_counter() - start


def validate(source: Path) -> Loaded:
    """Load and check. Raises PhilosophyError on errors (what the theme lacks is only a warning)."""
    loaded = load(source)
    errors = [p for p in check(loaded) if p.severity == "error"]
    if errors:
        raise PhilosophyError(errors)
    return loaded


def build_into(folder: Path, source: Path, strict: bool = True, directory_urls: bool = True) -> Result:
    """Validate, build both sites into folder/, run the leak guard. Nothing is published here."""
    loaded = validate(source)
    result = Result(loaded)
    for name in CONFIGS:
        result.seconds[name] = build_one(name, folder / name, source, strict, directory_urls=directory_urls)
        result.pages[name] = sum(1 for _ in (folder / name).rglob("*.html"))
    # Staff material: the pocket cards into the handbook, the help-desk exports beside (never in) public/.
    from staff import pocket_card, replies

    start = time.perf_counter()
    pocket_card.write(loaded.model, folder / "handbook" / "assets")
    replies.write_exports(loaded.model, folder / "exports")
    result.seconds["staff"] = time.perf_counter() - start
    secrets = internal_strings(loaded)
    result.secrets = len(secrets)
    leaks = scan(folder / "public", secrets)
    if leaks:
        raise BuildFailed(
            "leak guard: staff-only text in the public site; nothing was published:\n" + "\n".join(map(str, leaks[:20]))
        )
    return result


def _switch(out: Path, release: Path) -> None:
    """Point site/current at the new release in one rename; public/ and handbook/ follow it."""
    current = out / "current"
    tmp = out / f".current-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(release.relative_to(out), target_is_directory=True)
    os.replace(tmp, current)
    for name in CONFIGS:
        link = out / name
        if link.is_symlink() and os.readlink(link) == f"current/{name}":
            continue
        if link.exists() or link.is_symlink():  # an older layout: a real folder; replace it once
            old = out / f".old-{name}-{os.getpid()}"
            link.rename(old)
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() and not old.is_symlink() else old.unlink()
        link.symlink_to(f"current/{name}", target_is_directory=True)


def _prune(releases: Path, keep: Path) -> None:
    found = sorted((p for p in releases.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in found if p != keep][KEEP_RELEASES - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def _sweep(out: Path, releases: Path) -> None:
    """Remove what a killed build left (a release never completed); never the current release."""
    try:
        current = (out / "current").resolve(strict=True)
    except OSError:
        current = None
    for folder in releases.iterdir():
        if folder.is_dir() and not (folder / COMPLETE).exists() and folder.resolve() != current:
            shutil.rmtree(folder, ignore_errors=True)


def _readable(folder: Path) -> None:
    """mkdtemp makes a folder only its owner can enter; the web server must read through it (umask applies)."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def publish(out: Path, source: Path, strict: bool = True) -> Result:
    """Build a new release aside and switch to it; a failure or interrupt leaves out/ as it was."""
    out.mkdir(parents=True, exist_ok=True)
    releases = out / ".releases"
    releases.mkdir(exist_ok=True)
    lock = FileLock(str(out / ".lock"))
    try:
        lock.acquire(timeout=0.1)
    except Timeout:
        print("another build is running in this checkout; waiting for it to finish …", file=sys.stderr)
        lock.acquire()
    try:
        _sweep(out, releases)
        release = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=releases))
        published = False
        try:
            _readable(release)
            result = build_into(release, source, strict)
            (release / COMPLETE).touch()
            with _signals_held():  # a signal now would leave current/ pointing at a release being deleted
                _switch(out, release)
                published = True
                _prune(releases, release)
        except Interrupted as exc:
            exc.published = published
            if not published:
                with _signals_held():
                    shutil.rmtree(release, ignore_errors=True)
            raise
        except BaseException:
            if not published:
                with _signals_held():
                    shutil.rmtree(release, ignore_errors=True)
            raise
        return result
    finally:
        lock.release()


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if _HELD["depth"]:
        _HELD["pending"] = signum  # raised when the held block ends
        return
    raise Interrupted(signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="publish", description=__doc__)
    parser.add_argument("command", choices=["build", "verify", "preview", "check"])
    parser.add_argument("--file", type=Path, default=None, help="philosophy file (default: $FILE or philosophy.yml)")
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    source = (args.file or Path(os.environ.get("FILE") or "philosophy.yml")).absolute()  # a symlink stays one
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        return _run(args.command, source, args.out)
    except Interrupted as exc:
        if exc.published:
            print(
                f"interrupted ({signal.Signals(exc.signum).name}) just after the new site was published",
                file=sys.stderr,
            )
        else:
            print(
                f"interrupted ({signal.Signals(exc.signum).name}): nothing was published; site/ is as it was",
                file=sys.stderr,
            )
        return 128 + exc.signum
    except PhilosophyError as exc:
        print(exc, file=sys.stderr)
        print(f"FAILED: {len(exc.problems)} error(s) in {source.name}; site/ was not changed", file=sys.stderr)
        return 1
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        print("FAILED: site/ was not changed", file=sys.stderr)
        return 1


def _run(command: str, source: Path, out: Path) -> int:
    if command == "check":
        validate(source)
        print(f"{source.name}: the theme can build every language")
        return 0
    if command == "build":
        result = publish(out, source)
        where = f"; written to {out}/"
    elif command == "preview":
        # Pages that open straight from an unzipped artifact (file://): no directory URLs.
        target = out / "preview"
        shutil.rmtree(target, ignore_errors=True)
        result = build_into(target, source, directory_urls=False)
        where = f"; previews in {target}/"
    else:
        with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
            result = build_into(Path(tmp), source)
        where = ""
    m = result.loaded.model
    print(
        f"ok: {len(m.promises)} promises, {len(m.channels)} channels, languages {'/'.join(m.site.languages)}; "
        f"public {result.pages['public']} pages ({result.seconds['public']:.2f} s), handbook "
        f"{result.pages['handbook']} pages ({result.seconds['handbook']:.2f} s); leak guard: "
        f"{result.secrets} staff-only strings, none in the public site{where}"
    )
    return 0
