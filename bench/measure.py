"""What the benchmarks share: `framework-builder` run as a process, timed from the outside, its build
summary read, medians, and a scratch folder kept on request.

A build's last line says what it did and where its time went:
"Built N version(s) and reused M into site/ in S s with J process(es) (our rendering R s, MkDocs E s)".
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TODAY = "2026-12-01"  # every build's --today, so that runs build the same pages
COMMENTS = """comments:
  opens: 2026-11-01
  closes: 2027-01-31
  channels:
    - type: email
      address: comments@example.org
    - type: github
      repository: example-org/bench-framework
"""  # a comment window open on TODAY: every item gets its comment links
SUMMARY = re.compile(r"Built (\d+) version\(s\) and reused (\d+) .*\(our rendering ([0-9.]+) s, "
                     r"(?:MkDocs|Zensical) ([0-9.]+) s\)")
# Runs a command and prints the peak memory of its largest process (itself or any worker) in KiB.
PEAK_MEMORY = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


@dataclass
class Run:
    """One measured command: wall time, and for a build what its summary said."""

    seconds: float
    built: int = 0
    reused: int = 0
    render: float = 0.0  # our rendering, summed over the build's processes
    engine: float = 0.0  # MkDocs or Zensical, summed over the build's processes
    peak_mb: float = 0.0  # with `memory`: the largest process, the build's own or one of its workers


def environment() -> dict[str, str]:
    """The environment of a measured command: no MkDocs 2 notice, no build date inherited from the shell."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def command(project: Path, *args: str, memory: bool = False) -> Run:
    """`framework-builder ARGS` in `project`, timed from the outside; exits with its output when it fails."""
    tool = [sys.executable, "-m", "framework_builder", *args]
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY, *tool] if memory else tool,
                            cwd=project, env=environment(), capture_output=True, text=True)
    run = Run(time.perf_counter() - started)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    if memory:
        run.peak_mb = int(result.stdout.strip().splitlines()[-1]) / 1024
    summary = SUMMARY.search(result.stderr)
    if summary:
        run.built, run.reused = int(summary[1]), int(summary[2])
        run.render, run.engine = float(summary[3]), float(summary[4])
    elif args[0] == "build":
        raise SystemExit(f"no summary line in the build's output:\n{result.stderr[-3000:]}")
    return run


def build(project: Path, *args: str, cold: bool = False, memory: bool = False) -> Run:
    """Build `project`'s frameworks/ into its site/ (cold: the cache and the output deleted first)."""
    if cold:
        shutil.rmtree(project / "build", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    return command(project, "build", "--root", "frameworks", "--out", "site", "--today", TODAY, *args, memory=memory)


def median(runs: list[Run], field: str = "seconds") -> float:
    """The median of one field over `runs`."""
    return statistics.median(getattr(run, field) for run in runs)


@contextmanager
def scratch(prefix: str, keep: bool) -> Iterator[Path]:
    """A new temporary folder, deleted afterwards unless `keep` (its path is then printed)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        if keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
