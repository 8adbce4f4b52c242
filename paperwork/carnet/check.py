"""The checks that need the whole kit list, the travel section or today's date, and the
re-computed totals ``paperwork carnet --check`` prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from paperwork.carnet.cases import (
    Case,
    PlannedSheet,
    Sums,
    cases_of,
    kg,
    paginate,
    plain_money,
    total,
    weight_decimals,
)
from paperwork.carnet.layout import MAX_ROW_LINES, fits, wrap
from paperwork.carnet.vouchers import Vouchers, count_vouchers
from paperwork.carnet.words import amount_in_words, number_in_words
from paperwork.errors import Diagnostics
from paperwork.format import long_date, money
from paperwork.model.kit import KitItem
from paperwork.model.production import Production
from paperwork.model.records import Money
from paperwork.model.source import Pos


@dataclass(frozen=True, slots=True)
class CarnetCheck:
    """What ``paperwork carnet --check`` shows: the re-computed totals and the voucher count."""

    cases: tuple[Case, ...]
    sheets: tuple[PlannedSheet, ...]
    totals: Sums
    currency: str
    excluded: tuple[KitItem, ...]  # consumables left off the list
    licensed: tuple[KitItem, ...]  # items that need a licence besides the carnet
    vouchers: Vouchers | None
    weight_decimals: int = 2

    @property
    def value(self) -> Money:
        return Money(self.totals.minor, self.currency)

    def lines(self) -> tuple[str, ...]:
        """Plain lines for the terminal."""
        t = self.totals
        out = [
            f"General list: {t.items} item{'s' * (t.items != 1)} in {len(self.cases)} "
            f"case{'s' * (len(self.cases) != 1)}, on {len(self.sheets)} "
            f"sheet{'s' * (len(self.sheets) != 1)}",
            f"Totals: {t.pieces} pieces, {kg(t.grams, self.weight_decimals)} kg, "
            f"{money(self.value)}",
            f"  pieces in words: {number_in_words(t.pieces)}",
            f"  value in words: {amount_in_words(self.value)}",
        ]
        for n, sheet in enumerate(self.sheets, start=1):
            label = "carried forward" if n < len(self.sheets) else "total"
            out.append(
                f"  sheet {n}: {sheet.sums.items} items, {sheet.sums.pieces} pieces, "
                f"{kg(sheet.sums.grams, self.weight_decimals)} kg, "
                f"{money(Money(sheet.sums.minor, self.currency))}; {label} "
                f"{sheet.running.pieces} pieces, {kg(sheet.running.grams, self.weight_decimals)} kg, "
                f"{money(Money(sheet.running.minor, self.currency))}"
            )
        if self.excluded:
            value = Money(sum(i.value.minor for i in self.excluded), self.currency)
            out.append(
                f"Left off the list (consumables): {len(self.excluded)} line"
                f"{'s' * (len(self.excluded) != 1)}, {money(value)}"
            )
        if self.licensed:
            out.append(f"Needing a licence besides the carnet: {len(self.licensed)} line(s)")
        if self.vouchers is not None:
            v = self.vouchers
            out.append(
                f"Voucher sets: {v.yellow} yellow, {v.white} white, {v.blue} blue "
                f"({v.total} in all)"
            )
        return tuple(out)


def check_carnet(production: Production, today: date, diagnostics: Diagnostics) -> CarnetCheck:
    """The checks that need the whole list, the travel section or today's date.

    The line-by-line checks ran when the kit table was read (``paperwork check`` shows them);
    this adds ``kit-empty``, ``travel-missing``, ``departure-passed``, ``total-mismatch`` and
    returns the re-computed totals and voucher count for display.
    """
    cases = cases_of(production.kit)
    sheets = paginate(cases)
    sums = total(cases)
    travel = production.travel
    if production.table("kit") is None:
        diagnostics.error(
            "input-missing",
            "the carnet needs the kit table: add 'kit: kit.csv' under tables:",
            production.manifest,
        )
    elif not sums.items and not diagnostics.has_errors:
        diagnostics.error(
            "kit-empty",
            "the kit table has nothing for the carnet (every line is a consumable)",
            production.manifest,
        )
    for case in cases:
        for line in case.lines:
            if len(wrap(line.description)) > MAX_ROW_LINES:
                diagnostics.error(
                    "description-too-long",
                    f"item {line.number}'s description takes more than {MAX_ROW_LINES} lines "
                    "of the general list; shorten it (list the parts of a kit as lines of their "
                    "own)",
                    line.item.pos,
                )
    dec = weight_decimals(production.kit)
    for column, figure in ((3, kg(sums.grams, dec)), (4, plain_money(sums.minor))):
        if not fits(figure, column):
            diagnostics.warning(
                "figure-too-wide",
                f"the total {figure} is too wide for column {column + 1} of the general list "
                "and will be cut off; split the kit into two carnets",
                Pos(production.kit[0].pos.file) if production.kit else production.manifest,
            )
    if travel is None:
        diagnostics.warning(
            "travel-missing",
            "no travel: section: the general list is written, but not the cover summary "
            "(holder, representatives, intended use, itinerary and voucher count)",
            production.manifest,
        )
    else:
        if travel.departure is not None and travel.departure < today:
            diagnostics.warning(
                "departure-passed",
                f"travel: departure {long_date(travel.departure)} has passed",
                travel.pos,
            )
        declared = travel.declared_value
        if declared is not None and declared.minor != sums.minor:
            diagnostics.error(
                "total-mismatch",
                f"travel: declared_value {money(declared)} is not the general list's total "
                f"{money(Money(sums.minor, production.currency))}; the application and the "
                "list must agree",
                travel.pos,
            )
    return CarnetCheck(
        cases=cases,
        sheets=sheets,
        totals=sums,
        currency=production.currency,
        excluded=tuple(i for i in production.kit if i.consumable),
        licensed=tuple(i for i in production.kit if i.licence and not i.consumable),
        vouchers=count_vouchers(travel) if travel is not None and travel.itinerary else None,
        weight_decimals=weight_decimals(production.kit),
    )
