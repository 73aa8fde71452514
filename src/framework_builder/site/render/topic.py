"""The words of each topic: what a framework works to prevent, as every sentence the tool writes says it.

One table, `WORDS`, holds them per `Topic`; the pages, the portal, the indicator explanations and
the scaffold all read it, so a community-violence plan never says "bias incident". The default
topic (hate and targeted violence) keeps the words every site had before topics existed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from framework_builder.model.framework import Topic
from framework_builder.site.i18n import N_
from framework_builder.site.i18n import gettext as _

DEFAULT_TOPIC = Topic.hate_and_targeted_violence


@dataclass(frozen=True)
class TopicWords:
    """What the tool says about one topic. Each phrase fits the sentence shown in its comment.

    The fields hold the English messages; each phrase is read in the language being rendered."""

    prevents_message: str  # "a plan to prevent {prevents}"
    incident_message: str  # "report {incident}", "Reporting {incident}": what a resident would report
    impact_example_message: str  # "for example {impact_example}": the long-term change an impact indicator shows
    short_message: str  # "Bring partners together to prevent {short}" (the scaffold's first goal)

    @property
    def prevents(self) -> str:
        """'hate and targeted violence': what the plan works to prevent."""
        return _(self.prevents_message)

    @property
    def incident(self) -> str:
        """'a bias incident': what a resident would report."""
        return _(self.incident_message)

    @property
    def impact_example(self) -> str:
        """'fewer hate incidents': the long-term change an impact indicator shows."""
        return _(self.impact_example_message)

    @property
    def short(self) -> str:
        """'hate': the topic in a word or two."""
        return _(self.short_message)

    @property
    def report(self) -> str:
        """'report a bias incident': the verb phrase for what residents report."""
        return _("report {incident}").format(incident=self.incident)

    @property
    def help_title(self) -> str:
        """The get-help page's title: 'Get help or report a bias incident'."""
        return _("Get help or report {incident}").format(incident=self.incident)

    @property
    def reporting(self) -> str:
        """The privacy page's heading on reports: 'Reporting a bias incident'."""
        return _("Reporting {incident}").format(incident=self.incident)


WORDS: dict[Topic, TopicWords] = {
    Topic.hate_and_targeted_violence: TopicWords(
        N_("hate and targeted violence"), N_("a bias incident"), N_("fewer hate incidents"), N_("hate")),
    Topic.community_violence: TopicWords(
        N_("community violence"), N_("violence or a threat"), N_("fewer people hurt by violence"), N_("violence")),
    Topic.gun_violence: TopicWords(
        N_("gun violence"), N_("a threat of gun violence"), N_("fewer people shot"), N_("gun violence")),
    Topic.youth_violence: TopicWords(
        N_("youth violence"), N_("violence or bullying"), N_("fewer young people hurt by violence"),
        N_("youth violence")),
    Topic.violent_extremism: TopicWords(
        N_("violent extremism"), N_("a concern about violent extremism"),
        N_("fewer people drawn into violent extremism"), N_("violent extremism")),
}

# What several frameworks on different topics have in common, for the portal's first sentence.
ANY_VIOLENCE = N_("violence")


def topic_words(topic: Topic | None = None) -> TopicWords:
    """The words of a topic (the default topic's for None)."""
    return WORDS[topic or DEFAULT_TOPIC]


def shared_prevents(topics: Iterable[Topic]) -> str:
    """What a list of frameworks works to prevent: their topic's words when they share one (the
    default's when there is none), else 'violence'."""
    distinct = set(topics)
    if len(distinct) > 1:
        return _(ANY_VIOLENCE)
    return topic_words(next(iter(distinct), None)).prevents
