"""The JSON Schema for editors comes from the model and stays in sync with it."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from philosophy.loader import load
from philosophy.schema import json_schema
from tests.helpers import EXAMPLES, ROOT, SAMPLE, read_yaml

SCHEMA_FILE = ROOT / "schema" / "philosophy.schema.json"
pytestmark = pytest.mark.fast


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


def test_sample_and_examples_validate_against_schema_and_model() -> None:
    files = [SAMPLE, *sorted(EXAMPLES.glob("*/philosophy.yml"))]
    for path in files:
        data = json.loads(json.dumps(read_yaml(path), default=str))  # dates as ISO strings, as editors see them
        jsonschema.Draft202012Validator(json_schema()).validate(data)
        load(path)


def test_fixtures_point_editors_at_the_schema() -> None:
    assert SAMPLE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/philosophy.schema.json"
    )


def test_hover_says_who_sees_each_field_and_gives_examples() -> None:
    props = dict(_properties(json_schema()))
    assert props["critical_function"]["description"].startswith("Customers see this.")
    assert props["background"]["description"].startswith("Staff only")
    assert any("examples" in p for _, p in _properties(json_schema()))


def test_schema_for_a_file_completes_its_channel_ids() -> None:
    from philosophy.schema import schema_for_file

    schema = schema_for_file({"channels": ["e-post", "chatt"], "values": ["v"], "promises": ["p"]})
    reply = schema["$defs"]["Reply"]["properties"]["channel"]
    assert reply["enum"] == ["e-post", "chatt"]
    assert schema["$defs"]["Promise"]["properties"]["channels"]["items"]["enum"] == ["e-post", "chatt"]
