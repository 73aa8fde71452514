"""Diagnostics: one problem, where it is, and how to fix it; and their output formats."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from .codes import CODES, Severity


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


def format_text(diagnostics: list[Diagnostic]) -> str:
    """Compiler-style lines: `file:line:col: error FB203: message` and a hint line."""
    lines = []
    for d in diagnostics:
        lines.append(f"{d.file}:{d.line}:{d.column}: {d.severity.value} {d.code}: {d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
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

    GitHub shows only the first ten annotations of each kind, so the full list
    follows in plain text for the log.
    """
    lines = []
    for d in diagnostics:
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (("file", d.file), ("line", d.line), ("col", d.column), ("title", d.code))
        )
        lines.append(f"::{d.severity.value} {props}::{_escape_data(message)}")
    lines.append(format_text(diagnostics))
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic]) -> str:
    """A stable JSON list for tools."""
    items = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
    return json.dumps(items, indent=2, ensure_ascii=False)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
