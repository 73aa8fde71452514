"""Near-miss suggestions ("did you mean ...?") and id suggestions."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option closest to `word`, if one is close enough to be a likely typo."""
    options = list(options)
    lowered = {option.lower(): option for option in options}
    if word.lower() in lowered and word not in options:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def slugify(text: str) -> str:
    """A valid id made from free text: 'Youth Outreach!' -> 'youth-outreach'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "item"
