"""The topic: every sentence the tool writes itself follows what the framework works to prevent.

A community-violence framework (the minimal fixture with `topic: community-violence`, its own
text free of the default topic's words) is built, and every page read as a resident reads it:
none says "hate" or "bias incident", and the get-help title, the privacy page, the overview,
the impact indicator's explanation and the portal name community violence. Without `topic:`
the demo keeps the words it always had.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from harness import FIXTURE_TODAY, built_site, edit_yaml
from html_page import Node, built_page, parse_file

from framework_builder.model.framework import IndicatorType, Topic
from framework_builder.site.render.topic import DEFAULT_TOPIC, WORDS, topic_words
from framework_builder.site.render.words import explain

DEFAULT_WORDS = re.compile(r"\bhate\b|\bbias\b", re.IGNORECASE)  # the default topic's words


def with_topic(copy_framework: Callable[..., Path], topic: str | None, slug: str = "minimal",
               city: str = "Testville") -> Path:
    """A copy of the minimal fixture on `topic` (none: no `topic:`), whose own text never says 'hate' or 'bias'."""
    folder = copy_framework("minimal", slug)

    def framework(data: dict) -> None:
        data.update(slug=slug, city=city)
        if topic is not None:
            data["topic"] = topic
        data["findings"][0]["text"] = "Few residents know where to turn."

    def goal(data: dict) -> None:
        indicator = data["indicators"][0]
        indicator.update(name="Reports received", type="impact")

    edit_yaml(folder / "framework.yml", framework)
    edit_yaml(folder / "goals" / "reporting.yml", goal)
    authored = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.yml")))
    assert not DEFAULT_WORDS.search(authored.replace("hate-and-targeted-violence", ""))
    return folder


def heading(node: Node, tag: str) -> list[str]:
    return [element.text() for element in node.find_all(tag)]


def impact_explanations(node: Node) -> list[str]:
    return [item.text() for item in node.find_all("li") if item.text().startswith("Type: Impact.")]


@pytest.fixture
def community_site(copy_framework: Callable[..., Path], tmp_path: Path) -> Path:
    with_topic(copy_framework, "community-violence")
    return built_site(tmp_path, today=FIXTURE_TODAY)


def test_no_page_of_a_community_violence_framework_says_hate_or_bias(community_site: Path) -> None:
    pages = sorted(community_site.rglob("*.html"))
    saying = {path.relative_to(community_site).as_posix(): DEFAULT_WORDS.findall(parse_file(path).text())
              for path in pages}
    assert len(pages) >= 19  # the portal, the redirect, every page of the version and its 404 page
    assert {name: words for name, words in saying.items() if words} == {}


def test_the_pages_name_community_violence(community_site: Path) -> None:
    version = "minimal/1.0/"
    assert heading(built_page(community_site, version + "help"), "h1") == ["Get help or report violence or a threat"]
    privacy = built_page(community_site, version + "privacy")
    assert "Reporting violence or a threat" in heading(privacy, "h2")
    assert any(p.text() == "The get help page lists places to report violence or a threat or get support. "
               "Those services are run by other organizations, and their own privacy policies apply. "
               "If you are in danger now, call your emergency number (911 in the United States)."
               for p in privacy.find_all("p"))
    links = [a.text() for a in built_page(community_site, version).find_all("a")]
    assert "Get help or report violence or a threat" in links
    assert impact_explanations(built_page(community_site, version + "goals/reporting")) == [
        "Type: Impact. Shows long-term change in the community, for example fewer people hurt by violence."]
    portal = built_page(community_site, "index.html")
    assert portal.find_all("p")[0].text().startswith("Each city's plan to prevent community violence, "
                                                     "written with its community.")


def test_without_a_topic_the_demo_keeps_its_words(demo_site: Path) -> None:
    assert heading(built_page(demo_site, "stamford/0.3/help"), "h1") == ["Get help or report a bias incident"]
    assert "Reporting a bias incident" in heading(built_page(demo_site, "stamford/0.3/privacy"), "h2")
    assert "Get help or report a bias incident" in [a.text() for a in built_page(demo_site, "stamford/0.3/").find_all("a")]
    assert "Type: Impact. Shows long-term change in the community, for example fewer hate incidents." in \
        impact_explanations(built_page(demo_site, "riverton/1.1/goals/neighbors"))
    portal = built_page(demo_site, "index.html")  # Lakeport works against community violence: each city says its topic
    assert portal.find_all("p")[0].text().startswith("Each city's plan to prevent violence, written with its community.")
    assert [item.find_all("p")[0].text() for item in portal.find_all("li")] == [
        "A plan to prevent community violence.", "A plan to prevent hate and targeted violence.",
        "A plan to prevent hate and targeted violence."]


def test_a_portal_of_frameworks_on_different_topics_names_each(copy_framework: Callable[..., Path],
                                                               tmp_path: Path) -> None:
    with_topic(copy_framework, "gun-violence", "ashford", "Ashford")
    with_topic(copy_framework, None, "burton", "Burton")
    portal = built_page(built_site(tmp_path, today=FIXTURE_TODAY), "index.html")

    assert portal.find_all("p")[0].text().startswith("Each city's plan to prevent violence, written with its community.")
    lines = [[p.text() for p in item.find_all("p")] for item in portal.find_all("li")]  # by city: Ashford, Burton
    assert [facts[:2] for facts in lines] == [
        ["A plan to prevent gun violence.", "Ashford, Example State · Version 1.0 · Draft open for public comment"],
        ["A plan to prevent hate and targeted violence.",
         "Burton, Example State · Version 1.0 · Draft open for public comment"]]


def test_every_topic_has_words_and_only_the_default_speaks_of_hate() -> None:
    assert set(WORDS) == set(Topic)
    assert topic_words(None) == WORDS[DEFAULT_TOPIC] == WORDS[Topic.hate_and_targeted_violence]
    for topic, words in WORDS.items():
        phrases = [words.prevents, words.help_title, words.reporting, words.report, words.impact_example, words.short]
        if topic is not DEFAULT_TOPIC:
            assert not [phrase for phrase in phrases if DEFAULT_WORDS.search(phrase)], topic
        assert all(phrase and phrase == phrase.strip() for phrase in phrases), topic


@pytest.mark.parametrize(("topic", "example"), [
    (None, "fewer hate incidents"),
    (Topic.gun_violence, "fewer people shot"),
    (Topic.violent_extremism, "fewer people drawn into violent extremism"),
])
def test_the_impact_example_follows_the_topic(topic: Topic | None, example: str) -> None:
    assert explain(IndicatorType.impact, topic) == f"Shows long-term change in the community, for example {example}."
    assert explain(IndicatorType.output, topic) == "Counts what we do, for example trainings held."
