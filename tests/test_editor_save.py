"""Saving from the form: validated first, written in the project's YAML style, untouched when unchanged."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from framework_builder.editor.backend import LocalBackend, Refused
from framework_builder.editor.yaml_style import misread_in_yaml_1_1
from harness import FRAMEWORKS, cli

GOAL = "frameworks/stamford/goals/awareness.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    return tmp_path


def _backend(project: Path) -> LocalBackend:
    return LocalBackend(project, Path("frameworks"))


def _form(backend: LocalBackend, path: str) -> dict:
    return json.loads(backend.entry(path)["data"])


def test_saving_every_demo_file_unchanged_changes_no_byte(project: Path) -> None:
    backend = _backend(project)
    files = sorted(project.glob("frameworks/*/framework.yml")) + sorted(project.glob("frameworks/*/goals/*.yml"))
    before = {path: path.read_bytes() for path in files}
    for path in files:
        relative = path.relative_to(project).as_posix()
        assert backend.save(relative, backend.entry(relative)["data"]).changed is False
    assert {path: path.read_bytes() for path in files} == before


def test_a_save_changes_only_the_lines_edited_and_keeps_the_modeline(project: Path) -> None:
    backend = _backend(project)
    form = _form(backend, GOAL)
    action = form["objectives"][0]["actions"][0]
    action.update(title="No", status="in-progress", reference="")  # an empty field the form showed stays out
    form["indicators"][0]["measurements"].append({"date": "2026-09-30", "value": "7", "note": ""})
    before = (project / GOAL).read_text(encoding="utf-8").splitlines()
    backend.save(GOAL, json.dumps(form))
    after = (project / GOAL).read_text(encoding="utf-8").splitlines()
    assert after[0] == before[0] == "# yaml-language-server: $schema=../../../schema/goal.schema.json"
    diff = list(difflib.ndiff(before, after))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert removed == ["        title: Hold community information sessions", "        status: not-started"]
    assert added == ['        title: "No"', "        status: in-progress", "      - {date: 2026-09-30, value: 7}"]
    assert cli("validate", "--strict", "frameworks", cwd=project).code == 0


@pytest.mark.parametrize("text", ["No", "yes", "on", "1.05", "2024-01-01", "null", "~", "0x1F", "12:30"])
def test_text_that_yaml_1_1_would_misread_is_quoted_and_reads_back_as_text(project: Path, text: str) -> None:
    assert misread_in_yaml_1_1(text)
    backend = _backend(project)
    form = _form(backend, GOAL)
    form["objectives"][0]["actions"][0]["title"] = text
    backend.save(GOAL, json.dumps(form))
    assert _form(backend, GOAL)["objectives"][0]["actions"][0]["title"] == text
    assert f'title: "{text}"' in (project / GOAL).read_text(encoding="utf-8")


def test_an_invalid_save_is_refused_with_the_message_validate_gives_and_the_file_is_kept(project: Path) -> None:
    """The refusal says what `validate` says, in sentences for the form: what is wrong, how to fix it, then
    the code and the place in the file for whoever opens it."""
    backend = _backend(project)
    before = (project / GOAL).read_bytes()
    form = _form(backend, GOAL)
    form["objectives"][0]["actions"][0]["lead"] = "nobody-we-know"
    with pytest.raises(Refused) as refused:
        backend.save(GOAL, json.dumps(form))
    assert (project / GOAL).read_bytes() == before
    (project / GOAL).write_text((project / GOAL).read_text().replace("lead: ferguson-library", "lead: nobody-we-know", 1))
    report = cli("validate", "frameworks/stamford", cwd=project)
    assert report.code == 1
    assert report.out.splitlines()[:2] == [
        f"{GOAL}:17:15: error FB202: action 'community-sessions' refers to unknown organization 'nobody-we-know'",
        "    hint: add it to `organizations:` in framework.yml"]
    assert str(refused.value) == ("Action 'community-sessions' refers to unknown organization 'nobody-we-know'. "
                                  "How to fix it: Add it to `organizations:` in framework.yml. "
                                  f"(FB202, {GOAL}, line 17)")


def test_the_editor_never_touches_a_release_or_a_file_outside_the_frameworks(project: Path) -> None:
    backend = _backend(project)
    for path in ("frameworks/stamford/releases/0.2.yml", "frameworks/../pyproject.toml", "schema/goal.schema.json",
                 "frameworks/stamford/goals/../../riverton/framework.yml"):
        with pytest.raises(Refused):
            backend.handle({"action": "persistEntry", "params": {"dataFiles": [{"path": path, "raw": "{}"}]}})


def test_a_new_goal_file_starts_with_the_schema_modeline(project: Path) -> None:
    backend = _backend(project)
    form = {"id": "listening", "title": "Listen to residents", "indicators": [
        {"id": "sessions-held", "name": "Listening sessions held", "type": "output", "measure": "count",
         "direction": "increase"}]}
    backend.save("frameworks/stamford/goals/listening.yml", json.dumps(form))
    text = (project / "frameworks/stamford/goals/listening.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/goal.schema.json\nid: listening\n")
    assert cli("validate", "frameworks/stamford", cwd=project).code == 0


def _shuffled(value):
    """The form's data as Decap sends an object of more than eight fields: its keys in no particular order."""
    if isinstance(value, dict):
        return {key: _shuffled(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_shuffled(item) for item in value]
    return value


def test_a_field_added_in_the_form_is_written_next_to_its_neighbours_whatever_order_the_form_sends(project: Path) -> None:
    """Decap sends the keys of a large object in no set order: a new `end:` goes after `start:`, not after `title:`,
    and a new measurement reads period then value, as the author writes them."""
    goal = "frameworks/lakeport/goals/intervene.yml"
    backend = _backend(project)
    form = _form(backend, goal)
    form["objectives"][0]["actions"][0]["end"] = "2026-03-31"
    before = (project / goal).read_text(encoding="utf-8").splitlines()
    backend.save(goal, json.dumps(_shuffled(form)))
    after = (project / goal).read_text(encoding="utf-8").splitlines()
    assert [line for line in difflib.ndiff(before, after) if line[:1] in "+-"] == ["+         end: 2026-03-31"]
    assert after[after.index("        start: 2023-09-01") + 1] == "        end: 2026-03-31"

    form = _form(backend, "frameworks/lakeport/goals/measures.yml")
    form["indicators"][0]["measurements"].append({"value": "24", "period": "2026", "note": ""})
    backend.save("frameworks/lakeport/goals/measures.yml", json.dumps(_shuffled(form)))
    text = (project / "frameworks/lakeport/goals/measures.yml").read_text(encoding="utf-8")
    assert "      - {period: 2025, value: 26}\n      - {period: 2026, value: 24}\n" in text

    form = _form(backend, goal)
    form["objectives"][0]["actions"][0]["funding"][1] = {"amount": "125000", "source": "state-cvi"}  # was `- state-cvi`
    backend.save(goal, json.dumps(_shuffled(form)))
    assert "          - {source: state-cvi, amount: 125000}\n" in (project / goal).read_text(encoding="utf-8")
    assert cli("validate", "--strict", "frameworks/lakeport", cwd=project).code == 0


def test_removing_an_item_from_a_list_changes_only_its_own_lines(project: Path) -> None:
    """Items are matched by id: the ones after a removed item keep their lines, byte for byte, their
    comments included (matched by position, the removed item's comment moved onto the next one)."""
    goal = project / GOAL
    goal.write_text(goal.read_text(encoding="utf-8").replace(
        "        title: Hold community information sessions\n",
        "        title: Hold community information sessions  # one per library branch\n").replace(
        "      - id: bystander-training\n", "      - id: bystander-training  # asked for by the youth council\n"),
        encoding="utf-8")
    backend = _backend(project)
    form = _form(backend, GOAL)
    actions = form["objectives"][0]["actions"]
    assert [action["id"] for action in actions] == ["community-sessions", "bystander-training", "help-guide"]
    del actions[0]
    before = (project / GOAL).read_text(encoding="utf-8").splitlines()
    backend.save(GOAL, json.dumps(form))
    after = (project / GOAL).read_text(encoding="utf-8").splitlines()

    diff = list(difflib.ndiff(before, after))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    assert [line[2:] for line in diff if line.startswith("+ ")] == []
    assert removed[0] == "      - id: community-sessions"
    next_item = before.index("      - id: bystander-training  # asked for by the youth council")
    assert removed == before[before.index(removed[0]):next_item]
    assert "one per library branch" not in "\n".join(after)
    assert cli("validate", "frameworks", cwd=project).code == 0
