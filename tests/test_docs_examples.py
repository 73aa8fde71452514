"""docs/editing.md: every YAML example it shows passes `validate --strict` once written where the page
says it goes.

The examples are put into one small framework, EXAMPLE_CITY, that has the organizations, funding
sources, actions and indicators they name. Where an example goes follows from how it is written:

- a block that starts at the left margin is either a whole goal file (it has an `id:` and goal fields)
  or fields of `framework.yml` (a list of items with ids, such as `organizations:`, adds its items to
  the list there, replacing an item with the same id);
- an indented block of fields is part of an action or of an indicator: the one whose fields, in
  schema/goal.schema.json, include them all;
- an indented list item (`- id: ...`) is an action or an indicator; when the framework already has an
  item with that id, the example's fields are written into it.

So an example fails here when a leadership-group member who copies it would see `validate` fail or
warn, or when it names a field the schema does not have.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from harness import REPO, cli

EDITING = REPO / "docs" / "editing.md"
GOAL_SCHEMA = json.loads((REPO / "schema" / "goal.schema.json").read_text(encoding="utf-8"))
FRAMEWORK_SCHEMA = json.loads((REPO / "schema" / "framework.schema.json").read_text(encoding="utf-8"))
ACTION_FIELDS = set(GOAL_SCHEMA["$defs"]["Action"]["properties"])
INDICATOR_FIELDS = set(GOAL_SCHEMA["$defs"]["Indicator"]["properties"])
GOAL_FIELDS = set(GOAL_SCHEMA["properties"])
FRAMEWORK_FIELDS = set(FRAMEWORK_SCHEMA["properties"])

EXAMPLE_CITY = {
    "framework.yml": """\
slug: testville
city: Testville
region: Example State
title: Testville prevention framework
summary: The framework the examples of docs/editing.md are put into.
version: "1.0"
status: draft
currency: USD
organizations:
  - {id: city, name: City of Testville, sector: local-government}
  - {id: public-works, name: Testville Public Works, sector: local-government}
findings:
  - {id: low-reporting, text: Few residents know how to report a bias incident.}
funding:
  - {id: city-budget, name: City budget, kind: local-government}
  - {id: state-grant, name: State grant, kind: state}
focus_areas:
  - {id: eastside, name: Eastside, kind: neighbourhood}
resources:
  - {id: emergency, name: Emergency services, description: Call 911 if someone is in danger now., phone: "911", emergency: true}
""",
    "goals/reporting.yml": """\
id: reporting
title: Make reporting safe and simple
objectives:
  - id: reporting-channels
    title: Residents know where to report
    actions:
      - id: reporting-guide
        title: Publish a reporting guide
        lead: city
        start: 2026-01-01
        addresses: [low-reporting]
      - id: youth-jobs
        title: Summer jobs for young people
        lead: city
        timeframe: near-term
      - id: after-school
        title: After-school programmes
        lead: city
        timeframe: mid-term
indicators:
  - id: feel-safe-reporting
    name: Residents who would feel safe reporting an incident
    type: outcome
    measure: percent
    direction: increase
    baseline: {value: 50, date: 2023-01-01}
    target: {value: 75, date: 2028-12-31}
""",
}


class Example:
    """One fenced ```yaml block of docs/editing.md: its text and the line its fence opens on."""

    def __init__(self, line: int, text: str) -> None:
        self.line, self.text = line, text

    def __repr__(self) -> str:
        return f"docs/editing.md:{self.line}"


def yaml_examples() -> list[Example]:
    page = EDITING.read_text(encoding="utf-8")
    return [Example(page.count("\n", 0, found.start()) + 1, found.group(1))
            for found in re.finditer(r"^```yaml\n(.*?)^```$", page, re.MULTILINE | re.DOTALL)]


def write_example_city(root: Path) -> Path:
    folder = root / "frameworks" / "testville"
    for name, text in EXAMPLE_CITY.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def every_item(goal: dict[str, Any]) -> list[dict[str, Any]]:
    actions = [action for objective in goal.get("objectives", []) for action in objective.get("actions", [])]
    return [*actions, *goal.get("actions", []), *goal.get("indicators", [])]


def kind_of(fields: set[str], where: Example) -> str:
    """"action" or "indicator": the kind of item whose schema has all these fields."""
    if fields <= ACTION_FIELDS:
        return "action"
    if fields <= INDICATOR_FIELDS:
        return "indicator"
    raise AssertionError(f"{where}: neither an action nor an indicator has all of the fields {sorted(fields)}")


def put_in_framework(folder: Path, fields: dict[str, Any]) -> None:
    """Fields of framework.yml: a list of items with ids adds to the list there, the rest is set."""
    framework = read(folder / "framework.yml")
    for key, value in fields.items():
        if isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value):
            ids = {item["id"] for item in value}
            value = [item for item in framework.get(key, []) if item["id"] not in ids] + value
        framework[key] = value
    write(folder / "framework.yml", framework)


def put_in_goal(folder: Path, example: Example, snippet: Any) -> None:
    """An indented example: fields of an action or indicator, or one more action or indicator."""
    goal = read(folder / "goals" / "reporting.yml")
    if isinstance(snippet, list):
        (item,) = snippet
        kind = kind_of(set(item), example)
        same_id = [existing for existing in every_item(goal) if existing["id"] == item["id"]]
        if same_id:
            same_id[0].update(item)
        elif kind == "action":
            goal["objectives"][0]["actions"].append(item)
        else:
            goal["indicators"].append(item)
    else:
        kind = kind_of(set(snippet), example)
        target = goal["objectives"][0]["actions"][0] if kind == "action" else goal["indicators"][0]
        target.update(snippet)
    write(folder / "goals" / "reporting.yml", goal)


def put_example(folder: Path, example: Example) -> None:
    snippet = yaml.safe_load(textwrap.dedent(example.text))
    if example.text[0] in " -" or isinstance(snippet, list):
        put_in_goal(folder, example, snippet)
    elif "id" in snippet:
        assert set(snippet) <= GOAL_FIELDS, f"{example}: fields a goal does not have: {set(snippet) - GOAL_FIELDS}"
        (folder / "goals" / f"{snippet['id']}.yml").write_text(example.text, encoding="utf-8")
    else:
        unknown = set(snippet) - FRAMEWORK_FIELDS
        assert not unknown, f"{example}: fields framework.yml does not have: {sorted(unknown)}"
        put_in_framework(folder, snippet)


def test_the_page_has_yaml_examples() -> None:
    assert len(yaml_examples()) >= 15


def test_the_framework_the_examples_go_into_is_valid(tmp_path: Path) -> None:
    folder = write_example_city(tmp_path)

    code, out, err = cli("validate", "--strict", str(folder), cwd=tmp_path)

    assert code == 0, out + err


@pytest.mark.parametrize("example", yaml_examples(), ids=repr)
def test_example_validates_where_the_page_puts_it(example: Example, tmp_path: Path) -> None:
    folder = write_example_city(tmp_path)
    put_example(folder, example)

    code, out, err = cli("validate", "--strict", str(folder), cwd=tmp_path)

    assert code == 0, f"{example}:\n{example.text}\n{out}{err}"
