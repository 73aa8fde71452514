"""Every size limit on what authors write, in one place (README "Limits" names each one).

The values are generous: a real city plan stays far below them. They exist so that a
mistaken or hostile file cannot exhaust memory, hang a build or publish a page of megabytes.
Imports nothing heavy, so the light modules (discovery, yamlsource) can use it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_FILE_BYTES = 1024 * 1024  # one framework.yml or goal file
MAX_FRAMEWORK_BYTES = 4 * 1024 * 1024  # framework.yml and every goal file together
MAX_RELEASE_BYTES = 16 * 1024 * 1024  # one releases/<version>.yml: a whole framework written out
MAX_FILES = 100  # files in goals/, and in releases/
MAX_RELEASES_BYTES = 64 * 1024 * 1024  # every file in releases/ together
MAX_DEPTH = 20  # levels of nesting in one YAML file (the schema needs 9 at most)
MAX_NUMBER = 10**15  # largest magnitude of a number
MAX_SLUG = 80  # characters in an id
MAX_VERSION = 40  # characters in a version number
MAX_TEXT = 300  # characters in a short text: titles, names, labels, units, notes
MAX_MARKDOWN = 20_000  # characters in a Markdown text: descriptions, summaries, findings
MAX_ITEMS = 500  # items in any list: objectives, actions, indicators, measurements, organizations, ...

# Characters refused in any text: C0 controls (tab and line break aside), DEL and C1 controls,
# and the bidirectional embeddings, overrides and isolates that make text display differently
# from how it is stored. Left-to-right and right-to-left marks (U+200E, U+200F) are
# legitimate in right-to-left text and stay allowed.
_BIDI_AND_C1 = r"\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_IN_MARKDOWN = rf"\x00-\x08\x0b-\x1f{_BIDI_AND_C1}"  # tab and line break allowed
TEXT_PATTERN = rf"^[^\x00-\x1f{_BIDI_AND_C1}]*$"  # a short text: one line, no tab
MARKDOWN_PATTERN = rf"^[^{_IN_MARKDOWN}]*$"
REFUSED_CHARACTER = re.compile(rf"[{_IN_MARKDOWN}]")  # in any value
REFUSED_IN_FILE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{_BIDI_AND_C1}]")  # in a file's text: CRLF allowed

REFUSED_CHARACTER_HINT = ("delete it: it is invisible in most editors, so retype the text around this place "
                          "(or remove the `\\u`/`\\x` escape that writes it)")


def character_name(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: a character named without printing it."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"
