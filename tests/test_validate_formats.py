"""The three output formats of `validate`: text for people, GitHub annotations, JSON for tools."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from harness import cli

GOAL = "frameworks/minimal/goals/reporting.yml"
HEAD = "frameworks/minimal/framework.yml"


@pytest.fixture
def broken(copy_framework, tmp_path: Path) -> Path:
    """A folder holding the minimal framework with one error (unknown lead) and one warning (unaddressed finding)."""
    folder = copy_framework()
    goal = folder / "goals" / "reporting.yml"
    text = goal.read_text()
    text = text.replace("lead: city", "lead: cty").replace("addresses: [low-reporting]", "addresses: []")
    goal.write_text(text)
    return tmp_path


def test_text_format_is_compiler_style(broken: Path) -> None:
    code, out, err = cli("validate", "--format", "text", "frameworks/minimal", cwd=broken)

    assert code == 1
    assert out.splitlines() == [
        f"{HEAD}:22:9: warning FB301: no action addresses finding 'low-reporting'",
        "    hint: add 'low-reporting' to the `addresses:` of the actions that respond to it",
        f"{GOAL}:10:15: error FB202: action 'reporting-guide' refers to unknown organization 'cty'",
        "    hint: did you mean 'city'?",
        "1 error, 1 warning",
    ]
    assert err == ""


def test_text_is_the_default_format(broken: Path) -> None:
    assert cli("validate", "frameworks/minimal", cwd=broken) == cli(
        "validate", "--format", "text", "frameworks/minimal", cwd=broken
    )


def test_github_format_annotates_errors_and_warnings(broken: Path) -> None:
    code, out, _ = cli("validate", "--format", "github", "frameworks/minimal", cwd=broken)

    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        f"::warning file={HEAD},line=22,col=9,title=FB301::no action addresses finding 'low-reporting'"
        "%0Aadd 'low-reporting' to the `addresses:` of the actions that respond to it"
    )
    assert lines[1] == (
        f"::error file={GOAL},line=10,col=15,title=FB202::action 'reporting-guide' refers to unknown organization 'cty'"
        "%0Adid you mean 'city'?"
    )
    # The plain-text report follows for the log.
    assert f"{GOAL}:10:15: error FB202: action 'reporting-guide' refers to unknown organization 'cty'" in lines
    assert lines[-1] == "1 error, 1 warning"


def test_github_format_escapes_newlines_and_percent(copy_framework, tmp_path: Path) -> None:
    """A value with `%` must not break the workflow command (GitHub decodes %25 back to %)."""
    folder = copy_framework()
    goal = folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("lead: city", 'lead: "50%-city"'))

    code, out, _ = cli("validate", "--format", "github", "frameworks/minimal", cwd=tmp_path)

    assert code == 1
    annotation = next(line for line in out.splitlines() if line.startswith("::error "))
    assert annotation.startswith(f"::error file={GOAL},line=10,col=15,title=FB105::'50%25-city' is not a valid id")
    assert "\n" not in annotation


def test_json_format_is_a_stable_list(broken: Path) -> None:
    code, out, _ = cli("validate", "--format", "json", "frameworks/minimal", cwd=broken)

    assert code == 1
    items = json.loads(out)
    assert items == [
        {
            "file": HEAD, "line": 22, "column": 9, "code": "FB301",
            "message": "no action addresses finding 'low-reporting'",
            "hint": "add 'low-reporting' to the `addresses:` of the actions that respond to it",
            "severity": "warning",
        },
        {
            "file": GOAL, "line": 10, "column": 15, "code": "FB202",
            "message": "action 'reporting-guide' refers to unknown organization 'cty'",
            "hint": "did you mean 'city'?",
            "severity": "error",
        },
    ]
    assert all(list(item) == ["file", "line", "column", "code", "message", "hint", "severity"] for item in items)


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_valid_tree(output_format: str, copy_framework, tmp_path: Path) -> None:
    copy_framework()

    code, out, err = cli("validate", "--format", output_format, "frameworks", cwd=tmp_path)

    assert code == 0, out + err
    expected = {"text": "1 framework valid: minimal", "github": "0 errors, 0 warnings", "json": "[]"}[output_format]
    assert out.strip() == expected


def test_default_path_is_frameworks(copy_framework, tmp_path: Path) -> None:
    copy_framework()
    copy_framework(slug="second").joinpath("framework.yml").write_text(
        (tmp_path / "frameworks/minimal/framework.yml").read_text().replace("slug: minimal", "slug: second")
    )

    code, out, _ = cli("validate", cwd=tmp_path)

    assert (code, out.strip()) == (0, "2 frameworks valid: minimal, second")


def test_unknown_format_is_a_usage_error(copy_framework, tmp_path: Path) -> None:
    copy_framework()

    code, out, err = cli("validate", "--format", "xml", "frameworks", cwd=tmp_path)

    assert code == 2
    assert "Invalid value for '--format'" in err
    assert "Traceback" not in out + err
    assert re.search(r"'text', 'github', 'json'|text, github, json", err)
