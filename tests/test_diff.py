"""Item-by-item changes between two versions, and how they read in plain words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from harness import FIXTURES, cli

from framework_builder.model.diff import FieldChange, ItemChange, describe, describe_field, diff_frameworks, summary
from framework_builder.model.framework import Framework, Indicator, Objective, Timeframe
from framework_builder.source.loader import load_framework

MINIMAL = FIXTURES / "minimal"


@pytest.fixture
def old() -> Framework:
    loaded = load_framework(MINIMAL)
    assert loaded.ok and loaded.framework is not None
    return loaded.framework


def changed(framework: Framework) -> Framework:
    return framework.model_copy(deep=True)


def test_no_changes(old: Framework) -> None:
    assert diff_frameworks(old, changed(old)) == []


def test_changed_field_old_and_new_as_plain_data(old: Framework) -> None:
    new = changed(old)
    new.goals[0].objectives[0].actions[0].timeframe = Timeframe.mid_term
    assert diff_frameworks(old, new) == [
        ItemChange("action", "reporting-guide", "Publish a reporting guide", "changed",
                   (FieldChange("timeframe", "near-term", "mid-term"),)),
    ]


def test_added_child_is_its_own_item_not_a_field_of_the_goal(old: Framework) -> None:
    new = changed(old)
    new.goals[0].indicators.append(Indicator(id="reports-filed", name="Bias incident reports filed",
                                             type="output", measure="count", direction="increase"))
    changes = diff_frameworks(old, new)
    assert [(c.kind, c.id, c.change) for c in changes] == [("indicator", "reports-filed", "added")]


def test_removed_items_come_last_in_old_order(old: Framework) -> None:
    new = changed(old)
    new.organizations = new.organizations[:1]
    new.findings = []
    new.title = "Testville plan"
    changes = diff_frameworks(old, new)
    assert [(c.kind, c.id, c.change) for c in changes] == [
        ("framework", "minimal", "changed"),
        ("organization", "library", "removed"),
        ("finding", "low-reporting", "removed"),
    ]
    assert changes[0].fields == (FieldChange("title", "Testville prevention framework", "Testville plan"),)
    assert changes[1].title == "Testville Library"  # the old title of a removed item


def test_status_change_is_reported(old: Framework) -> None:
    new = changed(old).model_copy(update={"status": "adopted", "version": "1.1"})
    (change,) = diff_frameworks(old, new)
    assert change.fields == (FieldChange("version", "1.0", "1.1"), FieldChange("status", "public-comment", "adopted"))


def test_moved_action_is_a_changed_objective(old: Framework) -> None:
    new = changed(old)
    moved = new.goals[0].objectives[0].actions.pop()
    new.goals[0].objectives.append(Objective(id="follow-up", title="Follow up reports", actions=[moved]))
    changes = diff_frameworks(old, new)
    assert [(c.kind, c.id, c.change, c.fields) for c in changes] == [
        ("objective", "follow-up", "added", ()),
        ("action", "reporting-guide", "changed", (FieldChange("objective", "reporting-channels", "follow-up"),)),
    ]


def test_nested_values_compare_as_whole_fields(old: Framework) -> None:
    new = changed(old)
    new.goals[0].indicators[0].measurements = new.goals[0].indicators[0].measurements[:1]
    (change,) = diff_frameworks(old, new)
    assert [f.field for f in change.fields] == ["measurements"]
    assert len(change.fields[0].old) == 2 and len(change.fields[0].new) == 1


def test_first_version_is_all_added(old: Framework) -> None:
    changes = diff_frameworks(None, old)
    assert changes[0] == ItemChange("framework", "minimal", "Testville prevention framework", "added")
    assert {c.change for c in changes} == {"added"}
    assert [c.kind for c in changes] == ["framework", "organization", "organization", "finding", "funding",
                                         "resource", "goal", "objective", "action", "indicator"]


def test_describe_in_plain_words() -> None:
    assert describe(ItemChange("action", "a-3", "Train school staff", "changed",
                               (FieldChange("timeframe", "near-term", "mid-term"),))) == \
        "Action `a-3` “Train school staff”: timeframe changed from near-term to mid-term"
    assert describe(ItemChange("indicator", "reports-filed", "Bias incident reports filed", "added")) == \
        "Indicator `reports-filed` “Bias incident reports filed” was added"
    assert describe(ItemChange("action", "a-1", "Old", "changed", (FieldChange("lead", None, "city"),
                                                                   FieldChange("prevention_level", "primary", None)))) == \
        "Action `a-1` “Old”: lead set to city; prevention level removed (was primary)"


def test_describe_quotes_prose_and_counts_measurements() -> None:
    change = ItemChange("indicator", "i", "I", "changed", (
        FieldChange("name", "Reports made", "Reports filed"),
        FieldChange("measurements", [{"date": "2025-06-30", "value": 14.0, "note": None}],
                    [{"date": "2025-06-30", "value": 14.0, "note": None}, {"date": "2025-12-31", "value": 21.0, "note": None}]),
    ))
    assert describe(change) == ("Indicator `i` “I”: name changed from “Reports made” to “Reports filed”; "
                                "measurements: added 21 on 2025-12-31")


def test_summary_counts() -> None:
    changes = [ItemChange("action", "a", "A", "added"), ItemChange("goal", "g", "G", "changed")]
    assert summary(changes) == "2 changes: 1 added, 1 changed"
    assert summary([]) == "No changes."


def test_command_compares_releases_and_names_versions_on_error(tmp_path: Path) -> None:
    root = tmp_path / "frameworks"
    shutil.copytree(MINIMAL, root / "minimal")
    assert cli("release", "minimal", "--today", "2026-01-15", "--root", str(root)).code == 0
    framework = root / "minimal" / "framework.yml"
    framework.write_text(framework.read_text().replace('version: "1.0"', 'version: "1.1"')
                         .replace("status: public-comment", "status: adopted"))

    result = cli("diff", "minimal", "--root", str(root))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "minimal: 1.0 → 1.1 (not released yet) — 1 change: 1 changed"
    assert "status changed from public-comment to adopted" in result.out

    unknown = cli("diff", "minimal", "0.9", "--root", str(root))
    assert unknown.code == 2 and "no version '0.9' (versions: 1.0, 1.1)" in unknown.out + unknown.err
    missing = cli("diff", "nowhere", "--root", str(root))
    assert missing.code == 2 and "unknown framework 'nowhere' (frameworks: minimal)" in missing.out + missing.err

    framework.write_text(framework.read_text().replace("sector: library", "sector: libary"))
    invalid = cli("diff", "minimal", "--root", str(root))
    assert invalid.code == 1 and "libary" in invalid.out + invalid.err and "has errors" in invalid.out + invalid.err


def test_precise_form_keeps_ids_and_values_of_the_new_fields() -> None:
    """Pull requests read the values as written: periods, unknown baselines, amounts and level names."""
    change = ItemChange("indicator", "reports", "Reports", "changed", (
        FieldChange("baseline", {"value": 10.0, "date": "2025-01-01"}, {"not_known_yet": True, "note": "From the survey"}),
        FieldChange("measurements", [], [{"value": 30.0, "period": "2026-Q1", "note": None}]),
    ))
    assert describe(change) == ("Indicator `reports` “Reports”: baseline changed from 10 on 2025-01-01 to "
                                "not known yet (From the survey); measurements: added 30 in 2026-Q1")
    funded = FieldChange("funding", ["city-budget"], [{"source": "city-budget", "amount": 280000.0, "currency": "USD",
                                                       "fiscal_year": 2018, "period": None, "note": None}])
    assert describe_field(funded, arrow=True) == \
        "funding: city-budget → city-budget amount: 280000; currency: USD; fiscal year: 2018"
    levels = FieldChange("levels", None, {"objective": {"singular": "Strategy", "plural": "Strategies"}})
    assert describe_field(levels) == "levels set to objective: Strategy/Strategies"


def test_markdown_and_json_keep_ids_for_pull_requests(tmp_path: Path) -> None:
    root = tmp_path / "frameworks"
    shutil.copytree(MINIMAL, root / "minimal")
    framework = root / "minimal" / "framework.yml"
    framework.write_text(framework.read_text().replace("status: public-comment\n", "status: draft\n"))
    assert cli("release", "minimal", "--today", "2026-01-15", "--root", str(root)).code == 0
    goal = root / "minimal" / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("status: in-progress", "status: complete"))
    framework.write_text(framework.read_text().replace('version: "1.0"', 'version: "1.1"'))
    markdown = cli("diff", "minimal", "--format", "markdown", "--root", str(root))
    assert markdown.code == 0, markdown.err
    assert "- Action `reporting-guide` “Publish a reporting guide”" in markdown.out.splitlines()
    assert r"  - status: in\-progress → complete" in markdown.out.splitlines()
    rows = json.loads(cli("diff", "minimal", "--format", "json", "--root", str(root)).out)
    (action,) = [row for row in rows if row["kind"] == "action"]
    assert (action["id"], action["change"], action["fields"]) == \
        ("reporting-guide", "changed", [{"field": "status", "old": "in-progress", "new": "complete"}])


def test_items_are_named_with_the_levels_the_plan_chose_and_json_keeps_the_kind(tmp_path: Path) -> None:
    """A plan that calls its objectives strategies reads 'Strategy `x`' in pull requests, as on its pages."""
    loaded = load_framework(FIXTURES / "shaped")
    assert loaded.ok and loaded.framework is not None
    old = loaded.framework
    new = changed(old)
    new.goals[0].objectives[0].title = "Youth outreach after school"
    new.goals[0].indicators[0].name = "People hurt on the streets"
    [strategy, measure] = diff_frameworks(old, new)
    assert describe(strategy).startswith("Strategy `youth-outreach` “Youth outreach after school”: title changed")
    assert describe(measure).startswith("Measure `injuries` “People hurt on the streets”")
    assert (strategy.to_json()["kind"], measure.to_json()["kind"]) == ("objective", "indicator")
