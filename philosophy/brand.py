"""The company's look: colours checked for WCAG AA contrast, logo and favicon files checked for safety."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

if TYPE_CHECKING:
    from .model import Brand

AA = 4.5
MAX_ASSET_BYTES = 1024 * 1024
WHITE = "#ffffff"
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
}
_SVG_ELEMENTS_REFUSED = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
}


@dataclass(frozen=True)
class BrandProblem:
    field: tuple[str, ...]
    message: str
    hint: str


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_brand(brand: Brand, folder: Path) -> list[BrandProblem]:
    problems: list[BrandProblem] = []
    for name, fg, bg, what in (
        ("primary", WHITE, brand.primary, "white text on the header colour"),
        ("accent", brand.accent, WHITE, "links in this colour on white"),
    ):
        colour = bg if name == "primary" else fg
        if colour is None or fg is None or bg is None:
            continue
        ratio = contrast(fg, bg)
        if ratio < AA:
            problems.append(
                BrandProblem(
                    (name,),
                    f"{what} ({colour}) has a contrast ratio of {ratio:.2f}:1; WCAG AA needs {AA}:1",
                    "choose a darker colour",
                )
            )
    for name in ("logo", "favicon"):
        rel = getattr(brand, name)
        if rel is not None:
            problem = check_asset(folder, rel)
            if problem:
                problems.append(BrandProblem((name,), problem[0], problem[1]))
    return problems


def check_asset(folder: Path, rel: str) -> tuple[str, str] | None:
    """A brand file must be a small regular file inside the philosophy's folder, and what its name says."""
    path = (folder / rel).resolve()
    if not path.is_relative_to(folder.resolve()):
        return f"{rel!r} is outside the folder of the philosophy file", "keep brand files next to philosophy.yml"
    if not path.is_file():
        return f"the file {rel!r} does not exist", f"add it next to philosophy.yml, or correct the path ({folder})"
    if path.stat().st_size > MAX_ASSET_BYTES:
        return f"{rel!r} is larger than 1 MB", "use a smaller image (a logo is a few kB as SVG)"
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _check_svg(rel, data)
    if not data.startswith(_SIGNATURES[suffix]) or (suffix == ".webp" and data[8:12] != b"WEBP"):
        return f"{rel!r} is not a {suffix[1:].upper()} image", "export the image again in the format its name says"
    return None


def _check_svg(rel: str, data: bytes) -> tuple[str, str] | None:
    hint = "export a plain SVG (no scripts, no links to other files, no event handlers)"
    try:
        root = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException, ValueError):
        return f"{rel!r} is not a plain SVG file", hint
    if not root.tag.lower().endswith("svg"):
        return f"{rel!r} is not an SVG image", hint
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in _SVG_ELEMENTS_REFUSED:
            return f"{rel!r} contains a <{tag}> element, which can run code", hint
        for attr, value in element.attrib.items():
            name = attr.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                return f"{rel!r} has an event handler ({name})", hint
            if name in ("href", "src") and not value.strip().startswith("#"):
                return f"{rel!r} refers to another file, address or embedded document ({value[:40]!r})", hint
            if name == "style" and _unsafe_css(value):
                return f"{rel!r} has styles that load or escape content", hint
            if "javascript:" in value.lower().replace(" ", ""):
                return f"{rel!r} refers to a script", hint
        if tag == "style" and element.text and _unsafe_css(element.text):
            return f"{rel!r} has styles that load or escape content", hint
    return None


def _unsafe_css(css: str) -> bool:
    """CSS that can fetch or hide what it fetches: url() other than a #fragment, @import, escapes."""
    text = css.lower()
    if "@import" in text or "\\" in text or "expression(" in text:
        return True
    return any(not ref.strip(" '\"").startswith("#") for ref in re.findall(r"url\(([^)]*)\)", text))
