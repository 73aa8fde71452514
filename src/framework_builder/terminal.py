"""Text printed to a terminal or a CI log: what a framework's authors wrote, made unable to
move the cursor, reorder what is shown, or start a line (and with it a GitHub workflow command).

Every message of ours that quotes the user's input or a framework's text passes here on its way out.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Callable

# Characters that must never reach a terminal or a CI log raw: controls (C0, DEL, C1: escape sequences,
# carriage returns, backspaces, line breaks), format characters (bidi overrides and isolates, zero-width
# characters, soft hyphens), lone surrogates, and the Unicode line and paragraph separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# GitHub's runner reads the legacy workflow-command prefix `##[` anywhere in a line of the log.
_LEGACY_COMMAND = "##["


def _is_unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def _replace_unsafe(text: str, replace: Callable[[str], str], keep: str = "") -> str:
    """`text` with every unsafe character (other than those in `keep`) replaced."""
    if text.isprintable():  # the common case: nothing to do
        return text
    return "".join(replace(char) if char not in keep and _is_unsafe(char) else char for char in text)


def _visible_escape(char: str) -> str:
    """A character as a visible Python-style escape: `\\n`, `\\x1b`, `\\u202e`, `\\U000e0001`."""
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def terminal_safe(text: str) -> str:
    """Text from a framework made safe to print on one line of a terminal or a CI log.

    Every control, format (bidi, zero-width) and line-separator character becomes a visible escape
    such as `\\x1b` or `\\u202e`, so the text can neither move the cursor, recolour or clear the
    terminal, reorder what is shown, nor start a new line (and with it a GitHub workflow command);
    `##[`, which GitHub reads as a workflow command anywhere in a line, is broken up as `#\\x23[`.
    Printable text, including every script and emoji, is left as it is. Safe to apply twice.
    """
    return _replace_unsafe(text, _visible_escape).replace(_LEGACY_COMMAND, "#\\x23[")


def terminal_lines(text: str) -> str:
    """Several lines of a message made terminal-safe one by one (the line breaks themselves are ours)."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


def _json_escape(char: str) -> str:
    """A character as a JSON `\\u` escape (a surrogate pair above U+FFFF)."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_dumps(value: object) -> str:
    """Indented JSON for tools: every string exact once decoded, but unsafe characters written as
    `\\u` escapes, so printing the JSON never sends one raw to a terminal."""
    return _replace_unsafe(json.dumps(value, indent=2, ensure_ascii=False), _json_escape, keep="\n")
