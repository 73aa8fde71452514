"""`framework-builder serve`: a live preview that follows edits to the YAML."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from harness import FIXTURE_TODAY, cli, process_env, wait_for
from html_page import parse


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


def _wait_for(url: str, expected: str) -> str:
    """Poll `url` until its text contains `expected`; return that text."""
    seen = [""]

    def arrived() -> bool:
        seen[0] = _get(url)
        return expected in seen[0]

    wait_for(arrived, timeout=60, what=f"{expected!r} at {url}")
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
         "--root", str(folder.parent), "--today", FIXTURE_TODAY],
        cwd=tmp_path, env={**process_env(), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    running = Preview(base=f"http://127.0.0.1:{port}/", folder=folder, process=process, lines=lines, reader=reader)
    try:
        wait_for(lambda: "Testville" in _get(running.base), timeout=60, what="the preview to start")
        yield running
    finally:
        running.stop()


def test_preview_serves_the_working_version_with_live_reload(preview: Preview) -> None:
    page = _get(preview.base + "goals/reporting/")
    assert "Publish a reporting guide" in parse(page).text()
    assert "livereload" in page  # the script that reloads the browser after a rebuild


def test_preview_follows_an_edit_to_a_goal_file(preview: Preview) -> None:
    goal = preview.folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("Publish a reporting guide", "Publish a guide in five languages"))
    page = _wait_for(preview.base + "goals/reporting/", "Publish a guide in five languages")
    assert "Publish a guide in five languages" in parse(page).text()


def test_preview_keeps_the_last_good_page_while_the_yaml_is_broken(preview: Preview) -> None:
    goal = preview.folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("lead: city", "lead: cty"))
    wait_for(lambda: "The preview was not updated" in preview.output(), timeout=60,
             what="the preview to report the broken YAML")
    assert "Publish a reporting guide" in _get(preview.base + "goals/reporting/")
    output = preview.stop()
    assert "reporting.yml:" in output and "FB202" in output
    assert "Traceback" not in output


def test_serve_names_an_unknown_framework(tmp_path: Path) -> None:
    result = cli("serve", "nosuch", "--root", str(tmp_path))
    assert result.code == 2
    assert "unknown framework 'nosuch' (frameworks: none in" in result.err
    assert "Traceback" not in result.err
