"""Fixtures only: real site builds of the sample fixture into temporary folders, once per session.
Helpers live in tests/helpers.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import ARTIFACTS, SAMPLE, build_site


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site("public", tmp_path_factory.mktemp("public") / "site")


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site("handbook", tmp_path_factory.mktemp("handbook") / "site")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "philosophy.yml"
    shutil.copy(SAMPLE, target)
    return target
