"""The words of each topic: what a framework works to prevent, as every sentence the tool writes says it.

One table, `WORDS`, holds them per `Topic`; the pages, the portal, the indicator explanations and
the scaffold all read it, so a community-violence plan never says "bias incident". The default
topic (hate and targeted violence) keeps the words every site had before topics existed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from framework_builder.model.framework import Topic

DEFAULT_TOPIC = Topic.hate_and_targeted_violence


@dataclass(frozen=True)
class TopicWords:
    """What the tool says about one topic. Each phrase fits the sentence shown in its comment."""

    prevents: str  # "a plan to prevent {prevents}"
    incident: str  # "report {incident}", "Reporting {incident}": what a resident would report
    impact_example: str  # "for example {impact_example}": the long-term change an impact indicator shows
    short: str  # "Bring partners together to prevent {short}" (the scaffold's first goal)

    @property
    def report(self) -> str:
        """'report a bias incident': the verb phrase for what residents report."""
        return f"report {self.incident}"

    @property
    def help_title(self) -> str:
        """The get-help page's title: 'Get help or report a bias incident'."""
        return f"Get help or {self.report}"

    @property
    def reporting(self) -> str:
        """The privacy page's heading on reports: 'Reporting a bias incident'."""
        return f"Reporting {self.incident}"


WORDS: dict[Topic, TopicWords] = {
    Topic.hate_and_targeted_violence: TopicWords(
        prevents="hate and targeted violence", incident="a bias incident",
        impact_example="fewer hate incidents", short="hate"),
    Topic.community_violence: TopicWords(
        prevents="community violence", incident="violence or a threat",
        impact_example="fewer people hurt by violence", short="violence"),
    Topic.gun_violence: TopicWords(
        prevents="gun violence", incident="a threat of gun violence",
        impact_example="fewer people shot", short="gun violence"),
    Topic.youth_violence: TopicWords(
        prevents="youth violence", incident="violence or bullying",
        impact_example="fewer young people hurt by violence", short="youth violence"),
    Topic.violent_extremism: TopicWords(
        prevents="violent extremism", incident="a concern about violent extremism",
        impact_example="fewer people drawn into violent extremism", short="violent extremism"),
}

# What several frameworks on different topics have in common, for the portal's first sentence.
ANY_VIOLENCE = "violence"


def topic_words(topic: Topic | None = None) -> TopicWords:
    """The words of a topic (the default topic's for None)."""
    return WORDS[topic or DEFAULT_TOPIC]


def shared_prevents(topics: Iterable[Topic]) -> str:
    """What a list of frameworks works to prevent: their topic's words when they share one (the
    default's when there is none), else 'violence'."""
    distinct = set(topics)
    if len(distinct) > 1:
        return ANY_VIOLENCE
    return topic_words(next(iter(distinct), None)).prevents
