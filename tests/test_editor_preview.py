"""The preview pane: the edited item as residents will see it, or the problems that keep it from showing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from framework_builder.editor.server import Editor
from harness import FRAMEWORKS
from html_page import parse

GOAL = "frameworks/lakeport/goals/intervene.yml"


@pytest.fixture
def editor(tmp_path: Path) -> Editor:
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    return Editor(tmp_path, Path("frameworks"), dt.date(2026, 12, 1))


def _preview(editor: Editor, change) -> str:
    form = json.loads(editor.backend.entry(GOAL)["data"])
    change(form)
    return editor.preview({"path": GOAL, "data": json.dumps(form)})["html"]


def test_the_preview_shows_the_edit_before_it_is_saved(editor: Editor) -> None:
    page = parse(_preview(editor, lambda form: form["objectives"][0].update(title="Meet people at the hospital bedside")))
    assert "1.1: Meet people at the hospital bedside" in [h.text() for h in page.find_all("h3")]
    assert (editor.project / GOAL).read_text(encoding="utf-8").count("Meet people at the hospital bedside") == 0


def test_a_preview_that_cannot_show_lists_each_problem_at_the_real_file_in_plain_sentences(editor: Editor) -> None:
    """It once showed the path of a temporary copy (/tmp/framework-builder-edit-.../lakeport/...) in one long line."""
    def negative_amount(form: dict) -> None:
        form["objectives"][0]["actions"][0]["funding"][0]["amount"] = -5

    page = parse(_preview(editor, negative_amount))
    assert page.find_all("p")[0].text() == "The preview shows once this is fixed:"
    assert [item.text() for item in page.find_all("li")] == [
        "'amount' in funding source 1 of action 'bedside-program' is -5, but it cannot be negative. "
        "How to fix it: Write the amount as a positive number, for example 280000. "
        f"(FB110, {GOAL}, line 26)"]
