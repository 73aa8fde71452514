"""Community text never runs in a reader's browser, and is shown as written.

The hostile framework (tests/hostile_framework.py) carries markup, script, Markdown and
template syntax in every text field, titles included: those reach MkDocs' config and
navigation, the page titles, the search index, the portal and the banner. Its built site
is read as a tree (tests/html_page.py) and scanned (tests/html_scan.py); the scripts it may hold
are exactly the theme's, as found in a build of the same framework without the hostile text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_framework import PAYLOAD, RELEASED, SLUG, WORKING, build_site, field_text, write_project
from html_page import Node, parse, parse_file
from html_scan import executable_markup, page_scripts, scan_site, theme_scripts


@pytest.fixture(scope="module")
def theme(tmp_path_factory: pytest.TempPathFactory) -> frozenset[str]:
    """The scripts of a build of the same framework without hostile text."""
    project = tmp_path_factory.mktemp("benign")
    write_project(project, hostile=False)
    return theme_scripts(build_site(project))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    write_project(project, hostile=True)
    return build_site(project)


def version_page(site: Path, version: str, page: str = "") -> Node:
    return parse_file(site / SLUG / version / page / "index.html")


def test_no_page_search_index_or_version_list_holds_executable_markup(site: Path, theme: frozenset[str]) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30  # two versions of 15 pages, their 404 pages, the redirect, the portal
    assert (site / SLUG / WORKING / "search" / "search_index.json").is_file()
    assert (site / SLUG / "versions.json").is_file()
    assert theme, "the benign build has the theme's scripts"

    assert scan_site(site, theme) == {}


def test_every_page_runs_exactly_the_theme_scripts(site: Path, theme: frozenset[str]) -> None:
    for page in (site / SLUG / WORKING).rglob("*.html"):
        assert set(page_scripts(page.read_text(encoding="utf-8"))) <= theme, page


TITLE, GOAL_TITLE = field_text("title"), field_text("goal-title")
GOAL = "goals/reporting"


def test_header_title_and_tab_title_show_the_text_as_written(site: Path) -> None:
    for version in (RELEASED, WORKING):
        page = version_page(site, version, GOAL)
        assert page.find_all("title")[0].text() == f"{GOAL_TITLE} - {TITLE}"
        topics = [n.text() for n in page.find_all("span", "md-ellipsis")]
        assert TITLE in topics and GOAL_TITLE in topics, topics
        assert page.find_all("h1")[0].text() == GOAL_TITLE
        logo = page.find_all("a", "md-logo")[0]
        assert logo.attrs["aria-label"] == TITLE
        tooltip = parse(logo.attrs["title"])  # Material's tooltip inserts the title as HTML: it must read as the text
        assert tooltip.text() == TITLE and tooltip.find_all("img") == []


def test_descriptions_show_markup_as_text_and_keep_safe_links(site: Path) -> None:
    goal = version_page(site, WORKING, GOAL)
    paragraphs = [n.text() for n in goal.find_all("p")]
    shown = next(text for text in paragraphs if text.startswith("Zqactiondescription"))
    assert shown.startswith("Zqactiondescription <img src=x onerror=alert(1)> \"><script>alert(2)</script>")
    links = {(n.text(), n.attrs.get("href")) for n in goal.find_all("a") if n.text() in ("link", "data", "safe")}
    assert links == {("link", None), ("data", None), ("safe", "https://example.org/safe")}


def test_navigation_and_footer_show_the_goal_title(site: Path) -> None:
    overview = version_page(site, WORKING)
    nav_titles = [n.text() for n in overview.find_all("a", "md-nav__link")]
    assert GOAL_TITLE in nav_titles
    footer = [n.text() for n in overview.find_all("a", "md-footer__link")]
    assert any(GOAL_TITLE in text for text in footer), footer
    assert overview.find_all("title")[0].text() == TITLE  # the home page's tab shows the site name


def test_the_404_page_shows_the_titles(site: Path) -> None:
    page = parse_file(site / SLUG / WORKING / "404.html")
    assert page.find_all("title")[0].text() == TITLE
    assert GOAL_TITLE in [n.text() for n in page.find_all("a", "md-nav__link")]


def test_the_portal_and_the_redirect_show_the_title(site: Path) -> None:
    portal = parse_file(site / "index.html")
    assert [n.text() for n in portal.find_all("h2")] == [TITLE]
    facts = portal.find_all("p", "facts")[0].text()
    assert facts.startswith(f"{field_text('city')}, {field_text('region')} · Version {WORKING}")
    redirect = parse_file(site / SLUG / "index.html")
    assert redirect.find_all("title")[0].text() == TITLE and redirect.find_all("h1")[0].text() == TITLE


def test_the_banner_of_the_older_version_stands_on_its_pages(site: Path) -> None:
    for page in ("", GOAL, "privacy"):
        banner = version_page(site, RELEASED, page).find_all("aside", "md-banner")[0].text()
        assert banner == "This is an older version (1.0, draft open for public comment). Read the current version (1.1)."
    newer = version_page(site, WORKING, GOAL).find_all("aside", "md-banner")[0].text()
    assert newer == "Draft open for public comment. Comments are open until 31 March 2026."


def test_search_shows_titles_as_text(site: Path) -> None:
    """Material inserts index titles and texts as HTML: read them as HTML, they are the text."""
    index = json.loads((site / SLUG / WORKING / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {}
    for doc in index["docs"]:
        titles[doc["location"]] = parse(doc["title"]).text()
    assert titles[f"{GOAL}/"] == GOAL_TITLE
    assert titles[f"{GOAL}/#reporting-guide"] == field_text("action-title")


def test_versions_json_titles_are_text(site: Path) -> None:
    versions = json.loads((site / SLUG / "versions.json").read_text(encoding="utf-8"))
    assert [(v["version"], v["title"]) for v in versions] == [(WORKING, "1.1 for comment"), (RELEASED, "1.0 for comment")]


def test_comment_links_name_the_item_as_written(site: Path) -> None:
    goal = version_page(site, WORKING, GOAL)
    links = [n for n in goal.find_all("a", "fb-comment__link") if n.attrs.get("data-item") == "reporting-guide"]
    assert [n.attrs["data-channel"] for n in links] == ["email", "web-form", "github"]
    assert links[1].text() == f"{field_text('form-label')} on action: {field_text('action-title')}"
    assert links[1].attrs["href"].startswith("https://forms.example.org/comment?item=reporting-guide&title=Zqactiontitle%20%3Cimg")


def test_privacy_page_names_the_form_host(site: Path) -> None:
    privacy = version_page(site, WORKING, "privacy").text()
    assert "opens a form on forms.example.org." in privacy
    assert "with a message to comments@example.org." in privacy


# The scanner itself: each kind of executable markup is found, and theme scripts are told apart.

@pytest.mark.parametrize("markup", [
    "<img src=x onerror=alert(1)>",
    "<svg><a xlink:href='javascript:alert(1)'>x</a></svg>",
    "<a href='&#106;ava&#x73;cript:alert(1)'>x</a>",
    "<a href=' java\tscript:alert(1)'>x</a>",
    "<a href='JAVASCRIPT:alert(1)'>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "<img src='data:image/svg+xml,<svg onload=alert(1)>'>",
    "<form action='javascript:alert(1)'><button formaction='javascript:alert(2)'>x</button></form>",
    "<video poster='javascript:alert(1)'></video>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data='x.swf'></object>",
    "<embed src='x.swf'>",
    "<base href='https://evil.example/'>",
    "<meta http-equiv='Refresh' content='0; url=javascript:alert(1)'>",
    "<meta http-equiv='refresh' content='0;URL=https://evil.example/'>",
    "<script>alert(1)</script>",
    "<script src='https://evil.example/x.js'></script>",
    "<body onload=alert(1)>",
    "<a href='https://example.org/' title='&lt;img src=x onerror=alert(1)&gt;'>x</a>",
    f"<p>{PAYLOAD}</p>",
])
def test_the_scanner_finds_executable_markup(markup: str) -> None:
    assert executable_markup(markup) != []


def test_the_scanner_allows_only_the_theme_scripts_byte_for_byte(theme: frozenset[str]) -> None:
    theme_script = next(iter(json.loads(s) for s in theme if json.loads(s)[3].strip()))
    kind, ident, _, text = theme_script
    attrs = (f' type="{kind}"' if kind else "") + (f' id="{ident}"' if ident else "")
    assert executable_markup(f"<script{attrs}>{text}</script>", theme) == []
    assert executable_markup(f"<script{attrs}>{text};alert(1)</script>", theme) != []
    assert executable_markup("<meta http-equiv='refresh' content='0; url=1.0/'><p>plain text &lt;b&gt;</p>") == []


YAML_SPECIAL = ["!ENV HOME", "!relative", "*alias", "&anchor x", "- item", "? key", "%TAG x", "@at", "`tick",
                "{a: 1}", "[1, 2]", "yes", "null", "~", "1.0", "0x10", "a: b", "a #b", "'quoted'", "\"dq\"", "|", ">"]


@pytest.mark.parametrize("title", YAML_SPECIAL)
def test_titles_read_back_from_the_mkdocs_config_as_written(title: str, tmp_path: Path) -> None:
    """The generated config is YAML that MkDocs reads with its own tags (`!ENV`, `!relative`): a title is a string."""
    from mkdocs.config import load_config

    from framework_builder.site.mkdocs_build import write_config
    from framework_builder.site.render.escape import html
    from framework_builder.site.theme import Theme

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# x\n", encoding="utf-8")
    path = write_config(tmp_path / "mkdocs.yml", base_config=Theme.for_project().base_config, site_name=title,
                        docs_dir=docs, site_dir=tmp_path / "site",
                        nav=[{title: "index.md"}, {"Goals": [{title: "index.md"}]}],
                        overrides_dir=None, extra_css=[], banner="")

    config = load_config(config_file=str(path))

    assert config["site_name"] == str(html(title))
    assert config["nav"] == [{str(html(title)): "index.md"}, {"Goals": [{str(html(title)): "index.md"}]}]
