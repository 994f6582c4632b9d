"""Test helpers (not fixtures): build real sites into folders, read them back, copy fixtures.

Product tests read fixtures (tests/fixtures/, examples/), never the live philosophy.yml: an editor's
valid content change must never turn the suite red.
"""

from __future__ import annotations

import copy
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "sample.yml"
MINIMAL = FIXTURES / "minimal.yml"
EXAMPLES = ROOT / "examples"
ARTIFACTS = ROOT / "test-artifacts"
TODAY = "2026-11-23"

os.environ.setdefault("PHILOSOPHY_TODAY", TODAY)
os.environ["NO_MKDOCS_2_WARNING"] = "1"


def read_yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def write_yaml(data: Any, path: Path) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return path


@functools.cache
def _sample() -> Any:
    return read_yaml(SAMPLE)


def sample_data() -> Any:
    """A fresh deep copy of the sample fixture's data, to change and write back."""
    return copy.deepcopy(_sample())


def relanguage(node: Any, languages: dict[str, tuple[str, str]]) -> Any:
    """The sample in other languages: every {sv, en} text becomes {new: prefix + old text} per language
    (e.g. {"sv": ("ar", "خدمة "), "en": ("ja", "サービス")}); site and channel languages follow."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if node and set(node) <= set(languages) and all(isinstance(v, str) for v in node.values()):
                return {languages[k][0]: languages[k][1] + v for k, v in node.items()}
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    data = walk(node)
    codes = {old: new for old, (new, _) in languages.items()}
    site = data["site"]
    site["languages"] = [codes.get(c, c) for c in site["languages"]]
    site["default_language"] = codes.get(site["default_language"], site["default_language"])
    for channel in data.get("channels", []):
        if "languages" in channel:
            channel["languages"] = [codes.get(c, c) for c in channel["languages"]]
    return data


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*/philosophy.yml"))


def build_site(which: str, out: Path, philosophy: Path | None = None, **kwargs: Any) -> Path:
    """A real MkDocs build of one site ('public' or 'handbook') into `out`."""
    from publish.build import build_one

    build_one(which, out, philosophy or SAMPLE, **kwargs)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path) -> str:
    """Serve a folder on a free loopback port; returns its base URL."""
    root.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def child_config(tmp: Path, parent: str = "mkdocs.yml", **overrides: object) -> Path:
    """A config inheriting the project's, with absolute paths (INHERIT resolves them from the child)."""
    lines = [
        f"INHERIT: {ROOT / parent}",
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides' / 'theme'}",
        f"hooks:\n  - {ROOT / 'macros' / 'hooks.py'}",
        "watch: []",
        "plugins:\n  - search\n  - macros:\n      module_name: " + str(ROOT / "macros") + ""
        "\n      on_undefined: strict\n      on_error_fail: true",
    ]
    lines += [f"{key}: {value}" for key, value in overrides.items()]
    path = tmp / f"child-{parent}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
