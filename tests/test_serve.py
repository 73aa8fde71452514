"""`framework-builder serve`: a live preview that follows edits to the YAML."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, expected: str, seconds: float = 60) -> str:
    """Poll `url` until its text contains `expected`; return the last text seen."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            text = _get(url)
        except OSError:
            text = ""
        if expected in text:
            return text
        time.sleep(0.5)
    return text


@pytest.fixture
def preview(copy_framework: Callable[..., Path], tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    """`serve minimal` running on a free port; yields (base URL, framework folder, process)."""
    folder = copy_framework()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "framework_builder", "serve", "minimal", "--port", str(port),
         "--root", str(folder.parent), "--today", "2026-02-01"],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert "Testville" in _wait_for(base, "Testville"), "the preview did not start"
        yield base, folder, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_preview_serves_the_working_version_with_live_reload(preview) -> None:
    base, _, _ = preview
    page = _get(base + "goals/reporting/")
    assert "Publish a reporting guide" in page
    assert "livereload" in page  # the script that reloads the browser after a rebuild


def test_preview_follows_an_edit_to_a_goal_file(preview) -> None:
    base, folder, _ = preview
    goal = folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("Publish a reporting guide", "Publish a guide in five languages"))
    page = _wait_for(base + "goals/reporting/", "Publish a guide in five languages")
    assert "Publish a guide in five languages" in page


def test_preview_keeps_the_last_good_page_while_the_yaml_is_broken(preview) -> None:
    base, folder, process = preview
    goal = folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("lead: city", "lead: cty"))
    time.sleep(4)  # give the watcher time to notice and refuse the rebuild
    assert "Publish a reporting guide" in _get(base + "goals/reporting/")
    process.terminate()
    output, _ = process.communicate(timeout=20)
    assert "reporting.yml:" in output and "FB202" in output
    assert "Traceback" not in output


def test_serve_names_an_unknown_framework(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "framework_builder", "serve", "nosuch", "--root", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no framework 'nosuch'" in result.stderr
    assert "Traceback" not in result.stderr
