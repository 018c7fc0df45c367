"""Diagnostics: the one shape every user-facing problem takes.

Every message follows ``<path>:<line>[:<col>]: <severity>: <what is wrong>. <what to do>.``
so editors can jump to the place and CI logs read the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class SourceLocation:
    """Where a problem is: a file (relative to the project) and, where it applies, a line."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's files, with the fix we suggest."""

    location: SourceLocation
    severity: Severity
    message: str
    fix: str = ""

    def format(self) -> str:
        text = f"{self.location}: {self.severity.value}: {_sentence(self.message)}"
        if self.fix:
            text += f" {_sentence(self.fix)}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def error(path: str, message: str, fix: str = "", *, line: int | None = None,
          column: int | None = None) -> Diagnostic:
    return Diagnostic(SourceLocation(path, line, column), Severity.ERROR, message, fix)


def warning(path: str, message: str, fix: str = "", *, line: int | None = None,
            column: int | None = None) -> Diagnostic:
    return Diagnostic(SourceLocation(path, line, column), Severity.WARNING, message, fix)


def info(path: str, message: str, fix: str = "", *, line: int | None = None) -> Diagnostic:
    return Diagnostic(SourceLocation(path, line), Severity.INFO, message, fix)


class EvidenceBriefError(Exception):
    """Base of the errors the CLI prints as diagnostics rather than tracebacks."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


class ProjectError(EvidenceBriefError):
    """The project folder itself is unusable (missing, not a folder, not writable)."""
