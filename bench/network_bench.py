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
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import edit_action_title, generate_versions  # noqa: E402
from measure import COMMENTS, Run, build, command, median, scratch  # noqa: E402

ACTIONS, INDICATORS, GOALS = 50, 15, 5
GOALS_MET = {"speed-up": 1.7, "memory": 1.2, "no change": 10.0, "zensical": 0.5}


def measured(project: Path, *args: str, cold: bool = False) -> Run:
    """A build of `project` with ARGS, its peak memory measured too."""
    return build(project, *args, cold=cold, memory=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frameworks", type=int, default=100, help="frameworks in the network (default 100)")
    parser.add_argument("--runs", type=int, default=1, help="repetitions of each measurement (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and print its path")
    args = parser.parse_args()
    count = args.frameworks
    with scratch("network-bench-", args.keep) as project:
        root = project / "frameworks"
        for number in range(1, count + 1):
            generate_versions(root / f"city-{number:03d}", ACTIONS, INDICATORS, GOALS, number, COMMENTS)
        versions = count * 3
        print(f"network: {count} frameworks × 3 versions × {ACTIONS} actions ({versions} versions) in {project}; "
              f"{os.cpu_count()} cores", flush=True)
        rows: dict[str, list[Run]] = {name: [] for name in (
            "validate", "full, --jobs 1", "full, --jobs 2", "full, zensical --jobs 2", "no change", "one draft")}
        for round_ in range(1, args.runs + 1):
            rows["validate"].append(command(project, "validate", "frameworks", memory=True))
            rows["full, --jobs 1"].append(measured(project, "--jobs", "1", cold=True))
            rows["full, zensical --jobs 2"].append(measured(project, "--jobs", "2", "--engine", "zensical", cold=True))
            rows["full, --jobs 2"].append(measured(project, "--jobs", "2", cold=True))
            rows["no change"].append(measured(project, "--jobs", "2"))
            edit_action_title(sorted(root.iterdir())[0] / "goals" / "goal-01.yml", round_)  # the first draft
            rows["one draft"].append(measured(project, "--jobs", "2"))
            print(f"round {round_}: " + ", ".join(f"{name} {runs[-1].seconds:.1f} s" for name, runs in rows.items()),
                  flush=True)
        memory = _memory(project, root, count)
        checks = _report(rows, memory, versions)
        return 0 if all(checks) else 1


def _memory(project: Path, root: Path, count: int) -> dict[int, Run]:
    """A full --jobs 2 build of the first quarter, half and all of the network, each in a project of its own."""
    found = {}
    for size in sorted({max(1, count // 4), max(1, count // 2), count}):
        part = project / f"first-{size}"
        for folder in sorted(root.iterdir())[:size]:
            shutil.copytree(folder, part / "frameworks" / folder.name)
        found[size] = measured(part, "--jobs", "2", cold=True)
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
