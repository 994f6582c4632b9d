"""python -m staff replies | import zendesk|freshdesk|helpscout [--dry-run] | pocket-card [--out DIR]

The file is --file, else $FILE, else philosophy.yml. Everything is written under site/exports/ unless
--out says otherwise, and never into a public site.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from philosophy.checks import check
from philosophy.loader import Loaded, load
from philosophy.problems import PhilosophyError

from . import EXPORTS


def _load(file: Path | None) -> Loaded:
    source = file or Path(os.environ.get("FILE") or "philosophy.yml")
    loaded = load(source)
    errors = [p for p in check(loaded) if p.severity == "error"]
    if errors:
        raise PhilosophyError(errors)
    return loaded


def _replies(args: argparse.Namespace) -> int:
    from .replies import languages, replies, write_exports

    loaded = _load(args.file)
    written = write_exports(loaded.model, args.out)
    count = len(replies(loaded.model))
    print(
        f"{count} canned replies ({'/'.join(languages(loaded.model))}) from the good examples: "
        f"{len(written)} files in {args.out}/"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from .helpdesk import authorization, dry_run, plan, send
    from .replies import replies

    loaded = _load(args.file)
    items = replies(loaded.model, args.lang or None)
    calls = plan(args.desk, items)
    if args.dry_run:
        dry_run(args.desk, calls)
        return 0
    created = send(args.desk, calls, authorization(args.desk))
    print(f"{created} canned replies created in {args.desk}")
    return 0


def _pocket_card(args: argparse.Namespace) -> int:
    from .pocket_card import write

    loaded = _load(args.file)
    start = time.perf_counter()
    for path, card in write(loaded.model, args.out, args.lang or None):
        note = ", names only on the back" if card.compact else ""
        print(
            f"{path}: {card.pages} sides, {card.size:g} pt{note}, {len(card.pdf) / 1024:.0f} KiB, {card.seconds:.2f} s"
        )
    print(f"done in {time.perf_counter() - start:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--file", type=Path, default=None, help="philosophy file (default: $FILE or philosophy.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    replies = sub.add_parser("replies", help="canned replies for Zendesk, Freshdesk, Help Scout and as CSV")
    replies.add_argument("--out", type=Path, default=EXPORTS)
    importer = sub.add_parser("import", help="create the canned replies in a help desk through its API")
    importer.add_argument("desk", choices=["zendesk", "freshdesk", "helpscout"])
    importer.add_argument("--dry-run", action="store_true", help="print the API calls; send nothing")
    importer.add_argument("--lang", action="append", help="only this language (repeatable)")
    card = sub.add_parser("pocket-card", help="the A6 pocket card, one PDF per language")
    card.add_argument("--out", type=Path, default=EXPORTS)
    card.add_argument("--lang", action="append", help="only this language (repeatable)")
    for p in (replies, importer, card):
        p.add_argument("--file", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    from .helpdesk import HelpDeskError

    try:
        return {"replies": _replies, "import": _import, "pocket-card": _pocket_card}[args.command](args)
    except PhilosophyError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (HelpDeskError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
