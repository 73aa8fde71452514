"""validate on the shapes of real plans (issue 10): checks for the new fields, baselines and targets
against the direction, and every error of every file in one run.

Each case edits a valid copy of tests/fixtures/minimal and reads `validate`'s report as an author
does: the line `file:line:col: severity CODE: message` and its hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_validate_corpus import GOAL, HEAD, SECOND, SECOND_INDICATORS, Edit, apply, run_validate, second_goal

FOCUS_AREAS = """\
focus_areas:
  - id: eastside
    name: Eastside
    kind: neighbourhood
"""
HORIZON = "status: public-comment\n"
AREA_ON_ACTION = "        funding: [city-budget]\n"


@dataclass(frozen=True)
class Case:
    id: str
    edits: tuple[Edit, ...]
    line: str  # the report line: "file:line:col: severity CODE: message"
    hint: str  # a fragment of the hint line


def _lines(out: str) -> list[str]:
    return out.splitlines()


def _report(tmp_path: Path, *args: str) -> tuple[int, str]:
    """`validate ARGS frameworks/minimal`: its exit code and report (no traceback)."""
    code, out, _ = run_validate(tmp_path, *args, "frameworks/minimal")
    return code, out


def _codes(out: str) -> list[str]:
    return re.findall(r": (?:error|warning) (FB\d{3}):", out)


CASES = [
    Case("unknown-focus-area",
         (Edit(HEAD, "resources:\n", FOCUS_AREAS + "resources:\n"),
          Edit(GOAL, AREA_ON_ACTION, AREA_ON_ACTION + "        areas: [eastsde]\n")),
         f"{GOAL}:16:17: error FB219: action 'reporting-guide' refers to unknown focus area 'eastsde'",
         "did you mean 'eastside'?"),
    Case("funding-link-unknown-source",
         (Edit(GOAL, "funding: [city-budget]", "funding: [{source: city-budget-2018, amount: 280000}]"),
          Edit(HEAD, HORIZON, HORIZON + "currency: USD\n")),
         f"{GOAL}:15:28: error FB204: action 'reporting-guide' refers to unknown funding source 'city-budget-2018'",
         "did you mean 'city-budget'?"),
    Case("amount-without-currency",
         (Edit(GOAL, "funding: [city-budget]", "funding: [{source: city-budget, amount: 280000}]"),),
         f"{GOAL}:15:49: error FB222: the amount 280,000 of action 'reporting-guide' names no currency",
         "add `currency: USD` to framework.yml (for every amount) or to the amount"),
    Case("plan-amount-without-currency",
         (Edit(HEAD, "    kind: local-government\n", "    kind: local-government\n    for_the_plan:\n      - amount: 50000\n"),),
         f"{HEAD}:29:17: error FB222: the amount 50,000 of funding source 'city-budget' names no currency",
         "add `currency: USD`"),
    Case("served-by-unknown",
         (Edit(GOAL, "    direction: increase\n", "    direction: increase\n    served_by: [reporting-guid]\n"),),
         f"{GOAL}:22:17: error FB220: indicator 'reports-received' is served by unknown item 'reporting-guid'",
         "did you mean 'reporting-guide'?"),
    Case("served-by-a-goal",
         (Edit(GOAL, "    direction: increase\n", "    direction: increase\n    served_by: [reporting]\n"),),
         f"{GOAL}:22:17: error FB221: indicator 'reports-received' is served by goal 'reporting', but `served_by:` "
         "names the objectives and actions whose work the indicator measures",
         "list the work that moves it"),
    Case("served-by-an-organization-in-the-plans-words",
         (Edit(GOAL, "    direction: increase\n", "    direction: increase\n    served_by: [city]\n"),
          Edit(HEAD, HORIZON, HORIZON + "levels:\n  objective: {singular: Strategy, plural: Strategies}\n")),
         f"{GOAL}:22:17: error FB221: indicator 'reports-received' is served by organization 'city', but `served_by:` "
         "names the strategies and actions whose work the indicator measures",
         "list the work that moves it"),
    Case("horizon-ends-before-it-starts",
         (Edit(HEAD, HORIZON, HORIZON + "horizon: {start: 2028, end: 2018}\n"),),
         f"{HEAD}:8:29: error FB223: the plan's horizon ends (2018) before it starts (2028)",
         "`start: 2018` and `end: 2028`"),
    Case("engagement-ends-before-it-starts",
         (Edit(HEAD, HORIZON, HORIZON + "engagement:\n  participants: 1500\n  start: 2017-10-31\n  end: 2017-01-15\n"),),
         f"{HEAD}:11:8: error FB223: the engagement ends (2017-01-15) before it starts (2017-10-31)",
         "swap the dates"),
    Case("period-range-backwards",
         (Edit(GOAL, "{date: 2025-06-30, value: 14}", "{period: 2025-06-30/2025-01-01, value: 14}"),),
         f"{GOAL}:25:18: error FB224: the period '2025-06-30/2025-01-01' of indicator 'reports-received' ends "
         "(2025-01-01) before it starts (2025-06-30)",
         "2023-07-01/2024-06-30"),
    Case("period-day-that-does-not-exist",
         (Edit(GOAL, "{date: 2025-06-30, value: 14}", "{period: 2025-01-01/2025-02-30, value: 14}"),),
         f"{GOAL}:25:18: error FB107: the period '2025-01-01/2025-02-30' of indicator 'reports-received' names a day "
         "that does not exist",
         "write real days"),
    Case("measurements-out-of-order-by-period-end",
         (Edit(GOAL, "{date: 2025-06-30, value: 14}", "{period: 2025, value: 14}"),),
         f"{GOAL}:26:16: error FB209: indicator 'reports-received': measurement of 2025-12-31 is not after the one before it",
         "a period is placed at its last day"),
    Case("target-period-before-baseline",
         (Edit(GOAL, "{value: 40, date: 2027-01-01}", "{value: 40, period: 2024}"),),
         f"{GOAL}:23:33: error FB208: indicator 'reports-received': the target (period 2024) is not after the baseline "
         "(2025-01-01)",
         "the baseline is where you start"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_new_field_problem_is_reported_at_its_place(case: Case, copy_framework, tmp_path: Path) -> None:
    apply(copy_framework(), case.edits)

    code, out = _report(tmp_path)

    assert code == 1, out
    lines = _lines(out)
    line = "frameworks/minimal/" + case.line
    assert line in lines, out
    hint = lines[lines.index(line) + 1]
    assert hint.startswith("    hint: ") and case.hint in hint, hint
    assert out.splitlines()[-1] == "1 error, 0 warnings", out


WARNINGS = [
    Case("increase-with-target-below-baseline",
         (Edit(GOAL, "{value: 40, date: 2027-01-01}", "{value: 8, date: 2027-01-01}"),),
         f"{GOAL}:23:21: warning FB307: indicator 'reports-received' aims to increase, but its target (8) is below "
         "its baseline (10)",
         "if the aim is to decrease it, write `direction: decrease`"),
    Case("decrease-with-target-above-baseline",
         (Edit(GOAL, "direction: increase", "direction: decrease"),),
         f"{GOAL}:23:21: warning FB307: indicator 'reports-received' aims to decrease, but its target (40) is above "
         "its baseline (10)",
         "if the aim is to increase it, write `direction: increase`"),
    Case("increase-with-target-equal-to-baseline",
         (Edit(GOAL, "{value: 40, date: 2027-01-01}", "{value: 10, date: 2027-01-01}"),),
         f"{GOAL}:23:21: warning FB307: indicator 'reports-received' aims to increase, but its target (10) is equal to "
         "its baseline (10)",
         "write `direction: maintain`"),
    Case("same-reference-twice",
         (Edit(GOAL, "    title: Residents know where to report\n",
               "    reference: \"1.1\"\n    title: Residents know where to report\n"),
          Edit(SECOND, None, second_goal(SECOND_INDICATORS + "objectives:\n  - id: other\n    reference: \"1.1\"\n"
                                         "    title: Another objective\n    actions:\n      - id: other-action\n"
                                         "        title: Another action\n        lead: city\n        timeframe: mid-term\n"
                                         "        addresses: [low-reporting]\n"))),
         f"{SECOND}:11:16: warning FB306: objective 'other' has the reference '1.1' of objective 'reporting-channels' "
         "in goals/reporting.yml",
         "write the whole number"),
    Case("goal-with-neither-actions-nor-indicators",
         (Edit(SECOND, None, second_goal("summary: To be written.\n")),),
         f"{SECOND}:1:5: warning FB308: goal 'second' has no actions and no indicators",
         "add the work under `actions:`"),
]


@pytest.mark.parametrize("case", WARNINGS, ids=[case.id for case in WARNINGS])
def test_review_warning_for_real_plans(case: Case, copy_framework, tmp_path: Path) -> None:
    apply(copy_framework(), case.edits)

    code, out = _report(tmp_path)
    strict_code, _ = _report(tmp_path, "--strict")

    assert (code, strict_code) == (0, 1), out
    lines = _lines(out)
    line = "frameworks/minimal/" + case.line
    assert line in lines, out
    assert case.hint in lines[lines.index(line) + 1]
    assert out.splitlines()[-1] == "0 errors, 1 warning", out


ACCEPTED = [
    ("maintain-with-a-different-target",
     (Edit(GOAL, "direction: increase", "direction: maintain"),)),
    ("target-not-known-yet-on-an-outcome",
     (Edit(GOAL, "type: output", "type: outcome"),
      Edit(GOAL, "{value: 40, date: 2027-01-01}", "{not_known_yet: true, note: Set after the 2026 survey}"))),
    ("baseline-not-known-yet-on-an-impact",
     (Edit(GOAL, "type: output", "type: impact"), Edit(GOAL, "{value: 10, date: 2025-01-01}", "{not_known_yet: true}"))),
    ("values-over-periods",
     (Edit(GOAL, "{value: 10, date: 2025-01-01}", "{value: 10, period: 2024}"),
      Edit(GOAL, "{date: 2025-06-30, value: 14}", "{period: 2025-Q2, value: 14}"),
      Edit(GOAL, "{date: 2025-12-31, value: 21}", "{period: 2025-07-01/2025-12-31, value: 21}"))),
    ("goal-with-indicators-only",
     (Edit(SECOND, None, second_goal(SECOND_INDICATORS)),)),
    ("goal-level-actions-without-objectives",
     (Edit(SECOND, None, second_goal("actions:\n  - id: second-action\n    title: Another action\n    lead: city\n"
                                     "    start: 2018-09-01\n    areas: [eastside]\n    funding:\n      - source: city-budget\n"
                                     "        amount: 280000\n        fiscal_year: 2018\n"
                                     "indicators:\n  - id: second-count\n    name: Things counted\n    type: output\n"
                                     "    measure: count\n    direction: increase\n    served_by: [second-action, reporting-channels]\n")),
      Edit(HEAD, "resources:\n", FOCUS_AREAS + "resources:\n"), Edit(HEAD, HORIZON, HORIZON + "currency: USD\n"))),
]


@pytest.mark.parametrize("edits", [edits for _, edits in ACCEPTED], ids=[name for name, _ in ACCEPTED])
def test_real_plan_shape_passes_strict(edits: tuple[Edit, ...], copy_framework, tmp_path: Path) -> None:
    apply(copy_framework(), edits)

    code, out = _report(tmp_path, "--strict")

    assert code == 0, out
    assert out.splitlines()[-1] == "1 framework valid: minimal", out


def test_every_error_of_every_file_in_one_run(copy_framework, tmp_path: Path) -> None:
    """A schema error in one goal and a dangling reference in another: both in the first run; a
    reference to an item of the broken goal is no error (no cascade)."""
    folder = copy_framework()
    apply(folder, (
        Edit(SECOND, None, second_goal("actions:\n  - id: second-action\n    title: Another action\n    lead: city\n"
                                       "    timeframe: soon\n")),
        Edit(GOAL, "lead: city", "lead: cty"),
        Edit(GOAL, "    direction: increase\n", "    direction: increase\n    served_by: [second-action, nowhere]\n"),
    ))

    code, out = _report(tmp_path)

    assert code == 1
    lines = _lines(out)
    assert f"frameworks/minimal/{SECOND}:7:16: error FB104: 'soon' is not an allowed timeframe in action 'second-action'" in lines
    assert f"frameworks/minimal/{GOAL}:10:15: error FB202: action 'reporting-guide' refers to unknown organization 'cty'" in lines
    assert (f"frameworks/minimal/{GOAL}:22:32: error FB220: indicator 'reports-received' is served by unknown item "
            "'nowhere'") in lines
    assert sorted(_codes(out)) == ["FB104", "FB202", "FB220"], out  # no FB220 for second-action, no FB301 guess
    assert lines[-1] == "3 errors, 0 warnings"


def test_framework_file_error_and_goal_errors_in_one_run(copy_framework, tmp_path: Path) -> None:
    """framework.yml with a schema error still lends its ids: a lead naming an organization whose
    own entry is broken is no error, a lead naming none is."""
    folder = copy_framework()
    apply(folder, (
        Edit(HEAD, "    sector: library", "    sector: libraries"),
        Edit(GOAL, "partners: [library]", "partners: [library, museum]"),
        Edit(GOAL, "funding: [city-budget]", "funding: [{source: city-budget, amount: 5}]"),
    ))

    code, out = _report(tmp_path)

    assert code == 1
    lines = _lines(out)
    assert f"frameworks/minimal/{HEAD}:20:13: error FB104: 'libraries' is not an allowed sector in organization 'library'" in lines
    assert f"frameworks/minimal/{GOAL}:11:29: error FB202: action 'reporting-guide' refers to unknown organization 'museum'" in lines
    assert f"frameworks/minimal/{GOAL}:15:49: error FB222: the amount 5 of action 'reporting-guide' names no currency" in lines
    assert sorted(_codes(out)) == ["FB104", "FB202", "FB222"], out


def test_unreadable_goal_leaves_references_to_goal_items_unchecked(copy_framework, tmp_path: Path) -> None:
    """A goal file that is not YAML hides its ids, so served_by is not judged until it is fixed;
    references to framework.yml are still checked."""
    folder = copy_framework()
    apply(folder, (
        Edit(SECOND, None, "id: second\ntitle: [unclosed\n"),
        Edit(GOAL, "    direction: increase\n", "    direction: increase\n    served_by: [anything]\n"),
        Edit(GOAL, "lead: city", "lead: cty"),
    ))

    code, out = _report(tmp_path)

    assert code == 1
    assert sorted(_codes(out)) == ["FB002", "FB202"], out
