"""Benchmark: a national network in one repository (issue 12), side by side in one run.

Generates, in a temporary project folder, N frameworks (default 100; bench/generate.py, one seed
each) with releases 1.0 (public comment) and 2.0 (adopted) and a working version 3.0 open for
comment, 50 actions each, then measures, each `--runs` times (medians):

  validate              `framework-builder validate` of the whole network
  full, --jobs 1/2      a build with the cache and the output deleted first (speed-up = jobs 1 / jobs 2)
  full, each engine     the same with --engine mkdocs and --engine zensical (--jobs 2)
  no change             the same build again (every version from the cache)
  one draft             after changing one action title in one framework's working version
  peak memory           of the build's own process and of its largest worker, for a full build of the
                        first quarter, half and all of the network

and prints the goals with PASS/FAIL: --jobs 2 at least 1.7× faster than --jobs 1; peak memory at the
whole network within 1.2× of that at a quarter; a no-change rebuild under 10 s; Zensical's full build
at most half of MkDocs'. Exits 1 when a goal is missed.

    python bench/network_bench.py [--frameworks 100] [--runs 1] [--keep]

Use a small --frameworks (4) to check the benchmark itself; the goals are meant at 100.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import edit_action_title, generate_versions  # noqa: E402

ACTIONS, INDICATORS, GOALS = 50, 15, 5
TODAY = "2026-12-01"
COMMENTS = """comments:
  opens: 2026-11-01
  closes: 2027-01-31
  channels:
    - type: email
      address: comments@example.org
