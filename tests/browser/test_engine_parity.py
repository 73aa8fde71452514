"""The two engines (`build --engine mkdocs|zensical`) build the same demo into sites a reader cannot tell apart
where it matters: the same pages, every item's anchor, the comment links, the banner, the version menu,
search, no request off the machine and no axe-core violation.

Where Zensical cannot match MkDocs yet, the difference is named in EXPECTED_GAPS (and in the README),
and each gap is asserted to still be there, so that the day Zensical closes it this test says so.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import axe_core
import pytest
from harness import FRAMEWORKS, build
from html_page import Node, parse_file
from local_server import serving
from record import PageRecord, Visit, record_search, record_version_menu
from site_map import GOAL, TODAY, VERSION

ENGINES = ("mkdocs", "zensical")
# What Zensical does not do as MkDocs does yet: name → what the test measures (asserted still to differ).
EXPECTED_GAPS = {
    "search index file": "MkDocs writes search/search_index.json, Zensical search.json",
    "sitemap.xml.gz": "MkDocs writes a gzipped sitemap beside sitemap.xml, Zensical does not",
    "search": "searching from the keyboard ('/', then a word) shows results under MkDocs, none under Zensical",
    "contrast": "Zensical's theme colours the active navigation link #526cfe on #eef0ff (3.75:1): axe-core's "
                "color-contrast rule fails on its pages",
    "raw links": "Zensical rewrites a raw HTML link in a page's Markdown as if it were relative to the Markdown "
                 "file, one folder higher than MkDocs leaves it: the How to comment page's feed and calendar "
                 "links lead to the portal's feed and to no calendar",
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> dict[str, Path]:
    """The demo built once with each engine, in one project (the cache keeps the engines apart)."""
    pytest.importorskip("zensical", reason="Zensical is not installed: pip install -e '.[test]'")
    project = tmp_path_factory.mktemp("engines")
    shutil.copytree(FRAMEWORKS, project / "frameworks")
    built = {}
    for engine in ENGINES:
        result = build(project, "--engine", engine, today=TODAY, out=f"site-{engine}")
        assert result.code == 0, f"{engine} build failed:\n{result.err}"
        built[engine] = project / f"site-{engine}"
    return built


def files(site: Path, suffix: str = "") -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob(f"*{suffix}") if path.is_file()}


def pages(site: Path) -> set[str]:
    """Every HTML page of a site (the engines' own assets aside)."""
    return {name for name in files(site, ".html") if "/assets/" not in name}


def content(page: Path) -> Node:
    [article] = parse_file(page).find_all("article") or [parse_file(page)]
    return article


def anchors(page: Path) -> list[str]:
    """The ids in a page's content, in order: every item's anchor (the headings' too)."""
    return [node.attrs["id"] for node in content(page).walk()
            if node.attrs.get("id") and not node.attrs["id"].startswith("__")]  # the theme's own (skip link)


def comment_links(page: Path) -> list[tuple[str, str]]:
    return [(node.attrs["data-item"], node.attrs.get("href", "")) for node in content(page).walk()
            if node.tag == "a" and "data-item" in node.attrs]


def banner(page: Path) -> str:
    found = parse_file(page).find_all("p", "fb-banner")
    return found[0].text() if found else ""


def test_both_engines_build_the_same_pages(sites: dict[str, Path]) -> None:
    assert pages(sites["zensical"]) == pages(sites["mkdocs"])
    assert len(pages(sites["mkdocs"])) > 50


def test_every_item_anchor_comment_link_and_banner_is_the_same(sites: dict[str, Path]) -> None:
    compared = 0
    for name in sorted(pages(sites["mkdocs"])):
        mkdocs_page, zensical_page = sites["mkdocs"] / name, sites["zensical"] / name
        assert anchors(zensical_page) == anchors(mkdocs_page), name
        assert comment_links(zensical_page) == comment_links(mkdocs_page), name
        assert banner(zensical_page) == banner(mkdocs_page), name
        compared += bool(comment_links(mkdocs_page))
    assert compared > 0  # the draft open for comment has comment links to compare
    assert "open for public comment" in banner(sites["mkdocs"] / VERSION / "index.html").lower()


def link_targets(site: Path, name: str) -> dict[str, str]:
    """Each relative link in a page's content (text → the site file it leads to, or "missing: …")."""
    found = {}
    for node in content(site / name).walk():
        href = node.attrs.get("href", "") if node.tag == "a" else ""
        parts = urlsplit(href)
        if not href or parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue  # mailto:, https:, a link within the page, the 404 page's link to the server's root
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path))
        file = site / target / "index.html" if (site / target).is_dir() else site / target
        found[node.text()] = target if file.is_file() else f"missing: {target}"
    return found


