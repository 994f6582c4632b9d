"""Walk sample data together with the JSON Schema, to find every free-text field by its audience."""

from __future__ import annotations

import itertools
from typing import Any

from philosophy.schema import json_schema

SCHEMA = json_schema()
DEFS = SCHEMA["$defs"]


class Canaries:
    def __init__(self) -> None:
        self.counter = itertools.count(1)
        self.made: dict[str, str] = {}  # canary -> field path

    def new(self, path: str) -> str:
        canary = f"CANARY{next(self.counter):04d}XQ"
        self.made[canary] = path
        return canary


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = {**DEFS[schema["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _free_text(schema: dict[str, Any]) -> bool:
    return (
        schema.get("type") == "string"
        and schema.get("x-kind") != "structured"
        and not ({"enum", "pattern", "format", "const"} & set(schema))
    )


def plant(
    value: Any, schema: dict[str, Any], internal: bool, path: str, canaries: Canaries, everywhere: bool = False
) -> Any:
    """Replace every free-text value (only the internal ones unless everywhere) by canaries.new(path)."""
    schema = _resolve(schema)
    if value is None:
        return value
    if schema.get("x-kind") == "text":
        if not (internal or everywhere):
            return value
        if isinstance(value, dict):
            return {lang: canaries.new(f"{path}.{lang}") for lang in value}
        return canaries.new(path)
    if "oneOf" in schema and "discriminator" in schema:
        ref = schema["discriminator"]["mapping"][value["kind"]]
        return plant(value, {"$ref": ref}, internal, path, canaries, everywhere)
    if "anyOf" in schema:
        for branch in schema["anyOf"]:
            b = _resolve(branch)
            if (
                b.get("x-kind") == "text"
                or (
                    "type" in b
                    and {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool}.get(
                        b["type"], type(None)
                    )
                    is type(value)
                )
                or "$ref" in branch
            ):
                if b.get("type") == "null":
                    continue
                return plant(value, branch, internal, path, canaries, everywhere)
        return value
    if isinstance(value, dict) and "properties" in schema:
        out = {}
        for key, item in value.items():
            prop = schema["properties"][key]
            out[key] = plant(
                item, prop, internal or prop.get("x-audience") == "internal", f"{path}.{key}", canaries, everywhere
            )
        return out
    if isinstance(value, dict) and isinstance(schema.get("additionalProperties"), dict):
        return {
            k: plant(v, schema["additionalProperties"], internal, f"{path}.{k}", canaries, everywhere)
            for k, v in value.items()
        }
    if isinstance(value, list) and "items" in schema:
        return [plant(v, schema["items"], internal, f"{path}[{i}]", canaries, everywhere) for i, v in enumerate(value)]
    if isinstance(value, str) and (internal or everywhere) and _free_text(schema):
        return canaries.new(path)
    return value
