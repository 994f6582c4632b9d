"""Walk a model instance field by field, knowing each value's audience and whether it is a text."""
from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from .model import AUDIENCE

Loc = tuple[Union[str, int], ...]


@functools.lru_cache(maxsize=None)
def audience_of(model: type[BaseModel], name: str) -> str:
    info = model.model_fields.get(name)
    extra = (info.json_schema_extra if info else None) or {}
    if info is None:  # computed fields
        comp = model.model_computed_fields.get(name)
        extra = (comp.json_schema_extra if comp else None) or {}
    return "public" if isinstance(extra, dict) and extra.get(AUDIENCE) == "public" else "internal"


@functools.lru_cache(maxsize=None)
def is_text_type(tp: Any) -> bool:
    """True for the model's Text type (str | dict[str, str]), bare, optional or annotated."""
    if hasattr(tp, "__metadata__"):
        return is_text_type(tp.__origin__)
    args = get_args(tp)
    if get_origin(tp) is Union:
        plain = [a.__origin__ if hasattr(a, "__metadata__") else a for a in args]
        if str in plain and any(get_origin(a) is dict and get_args(a) == (str, str) for a in plain):
            return True
        return any(is_text_type(a) for a in args if a is not type(None))
    return False


def iter_texts(model: BaseModel, loc: Loc = (), audience: str = "public") -> Iterator[tuple[Loc, Any, str]]:
    """Yield (loc, text value, audience) for every Text value in the model."""
    cls = type(model)
    for name, info in cls.model_fields.items():
        value = getattr(model, name)
        aud = "internal" if audience == "internal" else audience_of(cls, name)
        yield from _walk_value(value, info.annotation, loc + (name,), aud)


def _walk_value(value: Any, tp: Any, loc: Loc, aud: str) -> Iterator[tuple[Loc, Any, str]]:
    if value is None:
        return
    if isinstance(value, BaseModel):
        yield from iter_texts(value, loc, aud)
    elif is_text_type(tp):
        yield loc, value, aud
    elif isinstance(value, list):
        inner = _inner(tp, list)
        for i, item in enumerate(value):
            yield from _walk_value(item, inner, loc + (i,), aud)
    elif isinstance(value, dict):
        inner = _inner(tp, dict)
        for key, item in value.items():
            yield from _walk_value(item, inner, loc + (key,), aud)


@functools.lru_cache(maxsize=None)
def _inner(tp: Any, container: type) -> Any:
    if hasattr(tp, "__metadata__"):
        tp = tp.__origin__
    if get_origin(tp) is Union:
        for arg in get_args(tp):
            if get_origin(arg) is container:
                tp = arg
    args = get_args(tp)
    return args[-1] if args else Any


def project(model: BaseModel, audience: str = "public") -> dict[str, Any]:
    """Plain data of the fields visible to the audience ('public' drops every internal field)."""
    cls = type(model)
    out: dict[str, Any] = {}
    names = list(cls.model_fields) + list(cls.model_computed_fields)
    for name in names:
        if audience == "public" and audience_of(cls, name) != "public":
            continue
        out[name] = _plain(getattr(model, name), audience)
    return out


def _plain(value: Any, audience: str) -> Any:
    if isinstance(value, BaseModel):
        return project(value, audience)
    if isinstance(value, list):
        return [_plain(v, audience) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v, audience) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v, audience) for k, v in value.items()}
    return value


def strings(data: Any) -> Iterator[str]:
    """Every string in plain data (values, not keys)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from strings(v)
    elif isinstance(data, (list, tuple)):
        for v in data:
            yield from strings(v)