def test_every_link_between_pages_leads_to_the_same_file(sites: dict[str, Path]) -> None:
    differ = {}
    for name in sorted(pages(sites["mkdocs"])):
        mkdocs_links, zensical_links = link_targets(sites["mkdocs"], name), link_targets(sites["zensical"], name)
        assert not [t for t in mkdocs_links.values() if t.startswith("missing")], (name, mkdocs_links)
        differ.update({(name, text): (target, zensical_links.get(text)) for text, target in mkdocs_links.items()
                       if zensical_links.get(text) != target})
    # gap: "raw links" (the feed and calendar links of each How to comment page), and nothing else
    assert differ and all(name.endswith("comment/index.html") for name, _ in differ), sorted(differ)
    assert {"News feed of this framework", "Calendar of comment windows"} <= {text for _, text in differ}
    assert all(len(page_links) == 2 for page_links in _per_page(differ).values()), sorted(differ)


def _per_page(differ: dict[tuple[str, str], object]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, text in differ:
        found.setdefault(name, []).append(text)
    return found


def test_the_files_around_the_pages_are_the_same(sites: dict[str, Path]) -> None:
    """The portal, redirects, feeds, calendars, versions.json and downloads come from us, whatever the engine."""
    ours = {name for name in files(sites["mkdocs"]) if name.count("/") <= 1
            or ("/downloads/" in name and not name.endswith(".html"))}
    for name in sorted(ours):
        if name.endswith(".build.json"):
            continue  # records the engine
        assert (sites["zensical"] / name).read_bytes() == (sites["mkdocs"] / name).read_bytes(), name


def test_the_expected_gaps_are_still_gaps(sites: dict[str, Path]) -> None:
    mkdocs, zensical = files(sites["mkdocs"]), files(sites["zensical"])
    version = VERSION.rstrip("/")
    assert f"{version}/search/search_index.json" in mkdocs and f"{version}/search.json" in zensical
    assert f"{version}/search/search_index.json" not in zensical  # gap: "search index file"
    assert f"{version}/sitemap.xml.gz" in mkdocs and f"{version}/sitemap.xml.gz" not in zensical  # gap: "sitemap.xml.gz"


def visit(browser, site: Path, path: str, interactions=()) -> PageRecord:  # type: ignore[no-untyped-def]
    """One visit to `path` of `site`, served locally, with every request off the machine blocked and recorded."""
    with serving(site) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        opened = Visit(page=page, base=server)
        local = server.split("/")[2]

        def route(route_) -> None:  # type: ignore[no-untyped-def]
            url = route_.request.url
            if url.split("/")[2] == local:
                route_.continue_()
            else:
                opened.foreign_requests.append(url)
                route_.abort()

        context.route("**/*", route)
        try:
            opened.open(path)
            record = PageRecord(page_type=path, scheme="light", color_scheme=None,
                                axe=axe_core.run(page) if axe_core.script() is not None else None, headings=[])
            for interact in interactions:
                interact(page, record)
            record.foreign_requests = list(opened.foreign_requests)
            return record
        finally:
            context.close()


def search(page, record: PageRecord) -> None:  # type: ignore[no-untyped-def]
    """`record_search`, recording no result (instead of failing) when none shows within its wait."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        record_search(page, record)
    except PlaywrightTimeout:
        record.search_results = 0


@pytest.fixture(scope="module")
def visits(browser, sites: dict[str, Path]) -> dict[tuple[str, str], PageRecord]:
    found = {}
    for engine, site in sites.items():
        found[engine, "overview"] = visit(browser, site, VERSION, (record_version_menu, search))
        found[engine, "goal"] = visit(browser, site, GOAL)
    return found


def test_the_version_menu_and_search_work_alike(visits: dict[tuple[str, str], PageRecord]) -> None:
    mkdocs, zensical = visits["mkdocs", "overview"], visits["zensical", "overview"]
    assert mkdocs.version_links and zensical.version_links == mkdocs.version_links
    assert zensical.version_button == mkdocs.version_button
    assert mkdocs.search_results > 0, "search finds nothing in the MkDocs site"
    assert zensical.search_results == 0, "gap 'search' is closed: Zensical's search finds results, update EXPECTED_GAPS"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("page_name", ["overview", "goal"])
def test_no_request_leaves_the_machine_and_axe_finds_nothing(visits: dict[tuple[str, str], PageRecord],
                                                             engine: str, page_name: str) -> None:
    axe_core.require()
    record = visits[engine, page_name]
    assert record.foreign_requests == []
    assert record.axe is not None
    violations = record.axe["violations"]
    if engine == "mkdocs":
        assert violations == [], axe_core.describe(violations)
    else:  # gap "contrast", and nothing else
        assert [v["id"] for v in violations] == ["color-contrast"], axe_core.describe(violations)
        assert all("#526cfe" in node.get("failureSummary", "") for v in violations for node in v["nodes"])
