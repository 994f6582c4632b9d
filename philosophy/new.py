"""make new: a guided start for a new company (written later in this change)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", default="philosophy.yml")


def run_new(args: argparse.Namespace) -> int:
    raise SystemExit("not yet")
