"""Near-miss suggestions ("did you mean ...?"), common synonyms, and id suggestions."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

from framework_builder.model.framework import FIRST_YEAR, LAST_YEAR

# Words authors write for an allowed value, and the value they mean. A synonym is suggested
# only when its value is one of the options of the field at hand, so one word may mean a value
# in one field and another in another ("hold": maintain a direction, put an action on hold).
_MEANINGS: dict[str, tuple[str, ...]] = {
    "decrease": ("reduce", "lower", "fewer", "down", "less", "decreasing", "reduction", "minimize", "minimise"),
    "increase": ("raise", "grow", "more", "up", "higher", "increasing", "improve", "maximize", "maximise"),
    "maintain": ("keep", "steady", "hold", "same", "stable", "sustain", "flat"),
    "complete": ("done", "finished", "completed", "closed"),
    "in-progress": ("ongoing", "started", "underway", "active", "in-process", "begun", "current"),
    "on-hold": ("paused", "suspended", "hold", "postponed", "deferred"),
    "dropped": ("cancelled", "canceled", "stopped", "abandoned", "removed"),
    "not-started": ("planned", "todo", "to-do", "pending", "proposed", "future"),
    "near-term": ("short-term", "short", "immediate", "soon"),
    "mid-term": ("medium-term", "medium", "intermediate"),
    "long-term": ("long", "later"),
    "annually": ("yearly", "annual", "every-year", "each-year"),
    "quarterly": ("quarter", "every-quarter"),
    "monthly": ("month", "every-month"),
    "twice-yearly": ("biannual", "biannually", "semiannual", "semi-annual", "semi-annually", "half-yearly",
                     "twice-a-year"),
    "once": ("one-time", "one-off", "single"),
    "count": ("number", "total", "tally"),
    "percent": ("percentage", "%", "share", "proportion"),
    "rate": ("ratio", "per-capita"),
    "qualitative": ("text", "words", "narrative", "descriptive"),
    "public-comment": ("comment", "comments", "consultation", "public-review"),
    "adopted": ("approved", "final", "passed", "adopt"),
    "convener": ("chair", "convenor", "coordinator", "backbone"),
    "steering": ("steering-committee", "oversight", "advisory"),
    "funder": ("funding", "donor", "sponsor", "foundation", "philanthropy"),
    "technical-support": ("technical-assistance", "technical", "support", "advisor", "adviser"),
    "local-government": ("government", "municipal", "county"),
    "law-enforcement": ("police", "sheriff", "public-safety"),
    "education": ("school", "schools", "university", "college"),
    "nonprofit": ("non-profit", "ngo", "charity"),
    "health": ("public-health", "hospital", "healthcare"),
    # The levels a plan names (`levels:`), by the words plans use for them
    "objective": ("strategy", "strategies", "priority", "priorities", "pillar", "pillars", "objectives"),
    "action": ("task", "tasks", "activity", "activities", "step", "steps", "initiative", "initiatives", "actions"),
    "indicator": ("measure", "measures", "metric", "metrics", "kpi", "kpis", "indicators"),
    "goal": ("aim", "aims", "goals"),
}
SYNONYMS: dict[str, list[str]] = {
    word: [value for value, words in _MEANINGS.items() if word in words]
    for words in _MEANINGS.values() for word in words
}


def _normal(word: str) -> str:
    """'Short term', 'short_term' and 'SHORT-TERM' all read as 'short-term'."""
    return re.sub(r"[\s_]+", "-", word.strip().lower())


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option `word` most likely means: the same word in other letters, a synonym, or a near miss."""
    options = list(options)
    normal = {_normal(option): option for option in options}
    if _normal(word) in normal and word not in options:
        return normal[_normal(word)]
    meant = [value for value in SYNONYMS.get(_normal(word), []) if value in options]
    if meant:
        return meant[0]
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def slugify(text: str) -> str:
    """A valid id made from free text: 'Youth Outreach!' -> 'youth-outreach'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "item"


_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}


def period_in(text: str) -> str | None:
    """The period `text` most likely means, written as a period is: 'Q3 2025' -> '2025-Q3',
    'March 2025' -> '2025-03', 'FY2025' -> '2025'; None when it is not clear."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    years = [w for w in words if len(w) == 4 and w.isdigit() and FIRST_YEAR <= int(w) <= LAST_YEAR]
    if len(years) != 1:
        return None
    year, rest = years[0], [w for w in words if w != years[0]]
    if rest in (["q", "1"], ["q", "2"], ["q", "3"], ["q", "4"]) or (len(rest) == 1 and re.fullmatch(r"q[1-4]", rest[0])):
        return f"{year}-Q{rest[-1][-1]}"
    if rest in (["h", "1"], ["h", "2"]) or (len(rest) == 1 and re.fullmatch(r"h[12]", rest[0])):
        return f"{year}-H{rest[-1][-1]}"
    if len(rest) == 1 and rest[0] in _MONTHS:
        return f"{year}-{_MONTHS[rest[0]]:02d}"
    if len(rest) == 1 and rest[0].isdigit() and 1 <= int(rest[0]) <= 12 and not text.strip().startswith(year):
        return f"{year}-{int(rest[0]):02d}"  # 03/2025
    if rest in ([], ["fy"], ["cy"], ["year"]):
        return year
    return None


def number_in(text: str) -> str | None:
    """The plain number a text written for people means: '$280,000' -> '280000', '1,200 people' -> None
    (a word besides the number is not guessed at), '280 000 €' -> '280000'."""
    bare = re.sub(r"^(?:[$€£¥]|usd|eur|gbp|cad)\s*|\s*(?:[$€£¥]|usd|eur|gbp|cad)$", "", text.strip(), flags=re.I)
    if not re.fullmatch(r"-?\d{1,3}(?:[, \u00a0\u202f]\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?", bare):
        return None
    number = re.sub(r"[, \u00a0\u202f]", "", bare)
    return number if number != text.strip() else None
