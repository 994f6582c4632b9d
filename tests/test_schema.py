"""The JSON Schema for editors comes from the model and stays in sync with it."""
from __future__ import annotations

import json
from typing import Any

import jsonschema

from philosophy.loader import load
from philosophy.schema import json_schema
from tests.conftest import ROOT, SAMPLE, read_yaml

SCHEMA_FILE = ROOT / "schema" / "philosophy.schema.json"


def test_committed_schema_matches_model() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "run `make schema` and commit schema/philosophy.schema.json"


def _properties(node: Any) -> list[tuple[str, dict[str, Any]]]:
    out = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            out.append((name, prop))
        for value in node.values():
            out += _properties(value)
    elif isinstance(node, list):
        for value in node:
            out += _properties(value)
    return out


def test_every_property_has_title_description_and_audience() -> None:
    props = _properties(json_schema())
    assert len(props) > 100
    for name, prop in props:
        assert prop.get("title"), name
        assert prop.get("description"), name
        assert prop.get("x-audience") in ("public", "internal"), name


def test_sample_validates_against_schema_and_model() -> None:
    data = json.loads(json.dumps(read_yaml(SAMPLE), default=str))  # dates as ISO strings, as editors see them
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert load(SAMPLE).model.site.company == "Hjulverket"


def test_sample_points_editors_at_the_schema() -> None:
    assert SAMPLE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schema/philosophy.schema.json")
