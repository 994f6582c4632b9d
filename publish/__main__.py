"""python -m publish build | verify | preview | check | new (see `--help` of each)."""

import sys


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "new":
        from .new import main as new

        return new(sys.argv[2:])
    if command == "check":
        return check(sys.argv[2:])
    from .build import main as build

    return build()


def check(argv: list[str]) -> int:
    """The core's check plus what the site theme can build (its interface languages)."""
    import argparse
    import os

    from macros.site import framework_problems
    from philosophy.cli import run_check

    parser = argparse.ArgumentParser(prog="publish check", description=check.__doc__)
    parser.add_argument("file", nargs="?", default=None)
    parser.add_argument("--strict", action="store_true", help="overdue reviews and missing handbook texts are errors")
    args = parser.parse_args(argv)
    return run_check(args.file or os.environ.get("FILE") or "philosophy.yml", args.strict, framework_problems)


sys.exit(main())
