"""Where Debian's Chromium is, how the tests launch it, and what happens when a tool is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
INSTALL_HINT = "Install it with `sudo apt-get install chromium`, or run `make browser-deps` as root."


def find() -> str | None:
    """The chromium executable on PATH, or Debian's /usr/bin/chromium, or None."""
    return shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def missing(what: str, hint: str = INSTALL_HINT) -> None:
    """Skip the test because `what` is missing, saying how to install it; under CI=true, fail instead."""
    message = f"{what} {hint}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and the browser tests cannot run: {message}", pytrace=False)
    pytest.skip(message)
