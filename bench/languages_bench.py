"""Benchmark: what translations cost the demo's build (issue 11).

Copies frameworks/ twice into temporary projects: as it is (Riverton and Stamford with Spanish) and
with every `translations/` folder removed. Then, in one run:

  full build      each project N times (medians), the cache (`build/`) and the output deleted before each
                  build, the two projects taking turns so both see the same machine
  no change       the translated demo built again, nothing changed
  one language    after editing one Spanish text of Riverton: only Riverton's Spanish pages are rebuilt

and prints the figures side by side: seconds, MkDocs builds (a version in a language is one), our
rendering and MkDocs from each build's summary line (step times summed over the build's processes), and
the cost of one language per version
(the issue expects about one more MkDocs build per version, and unchanged languages from the cache).

    python bench/languages_bench.py [--runs 3] [--keep]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Run, build, median, scratch  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EDITED = "riverton/translations/es.yml"


def project(root: Path, translated: bool) -> Path:
    """A project holding a copy of the demo frameworks, with or without their translations."""
    root.mkdir()
    shutil.copytree(REPO / "frameworks", root / "frameworks")
    if not translated:
        for folder in (root / "frameworks").glob("*/translations"):
            shutil.rmtree(folder)
    return root


def edit_one_language(root: Path, round_: int) -> None:
    """Reword one Spanish title of Riverton (its digest stays: still a current translation)."""
    path = root / "frameworks" / EDITED
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r'text: "Hacer que denunciar sea fácil y de confianza[^"]*"',
                    f'text: "Hacer que denunciar sea fácil y de confianza ({round_})"', text)
    if edited == text:
        raise SystemExit(f"could not find the title to edit in {EDITED}")
    path.write_text(edited, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measurement (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print their path")
    args = parser.parse_args()

    with scratch("languages-bench-", args.keep) as temporary:
        without = project(temporary / "without", translated=False)
        with_ = project(temporary / "with", translated=True)
        plain: list[Run] = []
        translated: list[Run] = []
        unchanged: list[Run] = []
        one_language: list[Run] = []
        for round_ in range(1, args.runs + 1):
            plain.append(build(without, cold=True))
            translated.append(build(with_, cold=True))
            unchanged.append(build(with_))
            edit_one_language(with_, round_)
            one_language.append(build(with_))
            print(f"round {round_}: without translations {plain[-1].seconds:.1f} s ({plain[-1].built} built), "
                  f"with {translated[-1].seconds:.1f} s ({translated[-1].built} built), "
                  f"no change {unchanged[-1].seconds:.2f} s ({unchanged[-1].reused} reused), "
                  f"one language edited {one_language[-1].seconds:.2f} s ({one_language[-1].built} built)",
                  flush=True)

        versions = plain[0].built
        languages = translated[0].built - versions  # the versions built once more, in Spanish
        extra = median(translated, "seconds") - median(plain, "seconds")
        extra_mkdocs = median(translated, "engine") - median(plain, "engine")
        print(f"\nthe demo: {versions} versions; with translations {translated[0].built} MkDocs builds "
              f"({languages} versions also in Spanish). Medians of {args.runs} runs, cold cache each time.")
        print(f"  {'':<40} {'without':>10} {'with':>10}")
        for name, field, unit in (("full build", "seconds", "s"), ("  our rendering (summed over processes)", "render", "s"),
                                  ("  MkDocs (summed over processes)", "engine", "s")):
            print(f"  {name:<40} {median(plain, field):>8.2f} {unit} {median(translated, field):>8.2f} {unit}")
        print(f"  {'MkDocs builds':<40} {versions:>10} {translated[0].built:>10}")
        if languages:
            print(f"  one language of one version costs {extra / languages:.2f} s of wall time, "
                  f"{extra_mkdocs / languages:.2f} s of MkDocs "
                  f"(one version in the source language: {median(plain, 'engine') / versions:.2f} s of MkDocs)")
        print(f"  rebuild, nothing changed: {median(unchanged, 'seconds'):.2f} s "
              f"({unchanged[-1].built} built, {unchanged[-1].reused} reused)")
        print(f"  rebuild after editing one Spanish text of Riverton: {median(one_language, 'seconds'):.2f} s "
              f"({one_language[-1].built} built, {one_language[-1].reused} reused)")
        checks = [
            (all(run.built == translated[0].built for run in translated), "every full build built every language"),
            (all(run.built == 0 for run in unchanged), "a rebuild with nothing changed built nothing"),
            (all(0 < run.built <= 2 for run in one_language),
             "editing one language rebuilt only Riverton's Spanish versions"),
        ]
        for ok, what in checks:
            print(f"  {what:<62} {'PASS' if ok else 'FAIL'}")
        return 0 if all(ok for ok, _ in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
