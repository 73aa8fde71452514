"""The "What changed" page's sentences: names, words and dates a resident reads, never ids,
enum values or ISO dates. (`diff --format markdown|json` keeps the precise form: test_diff.py.)"""

from __future__ import annotations

import re
from typing import Any

import pytest
from harness import FIXTURES

from framework_builder.model.diff import diff_frameworks
from framework_builder.model.framework import Framework
from framework_builder.site.render.changes import ChangeEntry, change_entries
from framework_builder.source.loader import load_framework

# Ids with a hyphen never occur in prose, so finding one in a sentence means an id leaked.
IDS = ("reporting-guide", "reporting-channels", "low-reporting", "slow-replies", "city-budget", "state-grant", "reports-received",
       "east-side", "county-board", "respond-now")
ENUM_VALUES = ("not-started", "in-progress", "public-comment", "community-violence", "local-government",
               "technical-support", "near-term")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b|\b\d{4}-[QH]\d\b")


def framework_data() -> dict[str, Any]:
    loaded = load_framework(FIXTURES / "minimal")
    assert loaded.ok and loaded.framework is not None
    return loaded.framework.model_dump(mode="json")


def old_and_new() -> tuple[Framework, Framework]:
    """Two versions of a plan with strategies and measures, changed in every way the page names."""
    old = framework_data()
    old.update(status="adopted", adopted_on="2017-11-01", levels={
        "objective": {"singular": "Strategy", "plural": "Strategies"},
        "indicator": {"singular": "Measure", "plural": "Measures"}})
    old["focus_areas"] = [{"id": "east-side", "name": "East Side", "kind": "neighbourhood"}]
    goal = old["goals"][0]
    goal["reference"] = "Goal 1"
    goal["objectives"][0]["reference"] = "1.1"
    action = goal["objectives"][0]["actions"][0]
    action.update(reference="1.05", status="not-started")
    old["goals"].append({"id": "respond-now", "reference": "Goal 2", "title": "Respond to incidents",
                         "indicators": []})

    new = framework_data()
    new.update({k: old[k] for k in ("levels", "focus_areas")})
    new.update(status="public-comment", adopted_on=None, topic="community-violence", currency="USD",
               horizon={"start": 2018, "end": 2028, "review": "annually"},
               engagement={"participants": 1500, "start": "2017-01-01", "end": "2017-10-31"})
    new["organizations"][1]["role"] = "technical-support"
    new["organizations"].append({"id": "county-board", "name": "Riverton County Board", "sector": "local-government"})
    new["funding"].append({"id": "state-grant", "name": "State grant", "kind": "state"})
    new["findings"].append({"id": "slow-replies", "title": "Replies are slow", "text": "Residents wait weeks."})
    goal = new["goals"][0]
    goal["reference"] = "Goal 1"
    goal["objectives"][0]["reference"] = "1.1"
    moved = goal["objectives"][0].pop("actions")[0]
    moved.update(reference="1.05", status="in-progress", partners=["county-board"],
                 addresses=["slow-replies"], areas=["east-side"], end="2026-06-30",
                 funding=[{"source": "city-budget", "amount": 280000, "fiscal_year": 2018}, "state-grant"])
    new["goals"].append({"id": "respond-now", "reference": "Goal 2", "title": "Respond to incidents",
                         "actions": [moved], "indicators": []})
    indicator = goal["indicators"][0]
    indicator.update(unit="reports", baseline={"not_known_yet": True, "note": "Set from the 2026 survey"},
                     served_by=["reporting-guide"])
    indicator["measurements"].append({"period": "2026-Q1", "value": 30})
    return Framework.model_validate(old), Framework.model_validate(new)


@pytest.fixture(scope="module")
def entries() -> list[ChangeEntry]:
    old, new = old_and_new()
    return change_entries(old, new, diff_frameworks(old, new), escape=str)


def entry(entries: list[ChangeEntry], head: str) -> ChangeEntry:
    (found,) = [e for e in entries if e.head == head]
    return found


def test_the_framework_as_a_whole_in_words_and_dates(entries: list[ChangeEntry]) -> None:
    details = entry(entries, "The framework as a whole").details
    assert "Status: adopted → draft open for public comment" in details
    assert "Adoption date removed (was 1 November 2017)" in details
    assert "What the plan works to prevent set to community violence" in details
    assert "Currency set to USD" in details
    assert "Plan period added: 2018 to 2028, reviewed every year" in details
    assert "Engagement that shaped the plan added: 1,500 people, from 1 January 2017 to 31 October 2017" in details


def test_an_action_is_named_by_its_level_and_reference_with_names_not_ids(entries: list[ChangeEntry]) -> None:
    details = entry(entries, "Action 1.05: Publish a reporting guide").details
    assert details[0] == "“Publish a reporting guide” moved from strategy 1.1 “Residents know where to report” " \
                         "to Goal 2 “Respond to incidents”"
    assert "Status: not started → in progress" in details
    assert "Riverton County Board joined the partners of “Publish a reporting guide”" in details
    assert "Testville Library is no longer a partner of “Publish a reporting guide”" in details
    assert "Now funded by State grant" in details
    assert "End date set to 30 June 2026" in details
    assert "Now responds to finding “Replies are slow”" in details
    # A finding without a title is named by its first words.
    assert "No longer responds to finding “Few residents know how to report a bias…”" in details
    assert "Funding from City budget: amount not given → $280,000 (USD, fiscal year 2018)" in details
    assert "Focus areas set to East Side" in details


def test_an_indicator_says_unknown_baselines_periods_and_the_work_it_measures(entries: list[ChangeEntry]) -> None:
    details = entry(entries, "Measure: Bias incident reports received").details
    assert "Unit set to reports" in details
    assert "Starting point: 10 reports on 1 January 2025 → not known yet (Set from the 2026 survey)" in details
    assert "Now measures the work of action 1.05 “Publish a reporting guide”" in details
    assert "New values: 30 reports in the first quarter of 2026" in details


def test_added_items_and_roles_by_name(entries: list[ChangeEntry]) -> None:
    heads = [e.head for e in entries]
    assert "New organization: Riverton County Board" in heads
    assert "New finding: Replies are slow" in heads
    assert "Role set to technical support" in entry(entries, "Organization: Testville Library").details


def test_no_id_enum_value_or_iso_date_reaches_a_sentence(entries: list[ChangeEntry]) -> None:
    text = "\n".join(line for e in entries for line in (e.head, *e.details))
    assert [word for word in IDS + ENUM_VALUES if word in text] == []
    assert ISO_DATE.findall(text) == []


def test_levels_renamed_between_versions_are_said_with_their_names() -> None:
    old, new = old_and_new()
    renamed = new.model_copy(update={"levels": None})
    (framework, *_) = change_entries(new, renamed, diff_frameworks(new, renamed), escape=str)
    assert "The plan's levels removed (was Goals, Strategies, Actions, Measures)" in framework.details


def test_community_text_is_escaped_for_markdown_at_the_boundary() -> None:
    old, new = old_and_new()
    new.organizations[-1].name = "County *Board* [x](javascript:alert(1))"
    (added,) = [e for e in change_entries(old, new, diff_frameworks(old, new)) if e.head.startswith("New organization")]
    assert added.head == r"New organization: County \*Board\* \[x\]\(javascript:alert\(1\)\)"
