"""A framework whose every text field carries markup and script, and the benign fixture beside it.

`write_project(folder, hostile)` writes a project with one framework, `minimal`, built from
tests/fixtures/minimal: a released version 1.0 (public comment) and a working version 1.1 open
for comment on TODAY, so pages, banners (older version and open draft), comment links, the
version list and the portal all appear. With `hostile=True` every text field starts with the
field's own marker word (`field_text(field)` is the exact text) and goes on with PAYLOAD.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from harness import FIXTURE_TODAY, FIXTURES, built_site, cli, edit_yaml

TODAY = FIXTURE_TODAY
SLUG = "minimal"
RELEASED, WORKING = "1.0", "1.1"

# Markup, script and template syntax a hostile contributor would try, in one line.
PAYLOAD = (
    "<img src=x onerror=alert(1)> \"><script>alert(2)</script> </title><script>alert(3)</script> "
    "[x](javascript:alert(4)) {: onclick=\"alert(5)\" } ' onmouseover='alert(6)' "
    "${{ 7*7 }} {{ 7*7 }} &lt;b&gt; &amp; <!-- __BASE_URL__ `c` *e* |"
)
# Markdown fields get block syntax on top.
MARKDOWN_PAYLOAD = (
    f"{PAYLOAD}\n\n[link](javascript:alert(8)) [data](data:text/html,<b>x</b>) <a href=\"javascript:alert(9)\">a</a> "
    "[safe](https://example.org/safe \"<img src=x onerror=alert(12)>\")\n\n"
    "{: onclick=\"alert(10)\" }\n\n<script>alert(11)</script>\n"
)


def field_text(field: str) -> str:
    """The exact text of a hostile short field (titles, names): its marker word, then the payload."""
    return f"Zq{field.replace('-', '')} {PAYLOAD}"


def _markdown(field: str) -> str:
    return f"Zq{field.replace('-', '')} {MARKDOWN_PAYLOAD}"


def _hostile_framework(data: dict[str, Any]) -> None:
    for field in ("city", "region", "title"):
        data[field] = field_text(field)
    data["country"] = field_text("country")
    data["summary"] = _markdown("summary")
    data["notice"] = _markdown("notice")
    data["comments"]["channels"] = [
        {"type": "email", "address": "comments@example.org", "label": field_text("email-label")},
        {"type": "web-form", "url": "https://forms.example.org/comment?item={item}&title={title}&x=)[x](javascript:alert(1))",
         "label": field_text("form-label")},
        {"type": "github", "repository": "example-org/framework", "label": field_text("github-label")},
    ]
    for org in data["organizations"]:
        org["name"] = field_text(f"org-{org['id']}")
        org["description"] = _markdown(f"org-{org['id']}-description")
    for finding in data["findings"]:
        finding["text"] = _markdown("finding")
        finding["source"] = field_text("finding-source")
    for source in data["funding"]:
        source["name"] = field_text("funding-name")
        source["description"] = _markdown("funding-description")
    for resource in data["resources"]:
        resource["name"] = field_text("resource-name")
        resource["description"] = _markdown("resource-description")
        resource["languages"] = [field_text("language")]


def _hostile_goal(goal: dict[str, Any]) -> None:
    goal["title"] = field_text("goal-title")
    goal["summary"] = _markdown("goal-summary")
    objective = goal["objectives"][0]
    objective["title"] = field_text("objective-title")
    objective["description"] = _markdown("objective-description")
    action = objective["actions"][0]
    action["title"] = field_text("action-title")
    action["description"] = _markdown("action-description")
    indicator = goal["indicators"][0]
    indicator.update(name=field_text("indicator-name"), description=_markdown("indicator-description"),
                     unit=field_text("unit"), source=field_text("indicator-source"))
    indicator["measurements"][-1]["note"] = field_text("measurement-note")
    goal["indicators"].append({
        "id": "trust", "name": field_text("qualitative-name"), "type": "output", "measure": "qualitative",
        "direction": "increase", "baseline": {"value": field_text("baseline-words"), "date": "2025-01-01"},
        "measurements": [{"date": "2025-06-30", "value": field_text("measured-words")}],
    })


def write_project(project: Path, hostile: bool) -> None:
    """The fixture, hostile or not, released as 1.0 and worked on as 1.1."""
    folder = project / "frameworks" / SLUG
    shutil.copytree(FIXTURES / SLUG, folder)
    if hostile:
        edit_yaml(folder / "framework.yml", _hostile_framework)
        edit_yaml(folder / "goals" / "reporting.yml", _hostile_goal)
    released = cli("release", SLUG, "--today", "2026-01-02", cwd=project)
    assert released.code == 0, released.out + released.err
    edit_yaml(folder / "framework.yml", lambda data: data.update(version=WORKING))


def build_site(project: Path) -> Path:
    """Build the project's site with the fixed date; return the site folder."""
    return built_site(project, today=TODAY)
