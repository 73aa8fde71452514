"""The print view as a PDF, made with headless Chromium when it is installed (`build --pdf`).

Chromium stamps each PDF with the time it was made; the stamps are replaced, at the same
length, by the build date, so the same input and date still give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from framework_builder.errors import BuildError

CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--no-pdf-header-footer")


def find_chromium() -> str | None:
    """Chromium on PATH (Debian's `chromium` package), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _stable(pdf: bytes, day: dt.date) -> bytes:
    """The PDF with its creation and modification times set to the build date (same length)."""
    return re.sub(rb"D:\d{14}", day.strftime("D:%Y%m%d000000").encode(), pdf)


def print_to_pdf(page: Path, target: Path, day: dt.date, chromium: str) -> None:
    """Print a built HTML page to `target` as a PDF."""
    with tempfile.TemporaryDirectory(prefix="fb-chromium-") as profile:
        result = subprocess.run(
            [chromium, *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}",
             page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise BuildError(f"Chromium could not print {page} to PDF:\n{result.stderr.strip()[-2000:]}")
    target.write_bytes(_stable(target.read_bytes(), day))
