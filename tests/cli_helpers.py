"""Plain helpers for the command-line tests, importable by name from any test module.

They live here rather than in conftest.py: tests/browser/ has its own conftest.py, and
`from conftest import ...` resolves to whichever conftest pytest loaded last.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
FRAMEWORKS = REPO / "frameworks"


def run_cli(*args: str, cwd: Path | str = REPO) -> tuple[int, str, str]:
    """Run `python -m framework_builder ARGS` in `cwd`; return (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "framework_builder", *args],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    return result.returncode, result.stdout, result.stderr
