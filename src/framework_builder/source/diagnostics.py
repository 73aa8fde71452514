"""Diagnostics: one problem, where it is, and how to fix it; and their output formats."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

from framework_builder.source.codes import CODES, Severity


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in a framework, at a 1-based line and column of a file."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.error

    @classmethod
    def at(
        cls,
        file: Path | str,
        position: tuple[int, int],
        code: str,
        message: str,
        hint: str = "",
    ) -> "Diagnostic":
        """Make a diagnostic whose severity comes from the code table."""
        return cls(
            file=str(file),
            line=position[0],
            column=position[1],
            code=code,
            message=message,
            hint=hint,
            severity=CODES[code].severity,
        )

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors and warnings in file order, duplicates removed."""
    return sorted(set(diagnostics), key=lambda d: (d.file, d.line, d.column, d.code, d.message))


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


def _line_start(file: str) -> str:
    """A file name that starts a line, never read as a workflow command (`::`): `./` put before it."""
    return f"./{file}" if file.lstrip().startswith("::") else file


def format_text(diagnostics: list[Diagnostic]) -> str:
    """Compiler-style lines: `file:line:col: error FB203: message` and a hint line.

    Text from the framework (file names, messages, hints) is made terminal-safe.
    """
    lines = []
    for d in diagnostics:
        file = _line_start(terminal_safe(d.file))
        lines.append(f"{file}:{d.line}:{d.column}: {d.severity.value} {d.code}: {terminal_safe(d.message)}")
        if d.hint:
            lines.append(f"    hint: {terminal_safe(d.hint)}")
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    lines.append(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so pull requests get inline annotations.

    One `::error` / `::warning` line per diagnostic, escaped as GitHub's workflow-command rules
    require; its message is the terminal-safe message, then the hint after a line break. GitHub
    shows only the first ten annotations of each kind, so the full list follows in plain text for
    the log, where no line can start a workflow command (see `format_text`).
    """
    lines = []
    for d in diagnostics:
        message = terminal_safe(d.message) + (f"\n{terminal_safe(d.hint)}" if d.hint else "")
        props = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (("file", terminal_safe(d.file)), ("line", str(d.line)), ("col", str(d.column)),
                               ("title", d.code))
        )
        lines.append(f"::{d.severity.value} {props}::{_escape_data(message)}")
    lines.append(format_text(diagnostics))
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic]) -> str:
    """A stable JSON list for tools (see `json_dumps` for how unsafe characters are written)."""
    return json_dumps([{**asdict(d), "severity": d.severity.value} for d in diagnostics])


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
