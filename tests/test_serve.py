"""`framework-builder serve`: a live preview that follows edits to the YAML."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    """The text at `url`, or "" while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_until(condition: Callable[[], bool], seconds: float = 60) -> bool:
    """Check `condition` every 0.2 s until it holds or `seconds` have passed; return whether it held."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)
    return True


def _wait_for(url: str, expected: str, seconds: float = 60) -> str:
    """Poll `url` until its text contains `expected`; return the last text seen."""
    seen = [""]

    def arrived() -> bool:
        seen[0] = _get(url)
        return expected in seen[0]

    _wait_until(arrived, seconds)
    return seen[0]


@dataclass
class Preview:
    """A running `serve`: its address, the framework it previews, and what it has printed so far."""

    base: str
    folder: Path
    process: subprocess.Popen
    lines: list[str]
    reader: threading.Thread

    def output(self) -> str:
        """Everything the preview has printed so far (stdout and stderr)."""
        return "".join(self.lines)

    def stop(self) -> str:
        """Stop the preview and return everything it printed."""
        self.process.terminate()
        self.process.wait(timeout=20)
        self.reader.join(timeout=20)
        return self.output()


@pytest.fixture
def preview(copy_framework: Callable[..., Path], tmp_path: Path) -> Iterator[Preview]:
    """`serve minimal` running on a free port, its output read as it comes (unbuffered)."""
    folder = copy_framework()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "framework_builder", "serve", "minimal", "--port", str(port),
         "--root", str(folder.parent), "--today", "2026-02-01"],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    running = Preview(base=f"http://127.0.0.1:{port}/", folder=folder, process=process, lines=lines, reader=reader)
    try:
        assert "Testville" in _wait_for(running.base, "Testville"), f"the preview did not start:\n{running.output()}"
        yield running
    finally:
        running.stop()


def test_preview_serves_the_working_version_with_live_reload(preview: Preview) -> None:
    page = _get(preview.base + "goals/reporting/")
    assert "Publish a reporting guide" in page
    assert "livereload" in page  # the script that reloads the browser after a rebuild


def test_preview_follows_an_edit_to_a_goal_file(preview: Preview) -> None:
    goal = preview.folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("Publish a reporting guide", "Publish a guide in five languages"))
    page = _wait_for(preview.base + "goals/reporting/", "Publish a guide in five languages")
    assert "Publish a guide in five languages" in page


def test_preview_keeps_the_last_good_page_while_the_yaml_is_broken(preview: Preview) -> None:
    goal = preview.folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("lead: city", "lead: cty"))
    refused = _wait_until(lambda: "The preview was not updated" in preview.output())
    assert refused, f"the preview did not report the broken YAML:\n{preview.output()}"
    assert "Publish a reporting guide" in _get(preview.base + "goals/reporting/")
    output = preview.stop()
    assert "reporting.yml:" in output and "FB202" in output
    assert "Traceback" not in output


def test_serve_names_an_unknown_framework(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "framework_builder", "serve", "nosuch", "--root", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "unknown framework 'nosuch' (frameworks: none in" in result.stderr
    assert "Traceback" not in result.stderr
