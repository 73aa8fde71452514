"""Worker processes for a build: run one function over many items, in this process or in N others.

Workers are forked, so they start with everything the build set up (the theme, the code loaded). Only the build's own process handles Ctrl+C and prints: a worker
ignores SIGINT (a terminal sends it to the whole process group; the build stops the workers
itself) and returns what it has to say. A failure or Ctrl+C inside `stopped_on_failure`
terminates the workers before the block ends, so none still writes into the staging folder
while the build deletes it; leaving the `Workers` block ends them in any case. On Linux a
worker also dies with the build's process (`PR_SET_PDEATHSIG`), even on `kill -9`, and it
closes its copies of the build's locks at start, so a killed build never leaves a lock held.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

from framework_builder.site import output

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere: nothing)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    output.release_inherited_locks()


class Workers:
    """`jobs` worker processes, or none when `jobs` is 1 (the functions then run in this process)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool: multiprocessing.pool.Pool | None = None
        if self.jobs > 1:
            self._pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=_start_worker)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`function` of each item, in the items' order."""
        if self._pool is None:
            return map(function, items)
        return self._pool.imap(function, items)

    def as_done(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`function` of each item, in the order they finish."""
        if self._pool is None:
            return map(function, items)
        return self._pool.imap_unordered(function, items)

    @contextmanager
    def stopped_on_failure(self) -> Iterator[None]:
        """A block that, if it fails (or Ctrl+C), leaves no worker running when it ends."""
        try:
            yield
        except BaseException:
            self._stop(failed=True)
            raise

    def _stop(self, failed: bool) -> None:
        """Wait for the workers to finish (or terminate them after a failure); once."""
        if self._pool is not None:
            if failed:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop(failed=exc[0] is not None)
