"""The overview is a dashboard; every folder has a page; a friendly 404; a short title for phones.

Built from the demo: each goal's actions by status (a bar, with the counts in text) and its
indicators' progress, linking to the goal; when the version was last updated (its release date,
or the build date for the working version, and which of the two); the goals index; the 404 page.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from harness import FRAMEWORKS, build, build_demo
from html_page import article, built_page, under

from framework_builder.model.framework import ActionStatus
from framework_builder.site.render import indicators as indicator_view
from framework_builder.site.render.words import label
from framework_builder.source.loader import load_framework

TODAY = "2026-12-01"
LATER = "2026-12-20"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("dashboard")
    build_demo(base, today=TODAY)
    return base


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def working():
    loaded = load_framework(FRAMEWORKS / "stamford")
    assert loaded.ok, loaded.diagnostics
    return loaded.framework


def test_each_goal_has_its_actions_by_status_in_words_and_a_bar(site: Path, working) -> None:
    overview = article(site, "stamford/0.3/")
    for goal in working.goals:
        section = under(overview, f"dashboard-{goal.id}")
        statuses = Counter(a.status for o in goal.objectives for a in o.actions)
        bars = section.find_all("div", "fb-status-bar")
        assert len(bars) == 1, goal.id
        counts = [li.text() for li in bars[0].find_all("li")]
        expected = [f"{label(s)}: {statuses[s]}" for s in ActionStatus if statuses[s]]
        assert counts == expected, goal.id
        track = bars[0].find_all("span", "fb-status-bar__track")[0]
        assert track.attrs.get("aria-hidden") == "true"  # the bar repeats the words; it is not read twice
        widths = [float(p.attrs["style"].removeprefix("width: ").removesuffix("%"))
                  for p in track.find_all("span", "fb-status-bar__part")]
        assert len(widths) == len(expected) and abs(sum(widths) - 100) < 0.1, goal.id


def test_each_goal_heading_links_to_the_goal(site: Path, working) -> None:
    overview = article(site, "stamford/0.3/")
    for goal in working.goals:
        heading = next(n for n in overview.walk() if n.attrs.get("id") == f"dashboard-{goal.id}")
        hrefs = [a.attrs["href"] for a in heading.find_all("a") if "headerlink" not in a.attrs.get("class", "")]
        assert hrefs == [f"goals/{goal.id}/"], goal.id
        assert goal.title in heading.text()


def test_each_goal_says_how_far_its_indicators_have_come(site: Path, working) -> None:
    overview = article(site, "stamford/0.3/")
    said_progress = 0
    for goal in working.goals:
        text = " ".join(n.text() for n in under(overview, f"dashboard-{goal.id}").children)
        measured = [p for i in goal.indicators if (p := indicator_view.progress(i)) is not None]
        if not goal.indicators:
            assert "this goal has no indicators" in text, goal.id
        elif not measured:
            assert "none has been measured against its target yet" in text, goal.id
        else:
            average = round(sum(measured) / len(measured), 1)
            figure = f"{average:g}"
            assert f"{len(measured)} of {len(goal.indicators)} measured against a target" in text, goal.id
            assert f"on average {figure} % of the way" in text, goal.id
            said_progress += 1
    assert said_progress, "the demo has no goal with a measured indicator: this test checks nothing"


def test_the_working_version_is_dated_by_the_build_and_says_so(site: Path) -> None:
    text = article(site, "stamford/0.3/").text()
    assert "Last updated on 1 December 2026: this version is not released yet, so this is the day this site was built" in text


def test_a_release_is_dated_by_its_release_and_says_so(site: Path) -> None:
    loaded = load_framework(FRAMEWORKS / "stamford")
    release = next(r for r in loaded.releases if r.version == "0.2")
    day = release.released_on
    text = article(site, "stamford/0.2/").text()
    assert f"Last updated on {day.day} {day:%B %Y}, the day this version was released." in text
    assert "built" not in text.split("Last updated", 1)[1].split(".", 1)[0]


def test_a_later_build_redates_the_working_version_but_not_a_release(project: Path, site: Path) -> None:
    """The cache must not keep an old 'last updated' date: the working version is rebuilt."""
    release_before = (site / "stamford/0.2/index.html").read_bytes()
    result = build(project, today=LATER)
    try:
        assert result.code == 0, result.err
        assert "Last updated on 20 December 2026" in article(site, "stamford/0.3/").text()
        assert (site / "stamford/0.2/index.html").read_bytes() == release_before
    finally:
        assert build(project, today=TODAY).code == 0


def test_at_a_glance_is_a_list_of_figures_not_a_wide_table(site: Path, working) -> None:
    figures = article(site, "stamford/0.3/").find_all("ul", "fb-figures")
    assert len(figures) == 1
    words = [li.text() for li in figures[0].find_all("li")]
    assert words[0] == f"{len(working.goals)} goals"
    assert [w.split()[1] for w in words] == ["goals", "objectives", "actions", "indicators"]


def test_the_goals_folder_has_a_page_listing_every_goal(site: Path, working) -> None:
    body = article(site, "stamford/0.3/goals/")
    assert body.find_all("h1")[0].text() == "Goals"
    hrefs = [a.attrs["href"] for h2 in body.find_all("h2") for a in h2.find_all("a")
             if "headerlink" not in a.attrs.get("class", "")]
    assert hrefs == [f"{g.id}/" for g in working.goals]


def test_every_version_has_a_goals_page_in_its_navigation(site: Path) -> None:
    for version in ("stamford/0.2", "stamford/0.3", "riverton/1.0", "riverton/1.1", "lakeport/1.0"):
        assert (site / version / "goals" / "index.html").is_file(), version
        nav = built_page(site, version + "/").find_all("nav", "md-nav--primary")[0]
        assert "goals/" in [a.attrs.get("href") for a in nav.find_all("a")], version


def test_the_404_page_is_friendly_and_links_home(site: Path) -> None:
    body = article(site, "stamford/0.3/404.html")
    assert body.find_all("h1")[0].text() == "Page not found"
    home = body.find_all("a", "fb-home")
    assert [a.attrs["href"] for a in home] == ["/"]  # no site address: the server's root, the portal
    assert "lists every framework" in body.text()


def test_with_a_site_address_the_404_links_to_the_versions_overview(tmp_path: Path) -> None:
    site = build_demo(tmp_path, "--only", "stamford", "--site-url", "https://prevent.example.org/", today=TODAY)
    body = article(site, "stamford/0.3/404.html")
    assert [a.attrs["href"] for a in body.find_all("a", "fb-home")] == ["https://prevent.example.org/stamford/0.3/"]


def test_the_header_has_a_short_title_for_phones(site: Path, working) -> None:
    header = built_page(site, "stamford/0.3/").find_all("header", "md-header")[0]
    assert [n.text() for n in header.find_all("span", "fb-title--short")] == [working.city]
    assert [n.text() for n in header.find_all("span", "fb-title--long")] == [working.title]


def test_a_goal_called_index_is_refused_rather_than_replacing_the_goals_page(tmp_path: Path) -> None:
    shutil.copytree(FRAMEWORKS / "stamford", tmp_path / "frameworks" / "stamford")
    shutil.rmtree(tmp_path / "frameworks" / "stamford" / "releases")
    shutil.rmtree(tmp_path / "frameworks" / "stamford" / "translations", ignore_errors=True)  # they name 'awareness'
    goals = tmp_path / "frameworks" / "stamford" / "goals"
    text = (goals / "awareness.yml").read_text(encoding="utf-8")
    (goals / "awareness.yml").unlink()
    (goals / "index.yml").write_text(text.replace("id: awareness", "id: index", 1), encoding="utf-8")
    result = build(tmp_path, today=TODAY)
    assert result.code == 1
    assert "goals/index.md" in result.err and "Traceback" not in result.err
