"""The registry of commitment kinds: every module in this package, plus extensions.

An extension is a Python module named in the environment variable PHILOSOPHY_EXTENSIONS (comma-separated)
that defines a subclass of `CommitmentKind` with a `kind: Literal['…']` field (and may register channel
kinds). It is imported before the model is built, so validation, the JSON Schema, both sites, the checks
and the change summary all know the new kind without other edits.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from typing import get_args

from .base import CommitmentKind, Data, Figure, Keep, Metric, Say

_BUILT_IN = (
    "reply",
    "answer",
    "callback",
    "available",
    "notice",
    "first_contact",
    "delivery",
    "returns",
    "refund",
    "price",
    "never",
    "other",
)


def _subclasses(cls: type[CommitmentKind]) -> list[type[CommitmentKind]]:
    out: list[type[CommitmentKind]] = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def kind_name(cls: type[CommitmentKind]) -> str | None:
    field = cls.model_fields.get("kind")
    args = get_args(field.annotation) if field is not None else ()
    return str(args[0]) if len(args) == 1 else None


def _load() -> dict[str, type[CommitmentKind]]:
    for name in _BUILT_IN:
        importlib.import_module(f"{__name__}.{name}")
    for info in pkgutil.iter_modules(__path__):
        if info.name not in (*_BUILT_IN, "base", "timing"):
            importlib.import_module(f"{__name__}.{info.name}")
    for module in filter(None, (m.strip() for m in os.environ.get("PHILOSOPHY_EXTENSIONS", "").split(","))):
        importlib.import_module(module)
    kinds: dict[str, type[CommitmentKind]] = {}
    for cls in _subclasses(CommitmentKind):
        found = kind_name(cls)
        if found is not None:
            kinds[found] = cls
    order = {name: i for i, name in enumerate(_BUILT_IN)}
    return dict(sorted(kinds.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


KINDS: dict[str, type[CommitmentKind]] = _load()

__all__ = ["KINDS", "CommitmentKind", "Data", "Figure", "Keep", "Metric", "Say", "kind_name"]
