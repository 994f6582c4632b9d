"""Who may read a field: customers (public) or staff only (internal). Declared once, on the model."""

from __future__ import annotations

import enum
import functools
from typing import Any

from pydantic import BaseModel, Field

AUDIENCE_KEY = "x-audience"
CONFIG_KEY = "x-config"  # settings, not content: the leak guard does not search for them


class Audience(enum.StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"

    @classmethod
    def parse(cls, value: object) -> Audience:
        """Fail closed: anything but a known audience is an error, never 'everything'."""
        if isinstance(value, Audience):
            return value
        if isinstance(value, str):
            try:
                return cls(value)
            except ValueError:
                pass
        raise ValueError(f"unknown audience {value!r}: expected one of {', '.join(a.value for a in cls)}")


def public(description: str, example: Any = None, **kw: Any) -> Any:
    """A field customers may see (the public site shows it)."""
    return _field(Audience.PUBLIC, description, example, **kw)


def internal(description: str, example: Any = None, *, config: bool = False, **kw: Any) -> Any:
    """A field for staff only: it never reaches the public build. `config` marks a setting (a branch
    name, a folder) rather than content."""
    return _field(Audience.INTERNAL, description, example, config=config, **kw)


def _field(audience: Audience, description: str, example: Any, config: bool = False, **kw: Any) -> Any:
    extra: dict[str, Any] = {AUDIENCE_KEY: audience.value}
    if config:
        extra[CONFIG_KEY] = True
    if example is not None:
        extra["examples"] = [example]
    return Field(description=description, json_schema_extra=extra, **kw)


@functools.cache
def audience_of(model: type[BaseModel], name: str) -> Audience:
    """The declared audience of a field; undeclared means internal (fail closed)."""
    info = model.model_fields.get(name)
    extra = info.json_schema_extra if info else None
    if isinstance(extra, dict) and extra.get(AUDIENCE_KEY) == Audience.PUBLIC.value:
        return Audience.PUBLIC
    return Audience.INTERNAL
