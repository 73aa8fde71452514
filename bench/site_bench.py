"""Benchmark: `framework-builder build` on a synthetic network of 10 frameworks × 3 versions × 100 actions.

Generates, in a temporary project folder, 10 valid frameworks (bench/generate.py, one seed each),
each with two frozen releases (1.0 public-comment, 2.0 adopted, written with
`releases.freeze` + `dump_release`) and a working version 3.0 open for public comment. Then times
N runs (medians) of `framework-builder build` as a subprocess, with a fixed `--today`:

  full build      the cache (`build/`) and the output deleted first
  no change       the same build again
  one draft       after changing one action title in one framework's working version

and reads the share of our own rendering against MkDocs from the full builds' summary line
("... (our rendering X s, MkDocs Y s)"). Prints a table with PASS/FAIL against the goals
(full / no change ≥ 10×, rendering < 10 % of the full build); exits 1 when a goal is missed.

    python bench/site_bench.py [--runs 3] [--keep]
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

from framework_builder.source.loader import load_framework  # noqa: E402

FRAMEWORKS, ACTIONS, INDICATORS, GOALS = 10, 100, 30, 6
TODAY = "2026-12-01"
COMMENTS = """comments:
  opens: 2026-11-01
  closes: 2027-01-31
  channels:
    - type: email
      address: comments@example.org
    - type: github
      repository: example-org/bench-framework
"""
MIN_SPEEDUP = 10.0
MAX_RENDER_SHARE = 0.10
SUMMARY = re.compile(r"our rendering ([0-9.]+) s, MkDocs ([0-9.]+) s")


def generate_network(root: Path) -> None:
    """Write the whole synthetic network into `root` and check it validates."""
    for number in range(1, FRAMEWORKS + 1):
        generate_versions(root / f"bench-{number:02d}", ACTIONS, INDICATORS, GOALS, number, COMMENTS)
    for folder in sorted(root.iterdir()):
        loaded = load_framework(folder)
        versions = 1 + len(loaded.releases)
        if not loaded.ok or versions != 3:
            raise SystemExit(f"{folder.name}: not valid or not 3 versions: {loaded.diagnostics[:3]}")


@dataclass
class Run:
    seconds: float
    built: int
    reused: int
    render: float
    mkdocs: float


def build(project: Path) -> Run:
    """One `framework-builder build` subprocess in `project`, timed from the outside."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "framework_builder", "build", "--root", "frameworks", "--out", "site",
         "--today", TODAY],
        cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed ({result.returncode}):\n{result.stderr[-3000:]}")
    last = result.stderr.strip().splitlines()[-1]
    counts = re.search(r"Built (\d+) version\(s\) and reused (\d+)", last)
    times = SUMMARY.search(last)
    if counts is None or times is None:
        raise SystemExit(f"unexpected summary line: {last}")
    return Run(seconds, int(counts[1]), int(counts[2]), float(times[1]), float(times[2]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measurement (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and print its path")
    args = parser.parse_args()

    project = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        generate_network(project / "frameworks")
        total = FRAMEWORKS * 3
        print(f"network: {FRAMEWORKS} frameworks × 3 versions × {ACTIONS} actions ({total} versions) in {project}",
              flush=True)
        full: list[Run] = []
        unchanged: list[Run] = []
        draft: list[Run] = []
        for round_ in range(1, args.runs + 1):
            shutil.rmtree(project / "build", ignore_errors=True)
            shutil.rmtree(project / "site", ignore_errors=True)
            full.append(build(project))
            unchanged.append(build(project))
            edit_action_title(project / "frameworks" / "bench-01" / "goals" / "goal-01.yml", round_)  # one draft
            draft.append(build(project))
            print(f"round {round_}: full {full[-1].seconds:.1f} s ({full[-1].built} built), "
                  f"no change {unchanged[-1].seconds:.2f} s ({unchanged[-1].reused} reused), "
                  f"one draft {draft[-1].seconds:.2f} s ({draft[-1].built} built)", flush=True)
        checks = [
            (all(r.built == total for r in full), "every full build built all versions"),
            (all(r.built == 0 and r.reused == total for r in unchanged), "every no-change rebuild reused all"),
            (all(r.built == 1 for r in draft), "every draft edit rebuilt exactly one version"),
        ]
        full_s = statistics.median(r.seconds for r in full)
        unchanged_s = statistics.median(r.seconds for r in unchanged)
        draft_s = statistics.median(r.seconds for r in draft)
        render_s = statistics.median(r.render for r in full)
        mkdocs_s = statistics.median(r.mkdocs for r in full)
        speedup = full_s / unchanged_s
        share = statistics.median(r.render / r.seconds for r in full)
        rows = [
            ("full build (empty cache)", f"{full_s:.2f} s", ""),
            ("rebuild, nothing changed", f"{unchanged_s:.2f} s", ""),
            ("rebuild after editing one draft", f"{draft_s:.2f} s", ""),
            ("  of the full build: our rendering", f"{render_s:.2f} s", ""),
            ("  of the full build: MkDocs", f"{mkdocs_s:.2f} s", ""),
            ("full / no change", f"{speedup:.1f}×", "PASS" if speedup >= MIN_SPEEDUP else "FAIL"),
            ("our rendering / full build", f"{share:.1%}", "PASS" if share < MAX_RENDER_SHARE else "FAIL"),
        ]
        print(f"\nmedians of {args.runs} runs (goals: full / no change ≥ {MIN_SPEEDUP:.0f}×, "
              f"rendering < {MAX_RENDER_SHARE:.0%} of the full build)")
        for name, value, verdict in rows:
            print(f"  {name:<36} {value:>10}  {verdict}")
        for ok, what in checks:
            print(f"  {what:<47}  {'PASS' if ok else 'FAIL'}")
        passed = all(ok for ok, _ in checks) and speedup >= MIN_SPEEDUP and share < MAX_RENDER_SHARE
        return 0 if passed else 1
    finally:
        if args.keep:
            print(f"kept {project}")
        else:
            shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
