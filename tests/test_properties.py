"""Properties that hold for any framework an author can write, checked with generated frameworks.

Every text field of the minimal fixture is replaced by generated text: arbitrary Unicode
(control characters, right-to-left overrides, astral planes) mixed with markup and scripts
a hostile contributor would try. Whatever the text:

- `validate` never raises: the author gets diagnostics located in the file, or none;
- a framework that validates builds, and no page of it holds executable markup;
- the same input and build date give the same bytes;
- `diff` of a version with itself is empty.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

import yaml
from harness import FIXTURE_TODAY, FIXTURES, build, snapshot
from html_scan import scan_site, theme_scripts
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from framework_builder.model.diff import diff_frameworks
from framework_builder.source.loader import load_framework

TODAY = FIXTURE_TODAY

# Fields whose value is free text written by the community (not ids, dates, enums or URLs).
TEXT_KEYS = frozenset({"city", "region", "country", "title", "summary", "notice", "name", "description", "text",
                       "source", "note", "unit", "label"})

HOSTILE = st.sampled_from([
    '<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', "</title><script>alert(1)</script>",
    "[x](javascript:alert(1))", '{: onclick="alert(1)" }', "{{ 7*7 }}", "${{ secrets.TOKEN }}", "&lt;b&gt;",
    "<!--", "]]>", "\\", "`", "*", "_", "|", "#", "---", "\n\n- item\n", "::error::forged", "%0A",
    "\u202e", "\u2066", "\x1b[2J", "\r", "\x00", "\ufeff", "ﷺ", "𝔘", "عربى", "中文",
])
ANY_TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=12)), max_size=6).map("".join)
# Printable text (no control or format characters): most of these frameworks are valid.
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
PRINTABLE_TEXT = st.lists(
    st.one_of(HOSTILE.filter(str.isprintable), st.text(PRINTABLE, min_size=1, max_size=12)), min_size=1, max_size=5,
).map("".join).filter(lambda text: text.strip() != "")


def _fixture() -> tuple[dict[str, Any], dict[str, Any]]:
    folder = FIXTURES / "minimal"
    head = yaml.safe_load((folder / "framework.yml").read_text(encoding="utf-8"))
    goal = yaml.safe_load((folder / "goals" / "reporting.yml").read_text(encoding="utf-8"))
    return head, goal


def _replace_text(value: Any, draw_text: Callable[[], str]) -> Any:
    """A copy of `value` with every community text field replaced by drawn text."""
    if isinstance(value, dict):
        return {key: draw_text() if key in TEXT_KEYS and isinstance(item, str) else _replace_text(item, draw_text)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_replace_text(item, draw_text) for item in value]
    return value


def _frameworks(text: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[dict[str, Any], dict[str, Any]]]:
    """The fixture (framework.yml, goal) with generated text in every text field, the comment label included."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
        head, goal = _fixture()
        head["comments"]["channels"][0]["label"] = "x"
        head["organizations"][0]["description"] = "x"
        goal["objectives"][0]["description"] = "x"
        goal["indicators"][0]["unit"] = "x"
        goal["indicators"][0]["measurements"][0]["note"] = "x"
        return (_replace_text(head, lambda: draw(text)), _replace_text(goal, lambda: draw(text)))

    return build()


def _write(project: Path, head: dict[str, Any], goal: dict[str, Any]) -> Path:
    folder = project / "frameworks" / "minimal"
    (folder / "goals").mkdir(parents=True)
    for path, data in ((folder / "framework.yml", head), (folder / "goals" / "reporting.yml", goal)):
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


@functools.cache
def _theme_scripts() -> frozenset[str]:
    """The scripts the theme itself writes: those of a build of the unmodified fixture."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        _write(project, *_fixture())
        result = build(project, today=TODAY)
        assert result.code == 0, result.err
        return theme_scripts(project / "site")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_frameworks(ANY_TEXT))
def test_validate_never_raises_and_locates_every_problem(framework: tuple[dict[str, Any], dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _write(Path(tmp), *framework)
        loaded = load_framework(folder)
        for diagnostic in loaded.diagnostics:
            assert Path(diagnostic.file).name in ("framework.yml", "reporting.yml"), diagnostic
            assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
            assert diagnostic.message, diagnostic
        assert loaded.ok == (loaded.framework is not None and not any(d.is_error for d in loaded.diagnostics))
        event("valid" if loaded.ok else "invalid")
        if loaded.ok:
            assert diff_frameworks(loaded.framework, loaded.framework) == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_frameworks(PRINTABLE_TEXT))
def test_every_valid_framework_builds_inert_and_deterministic(framework: tuple[dict[str, Any], dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first", Path(tmp) / "second"
        folder = _write(first, *framework)
        loaded = load_framework(folder)
        if not loaded.ok:  # printable text can still break a rule (a title too long, say): located, never built
            event("invalid: not built")
            assert all(d.line >= 1 for d in loaded.diagnostics)
            return
        event("valid: built")
        shutil.copytree(first / "frameworks", second / "frameworks")
        results = [build(first, today=TODAY), build(second, today=TODAY)]
        for result in results:
            assert result.code == 0, result.err
        site = first / "site"
        assert scan_site(site, _theme_scripts()) == {}
        json.loads((site / "minimal" / "1.0" / "downloads" / "framework.json").read_text(encoding="utf-8"))
        assert snapshot(site) == snapshot(second / "site")
