"""Generate a large, valid framework for benchmarks: deterministic (seeded), in the real schema.

    python bench/generate.py OUT_FOLDER [--actions 2000] [--indicators 1000] [--goals 50]

OUT_FOLDER's name becomes the framework's slug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

from framework_builder.model.framework import Status
from framework_builder.model.releases import dump_release, freeze, release_path
from framework_builder.source.loader import load_framework

SECTORS = ["local-government", "education", "law-enforcement", "nonprofit", "social-services", "faith",
           "community", "health", "business", "library"]
FUNDING_KINDS = ["local-government", "state", "federal", "foundation", "community", "private"]
WORDS = ("residents schools libraries partners neighborhood youth families reporting training outreach "
         "forum survey referral mentoring network response prevention trust safety community support").split()
MEASURES = ["count", "percent", "rate", "qualitative"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def _date(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal whole numbers."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _framework_yml(rng: random.Random, slug: str, orgs: list[str], findings: list[str], funds: list[str]) -> str:
    lines = [
        f"slug: {slug}",
        "city: Benchville",
        "region: Example State",
        "title: Benchville prevention framework",
        "summary: |",
        "  A large generated framework used to measure the validator.",
        f"  {_sentence(rng, 30)}.",
        'version: "1.0"',
        "status: draft",
        "organizations:",
    ]
    for org in orgs:
        lines += [f"  - id: {org}", f"    name: {org.replace('-', ' ').title()}",
                  f"    sector: {rng.choice(SECTORS)}", f"    url: https://example.org/{org}"]
    lines.append("findings:")
    for finding in findings:
        lines += [f"  - id: {finding}", f"    text: {_sentence(rng, 25)}."]
    lines.append("funding:")
    for fund in funds:
        lines += [f"  - id: {fund}", f"    name: {fund.replace('-', ' ').title()}", f"    kind: {rng.choice(FUNDING_KINDS)}"]
    lines += ["resources:", "  - id: emergency", "    name: Emergency services",
              "    description: Call 911 if someone is in danger now.", '    phone: "911"', "    emergency: true"]
    return "\n".join(lines) + "\n"


def _indicator(rng: random.Random, ident: str) -> list[str]:
    measure = rng.choice(MEASURES)
    kind = rng.choice(["output", "outcome", "impact"])
    lines = [f"  - id: {ident}", f"    name: {_sentence(rng, 6)}", f"    description: {_sentence(rng, 18)}.",
             f"    type: {kind}", f"    measure: {measure}", f"    direction: {rng.choice(['increase', 'decrease', 'maintain'])}",
             "    frequency: quarterly"]

    def value() -> str:
        if measure == "qualitative":
            return f'"{_sentence(rng, 4)}"'
        return str(rng.randint(0, 100)) if measure == "percent" else str(rng.randint(0, 5000))

    start = _date(rng, 2024)
    lines += [f"    baseline: {{value: {value()}, date: {start}}}",
              f"    target: {{value: {value()}, date: {_date(rng, 2028)}}}",
              "    measurements:"]
    for quarter in range(1, rng.randint(2, 6)):
        lines.append(f"      - {{date: {start + dt.timedelta(days=91 * quarter)}, value: {value()}}}")
    return lines


def _addresses(rng: random.Random, action: str, findings: list[str]) -> str:
    """Action n addresses finding n (cycling, so every finding is addressed) and one other."""
    own = findings[(int(action.rsplit("-", 1)[1]) - 1) % len(findings)]
    other = rng.choice([finding for finding in findings if finding != own])
    return f"{own}, {other}"


def _goal_yml(rng: random.Random, goal: str, actions: list[str], indicators: list[str],
              orgs: list[str], findings: list[str], funds: list[str]) -> str:
    lines = [f"id: {goal}", f"title: {_sentence(rng, 7)}", "summary: |", f"  {_sentence(rng, 40)}.", "objectives:"]
    per_objective = _spread(len(actions), max(1, len(actions) // 10))
    taken = 0
    for number, count in enumerate(per_objective, start=1):
        lines += [f"  - id: {goal}-objective-{number}", f"    title: {_sentence(rng, 6)}",
                  f"    prevention_level: {rng.choice(['primary', 'secondary', 'tertiary'])}", "    actions:"]
        for action in actions[taken:taken + count]:
            start = _date(rng, 2025)
            lines += [f"      - id: {action}", f"        title: {_sentence(rng, 6)}",
                      f"        description: {_sentence(rng, 20)}.",
                      f"        lead: {rng.choice(orgs)}", f"        partners: [{', '.join(rng.sample(orgs, 2))}]",
                      f"        timeframe: {rng.choice(['near-term', 'mid-term', 'long-term'])}",
                      f"        start: {start}", f"        end: {start + dt.timedelta(days=rng.randint(30, 900))}",
                      f"        status: {rng.choice(['not-started', 'in-progress', 'complete', 'on-hold'])}",
                      f"        addresses: [{_addresses(rng, action, findings)}]",
                      f"        funding: [{rng.choice(funds)}]"]
        taken += count
    lines.append("indicators:")
    for indicator in indicators:
        lines += _indicator(rng, indicator)
    return "\n".join(lines) + "\n"


def generate(folder: Path | str, actions: int = 2000, indicators: int = 1000, goals: int = 50, seed: int = 2024) -> list[Path]:
    """Write a valid framework into `folder` (its name is the slug); return the files written."""
    folder = Path(folder)
    rng = random.Random(seed)
    orgs = [f"organization-{n}" for n in range(1, 41)]
    findings = [f"finding-{n}" for n in range(1, 61)]
    funds = [f"fund-{n}" for n in range(1, 11)]
    (folder / "goals").mkdir(parents=True, exist_ok=True)
    head = folder / "framework.yml"
    head.write_text(_framework_yml(rng, folder.name, orgs, findings, funds), encoding="utf-8")
    written = [head]
    action_ids = iter(f"action-{n}" for n in range(1, actions + 1))
    indicator_ids = iter(f"indicator-{n}" for n in range(1, indicators + 1))
    for number, (n_actions, n_indicators) in enumerate(zip(_spread(actions, goals), _spread(indicators, goals)), start=1):
        goal = f"goal-{number:02d}"
        goal_actions = [next(action_ids) for _ in range(n_actions)]
        goal_indicators = [next(indicator_ids) for _ in range(n_indicators)]
        path = folder / "goals" / f"{goal}.yml"
        path.write_text(_goal_yml(rng, goal, goal_actions, goal_indicators, orgs, findings, funds), encoding="utf-8")
        written.append(path)
    return written


def generate_versions(folder: Path, actions: int, indicators: int, goals: int, seed: int, comments: str) -> None:
    """Write a framework (`generate`) with releases 1.0 (public comment) and 2.0 (adopted) and a working
    version 3.0 open for comment through `comments` (the `comments:` block of its framework.yml)."""
    generate(folder, actions, indicators, goals, seed=seed)
    loaded = load_framework(folder)
    if not loaded.ok or loaded.framework is None:
        raise SystemExit(f"generated framework {folder.name} is not valid: {loaded.diagnostics[:3]}")
    base = loaded.framework
    (folder / "releases").mkdir()
    for version, status, day, summary in (("1.0", Status.public_comment, dt.date(2025, 3, 1), "First draft."),
                                          ("2.0", Status.adopted, dt.date(2025, 9, 1), base.summary)):
        framework = base.model_copy(update={"version": version, "summary": summary})
        release_path(folder, version).write_text(dump_release(freeze(framework, status, day)), encoding="utf-8")
    head = folder / "framework.yml"
    text = head.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "3.0"')
    head.write_text(text.replace("status: draft", "status: public-comment\n" + comments.rstrip()), encoding="utf-8")


def edit_action_title(goal: Path, round_: int) -> None:
    """Change the title of the first action (action-1) of the goal file `goal`, naming `round_`."""
    text = goal.read_text(encoding="utf-8")
    edited, count = re.subn(r"(      - id: action-1\n        title: ).*", rf"\g<1>Edited action title {round_}", text)
    if count != 1:
        raise SystemExit("could not find the action to edit")
    goal.write_text(edited, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--goals", type=int, default=50)
    args = parser.parse_args()
    files = generate(args.folder, args.actions, args.indicators, args.goals)
    print(f"wrote {len(files)} files, {sum(p.stat().st_size for p in files):,} bytes, into {args.folder}")


if __name__ == "__main__":
    main()
