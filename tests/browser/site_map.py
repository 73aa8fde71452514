"""The demo site the browser tests build, and one page of each type in it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-12-01"

# The demo framework version that is open for comment on TODAY.
SLUG = "stamford"
VERSION = "stamford/0.3/"
GOAL = VERSION + "goals/awareness/"
GOALS = VERSION + "goals/"
ACTION_PLAN = VERSION + "action-plan/"
PRINT = VERSION + "print/"
# Stamford's working version answers the comments on 0.2 (What we heard) and has a quick exit.
HEARD_VERSION = VERSION
# Lakeport's adopted version, written as real plans are published (issue 10): strategies, a goal with actions
# directly under it, a measures-only goal, amounts, roles, focus areas, horizon and engagement.
LAKEPORT = "lakeport/1.0/"
# The demo in Spanish (issue 11): Riverton's adopted version translated completely, and Stamford's working
# version, whose goals and objectives are translated and the rest shown in English with a note.
SPANISH = "riverton/1.1/es/"
SPANISH_WITH_NOTES = "stamford/0.3/es/"
# Right to left: tests/fixtures/multilingual in Arabic (a few texts translated, the rest in English with a
# note), built on its own and served beside the demo under its slug (the demo's portal does not list it).
RIGHT_TO_LEFT_FIXTURE = REPO / "tests" / "fixtures" / "multilingual"
RIGHT_TO_LEFT = "multilingual/1.0/ar/"
LANGUAGES = ("es", "ar")  # the languages of the translated pages above: the third part of their paths

PAGE_TYPES = {
    "portal": "",
    "overview": VERSION,
    "goal": GOAL,
    "goals index": GOALS,
    "action plan": ACTION_PLAN,
    "indicators": VERSION + "indicators/",
    "findings": VERSION + "findings/",
    "partners": VERSION + "partners/",
    "funding": VERSION + "funding/",
    "changes": VERSION + "changes/",
    "how to comment": VERSION + "comment/",
    "get help": VERSION + "help/",
    "print": PRINT,
    "accessibility statement": VERSION + "accessibility/",
    "privacy": VERSION + "privacy/",
    # Stamford's working version records what it heard on 0.2 ("get help" and "how to comment" have its quick exit).
    "what we heard": HEARD_VERSION + "heard/",
    "goal with what we heard": HEARD_VERSION + "goals/reporting/",
    "overview with plan facts": LAKEPORT,
    "goal with strategies": LAKEPORT + "goals/intervene/",
    "goal with actions directly under it": LAKEPORT + "goals/youth/",
    "measures-only goal": LAKEPORT + "goals/measures/",
    "focus areas": LAKEPORT + "areas/",
    "funding with amounts": LAKEPORT + "funding/",
    "partners by role": LAKEPORT + "partners/",
    "spanish overview": SPANISH,
    "spanish goal": SPANISH + "goals/reporting/",
    "spanish indicators": SPANISH + "indicators/",
    "spanish changes": SPANISH + "changes/",
    "spanish how to comment": SPANISH + "comment/",
    "spanish get help": SPANISH + "help/",
    "spanish goal with notes": SPANISH_WITH_NOTES + "goals/awareness/",
    "right-to-left overview": RIGHT_TO_LEFT,
    "right-to-left goal": RIGHT_TO_LEFT + "goals/safety/",
}

SCHEMES = ["light", "dark"]

# tests/fixtures/shaped (levels named priority/strategy/activity/measure, references, focus areas), built on its own
# inside its comment window: a goal page with activities directly under the priority, and its focus areas page.
SHAPED_TODAY = "2026-02-01"
SHAPED_VERSION = "shaped/2.0/"
SHAPED_GOAL = SHAPED_VERSION + "goals/safe-streets/"
SHAPED_AREAS = SHAPED_VERSION + "areas/"

# The pages checked at phone size (390×844).
PHONE = {"width": 390, "height": 844}
# Every page of a version, at phone width (the portal is plain HTML without the theme's header).
PHONE_PAGES = {name.replace(" ", "-"): path for name, path in PAGE_TYPES.items() if name != "portal"}
# What the phone header shows on each version's pages: the framework's short title and the version.
PHONE_HEADERS = {VERSION: ("Stamford", "0.3"), LAKEPORT: ("Lakeport", "1.0"), SPANISH: ("Riverton", "1.1"),
                 SPANISH_WITH_NOTES: ("Stamford", "0.3"), RIGHT_TO_LEFT: ("Testville", "1.0")}


def version_of(path: str) -> str:
    """The framework version (and language) a page path belongs to: "stamford/0.3/goals/awareness/" →
    "stamford/0.3/", "riverton/1.1/es/goals/youth/" → "riverton/1.1/es/"."""
    parts = path.split("/")
    return "/".join(parts[:3] if len(parts) > 3 and parts[2] in LANGUAGES else parts[:2]) + "/"

# Every (page type, colour scheme) pair: each is one page load, shared by every check.
EVERY_PAGE = [(page_type, scheme) for page_type in PAGE_TYPES for scheme in SCHEMES]
