"""The JSON Schema for editors, generated from the model."""
from __future__ import annotations

from typing import Any

from .model import AUDIENCE, Philosophy


def _mark_internal(node: Any) -> None:
    """Every property carries x-audience; what the model did not declare public is internal."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict):
                prop.setdefault(AUDIENCE, "internal")
                prop.setdefault("title", name.replace("_", " ").capitalize())  # $ref fields have none
        for value in node.values():
            _mark_internal(value)
    elif isinstance(node, list):
        for value in node:
            _mark_internal(value)


def json_schema() -> dict[str, Any]:
    schema = Philosophy.model_json_schema(mode="validation")
    _mark_internal(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Customer-service philosophy"
    schema["description"] = ("philosophy.yml: the single source of the public service promise and the staff "
                             "handbook. Fields with x-audience 'internal' never reach the public site.")
    return dict(sorted(schema.items(), key=lambda kv: kv[0] != "$schema"))
