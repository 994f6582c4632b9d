"""MkDocs hooks: pages that follow from the data (one per promise and department in the handbook,
one per language on the public site), edit links, and robots.txt."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # hooks load by file path

from mkdocs.structure.files import File, Files  # noqa: E402

from macros.site import build_for  # noqa: E402


def on_files(files: Files, config: Any) -> Files:
    build = build_for(config)
    if build.audience == "public":
        # Every page exists in every language: non-default languages mirror the thin pages.
        for file in [f for f in files.documentation_pages()]:
            content = Path(file.abs_src_path).read_text(encoding="utf-8")
            for lang in build.languages:
                if lang != build.default:
                    files.append(File.generated(config, f"{lang}/{file.src_uri}", content=content))
    else:
        for promise in build.loaded.model.promises:
            files.append(File.generated(
                config, f"promises/{promise.id}.md",
                content=f"---\npromise: {promise.id}\n---\n\n{{{{ render('promise.html', promise_id='{promise.id}') }}}}\n"))
        for dep in build.loaded.model.departments:
            files.append(File.generated(
                config, f"departments/{dep.id}.md",
                content=f"---\ndepartment: {dep.id}\n---\n\n{{{{ render('department.html', department_id='{dep.id}') }}}}\n"))
    return files


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    if page.meta.get("edit_url"):
        page.edit_url = page.meta["edit_url"]
    else:
        page.edit_url = None
    return context


def on_post_build(config: Any) -> None:
    build = build_for(config)
    site_dir = Path(config["site_dir"])
    if build.audience == "public":
        text = f"User-agent: *\nAllow: /\n\nSitemap: {config['site_url']}sitemap.xml\n"
    else:
        text = "User-agent: *\nDisallow: /\n"
    (site_dir / "robots.txt").write_text(text, encoding="utf-8")
