"""Published performance against every promise ("How we're doing"), from the help desk's own exports.

`results(loaded)` reads the export files in the metrics folder next to philosophy.yml (CSV or Parquet;
our columns, Zendesk's ticket export, or any tool through a column mapping), judges every row, and
aggregates with DuckDB. It returns None when there are no exports, so both sites build as before.
The rules are in EDITING.md ("How we're doing"); the engine in engine.py; the pages' views in views.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .figures import BadRow, Day, FileReport, MetricResult, Month, Results
from .sources import export_files

if TYPE_CHECKING:
    from ..loader import Loaded

_CACHE: dict[tuple[Any, ...], tuple[Any, Results]] = {}


def _fingerprint(files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in files:
        info = path.stat()
        out.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(out)


def results(loaded: Loaded) -> Results | None:
    """Performance results for a loaded philosophy, or None when no exports are present.

    Raises PhilosophyError when the exports cannot be used: a folder outside the philosophy file's
    folder, a file nobody can read, or more than `metrics.max_bad_share` of rows bad. Computed once per
    loaded file and export version: the public site and the handbook share one computation.
    """
    files = export_files(loaded)
    if not files:
        return None
    key = (id(loaded), _fingerprint(files))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is loaded:
        return cached[1]
    from .compute import compute

    value = compute(loaded, files)
    _CACHE.clear()
    _CACHE[key] = (loaded, value)
    return value


def problems(loaded: Loaded) -> list[Any]:
    """The exports' bad rows as warnings in `make check` form (an error when there are too many)."""
    from ..problems import PhilosophyError

    try:
        found = results(loaded)
    except PhilosophyError as exc:
        return list(exc.problems)
    return list(found.problems) if found is not None else []


__all__ = ["BadRow", "Day", "FileReport", "MetricResult", "Month", "Results", "problems", "results"]
