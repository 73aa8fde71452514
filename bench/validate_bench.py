"""Benchmark: the whole `validate` process against a process that merely parses the same YAML with libyaml.

Generates a large framework (2,000 actions, 1,000 indicators, 50 goal files) into a temporary
folder, checks it validates, then times N alternating runs of

  (a) python -m framework_builder validate <folder>
  (b) python -c "...yaml.load(text, Loader=yaml.CSafeLoader) for every file..."

and prints the median wall time of each, their ratio, and PASS/FAIL against the goals
(ratio under 3, validate under 1 s). Exits 1 when a goal is missed.

    python bench/validate_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ACTIONS, INDICATORS, GOALS = 2000, 1000, 50
MAX_RATIO = 3.0
MAX_VALIDATE_SECONDS = 1.0
PARSE_ONLY = (
    "import sys, yaml\n"
    "for path in sys.argv[1:]:\n"
    "    with open(path, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


def _timed(command: list[str]) -> float:
    """Wall time of one run of `command`, which must succeed."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="repetitions of each process (default 7)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        files = generate(folder, actions=ACTIONS, indicators=INDICATORS, goals=GOALS)
        size = sum(path.stat().st_size for path in files)
        validate = [sys.executable, "-m", "framework_builder", "validate", str(folder)]
        parse_only = [sys.executable, "-c", PARSE_ONLY, *map(str, files)]

        # The generated framework must be valid (warnings allowed), or the timing means nothing.
        _timed(validate)

        validate_times, parse_times = [], []
        for _ in range(args.runs):
            validate_times.append(_timed(validate))
            parse_times.append(_timed(parse_only))

    validate_median = statistics.median(validate_times)
    parse_median = statistics.median(parse_times)
    ratio = validate_median / parse_median
    ratio_ok = ratio < MAX_RATIO
    time_ok = validate_median < MAX_VALIDATE_SECONDS

    print(f"input: {len(files)} files, {size:,} bytes ({ACTIONS:,} actions, {INDICATORS:,} indicators, {GOALS} goal files)")
    print(f"runs: {args.runs} of each, alternating")
    print(f"validate process, median:          {validate_median:.3f} s  (all: {_list(validate_times)})")
    print(f"PyYAML CSafeLoader parse, median:  {parse_median:.3f} s  (all: {_list(parse_times)})")
    print(f"ratio validate / parse:            {ratio:.2f}")
    print(f"goal ratio < {MAX_RATIO:g}: {'PASS' if ratio_ok else 'FAIL'}")
    print(f"goal validate < {MAX_VALIDATE_SECONDS:g} s: {'PASS' if time_ok else 'FAIL'}")
    return 0 if ratio_ok and time_ok else 1


def _list(times: list[float]) -> str:
    return " ".join(f"{t:.3f}" for t in times)


if __name__ == "__main__":
    sys.exit(main())
