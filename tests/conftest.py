"""Shared fixtures: real site builds into temporary folders, once per session."""
from __future__ import annotations

import copy
import functools
import http.server
import threading
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(root: Path) -> str:
    """Serve a folder on a free loopback port; returns its base URL."""
    root.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


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


def child_config(tmp: Path, parent: str = "mkdocs.yml", **overrides: object) -> Path:
    """A config inheriting the project's, with absolute paths (INHERIT resolves them from the child)."""
    lines = [f"INHERIT: {ROOT / parent}", f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides' / 'theme'}",
             f"hooks:\n  - {ROOT / 'macros' / 'hooks.py'}", "watch: []",
             "plugins:\n  - search\n  - macros:\n      module_name: " + str(ROOT / "macros")
             + "\n      on_undefined: strict\n      on_error_fail: true"]
    lines += [f"{key}: {value}" for key, value in overrides.items()]
    path = tmp / f"child-{parent}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
