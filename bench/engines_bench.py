"""Benchmark: MkDocs against Zensical on one version, by the size of the version (issue 12), side by side.

Generates, in a temporary folder, a project of one framework per size (bench/generate.py: 50, 500 and
2,000 actions, with half as many indicators), each a single working version. Then, each `--runs`
times and alternating the engines, builds each project with `--jobs 1`, the cache and the
output deleted first, and reads from the build's summary line the time of the engine itself
("... (our rendering X s, MkDocs Y s)"). Prints, per size, the medians of the whole build and of
the engine alone, and the ratio Zensical / MkDocs of each.

    python bench/engines_bench.py [--runs 3] [--sizes 50,500,2000]

It shows where Zensical's speed comes from: its fixed cost per version and per page is about
MkDocs' while both render each page's Markdown with Python-Markdown, and it pulls ahead as a version
grows (MkDocs renders the whole navigation into every page).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from measure import Run, build, median, scratch  # noqa: E402

ENGINES = ("mkdocs", "zensical")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each build (default 3)")
    parser.add_argument("--sizes", default="50,500,2000", help="actions per version, comma-separated")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with scratch("engines-bench-", keep=False) as project:
        for size in sizes:
            generate(project / f"size-{size}" / "frameworks" / "city", size, max(1, size // 2), max(1, size // 40), seed=size)
        print(f"one version each of {', '.join(map(str, sizes))} actions, --jobs 1, medians of {args.runs} run(s)")
        print(f"  {'actions':>7}  {'MkDocs build':>12}  {'Zensical build':>14}  {'ratio':>6}   "
              f"{'MkDocs alone':>12}  {'Zensical alone':>14}  {'ratio':>6}")
        for size in sizes:
            runs: dict[str, list[Run]] = {engine: [] for engine in ENGINES}
            for _ in range(args.runs):
                for engine in ENGINES:
                    runs[engine].append(build(project / f"size-{size}", "--jobs", "1", "--engine", engine, cold=True))
            whole = {engine: median(runs[engine]) for engine in ENGINES}
            alone = {engine: median(runs[engine], "engine") for engine in ENGINES}
            print(f"  {size:>7}  {whole['mkdocs']:>10.2f} s  {whole['zensical']:>12.2f} s  "
                  f"{whole['zensical'] / whole['mkdocs']:>5.2f}×   {alone['mkdocs']:>10.2f} s  "
                  f"{alone['zensical']:>12.2f} s  {alone['zensical'] / alone['mkdocs']:>5.2f}×", flush=True)
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
