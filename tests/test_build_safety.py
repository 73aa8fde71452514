"""Safety of `framework-builder build`: untrusted text is escaped, and a failed build changes nothing.

Each test builds a copy of tests/fixtures/minimal (a public-comment framework) in its own
temporary project folder, so the build cache lands there too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from cli_helpers import FIXTURES

TODAY = "2026-02-01"  # inside the fixture's comment window
GOAL = Path("frameworks/minimal/goals/reporting.yml")
HOSTILE_DESCRIPTION = (
    "Hi <script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n"
    "[x](javascript:alert(1)) and [d](data:text/html,<b>hello</b>) and [safe](https://example.org/safe)\n"
)


class Elements(HTMLParser):
    """Every element of a page as (tag, attributes)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`framework-builder build --root frameworks --out site ARGS` run in `project`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "framework_builder", "build", "--root", "frameworks", "--out", "site",
         "--today", TODAY, *args],
        cwd=project, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "frameworks" / "minimal")
    return tmp_path


def edit_goal(project: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Apply `change` to the fixture's goal file, read as data."""
    path = project / GOAL
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES / "minimal", project / "frameworks" / "minimal")

    def hostile(goal: dict) -> None:
        action = goal["objectives"][0]["actions"][0]
        action["title"] = "Publish a <b>bold</b> guide"
        action["description"] = HOSTILE_DESCRIPTION
        goal["summary"] = "Goal <script>alert(2)</script> summary"

    edit_goal(project, hostile)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def html_pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_raw_html_and_unsafe_links_never_reach_the_pages(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    assert len(pages) > 10
    for name, text in pages.items():
        for forbidden in ("<script>alert", "<img src=x", "javascript:", "data:text", "<b>bold"):
            assert forbidden not in text, f"{forbidden} in {name}"
        for tag, attrs in Elements(text).elements:
            assert "onerror" not in attrs, f"<{tag} onerror> in {name}"
            for attr in ("href", "src"):
                value = attrs.get(attr, "").strip().lower()
                assert not value.startswith(("javascript:", "data:")), f"<{tag} {attr}={value}> in {name}"


def test_untrusted_text_is_shown_escaped(hostile_site: Path) -> None:
    goal = (hostile_site / "minimal" / "1.0" / "goals" / "reporting" / "index.html").read_text(encoding="utf-8")
    assert "Hi &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;" in goal
    assert "Goal &lt;script&gt;alert(2)&lt;/script&gt; summary" in goal
    assert re.search(r'<h4 id="reporting-guide">Publish a &lt;b&gt;bold&lt;/b&gt; guide', goal)


def test_https_markdown_links_survive(hostile_site: Path) -> None:
    goal = (hostile_site / "minimal" / "1.0" / "goals" / "reporting" / "index.html").read_text(encoding="utf-8")
    links = [attrs for tag, attrs in Elements(goal).elements if tag == "a"]
    assert "https://example.org/safe" in [a.get("href") for a in links]


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(project: Path) -> None:
    first = build(project)
    assert first.returncode == 0, first.stderr
    before = tree_bytes(project / "site")

    def unknown_lead(goal: dict) -> None:
        goal["objectives"][0]["actions"][0]["lead"] = "nobody-we-know"

    edit_goal(project, unknown_lead)
    second = build(project)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr + second.stdout
    assert re.search(r"frameworks/minimal/goals/reporting\.yml:\d+:\d+", second.stderr), second.stderr
    assert "nobody-we-know" in second.stderr
    assert tree_bytes(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_an_invalid_framework_never_creates_the_output(project: Path) -> None:
    edit_goal(project, lambda goal: goal["objectives"][0]["actions"][0].update(lead="nobody-we-know"))
    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "not built" in result.stderr
    assert not (project / "site").exists()
    assert not (project / ".site.building").exists()


def test_only_an_unknown_framework_is_a_usage_error(project: Path) -> None:
    result = build(project, "--only", "nosuch")
    assert result.returncode == 2
    assert "nosuch" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_mkdocs_failure_leaves_the_previous_site_and_no_temporary_folder(project: Path) -> None:
    first = build(project)
    assert first.returncode == 0, first.stderr
    before = tree_bytes(project / "site")
    (project / "mkdocs.yml").write_text("theme:\n  name: no-such-theme\n", encoding="utf-8")  # replaces the built-in
    second = build(project)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert "MkDocs could not build minimal 1.0" in second.stderr
    assert tree_bytes(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
