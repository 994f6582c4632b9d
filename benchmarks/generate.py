"""Valid philosophies of any size, grown from the sample: promises, channels, personas and examples in
proportion (one channel and one persona per ten promises, the sample's examples and tips per promise)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]


def _load_sample() -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load((ROOT / "tests" / "fixtures" / "sample.yml").read_text(encoding="utf-8"))


def _suffix(text: Any, n: int) -> Any:
    if isinstance(text, dict):
        return {lang: f"{value} ({n})" for lang, value in text.items()}
    return f"{text} ({n})"


def philosophy(promises: int) -> dict[str, Any]:
    sample = _load_sample()
    data = copy.deepcopy(sample)
    base_channels = sample["channels"]
    extra_channels = max(0, promises // 10 - len(base_channels))
    for i in range(extra_channels):
        ch = copy.deepcopy(base_channels[i % len(base_channels)])
        ch["id"] = f"{ch['id']}-{i}"
        ch["name"] = _suffix(ch["name"], i)
        data["channels"].append(ch)
    channel_ids = [c["id"] for c in data["channels"]]
    data["promises"] = []
    for i in range(promises):
        p = copy.deepcopy(sample["promises"][i % len(sample["promises"])])
        p["id"] = f"{p['id']}-{i}"
        p["title"] = _suffix(p["title"], i)
        p["text"] = _suffix(p["text"], i)
        p["tips"] = [_suffix(t, i) for t in p["tips"]]
        extra = channel_ids[len(base_channels) + i % max(1, extra_channels)] if extra_channels else None
        if extra and not any(c.get("around_the_clock") for c in p["commitments"]) and "runt" not in str(p["text"]):
            p["channels"] = p["channels"] + [extra]
        data["promises"].append(p)
    promise_ids = [p["id"] for p in data["promises"]]
    data["personas"] = []
    for i in range(max(3, promises // 10)):
        q = copy.deepcopy(sample["personas"][i % len(sample["personas"])])
        q["id"] = f"{q['id']}-{i}"
        q["name"] = _suffix(q["name"], i)
        q["key_promises"] = [promise_ids[(i * 7 + k) % len(promise_ids)] for k in range(3)]
        data["personas"].append(q)
    return data


def write(promises: int, path: Path) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.width = 4096
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(philosophy(promises), fh)
    return path
