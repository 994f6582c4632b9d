"""`python -m philosophy migrate FILE`: rewrite a philosophy file in the current format, keeping its
comments, order and quoting (ruamel.yaml round-trip). Older files keep working without it; the check
says when a file is older and names this command.

Format history:
- version 1: no `version:` key; `steps_of_service:` is a bare list.
- version 2: `version: 2`; `steps_of_service:` is `{publish: false, steps: [...]}`.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from .model import CURRENT_VERSION
from .problems import PhilosophyError
from .yamlread import decode, read_bytes


def _to_2(doc: CommentedMap) -> list[str]:
    changes = []
    steps = doc.get("steps_of_service")
    if isinstance(steps, list):
        wrapped = CommentedMap()
        wrapped["publish"] = False
        wrapped["steps"] = steps
        doc["steps_of_service"] = wrapped
        changes.append("steps_of_service: the list moved under 'steps:', with 'publish: false'")
    return changes


MIGRATIONS: dict[int, Callable[[CommentedMap], list[str]]] = {1: _to_2}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def migrate_text(text: str) -> tuple[str, list[str]]:
    yaml = _yaml()
    doc = yaml.load(text)
    if not isinstance(doc, CommentedMap):
        return text, []
    version = doc.get("version", 1)
    if not isinstance(version, int) or version >= CURRENT_VERSION:
        return text, []
    changes: list[str] = []
    while version < CURRENT_VERSION:
        changes += MIGRATIONS[version](doc)
        version += 1
    if "version" in doc:
        doc["version"] = CURRENT_VERSION
    else:
        doc.insert(0, "version", CURRENT_VERSION)
    changes.insert(0, f"version: {CURRENT_VERSION}")
    out = io.StringIO()
    yaml.dump(doc, out)
    return _keep_header(text, out.getvalue()), changes


def _keep_header(original: str, dumped: str) -> str:
    """ruamel attaches comments before the first key to it; keep the file's opening comments first."""
    head = []
    for line in original.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            head.append(line)
        else:
            break
    body = dumped
    for line in head:
        if body.startswith(line):
            body = body[len(line) :]
    return "".join(head) + body


def migrate_file(path: Path, write: bool = True, out: Callable[[str], Any] = print) -> int:
    try:
        text = decode(read_bytes(path, str(path)), str(path))
    except PhilosophyError as exc:
        print(exc, file=sys.stderr)
        return 1
    new, changes = migrate_text(text)
    if not changes:
        out(f"{path}: already in format version {CURRENT_VERSION}; nothing to do")
        return 0
    if write:
        path.write_text(new, encoding="utf-8")
    out(f"{path}: {'migrated' if write else 'would migrate'} to format version {CURRENT_VERSION}:")
    for change in changes:
        out(f"  - {change}")
    return 0
