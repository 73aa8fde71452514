"""Limits and plain files beyond single-edit corpus cases (tests/test_validate_corpus.py has those).

Values right at each limit are valid and build into strict JSON and finite charts; release files
and folders are plain files too; a framework with too many files or bytes is refused before
anything is read; whatever the tool reads, a refused character is never printed back.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from pathlib import Path

import pytest
from harness import cli
from html_page import parse_file
from test_validate_corpus import GOAL, HEAD, Edit, _write_release, apply

from framework_builder.model.limits import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_FRAMEWORK_BYTES,
    MAX_ITEMS,
    MAX_MARKDOWN,
    MAX_NUMBER,
    MAX_TEXT,
)

TODAY = "2026-02-01"


def _validate(cwd: Path, *args: str) -> tuple[int, str]:
    code, out, err = cli("validate", *args, cwd=cwd)
    assert "Traceback" not in out + err, out + err
    return code, out


def _error_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error FB" in line]


def _move_outside(path: Path, tmp_path: Path) -> None:
    """Move `path` out of the project and leave a symbolic link to it in its place."""
    outside = tmp_path / "outside" / path.name
    outside.parent.mkdir(exist_ok=True)
    shutil.move(path, outside)
    path.symlink_to(outside)


# Values at the limits ---------------------------------------------------------------------------

MEASUREMENTS = "".join(
    f"      - {{date: {2000 + i // 12}-{i % 12 + 1:02d}-01, value: {MAX_NUMBER if i % 2 else -MAX_NUMBER}}}\n"
    for i in range(MAX_ITEMS)
)
RTL_TITLE = "\u05d3\u05d9\u05d5\u05d5\u05d7 \u200fsafe"  # Hebrew with a right-to-left mark, which is allowed


def _at_the_limits(folder: Path) -> None:
    """Every limited value in the minimal framework pushed to its limit, still valid."""
    apply(folder, (
        Edit(GOAL, "title: Publish a reporting guide", "title: " + "T" * (MAX_TEXT - len(RTL_TITLE)) + RTL_TITLE),
        Edit(GOAL, "        lead: city\n", f"        description: {'word ' * (MAX_MARKDOWN // 5 - 1)}words\n        lead: city\n"),
        Edit(GOAL, "{value: 10, date: 2025-01-01}", f"{{value: {-MAX_NUMBER}, date: 1999-01-01}}"),
        Edit(GOAL, "{value: 40, date: 2027-01-01}", f"{{value: {MAX_NUMBER}.0, date: 2047-01-01}}"),
        Edit(GOAL, "      - {date: 2025-06-30, value: 14}\n      - {date: 2025-12-31, value: 21}\n", MEASUREMENTS),
    ))


def test_values_at_every_limit_are_valid(copy_framework, tmp_path: Path) -> None:
    _at_the_limits(copy_framework())

    code, out = _validate(tmp_path, "frameworks/minimal")

    assert code == 0, out


GEOMETRY = {"points", "cx", "cy", "x1", "x2", "y1", "y2"}


def chart_numbers(page: Path) -> list[str]:
    """Every number in the geometry attributes of the inline SVG charts of a page."""
    return [number for node in parse_file(page).walk() for name, value in node.attrs.items() if name in GEOMETRY
            for number in re.split(r"[\s,]+", value.strip())]


def _strict_json(text: str) -> object:
    """json.loads that refuses NaN and Infinity, as every other JSON reader does."""
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


def test_largest_values_build_into_strict_json_and_finite_charts(copy_framework, tmp_path: Path) -> None:
    _at_the_limits(copy_framework())

    code, out, err = cli("build", "--root", "frameworks", "--only", "minimal", "--out", "site", "--today", TODAY,
                             cwd=tmp_path)

    assert code == 0, out + err
    version = tmp_path / "site" / "minimal" / "1.0"
    data = _strict_json((version / "downloads" / "framework.json").read_text(encoding="utf-8"))
    indicator = data["goals"][0]["indicators"][0]
    assert indicator["baseline"]["value"] == -MAX_NUMBER and indicator["target"]["value"] == MAX_NUMBER
    assert len(indicator["measurements"]) == MAX_ITEMS
    numbers = [number for page in version.rglob("*.html") for number in chart_numbers(page)]
    assert len(numbers) > 2 * MAX_ITEMS, "the chart of the indicator is on a page"
    assert all(math.isfinite(float(n)) for n in numbers), sorted(set(numbers))[:10]


def test_models_refuse_numbers_that_are_not_finite() -> None:
    """The models hold the same rule as the YAML reader, for frameworks built in code."""
    from pydantic import ValidationError

    from framework_builder.model.framework import Measurement

    for value in (math.inf, -math.inf, math.nan, MAX_NUMBER * 10.0):
        with pytest.raises(ValidationError):
            Measurement.model_validate({"date": "2025-01-01", "value": value})
    assert Measurement.model_validate({"date": "2025-01-01", "value": float(MAX_NUMBER)}).value == MAX_NUMBER


# What is still allowed --------------------------------------------------------------------------

def test_windows_line_endings_are_plain_text(copy_framework, tmp_path: Path) -> None:
    folder = copy_framework()
    for path in (folder / HEAD, folder / GOAL):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    code, out = _validate(tmp_path, "frameworks/minimal")

    assert code == 0, out


# Release files and folders ----------------------------------------------------------------------

def test_release_file_that_is_a_symlink_is_refused(copy_framework, tmp_path: Path) -> None:
    release = _write_release(copy_framework())
    _move_outside(release, tmp_path)

    code, out = _validate(tmp_path, "frameworks/minimal")

    assert code == 1, out
    assert _error_lines(out) == [
        "frameworks/minimal/releases/1.0.yml:1:1: error FB011: this is a symbolic link, not a plain file"], out


def test_releases_folder_that_is_a_symlink_is_refused(copy_framework, tmp_path: Path) -> None:
    folder = copy_framework()
    _write_release(folder)
    _move_outside(folder / "releases", tmp_path)

    code, out = _validate(tmp_path, "frameworks/minimal")

    assert code == 1, out
    assert _error_lines(out) == [
        "frameworks/minimal/releases:1:1: error FB011: this is a symbolic link, not a plain file"], out


def test_links_among_frameworks_are_reported_not_skipped(copy_framework, tmp_path: Path) -> None:
    copy_framework()
    elsewhere = copy_framework(slug="elsewhere")
    _move_outside(elsewhere, tmp_path)
    (tmp_path / "frameworks" / "gone").symlink_to(tmp_path / "nowhere")

    code, out = _validate(tmp_path, "frameworks")

    assert code == 1, out
    assert _error_lines(out) == [
        "frameworks/elsewhere:1:1: error FB011: this is a symbolic link, not a plain file",
        "frameworks/gone:1:1: error FB011: this is a symbolic link, not a plain file",
    ], out


def test_build_refuses_a_linked_goal_file_before_building(copy_framework, tmp_path: Path) -> None:
    folder = copy_framework()
    _move_outside(folder / GOAL, tmp_path)

    code, out, err = cli("build", "--root", "frameworks", "--out", "site", "--today", TODAY, cwd=tmp_path)

    assert code == 1, out + err
    assert "frameworks/minimal/goals/reporting.yml:1:1: error FB011" in out + err
    assert not (tmp_path / "site").exists()


def test_pipe_among_large_files_does_not_hang_parallel_reading(copy_framework, tmp_path: Path) -> None:
    """Files large enough to be read by worker processes: a named pipe among them is refused at once."""
    folder = copy_framework()
    goal = (folder / GOAL).read_text(encoding="utf-8")
    for index in range(4):
        text = goal.replace("id: reporting", f"id: big-{index}", 1).replace("reporting-", f"big-{index}-")
        text = text.replace("reports-received", f"big-{index}-reports")  # ids unique: the pipe is the one error
        (folder / "goals" / f"big-{index}.yml").write_text(text + "#" * 100_000 + "\n", encoding="utf-8")
    os.mkfifo(folder / "goals" / "pipe.yml")

    code, out = _validate(tmp_path, "frameworks/minimal")

    assert code == 1, out
    assert _error_lines(out) == [
        "frameworks/minimal/goals/pipe.yml:1:1: error FB011: this is a named pipe, not a plain file"], out


# Too many files or bytes ------------------------------------------------------------------------

def test_too_many_goal_files_are_refused_before_reading(copy_framework, tmp_path: Path) -> None:
    folder = copy_framework()
    for index in range(MAX_FILES):
        (folder / "goals" / f"g{index}.yml").write_text("not: [valid\n", encoding="utf-8")

    code, out = _validate(tmp_path, "frameworks/minimal")

    assert code == 1, out
    assert _error_lines(out) == [
        f"frameworks/minimal/goals:1:1: error FB013: {MAX_FILES + 1} files; the limit is {MAX_FILES}"], out


def test_too_many_bytes_together_are_refused_before_reading(copy_framework, tmp_path: Path) -> None:
    folder = copy_framework()
    filler = "#" * (MAX_FILE_BYTES - 100) + "\n"
    count = MAX_FRAMEWORK_BYTES // len(filler) + 1
    for index in range(count):
        (folder / "goals" / f"g{index}.yml").write_text(filler, encoding="utf-8")
    total = sum(path.stat().st_size for path in folder.rglob("*.yml"))

    code, out = _validate(tmp_path, "frameworks/minimal")

    assert code == 1, out
    assert _error_lines(out) == [
        f"frameworks/minimal/goals:1:1: error FB013: the files hold {total:,} bytes together; "
        f"the limit is {MAX_FRAMEWORK_BYTES:,}"], out


# The README names every limit -------------------------------------------------------------------

def test_readme_limits_section_names_every_limit_with_its_value() -> None:
    from harness import REPO

    from framework_builder.model import limits

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    values = {name: value for name, value in vars(limits).items() if name.startswith("MAX_")}
    assert len(values) >= 10
    for name, value in values.items():
        assert re.search(rf"(?<![\d,]){value:,}(?![\d,])", section), f"README's Limits section lacks {name} = {value:,}"
    for code in ("FB007", "FB011", "FB012", "FB013", "FB110", "FB111", "FB112", "FB113"):
        assert code in section, code
