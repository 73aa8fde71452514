"""Smoke tests of the real processes: `python -m framework_builder` and the installed console script.

Every other command-line test runs the CLI in-process (tests/harness.py); these check that the
two ways a person starts it work as a process of their own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from harness import FIXTURE_TODAY, FIXTURES, process_env, run_process

from framework_builder import __version__


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "frameworks" / "minimal")
    version = run_process("--version")
    assert version.code == 0 and __version__ in version.out, version.err
    validated = run_process("validate", "frameworks/minimal", cwd=tmp_path)
    assert validated.code == 0, validated.out + validated.err
    assert "Traceback" not in validated.err


def test_the_console_script_builds_a_site(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "frameworks" / "minimal")
    script = Path(sys.executable).parent / "framework-builder"
    result = subprocess.run([str(script), "build", "--today", FIXTURE_TODAY], cwd=tmp_path, env=process_env(),
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "minimal" / "1.0" / "goals" / "reporting" / "index.html").is_file()
