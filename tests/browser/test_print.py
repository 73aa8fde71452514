"""The print view becomes a PDF with headless Chromium: every goal and action, no site furniture."""

from __future__ import annotations

import re
import shutil
import subprocess

import chromium
import pytest
from site_map import PRINT, REPO, SLUG


def squeeze(text: str) -> str:
    """Text with every run of whitespace made one space (PDF lines wrap anywhere)."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def pdf_text(chromium_path: str, server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The print view printed by `chromium --headless --print-to-pdf`, as text (pdftotext)."""
    if shutil.which("pdftotext") is None:
        chromium.missing("pdftotext is not installed (Debian's poppler-utils), so the print test was skipped.")
    folder = tmp_path_factory.mktemp("print")
    pdf = folder / "framework.pdf"
    subprocess.run(
        [chromium_path, "--headless", *chromium.ARGS, f"--user-data-dir={folder / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", server + PRINT],
        check=True, capture_output=True, timeout=120,
    )
    assert pdf.stat().st_size > 0
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return squeeze(text)


def titles() -> list[str]:
    """Every goal and action title of the demo version, read from its YAML."""
    from framework_builder.model.items import actions
    from framework_builder.source.loader import load_framework

    framework = load_framework(REPO / "frameworks" / SLUG).framework
    assert framework is not None
    goals = [goal.title for goal in framework.goals]
    return goals + [action.title for _, _, action in actions(framework)]


def test_pdf_has_every_goal_and_action_title(pdf_text: str) -> None:
    missing = [title for title in titles() if squeeze(title) not in pdf_text]
    assert missing == [], f"titles missing from the PDF: {missing}"


def test_pdf_leaves_out_navigation_header_and_footer(pdf_text: str) -> None:
    for furniture in ("Skip to content", "Back to top", "Table of contents", "Previous", "Next"):
        assert furniture not in pdf_text


def test_print_styles_hide_site_furniture(pages) -> None:
    assert pages("print", "light").print_furniture_shown == []


def test_print_styles_keep_table_rows_whole(pages) -> None:
    rows = pages("print", "light").print_row_breaks
    assert rows, "the print view has no table"
    assert set(rows) == {"avoid"}
