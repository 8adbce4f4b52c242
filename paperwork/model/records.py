"""The pieces every production record shares: a located row, money, a person, a company."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paperwork.model.source import Pos


@dataclass(frozen=True, slots=True, kw_only=True)
class Located:
    """A row that remembers each of its cells: ``at("rate")`` is ``crew.csv:7:rate``.

    The base of every table's record: ``pos`` is the row, ``cells`` its ``(column, Pos)``
    pairs, one per cell read. Both are keyword-only, so a record's own fields keep their
    order and defaults.
    """

    pos: Pos
    cells: tuple[tuple[str, Pos], ...] = ()

    def at(self, column: str) -> Pos:
        """Where ``column`` was given in this row, or the row itself."""
        for name, pos in self.cells:
            if name == column:
                return pos
        return self.pos


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units (pence) of a currency."""

    minor: int
    currency: str = "GBP"

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.minor + other.minor, self.currency)


@dataclass(frozen=True, slots=True)
class Person:
    """A named contact: a key person, an office contact, a rights holder's contact."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Company:
    """A company with its postal address (one line per tuple item)."""

    name: str
    address: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    website: str = ""
    company_number: str = ""
    vat_number: str = ""
    logo: Path | None = None
