"""Published performance against every promise, computed from the help desk's own exports.

(Being written: `results(loaded)` returns None until exports exist.)
"""

from __future__ import annotations

from typing import Any


def results(loaded: Any) -> Any:
    """Performance results for a loaded philosophy, or None when no exports are present."""
    return None
