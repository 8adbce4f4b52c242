"""The general list's content: cases, numbered lines with exact sums, and continuation
sheets cut to ``LINES_PER_SHEET`` lines of wrapped text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from paperwork.carnet.layout import LINES_PER_SHEET, MAX_ROW_LINES, wrap
from paperwork.model.kit import KitItem


@dataclass(frozen=True, slots=True)
class Sums:
    """Totals of some carnet lines, exact: grams and minor units."""

    items: int = 0
    pieces: int = 0
    grams: int = 0
    minor: int = 0

    def plus(self, item: KitItem) -> Sums:
        return Sums(
            self.items + 1,
            self.pieces + item.quantity,
            self.grams + item.weight_g,
            self.minor + item.value.minor,
        )

    def __add__(self, other: Sums) -> Sums:
        return Sums(
            self.items + other.items,
            self.pieces + other.pieces,
            self.grams + other.grams,
            self.minor + other.minor,
        )


@dataclass(frozen=True, slots=True)
class Numbered:
    """A carnet line with its item number and its trade description."""

    number: int
    item: KitItem
    description: str


@dataclass(frozen=True, slots=True)
class Case:
    """A case (or group) in table order: its carnet lines and everything packed in it."""

    name: str
    lines: tuple[Numbered, ...]
    contents: tuple[KitItem, ...]  # every kit row of the case, consumables too


NO_CASE = "Not in a case"


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", folded.casefold()).split()) + " "


def trade_description(item: KitItem) -> str:
    """``Cinema camera body, ARRI Alexa Mini LF, S/N 2345678``: what it is, make and model
    (unless the description already says them), then the serial(s) or ``NSN`` [S38][S44]."""
    text = re.sub(r"\s+", " ", item.description).strip().rstrip(",;. ")
    said = _fold(text)
    maker = " ".join(
        p.strip() for p in (item.make, item.model) if p.strip() and _fold(p) not in said
    )
    if maker:
        text = f"{text}, {maker}"
    if item.serials:
        return f"{text}, S/N {', '.join(item.serials)}"
    return f"{text}, NSN"


def cases_of(kit: Sequence[KitItem]) -> tuple[Case, ...]:
    """Cases in the order the table first names them; lines numbered 1.. across all cases.

    Consumables stay in their case's contents (for the packing list) but get no number.
    """
    order: dict[str, list[KitItem]] = {}
    for item in kit:
        order.setdefault(item.case.strip() or NO_CASE, []).append(item)
    out: list[Case] = []
    number = 0
    for name, items in order.items():
        lines = []
        for item in items:
            if item.consumable:
                continue
            number += 1
            lines.append(Numbered(number, item, trade_description(item)))
        out.append(Case(name, tuple(lines), tuple(items)))
    return tuple(out)


def total(cases: Sequence[Case]) -> Sums:
    sums = Sums()
    for case in cases:
        for line in case.lines:
            sums = sums.plus(line.item)
    return sums


# --- Continuation sheets -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placed:
    """A row on a sheet: a case heading, or a numbered line, wrapped into lines."""

    text: tuple[str, ...]
    line: Numbered | None  # None for a heading

    @property
    def height(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class PlannedSheet:
    rows: tuple[Placed, ...]
    sums: Sums  # this sheet's lines
    running: Sums  # every line up to the foot of this sheet

    @property
    def lines_used(self) -> int:
        return sum(r.height for r in self.rows)


def paginate(
    cases: Sequence[Case], lines_per_sheet: int = LINES_PER_SHEET
) -> tuple[PlannedSheet, ...]:
    """Cut the list into sheets of at most ``lines_per_sheet`` lines.

    A case heading never ends a sheet: it moves over with its first line. A case that runs
    onto a new sheet has its heading repeated there, marked "(continued)".
    """
    sheets: list[PlannedSheet] = []
    rows: list[Placed] = []
    used = 0
    sums = running = Sums()

    def close() -> None:
        nonlocal rows, used, sums
        sheets.append(PlannedSheet(tuple(rows), sums, running))
        rows, used, sums = [], 0, Sums()

    for case in cases:
        if not case.lines:
            continue
        heading = wrap(case.name, bold=True)[:MAX_ROW_LINES]
        pending: tuple[str, ...] | None = heading
        for line in case.lines:
            text = wrap(line.description)[:MAX_ROW_LINES]
            need = len(text) + (len(pending) if pending else 0)
            if rows and used + need > lines_per_sheet:
                close()
                if pending is None:
                    pending = wrap(f"{case.name} (continued)", bold=True)[:MAX_ROW_LINES]
            if pending is not None:
                rows.append(Placed(pending, None))
                used += len(pending)
                pending = None
            rows.append(Placed(text, line))
            used += len(text)
            sums = sums.plus(line.item)
            running = running.plus(line.item)
    if rows or not sheets:
        close()
    return tuple(sheets)


# --- Figures -------------------------------------------------------------------------------


def kg(grams: int, decimals: int = 2) -> str:
    """Grams as kg with ``decimals`` places: ``2400`` -> ``2.40``; ``1234567`` -> ``1,234.57``."""
    value = (Decimal(grams) / 1000).quantize(Decimal(1).scaleb(-decimals))
    return f"{value:,.{decimals}f}"


def plain_money(minor: int) -> str:
    """``123456`` -> ``1,234.56`` (the currency is in the column heading)."""
    pounds, pence = divmod(minor, 100)
    return f"{pounds:,}.{pence:02d}"


def weight_decimals(kit: Sequence[KitItem]) -> int:
    """Two places unless a weight is given to the gram."""
    return 2 if all(item.unit_weight_g % 10 == 0 for item in kit) else 3
