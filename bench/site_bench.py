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
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import edit_action_title, generate_versions  # noqa: E402
from measure import COMMENTS, Run, build, median, scratch  # noqa: E402

from framework_builder.source.loader import load_framework  # noqa: E402

FRAMEWORKS, ACTIONS, INDICATORS, GOALS = 10, 100, 30, 6
MIN_SPEEDUP = 10.0
MAX_RENDER_SHARE = 0.10


def generate_network(root: Path) -> None:
    """Write the whole synthetic network into `root` and check it validates."""
    for number in range(1, FRAMEWORKS + 1):
        generate_versions(root / f"bench-{number:02d}", ACTIONS, INDICATORS, GOALS, number, COMMENTS)
    for folder in sorted(root.iterdir()):
        loaded = load_framework(folder)
        versions = 1 + len(loaded.releases)
        if not loaded.ok or versions != 3:
            raise SystemExit(f"{folder.name}: not valid or not 3 versions: {loaded.diagnostics[:3]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measurement (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and print its path")
    args = parser.parse_args()

    with scratch("site-bench-", args.keep) as project:
        generate_network(project / "frameworks")
        total = FRAMEWORKS * 3
        print(f"network: {FRAMEWORKS} frameworks × 3 versions × {ACTIONS} actions ({total} versions) in {project}",
              flush=True)
        full: list[Run] = []
        unchanged: list[Run] = []
        draft: list[Run] = []
        for round_ in range(1, args.runs + 1):
            full.append(build(project, cold=True))
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
        full_s, unchanged_s, draft_s = median(full), median(unchanged), median(draft)
        render_s, mkdocs_s = median(full, "render"), median(full, "engine")
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


if __name__ == "__main__":
    raise SystemExit(main())
