"""The JSON Schema for editors, generated from the model.

Every property says who sees it ("Customers see this." / "Staff only.") in its description, so an
editor's hover tells; `x-audience` carries the same for tools. `schema_for_file` adds the file's own ids
as enums, so the editor completes channel, value, persona and promise ids.
"""

from __future__ import annotations

import copy
from typing import Any

from .audience import AUDIENCE_KEY, Audience
from .model import Philosophy

SEES = {Audience.PUBLIC.value: "Customers see this.", Audience.INTERNAL.value: "Staff only (handbook)."}


def _annotate(node: Any) -> None:
    """Every property carries x-audience and says it in words; undeclared means internal."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict):
                audience = prop.setdefault(AUDIENCE_KEY, Audience.INTERNAL.value)
                prop.setdefault("title", name.replace("_", " ").capitalize())
                description = prop.get("description", "")
                if SEES[audience] not in description:
                    prop["description"] = f"{SEES[audience]} {description}".strip()
        for value in node.values():
            _annotate(value)
    elif isinstance(node, list):
        for value in node:
            _annotate(value)


def json_schema() -> dict[str, Any]:
    schema = Philosophy.model_json_schema(mode="validation", by_alias=True)
    _annotate(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Customer-service philosophy"
    schema["description"] = (
        "philosophy.yml: the single source of the public service promise and the staff "
        "handbook. Fields marked 'Staff only' never reach the public site."
    )
    return dict(sorted(schema.items(), key=lambda kv: kv[0] != "$schema"))


_ID_FIELDS = {  # (definition, property) -> which ids it takes
    ("Promise", "channels"): "channels",
    ("Promise", "values"): "values",
    ("Persona", "channels"): "channels",
    ("Persona", "key_promises"): "promises",
    ("Example", "channel"): "channels",
}


def schema_for_file(ids: dict[str, list[str]]) -> dict[str, Any]:
    """The schema with this file's ids as enums: completion of channel ids after `channel:`."""
    schema = copy.deepcopy(json_schema())
    defs = schema.get("$defs", {})
    channel_enum = {"type": "string", "enum": ids.get("channels", [])}
    for name, definition in defs.items():
        props = definition.get("properties", {})
        for prop_name, prop in props.items():
            target = _ID_FIELDS.get((name, prop_name))
            if prop_name == "channel" and name != "Example":
                target = "channels"
            if target is None or not ids.get(target):
                continue
            enum = {"type": "string", "enum": ids[target]}
            prop.pop("examples", None)  # completion should offer the file's ids only
            if prop.get("type") == "array" or "items" in prop:
                prop["items"] = enum
            elif "anyOf" in prop:
                prop["anyOf"] = [enum, {"type": "null"}]
            else:
                prop.update(enum)
                prop.pop("pattern", None)
    tone = defs.get("Tone", {}).get("properties", {}).get("per_channel")
    if tone is not None and ids.get("channels"):
        tone["propertyNames"] = channel_enum
    return schema