"""
GOALS_MET = {"speed-up": 1.7, "memory": 1.2, "no change": 10.0, "zensical": 0.5}
MEASURE_MEMORY = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


@dataclass
class Run:
    seconds: float
    built: int = 0
    reused: int = 0
    peak_mb: float = 0.0  # the largest process: the build's own or one of its workers


def build_env() -> dict[str, str]:
    """The environment of a measured command: no MkDocs 2 notice, no build date inherited from the shell."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def command(project: Path, *args: str) -> Run:
    """One framework-builder process in `project`, timed from outside, its peak memory measured."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE_MEMORY, sys.executable, "-m", "framework_builder", *args],
                            cwd=project, env=build_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    run = Run(seconds, peak_mb=int(result.stdout.strip().splitlines()[-1]) / 1024)
    counts = re.search(r"Built (\d+) version\(s\) and reused (\d+)", result.stderr)
    if counts:
        run.built, run.reused = int(counts[1]), int(counts[2])
    return run


def build(project: Path, *args: str, root: str = "frameworks", clean: bool = False) -> Run:
    if clean:
        shutil.rmtree(project / "build", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    return command(project, "build", "--root", root, "--out", "site", "--today", TODAY, *args)


def median(runs: list[Run], field: str = "seconds") -> float:
    return statistics.median(getattr(run, field) for run in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frameworks", type=int, default=100, help="frameworks in the network (default 100)")
    parser.add_argument("--runs", type=int, default=1, help="repetitions of each measurement (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and print its path")
    args = parser.parse_args()
    count = args.frameworks
    project = Path(tempfile.mkdtemp(prefix="network-bench-"))
    try:
        root = project / "frameworks"
        for number in range(1, count + 1):
            generate_versions(root / f"city-{number:03d}", ACTIONS, INDICATORS, GOALS, number, COMMENTS)
        versions = count * 3
        print(f"network: {count} frameworks × 3 versions × {ACTIONS} actions ({versions} versions) in {project}; "
              f"{os.cpu_count()} cores", flush=True)
        rows: dict[str, list[Run]] = {name: [] for name in (
            "validate", "full, --jobs 1", "full, --jobs 2", "full, zensical --jobs 2", "no change", "one draft")}
        for round_ in range(1, args.runs + 1):
            rows["validate"].append(command(project, "validate", "frameworks"))
            rows["full, --jobs 1"].append(build(project, "--jobs", "1", clean=True))
            rows["full, zensical --jobs 2"].append(build(project, "--jobs", "2", "--engine", "zensical", clean=True))
            rows["full, --jobs 2"].append(build(project, "--jobs", "2", clean=True))
            rows["no change"].append(build(project, "--jobs", "2"))
            edit_action_title(sorted(root.iterdir())[0] / "goals" / "goal-01.yml", round_)  # the first draft
            rows["one draft"].append(build(project, "--jobs", "2"))
            print(f"round {round_}: " + ", ".join(f"{name} {runs[-1].seconds:.1f} s" for name, runs in rows.items()),
                  flush=True)
        memory = _memory(project, root, count)
        checks = _report(rows, memory, versions)
        return 0 if all(checks) else 1
    finally:
        if args.keep:
            print(f"kept {project}")
        else:
            shutil.rmtree(project, ignore_errors=True)


def _memory(project: Path, root: Path, count: int) -> dict[int, Run]:
    """A full --jobs 2 build of the first quarter, half and all of the network, each in a project of its own."""
    found = {}
    for size in sorted({max(1, count // 4), max(1, count // 2), count}):
        part = project / f"first-{size}"
        for folder in sorted(root.iterdir())[:size]:
            shutil.copytree(folder, part / "frameworks" / folder.name)
        found[size] = build(part, "--jobs", "2", clean=True)
        shutil.rmtree(part)
    return found


def _report(rows: dict[str, list[Run]], memory: dict[int, Run], versions: int) -> list[bool]:
    """Print the table and the goals; return whether each goal and check passed."""
    full1, full2 = median(rows["full, --jobs 1"]), median(rows["full, --jobs 2"])
    zensical, unchanged = median(rows["full, zensical --jobs 2"]), median(rows["no change"])
    sizes = sorted(memory)
    smallest, largest = memory[sizes[0]].peak_mb, memory[sizes[-1]].peak_mb
    goals = [
        ("speed-up, --jobs 1 / --jobs 2", f"{full1 / full2:.2f}×", full1 / full2 >= GOALS_MET["speed-up"],
         f"≥ {GOALS_MET['speed-up']}×"),
        (f"peak memory, {sizes[-1]} / {sizes[0]} frameworks", f"{largest / smallest:.2f}×",
         largest / smallest <= GOALS_MET["memory"], f"≤ {GOALS_MET['memory']}×"),
        ("no-change rebuild", f"{unchanged:.2f} s", unchanged < GOALS_MET["no change"], f"< {GOALS_MET['no change']:.0f} s"),
        ("Zensical / MkDocs, full --jobs 2", f"{zensical / full2:.2f}×", zensical / full2 <= GOALS_MET["zensical"],
         f"≤ {GOALS_MET['zensical']}×"),
    ]
    checks = [
        (all(run.built == versions for name in ("full, --jobs 1", "full, --jobs 2", "full, zensical --jobs 2")
             for run in rows[name]), "every full build built every version"),
        (all(run.built == 0 and run.reused == versions for run in rows["no change"]), "no change reused every version"),
        (all(run.built == 1 for run in rows["one draft"]), "one draft rebuilt exactly one version"),
    ]
    print(f"\nmedians of {len(rows['validate'])} run(s)")
    for name, runs in rows.items():
        print(f"  {name:<34} {median(runs):>8.2f} s   peak {median(runs, 'peak_mb'):>6.0f} MB")
    print("  peak memory of a full --jobs 2 build (largest process):")
    for size in sizes:
        print(f"    {size:>4} frameworks {memory[size].peak_mb:>8.0f} MB   {memory[size].seconds:.1f} s")
    print("\ngoals")
    for name, value, ok, goal in goals:
        print(f"  {name:<40} {value:>9}  {goal:<8} {'PASS' if ok else 'FAIL'}")
    for ok, what in checks:
        print(f"  {what:<40} {'':>9}  {'':<8} {'PASS' if ok else 'FAIL'}")
    return [ok for _, _, ok, _ in goals] + [ok for ok, _ in checks]


if __name__ == "__main__":
    raise SystemExit(main())
