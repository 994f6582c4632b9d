"""Property-based tests: the loader returns a model or raises PhilosophyError, never anything else;
whatever loads and passes the checks renders public pages without any internal text."""

from __future__ import annotations

import copy
import html
import io
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from philosophy.checks import check
from philosophy.loader import Loaded, load
from philosophy.problems import PhilosophyError
from publish.leakguard import internal_strings, normalise
from tests.helpers import MINIMAL, read_yaml

BASE = read_yaml(MINIMAL)
CI = os.environ.get("CI") == "true"

scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-10, 10**6),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(
        [
            "{{ 7*7 }}",
            "<script>alert(1)</script>",
            "24/7",
            "closed",
            "25:00-26:00",
            "PT8H",
            "e-post",
            "snabbhet",
            "sv",
            "xx",
            "",
            "mon-fri",
            "javascript:alert(1)",
            "ä" * 3,
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(data: Any, draw: Any) -> Any:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(0, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        op = draw(st.sampled_from(["delete", "replace", "add"]))
        if op == "delete":
            del parent[path[-1]]
        elif op == "replace":
            parent[path[-1]] = draw(values)
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(values)
        else:
            parent.append(draw(values))
    return data


def _dump(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def _load_or_error(text: str | bytes, tmp: Path) -> Loaded | None:
    path = tmp / "fuzz.yml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    try:
        return load(path)
    except PhilosophyError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return None


@settings(
    max_examples=500 if not CI else 800,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_loader_returns_model_or_own_error(data: st.DataObject, tmp_path: Path) -> None:
    kind = data.draw(st.sampled_from(["valid", "mutated", "mutated", "text"]))
    if kind == "valid":
        text = _dump(BASE)
    elif kind == "mutated":
        text = _dump(_mutate(BASE, data.draw))
    else:
        raw = _dump(BASE).encode("utf-8")
        pos = data.draw(st.integers(0, len(raw)))
        text = raw[:pos] + data.draw(st.binary(max_size=12)) + raw[pos + data.draw(st.integers(0, 20)) :]
    loaded = _load_or_error(text, tmp_path)
    if kind == "valid":
        assert loaded is not None and check(loaded) == []
    if loaded is not None:
        check(loaded)  # checks never raise either


@settings(
    max_examples=2000 if CI else 300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_public_rendering_never_shows_internal_text(data: st.DataObject, tmp_path: Path) -> None:
    from tests.render_helpers import render_public_pages

    mutated = _mutate(BASE, data.draw)
    loaded = _load_or_error(_dump(mutated), tmp_path)
    if loaded is None or any(p.severity == "error" for p in check(loaded)):
        return
    text = normalise(html.unescape(render_public_pages(loaded)))
    for secret in internal_strings(loaded):
        assert secret not in text
