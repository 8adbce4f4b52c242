"""Where a thing came from: a 1-based position in a user's file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pos:
    """A position in a user's file, printed the way a co-ordinator can find it.

    ``script.fountain:12:5``, ``crew.csv:7:rate``, ``crew.xlsx:Crew!C12``, ``production.yaml:4``.
    """

    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        if self.sheet:
            return (
                f"{self.file}:{self.sheet}!{self.cell}"
                if self.cell
                else f"{self.file}:{self.sheet}"
            )
        if not self.line:
            return self.file
        if self.field:
            return f"{self.file}:{self.line}:{self.field}"
        if self.column:
            return f"{self.file}:{self.line}:{self.column}"
        return f"{self.file}:{self.line}"
