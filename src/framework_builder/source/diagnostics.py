"""Diagnostics: one problem, where it is, and how to fix it; and their output formats."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from framework_builder.source.codes import CODES, Severity
from framework_builder.terminal import json_dumps, terminal_safe


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
