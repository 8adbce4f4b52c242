"""Diagnostics (collected, never raised for user content) and the one root exception.

Readers and builders add a :class:`Diagnostic` to a :class:`Diagnostics` collector and carry
on; a stage ends with :meth:`Diagnostics.stop_if_errors`, which raises :class:`InputError`
carrying every problem found. Only ``cli.py`` prints them and chooses the exit code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from paperwork.model.source import Pos

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem: ``path:line:col: error: message [code]``."""

    severity: Severity
    code: str
    message: str
    pos: Pos | None = None

    def __str__(self) -> str:
        where = f"{self.pos}: " if self.pos is not None else ""
        return f"{where}{self.severity}: {self.message} [{self.code}]"


@dataclass(slots=True)
class Diagnostics:
    """A collector of diagnostics for one run. The same problem at the same place is kept
    once, however many builders find it (the call sheets and their sides both look up a
    ``--day``)."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(self.items)

    def _add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def error(self, code: str, message: str, pos: Pos | None = None) -> None:
        self._add(Diagnostic("error", code, message, pos))

    def warning(self, code: str, message: str, pos: Pos | None = None) -> None:
        self._add(Diagnostic("warning", code, message, pos))

    def info(self, code: str, message: str, pos: Pos | None = None) -> None:
        self._add(Diagnostic("info", code, message, pos))

    def extend(self, other: Diagnostics | list[Diagnostic]) -> None:
        for diagnostic in other.items if isinstance(other, Diagnostics) else other:
            self._add(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def codes(self) -> list[str]:
        return [d.code for d in self.items]

    def stop_if_errors(self) -> None:
        """End the stage: raise InputError with every diagnostic if any is an error."""
        if self.has_errors:
            raise InputError(list(self.items))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class PaperworkError(Exception):
    """The root of every error a user can cause. Anything else is a bug."""

    exit_code = 1

    def __init__(self, message: str = "", diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics: list[Diagnostic] = list(diagnostics or [])

    def __str__(self) -> str:
        return self.message


class InputError(PaperworkError):
    """The user's files have errors (exit 1). Carries every diagnostic of the stage."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic] | str) -> None:
        if isinstance(diagnostics, str):
            super().__init__(diagnostics, [])
        else:
            n = sum(1 for d in diagnostics if d.severity == "error")
            super().__init__(f"{n} error{'s' if n != 1 else ''} in the input", diagnostics)


class UsageError(PaperworkError):
    """The command was used wrongly, or an output exists and --force was not given (exit 2)."""

    exit_code = 2


class OutputError(PaperworkError):
    """The output folder cannot take the run: not writable, full, locked by another run,
    a name that is a folder, a manifest that is not ours (exit 3). Nothing was changed."""

    exit_code = 3


class TemplateError(PaperworkError):
    """A template is broken or names a variable its context lacks (exit 4)."""

    exit_code = 4


class RenderError(PaperworkError):
    """A renderer could not produce the document (exit 5)."""

    exit_code = 5
