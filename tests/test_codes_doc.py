"""docs/codes.md: generated from the code table, complete, and covering every code the source uses."""

from __future__ import annotations

import re

import pytest
from harness import REPO

from framework_builder.source.codes import CODES, codes_markdown

SOURCE = REPO / "src" / "framework_builder"
DOC = REPO / "docs" / "codes.md"


def test_codes_doc_is_up_to_date() -> None:
    printed = codes_markdown()  # what `python -m framework_builder.source.codes` prints

    assert DOC.read_text(encoding="utf-8") == printed, (
        "docs/codes.md is stale: run `python -m framework_builder.source.codes > docs/codes.md`"
    )


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_explained(code: str) -> None:
    entry = CODES[code]

    assert re.fullmatch(r"FB\d{3}", entry.code)
    assert entry.level in ("error", "warning")
    assert entry.title.strip() and entry.explanation.strip() and entry.example_fix.strip()
    row = next(line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith(f"| {code} |"))
    assert [cell.strip() for cell in row.strip("|").split(" | ")][:3] == [code, entry.level, entry.title]


def _codes_used_in_source() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if path.name != "codes.py":
            found.update(re.findall(r"[\"'](FB\d{3})[\"']", path.read_text(encoding="utf-8")))
    return found


def test_every_code_used_in_source_is_documented() -> None:
    used = _codes_used_in_source()

    assert len(used) >= 30, used  # the scan found the codes the validator reports
    assert used - set(CODES) == set()
    assert all(f"| {code} |" in DOC.read_text(encoding="utf-8") for code in used)
