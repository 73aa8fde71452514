"""The errors a command reports to the user, and the one place that prints them.

Every command raises one of these; click calls `show()` and exits with `exit_code`, as
MkDocs' `Abort` does. Nothing is ever reported as a traceback. A message may quote what
the user typed or what a framework says, so it is printed terminal-safe.

Exit codes: 1 a framework has problems or the site could not be built, 2 the command was
called with something that does not exist or cannot be used, 3 a released version changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import click

from framework_builder.terminal import terminal_lines


class FrameworkBuilderError(click.ClickException):
    """A problem to report in plain words.

    `message` goes to stderr. `report`, when given, is the command's own output (a validation
    report, a pull-request summary) and goes to stdout first, so a tool reading stdout still
    gets it when the command fails.
    """

    exit_code = 1

    def __init__(self, message: str = "", report: str = "") -> None:
        super().__init__(message)
        self.report = report

    def show(self, file: IO[Any] | None = None) -> None:
        if self.report:
            click.echo(self.report, nl=not self.report.endswith("\n"))
        if self.message:
            click.echo(terminal_lines(self.message), file=file, err=file is None)

    def __str__(self) -> str:
        return self.message


class ProblemsFound(FrameworkBuilderError):
    """A framework has errors (or warnings, with --strict)."""


class BuildError(FrameworkBuilderError):
    """The site could not be built; the previous site is left as it was."""


class ScaffoldError(FrameworkBuilderError):
    """`new` will not write the framework (the folder exists, or a name cannot be used)."""

    exit_code = 2


class ReleaseRefused(FrameworkBuilderError):
    """`release` will not freeze the working version (it has errors, or is released already)."""


class ReleasedVersionChanged(FrameworkBuilderError):
    """A pull request edits or removes a released version, which never changes."""

    exit_code = 3


class UsageError(FrameworkBuilderError):
    """The command was called with something that does not exist or cannot be used."""

    exit_code = 2


class UnknownFramework(UsageError):
    """The framework named on the command line is not in the frameworks folder."""

    def __init__(self, slug: str, root: Path, known: list[str]) -> None:
        listed = ", ".join(known) or f"none in {root}"
        super().__init__(f"unknown framework '{slug}' (frameworks: {listed})")


class BuildDateError(UsageError):
    """SOURCE_DATE_EPOCH does not hold a date."""


class GitError(UsageError):
    """A git ref could not be read."""
