"""Residents' pages never load the editor: its code is for the people who write the plan."""

from __future__ import annotations

from pathlib import Path

from tests.html_page import parse_file

EDITOR_FILES = {path.name for path in (Path(__file__).parents[1] / "src/framework_builder/editor/static").iterdir()}


def _loaded(page: Path) -> list[str]:
    """Every address a page loads code, styles or frames from."""
    root = parse_file(page)
    found = [node.attrs.get("src", "") for tag in ("script", "iframe") for node in root.find_all(tag)]
    found += [node.attrs.get("href", "") for node in root.find_all("link")
              if node.attrs.get("rel", "") in ("stylesheet", "preload", "modulepreload")]
    return [address for address in found if address]


def test_no_page_of_the_demo_site_loads_the_editor(demo_site: Path) -> None:
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 50, "the demo site was built"
    offenders = {str(page.relative_to(demo_site)): address
                 for page in pages for address in _loaded(page)
                 if address.rsplit("/", 1)[-1] in EDITOR_FILES or "/admin/" in address or "decap" in address.lower()}
    assert not offenders, f"residents' pages load the editor: {offenders}"
    assert not list(demo_site.rglob("decap-cms.js")), "the editor's code is published only with build --editor-repo"
