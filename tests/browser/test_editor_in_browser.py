"""The form editor in a real browser, offline: edit, save, and the YAML diff is exactly the edit."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import json
import shutil
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from framework_builder.editor.publish import publish_editor
from framework_builder.editor.server import Editor, make_server
from harness import FRAMEWORKS, cli
from local_server import serving

GOAL = "frameworks/stamford/goals/awareness.yml"
ENTRY = "#/collections/stamford-goals/entries/awareness"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    return tmp_path


@contextlib.contextmanager
def _editor(project: Path) -> Iterator[str]:
    server = make_server(Editor(project, Path("frameworks"), dt.date(2026, 12, 1)), 0, lambda line: None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def _page(browser, url: str) -> Iterator:
    """A page of the editor; every request off 127.0.0.1 is recorded and aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.foreign = []

    def route(route_) -> None:
        if urlsplit(route_.request.url).netloc == urlsplit(url).netloc:
            route_.continue_()
        else:
            page.foreign.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    try:
        page.goto(url)
        page.get_by_role("button", name="Login").click()
        page.goto(url + ENTRY)
        page.wait_for_selector("text=Raise awareness of hate and targeted violence")
        yield page
    finally:
        context.close()


def _open(page, label: str):
    """Expand a list item by its summary: the first button of its top bar."""
    item = page.locator("div[class*=SortableListItem]").filter(has=page.get_by_text(label, exact=True)).last
    item.locator("button").first.click()
    return item


def _publish(page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now", exact=True).click()


def _diff(before: str, after: str) -> tuple[list[str], list[str]]:
    lines = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [x[2:] for x in lines if x.startswith("- ")], [x[2:] for x in lines if x.startswith("+ ")]


def test_edit_an_action_and_add_a_measurement_then_save(browser, project: Path) -> None:
    before = (project / GOAL).read_text(encoding="utf-8")
    with _editor(project) as url, _page(browser, url) as page:
        _open(page, "Raise awareness of hate and targeted violence")
        action = _open(page, "Hold community information sessions")
        action.locator("input[id^=status-field]").fill("In progress")
        page.keyboard.press("Enter")
        action.locator("input[id^=title-field]").fill("No")  # last: the item's summary is its title
        indicator = _open(page, "Community information sessions held")
        indicator.get_by_role("button", name="Add measurement").click()
        indicator.locator("input[id^=date-field]").last.fill("2026-09-30")
        indicator.locator("input[id^=value-field]").last.fill("7")
        _publish(page)
        page.wait_for_selector("text=Entry saved", timeout=15000)
        foreign = page.foreign
    after = (project / GOAL).read_text(encoding="utf-8")
    removed, added = _diff(before, after)
    assert removed == ["        title: Hold community information sessions", "        status: not-started"]
    assert added == ['        title: "No"', "        status: in-progress", "      - {date: 2026-09-30, value: 7}"]
    assert after.startswith("# yaml-language-server: $schema=../../../schema/goal.schema.json\n")
    assert cli("validate", "--strict", "frameworks", cwd=project).code == 0
    assert foreign == []


def test_saving_an_untouched_entry_leaves_the_file_byte_identical(browser, project: Path) -> None:
    before = (project / GOAL).read_bytes()
    with _editor(project) as url, _page(browser, url) as page:
        reference = page.locator("input[id^=reference-field]").first  # the goal's, empty: typed in, then cleared
        reference.fill("3")
        reference.fill("")
        _publish(page)
        page.wait_for_selector("text=Entry saved", timeout=15000)
        foreign = page.foreign
    assert (project / GOAL).read_bytes() == before
    assert foreign == []


REFUSALS = [
    pytest.param("title", "", "Title is required.", id="clearing a required title, in the form"),
    pytest.param("id", "Community Sessions", "Use lowercase letters, digits and hyphens, starting with a letter or a "
                 "digit: youth-outreach.", id="an id written in words, beside the field"),
    pytest.param("title", "   ", "Title in action 'community-sessions': String should have at least 1 character. "
                 "(FB109, frameworks/stamford/goals/awareness.yml, line 15)",
                 id="a save that breaks the plan, with the message validate gives"),
]


@pytest.mark.parametrize(("field", "value", "message"), REFUSALS)
def test_a_refused_save_says_why_and_leaves_the_file_as_it_was(browser, project: Path, field: str, value: str,
                                                               message: str) -> None:
    """The form's own checks (a required field, a pattern) refuse before anything is sent; validate refuses
    what needs the whole framework. Either way the file keeps every byte."""
    before = (project / GOAL).read_bytes()
    with _editor(project) as url, _page(browser, url) as page:
        _open(page, "Raise awareness of hate and targeted violence")
        _open(page, "Hold community information sessions").locator(f"input[id^={field}-field]").fill(value)
        _publish(page)
        page.wait_for_selector(f"text={message}", timeout=15000)
        foreign = page.foreign
    assert (project / GOAL).read_bytes() == before
    assert foreign == []


def test_the_hosted_editor_is_a_valid_decap_configuration_for_github(browser, project: Path) -> None:
    """Decap checks its configuration against its own options when it starts: a wrong option shows
    'Error loading the CMS configuration'. The hosted editor starts to the GitHub sign-in instead."""
    site = project / "site"
    publish_editor(site, project / "frameworks", "example/plans")
    config = json.loads((site / "admin" / "config.json").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "example/plans", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    with serving(site) as url:
        context = browser.new_context()
        page = context.new_page()
        foreign: list[str] = []
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else (foreign.append(r.request.url), r.abort()))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "admin/")
        page.get_by_role("button", name="Login with GitHub").wait_for(timeout=15000)
        assert page.get_by_text("Error loading the CMS configuration").count() == 0
        context.close()
    assert errors == [] and foreign == []
