"""The Zensical engine keeps one Zensical process per build process and reuses it: a version Zensical refuses
fails with Zensical's own warning (no traceback), and the next version still builds; a Zensical that dies,
idle or in the middle of a version, fails only that version and is replaced for the next.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from framework_builder.errors import BuildError
from framework_builder.site import engines

pytest.importorskip("zensical", reason="Zensical is not installed: pip install -e '.[test]'")

EPOCH = 1764547200  # 2025-12-01


def project(folder: Path, page: str) -> Path:
    """A one-page Zensical project in `folder`; its config file."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(page, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Test\ndocs_dir: docs\nsite_dir: site\n", encoding="utf-8")
    return config


def build(folder: Path, page: str = "# Hello\n\nA page.\n") -> Path:
    """Build a one-page project with the Zensical engine; the folder its pages went to."""
    out = folder / "out"
    engines.build(engines.ZENSICAL, project(folder / "work", page), out, EPOCH, f"test {folder.name}")
    return out


def host_pid() -> int:
    assert engines._HOST is not None
    return engines._HOST.process.pid


def test_versions_share_one_zensical_and_a_refused_version_reports_its_warning(tmp_path: Path) -> None:
    assert (build(tmp_path / "first") / "index.html").is_file()
    pid = host_pid()
    with pytest.raises(BuildError) as refused:
        build(tmp_path / "broken", "# Hello\n\nSee [the missing page](missing.md).\n")
    message = str(refused.value)
    assert message.startswith("Zensical could not build test broken:")
    assert "index.md" in message and "missing.md" in message
    assert "Traceback" not in message and "\x1b[" not in message
    assert not (tmp_path / "broken" / "out").exists()
    assert (build(tmp_path / "after") / "index.html").is_file()
    assert host_pid() == pid


def test_a_zensical_that_dies_fails_one_version_and_is_replaced(tmp_path: Path) -> None:
    build(tmp_path / "first")
    os.kill(host_pid(), signal.SIGKILL)  # dies while idle: the next version starts a new one
    engines._HOST.process.wait()  # type: ignore[union-attr]
    assert (build(tmp_path / "after-idle") / "index.html").is_file()
    pid = host_pid()
    os.kill(pid, signal.SIGSTOP)  # it cannot answer, then dies in the middle of the version
    killer = threading.Timer(0.5, os.kill, (pid, signal.SIGKILL))
    killer.start()
    with pytest.raises(BuildError, match=r"Zensical could not build test dying:\n.*Zensical stopped \(exit status -9\)"):
        build(tmp_path / "dying")
    killer.join()
    assert (build(tmp_path / "after-death") / "index.html").is_file()
    assert host_pid() != pid
