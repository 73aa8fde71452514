"""`framework-builder validate`: check frameworks and report every problem."""

from __future__ import annotations

from pathlib import Path

from framework_builder.errors import ProblemsFound
from framework_builder.source.diagnostics import FORMATTERS, Diagnostic, sort_diagnostics
from framework_builder.source.discovery import find_framework_folders
from framework_builder.source.loader import LoadedFramework, load_framework
from framework_builder.terminal import terminal_safe


def load_all(paths: list[Path]) -> list[LoadedFramework]:
    """Load every framework named by `paths` (folders, or folders of frameworks)."""
    return [load_framework(folder) for folder in find_framework_folders(paths)]


def run(paths: list[Path], output_format: str, strict: bool) -> str:
    """Validate; return the report, or raise ProblemsFound carrying it (errors, or warnings with `strict`)."""
    loaded = load_all(paths)
    diagnostics: list[Diagnostic] = sort_diagnostics(d for item in loaded for d in item.diagnostics)
    failed = any(d.is_error or strict for d in diagnostics)
    report = FORMATTERS[output_format](diagnostics)
    if output_format == "text" and not diagnostics:
        names = terminal_safe(", ".join(item.slug for item in loaded))
        report = f"{len(loaded)} framework{'s' if len(loaded) != 1 else ''} valid: {names}"
    if failed:
        raise ProblemsFound(report=report)
    return report
