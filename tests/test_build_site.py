"""The demo site built by `framework-builder build`: portal, versions, pages, anchors, comment links.

The demo frameworks (stamford, riverton, lakeport) are copied to a temporary project and built once per
module with a fixed date; the tests read the HTML a resident would get.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from harness import DEMO_TODAY, FRAMEWORKS, build, built_site, cli, differing, run_process, snapshot
from html_page import Node, built_page, parse, parse_file

from framework_builder.model.framework import Framework
from framework_builder.model.items import walk
from framework_builder.source.loader import load_framework

TODAY = DEMO_TODAY
PAGES = ("", "action-plan/", "indicators/", "findings/", "partners/", "funding/", "changes/", "comment/",
         "help/", "downloads/", "print/", "accessibility/", "privacy/")
COMMENTABLE = ("goal", "objective", "action", "indicator")


def links(page: Node) -> list[dict[str, str]]:
    """The attributes of every <a> of a page."""
    return [node.attrs for node in page.find_all("a")]


def item_links(page: Node) -> list[dict[str, str]]:
    """The comment links of a page: those that name an item."""
    return [link for link in links(page) if "data-item" in link]


def demo_project(base: Path) -> Path:
    """A project folder holding a copy of the demo frameworks."""
    base.mkdir(parents=True)
    shutil.copytree(FRAMEWORKS, base / "frameworks")
    return base


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_project(tmp_path_factory.mktemp("build-site") / "project")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return built_site(project, today=TODAY)


def version_framework(slug: str, version: str) -> Framework:
    """The framework of one version as the builder reads it (a release, or the working version)."""
    loaded = load_framework(FRAMEWORKS / slug)
    assert loaded.ok, loaded.diagnostics
    releases = {r.version: r.framework for r in loaded.releases}
    if version in releases:
        return releases[version]
    assert loaded.framework is not None and loaded.framework.version == version
    return loaded.framework


ALL_VERSIONS = [("stamford", "0.2"), ("stamford", "0.3"), ("riverton", "1.0"), ("riverton", "1.1"), ("lakeport", "1.0")]


def test_portal_lists_every_framework_with_city_status_latest_and_comments(site: Path) -> None:
    portal = built_page(site, "index.html")
    text = portal.text()
    assert "Stamford, Connecticut · Version 0.3 · Draft open for public comment" in text
    assert "Riverton, Example State · Version 1.1 · Adopted" in text
    assert "Lakeport, Example State · Version 1.0 · Adopted" in text
    assert "Open for comment on version 0.3 until 31 January 2027" in text
    assert text.count("Open for comment") == 1  # riverton's and lakeport's adopted versions take no comments
    hrefs = {link.get("href") for link in links(portal)}
    assert {"stamford/0.3/", "riverton/1.1/", "lakeport/1.0/"} <= hrefs


@pytest.mark.parametrize(("slug", "latest"), [("stamford", "0.3"), ("riverton", "1.1"), ("lakeport", "1.0")])
def test_framework_index_redirects_to_latest(site: Path, slug: str, latest: str) -> None:
    redirect = built_page(site, slug)
    refresh = [meta.attrs["content"] for meta in redirect.find_all("meta")
               if meta.attrs.get("http-equiv", "").lower() == "refresh"]
    assert refresh == [f"0; url={latest}/"]
    assert f"{latest}/" in {link.get("href") for link in links(redirect)}


@pytest.mark.parametrize(("slug", "expected"), [
    ("stamford", [("0.3", ["latest"]), ("0.2", [])]),
    ("riverton", [("1.1", ["latest"]), ("1.0", [])]),
    ("lakeport", [("1.0", ["latest"])]),
])
def test_versions_json_lists_versions_newest_first_with_latest_alias(site: Path, slug: str,
                                                                       expected: list) -> None:
    entries = json.loads((site / slug / "versions.json").read_text(encoding="utf-8"))
    assert [(e["version"], e["aliases"]) for e in entries] == expected
    for entry in entries:
        assert set(entry) == {"version", "title", "aliases"}
        assert entry["title"].split()[0] == entry["version"]  # the selector shows the version first


@pytest.mark.parametrize(("slug", "version"), ALL_VERSIONS)
def test_every_page_type_exists_for_every_version(site: Path, slug: str, version: str) -> None:
    root = site / slug / version
    missing = [p for p in PAGES if not (root / p / "index.html").is_file()]
    goals = [goal.id for goal in version_framework(slug, version).goals]
    missing += [f"goals/{g}/" for g in goals if not (root / "goals" / g / "index.html").is_file()]
    assert not missing, f"{slug} {version} lacks {missing}"
    assert (root / "search" / "search_index.json").is_file()
    assert json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_working_version_has_a_goal_page_per_goal_file(site: Path) -> None:
    files = sorted(p.stem for p in (FRAMEWORKS / "stamford" / "goals").glob("*.yml"))
    built = sorted(p.name for p in (site / "stamford" / "0.3" / "goals").iterdir() if p.is_dir())
    assert built == files


def test_every_objective_action_and_indicator_has_an_anchor_on_its_goal_page(site: Path) -> None:
    framework = version_framework("stamford", "0.3")
    missing = []
    for goal in framework.goals:
        ids = {node.attrs.get("id") for node in built_page(site, f"stamford/0.3/goals/{goal.id}").walk()}
        missing += [f"{goal.id}#{i.id}" for i in walk(framework) if i.kind in ("objective", "action", "indicator")
                    and i.goal is goal and i.id not in ids]
    assert not missing


def test_every_goal_id_is_an_anchor_on_its_goal_page(site: Path) -> None:
    goals = version_framework("stamford", "0.3").goals
    missing = [goal.id for goal in goals
               if goal.id not in {node.attrs.get("id") for node in built_page(site, f"stamford/0.3/goals/{goal.id}").walk()}]
    assert not missing


def test_draft_items_have_one_comment_link_per_channel_naming_the_item(site: Path) -> None:
    framework = version_framework("stamford", "0.3")
    assert framework.comments is not None
    channels = sorted(c.type for c in framework.comments.channels)
    assert channels == ["email", "github"]
    checked = 0
    for goal in framework.goals:
        on_page = item_links(built_page(site, f"stamford/0.3/goals/{goal.id}"))
        for item in walk(framework):
            if item.kind not in COMMENTABLE or item.goal is not goal:
                continue
            mine = [link for link in on_page if link["data-item"] == item.id]
            assert sorted(link["data-channel"] for link in mine) == channels, item.id
            for link in mine:
                url = urlsplit(link["href"])
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.scheme == "mailto":
                    assert url.path == "comments@example.org"
                    words = query["subject"] + "\n" + query["body"]
                else:
                    assert (url.scheme, url.netloc) == ("https", "github.com")
                    assert url.path == "/example-org/stamford-framework/issues/new"
                    words = "\n".join(query.values())
                for expected in (framework.title, "0.3", item.id, item.title):
                    assert expected in words, (item.id, link["data-channel"], expected)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize(("slug", "version"), [("riverton", "1.0"), ("riverton", "1.1"), ("stamford", "0.2")])
def test_adopted_and_older_versions_have_no_comment_links(site: Path, slug: str, version: str) -> None:
    files = sorted((site / slug / version).rglob("*.html"))
    assert files
    with_links = [str(f.relative_to(site)) for f in files if item_links(parse_file(f))]
    assert not with_links


def test_downloads_hold_the_whole_version(site: Path) -> None:
    framework = version_framework("stamford", "0.3")
    downloads = site / "stamford" / "0.3" / "downloads"
    data = json.loads((downloads / "framework.json").read_text(encoding="utf-8"))
    assert (data["slug"], data["version"]) == ("stamford", "0.3")
    assert [g["id"] for g in data["goals"]] == [g.id for g in framework.goals]

    actions = list(csv.DictReader(io.StringIO((downloads / "actions.csv").read_text(encoding="utf-8"))))
    assert actions and {"goal", "objective", "id", "title", "lead", "partners", "timeframe", "status"} <= set(actions[0])
    expected = [(i.goal.id, i.objective.id, i.id, i.title) for i in walk(framework) if i.kind == "action"]
    assert [(r["goal"], r["objective"], r["id"], r["title"]) for r in actions] == expected

    indicators = list(csv.DictReader(io.StringIO((downloads / "indicators.csv").read_text(encoding="utf-8"))))
    assert indicators and {"goal", "id", "name", "baseline_value", "target_value"} <= set(indicators[0])
    expected = [(i.goal.id, i.id, i.title) for i in walk(framework) if i.kind == "indicator"]
    assert [(r["goal"], r["id"], r["name"]) for r in indicators] == expected


def test_older_version_links_to_the_current_one(site: Path) -> None:
    older = built_page(site, "riverton/1.0")
    assert "This is an older version (1.0" in older.text()
    # The banner's link, read from the version's root page, leads to the current version's root.
    assert "riverton/1.1/" in {urljoin("riverton/1.0/", link.get("href", "")) for link in links(older)}
    assert "This is an older version" not in built_page(site, "riverton/1.1").text()


def test_draft_shows_its_status_and_comment_window(site: Path) -> None:
    text = built_page(site, "stamford/0.3").text()
    assert "Draft open for public comment" in text
    assert "open until 31 January 2027" in text


def test_changes_page_names_the_items_changed_since_the_previous_version(site: Path) -> None:
    code, out, err = cli("diff", "riverton", "1.0", "1.1", "--format", "json", "--root", str(FRAMEWORKS))
    assert code == 0, err
    changes = json.loads(out)
    assert len(changes) > 3
    text = built_page(site, "riverton/1.1/changes").text()
    for change in changes[1:]:  # the first is the framework's: "The framework as a whole"
        assert change["title"] in text and change["id"] not in text, change["id"]  # names, never ids
    assert "New indicator: " in text


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_nothing_is_loaded_from_another_website(site: Path) -> None:
    offending = []
    for file in html_files(site):
        text = file.read_text(encoding="utf-8")
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offending.append(f"{file.relative_to(site)}: Google Fonts")
        tree = parse(text)
        resources = [n.attrs["src"] for n in tree.find_all("script") if "src" in n.attrs]
        resources += [n.attrs["href"] for n in tree.find_all("link") if "href" in n.attrs]
        for ref in resources:
            if "://" in ref or ref.startswith("//"):
                offending.append(f"{file.relative_to(site)}: {ref}")
    assert not offending


def test_two_builds_with_the_same_input_and_date_are_byte_identical(site: Path, tmp_path: Path) -> None:
    fresh = demo_project(tmp_path / "again")  # its own empty cache: everything is rendered again
    # In a process of its own: another hash seed, so no output may depend on the order of a set.
    result = run_process("build", "--root", "frameworks", "--out", "other-site", "--today", TODAY, cwd=fresh)
    assert result.code == 0, result.err
    first, second = snapshot(site), snapshot(fresh / "other-site")
    assert sorted(first) == sorted(second)
    assert not differing(first, second)


@pytest.mark.parametrize(("today", "expected"), [
    ("2026-10-01", "Comments open on 1 November 2026"),
    ("2027-02-15", "Comments closed on 31 January 2027"),
])
def test_outside_the_comment_window_the_draft_says_so_and_has_no_links(tmp_path: Path, today: str,
                                                                       expected: str) -> None:
    project = demo_project(tmp_path / "project")
    result = build(project, "--only", "stamford", today=today)
    assert result.code == 0, result.err
    draft = project / "site" / "stamford" / "0.3"
    assert expected in built_page(draft, "").text()
    assert expected in built_page(draft, "goals/reporting").text()
    with_links = [str(f.relative_to(draft)) for f in html_files(draft) if item_links(parse_file(f))]
    assert not with_links
    assert "Open for comment" not in built_page(project / "site", "index.html").text()
