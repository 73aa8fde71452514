"""The demo frameworks: valid with --strict, honest about being illustrative, covering the issue's topics."""

from __future__ import annotations

import re

import pytest
from harness import FRAMEWORKS, REPO, cli

from framework_builder.source.loader import load_framework

STAMFORD = FRAMEWORKS / "stamford"


def test_demo_frameworks_validate_strictly() -> None:
    code, out, err = cli("validate", "--strict", "frameworks/", cwd=REPO)

    assert code == 0, out + err
    assert re.fullmatch(r"\d+ frameworks valid: .*", out.strip()), out
    assert {"riverton", "stamford"} <= set(out.strip().split(": ", 1)[1].split(", "))


@pytest.fixture(scope="module")
def stamford():
    loaded = load_framework(STAMFORD)
    assert loaded.framework is not None, loaded.diagnostics
    return loaded.framework


def test_stamford_says_it_is_illustrative(stamford) -> None:
    notice = stamford.notice or ""

    assert re.search(r"\billustrative\b", notice, re.IGNORECASE), notice
    assert re.search(r"not an official (City of Stamford|city) document", notice, re.IGNORECASE), notice


# Each topic of the issue, and words of which at least one must appear in a goal's id or title.
TOPICS = {
    "coordination": ("coordinat", "working group", "management team", "one team"),
    "reporting": ("report",),
    "awareness": ("awareness", "understand", "aware"),
    "social cohesion": ("cohesion", "ties across", "racial and religious"),
    "threat assessment and intervention": ("threat", "intervention"),
    "services and reintegration": ("services", "at risk", "reintegrat", "returning"),
    "funding": ("fund",),
}


def test_stamford_goals_cover_the_workshop_topics(stamford) -> None:
    goals = [f"{goal.id} {goal.title}".lower() for goal in stamford.goals]

    assert len(goals) >= 7, goals
    missing = [topic for topic, words in TOPICS.items() if not any(w in g for g in goals for w in words)]
    assert missing == [], f"no goal covers: {missing}\ngoals: {goals}"


def test_stamford_names_organizations_and_findings(stamford) -> None:
    assert len(stamford.organizations) >= 5
    assert len(stamford.findings) >= 5
    actions = [action for goal in stamford.goals for objective in goal.objectives for action in objective.actions]
    indicators = [indicator for goal in stamford.goals for indicator in goal.indicators]
    assert len(actions) >= len(stamford.goals) and len(indicators) >= len(stamford.goals)
