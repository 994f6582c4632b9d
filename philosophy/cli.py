"""Command line of the core: check a philosophy file, write the JSON Schema, print a change summary,
migrate a file. (`python -m publish check` adds what the site theme can build; `python -m publish new`
starts a file.)"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import PhilosophyError

if TYPE_CHECKING:
    from .loader import Loaded
    from .problems import Problem

SCHEMA_PATH = Path("schema/philosophy.schema.json")


def _file_arg(value: str | None) -> str:
    """FILE comes from the command line or the environment (make passes it there, never through a shell)."""
    return value or os.environ.get("FILE") or "philosophy.yml"


ExtraChecks = Callable[["Loaded"], list["Problem"]]


def cmd_check(args: argparse.Namespace) -> int:
    return run_check(_file_arg(args.file), args.strict)


def run_check(file: str, strict: bool = False, extra: ExtraChecks | None = None) -> int:
    """Check a file and print every problem and a summary line. `extra` adds checks of a layer above the
    core (the site theme's languages, from publish/): the core never imports them."""
    from .checks import check
    from .loader import load

    start = time.perf_counter()
    try:
        loaded = load(file)
    except PhilosophyError as exc:
        print(exc, file=sys.stderr)
        print(f"{file}: FAILED: {len(exc.problems)} error(s)", file=sys.stderr)
        return 1
    problems = check(loaded, strict=strict)
    from .metrics import problems as export_problems

    problems += export_problems(loaded)  # bad rows in the help desk's exports: warnings, or errors if too many
    if extra is not None:
        problems = extra(loaded) + problems
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    m = loaded.model
    status = "FAILED" if errors else "ok"
    print(
        f"{loaded.file}: {status}: {len(m.promises)} promises, {len(m.channels)} channels, "
        f"{len(m.personas)} personas, languages {'/'.join(m.site.languages)}, "
        f"{errors} errors, {warnings} warnings ({time.perf_counter() - start:.2f} s)"
    )
    return 1 if errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import json_schema, schema_for_file

    if args.for_file:
        from .loader import load

        m = load(args.for_file).model
        ids = {
            "channels": [c.id for c in m.channels],
            "values": [v.id for v in m.values],
            "promises": [p.id for p in m.promises],
            "personas": [q.id for q in m.personas],
        }
        schema = schema_for_file(ids)
    else:
        schema = json_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from .summary import run_summary

    return run_summary(args)


def cmd_migrate(args: argparse.Namespace) -> int:
    from .migrate import migrate_file

    return migrate_file(Path(_file_arg(args.file)), write=not args.dry_run)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="philosophy", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate a philosophy file")
    p.add_argument("file", nargs="?", default=None)
    p.add_argument("--strict", action="store_true", help="overdue reviews and missing handbook texts are errors")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("schema", help="write the JSON Schema generated from the model")
    p.add_argument("--output", default=str(SCHEMA_PATH))
    p.add_argument("--for-file", default=None, help="add this file's ids as enums (editor completion)")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("summary", help="plain-language Markdown summary of a change")
    p.add_argument("--file", default=None)
    p.add_argument("--base", default=None, help="git revision (default: $BASE, else the merge-base with main)")
    p.add_argument("--head", default=None, help="git revision (default: the working tree)")
    p.add_argument("--lang", default=None, help="language of the summary (default: the handbook language)")
    p.add_argument("--full", default=None, help="also write the untruncated summary here (default: $SUMMARY_FULL)")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("migrate", help="rewrite a file in the current format, keeping comments and order")
    p.add_argument("file", nargs="?", default=None)
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=cmd_migrate)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
