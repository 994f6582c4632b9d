"""Taking the philosophy to where staff work: canned replies for help desks (and their import), the
printable pocket card, the public change feed. Nothing here imports MkDocs; WeasyPrint and feedgen are
imported only when a card or a feed is made.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPORTS = ROOT / "site" / "exports"  # beside site/public and site/handbook: never inside the public site


def outside_public(folder: Path) -> Path:
    """The folder, refused when it is (or is inside) a public site: staff material never goes there."""
    resolved = folder.resolve()
    public_sites = [(ROOT / "site" / "public").resolve()]
    for public in public_sites:
        if resolved == public or public in resolved.parents:
            raise ValueError(f"{folder} is inside the public site ({public}); write staff material elsewhere")
    for parent in (resolved, *resolved.parents):
        if parent.name == "public" and (parent / "sitemap.xml").exists():
            raise ValueError(f"{folder} is inside a built public site ({parent}); write staff material elsewhere")
    return folder
