"""Shared fixtures: real site builds into temporary folders, once per session."""
from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

# A fixed 'today' so that review dates in the sample do not turn into warnings as time passes.
os.environ.setdefault("PHILOSOPHY_TODAY", "2026-11-23")
os.environ["NO_MKDOCS_2_WARNING"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "philosophy.yml"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yml"
ARTIFACTS = ROOT / "test-artifacts"


def read_yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def write_yaml(data: Any, path: Path) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return path


def sample_data() -> Any:
    return copy.deepcopy(_SAMPLE_DATA)


_SAMPLE_DATA = read_yaml(SAMPLE)


def build_site(which: str, out: Path, philosophy: Path | None = None) -> Path:
    from publish.build import build_one

    build_one(which, out, philosophy)
    return out


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site("public", tmp_path_factory.mktemp("public") / "site")


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site("handbook", tmp_path_factory.mktemp("handbook") / "site")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "philosophy.yml"
    shutil.copy(SAMPLE, target)
    return target
