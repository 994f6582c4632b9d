"""One measurement in a fresh process: build a config N times, print median seconds and peak memory."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _fresh_state() -> None:
    """Nothing may be reused between timed builds: each run parses, checks and compiles anew."""
    import macros.render
    import macros.site
    import philosophy.loader

    philosophy.loader._CACHE.clear()
    macros.site._BUILDS.clear()
    macros.render.environment.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path)
    parser.add_argument("--site-dir", type=Path)
    parser.add_argument("--philosophy", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--validate-only", action="store_true")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ["PHILOSOPHY_FILE"] = str(args.philosophy)
    times = []
    if args.validate_only:
        from philosophy.checks import check
        from philosophy.loader import load

        load(args.philosophy)  # warm-up: imports
        for _ in range(args.runs):
            start = time.perf_counter()
            check(load(args.philosophy))
            times.append(time.perf_counter() - start)
    else:
        import logging

        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        for i in range(args.runs + 1):  # the first run warms up imports and is not counted
            _fresh_state()
            start = time.perf_counter()
            build(load_config(str(args.config), site_dir=str(args.site_dir), strict=True))
            if i:
                times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"median": statistics.median(times), "runs": times, "peak_mb": round(peak_mb, 1)}))


if __name__ == "__main__":
    main()
