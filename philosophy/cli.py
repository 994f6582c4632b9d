"""Command line: check a philosophy file, write the JSON Schema, print a change summary."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .checks import check
from .loader import load
from .problems import PhilosophyError
from .schema import json_schema

SCHEMA_PATH = Path("schema/philosophy.schema.json")


def cmd_check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    try:
        loaded = load(args.file)
    except PhilosophyError as exc:
        print(exc, file=sys.stderr)
        print(f"{args.file}: FAILED: {len(exc.problems)} error(s)", file=sys.stderr)
        return 1
    problems = check(loaded, strict=args.strict)
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    m = loaded.model
    status = "FAILED" if errors else "ok"
    print(f"{args.file}: {status}: {len(m.promises)} promises, {len(m.channels)} channels, "
          f"{len(m.personas)} personas, languages {'/'.join(m.site.languages)}, "
          f"{errors} errors, {warnings} warnings ({time.perf_counter() - start:.2f} s)")
    return 1 if errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from .summary import summary_between_revisions

    try:
        print(summary_between_revisions(args.file, args.base, args.head))
    except PhilosophyError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="philosophy", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate a philosophy file")
    p.add_argument("file", nargs="?", default="philosophy.yml")
    p.add_argument("--strict", action="store_true", help="overdue reviews are errors, not warnings")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("schema", help="write the JSON Schema generated from the model")
    p.add_argument("--output", default=str(SCHEMA_PATH))
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("summary", help="plain-language Markdown summary of a change")
    p.add_argument("--file", default="philosophy.yml")
    p.add_argument("--base", default=None, help="git revision (default: merge-base with main)")
    p.add_argument("--head", default=None, help="git revision (default: the working tree)")
    p.set_defaults(func=cmd_summary)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
