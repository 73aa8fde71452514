"""Run `framework-builder ARGS`, paused at one point of its build until the test releases or signals it.

Usage: python tests/paused_build.py GATE POINT ARGS...

At POINT the build creates the file GATE/reached, then waits until GATE/release exists; a
signal sent meanwhile (SIGKILL, SIGINT) lands exactly there, however slow the machine is.
The points, in the order a build of `minimal` (cached) and `stamford` (0.2 cached, 0.3 edited)
passes them:

- `staged`: the marked staging folder exists, nothing is copied into it yet;
- `one-version-copied`: stamford 0.2 was copied into the staging folder, 0.3 is not built yet;
- `during-mkdocs`: MkDocs is about to write the first page of a version.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path
from typing import Any, Callable

import mkdocs.commands.build

from framework_builder.cli import main
from framework_builder.site import cache


def pause(gate: Path) -> None:
    """Say the point is reached, then wait for the test's release."""
    (gate / "reached").touch()
    while not (gate / "release").exists():
        time.sleep(0.01)


def pausing(real: Callable[..., Any], before: Callable[..., bool], after: Callable[..., bool],
            gate: Path) -> Callable[..., Any]:
    """`real`, pausing once, before or after the first call for which `before` or `after` holds."""
    paused = False

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal paused
        if not paused and before(*args, **kwargs):
            paused = True
            pause(gate)
        result = real(*args, **kwargs)
        if not paused and after(*args, **kwargs):
            paused = True
            pause(gate)
        return result

    return wrapper


def never(*args: Any, **kwargs: Any) -> bool:
    return False


def always(*args: Any, **kwargs: Any) -> bool:
    return True


def install(point: str, gate: Path) -> None:
    """Patch the function the build calls at `point`."""
    if point == "staged":
        cache.copy_tree = pausing(cache.copy_tree, always, never, gate)
    elif point == "one-version-copied":
        copied_stamford_02 = lambda source, target: target.parts[-2:] == ("stamford", "0.2")  # noqa: E731
        cache.copy_tree = pausing(cache.copy_tree, never, copied_stamford_02, gate)
    elif point == "during-mkdocs":
        mkdocs.commands.build._build_page = pausing(mkdocs.commands.build._build_page, always, never, gate)
    else:
        raise SystemExit(f"unknown point {point!r}")


if __name__ == "__main__":
    # Ctrl+C in a terminal raises KeyboardInterrupt. A process started in the background by a
    # non-interactive shell (a CI runner, `make test &`) inherits SIGINT ignored: restore it, so
    # the test's SIGINT is the reader's Ctrl+C wherever the suite runs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    install(sys.argv[2], Path(sys.argv[1]))
    main(sys.argv[3:], prog_name="framework-builder")
