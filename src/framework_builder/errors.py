"""Errors a command reports to the user (never as a traceback)."""

from __future__ import annotations


class FrameworkBuilderError(Exception):
    """A problem to report in plain words; the CLI prints it and exits non-zero."""

    exit_code = 1


class BuildError(FrameworkBuilderError):
    """The site could not be built; the previous site is left as it was."""


class UsageError(FrameworkBuilderError):
    """The command was called with something that does not exist."""

    exit_code = 2
