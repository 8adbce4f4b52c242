"""ATA carnet paperwork from the kit list: the general list, its upload CSV, a packing list
per case and the cover summary for the carnet application (PAPERWORK.md §2).

The general list has the paper form's seven columns: item number, trade description (with
make, model and ``S/N`` or ``NSN``), number of pieces, weight (kg), value, country of origin
(ISO alpha-2) and the column reserved for customs, left blank. Items sit under their case
headings and are numbered without gaps across every sheet. Continuation sheets are cut here,
not in the renderer: each row is wrapped into lines by measuring its text in the template's
font (DejaVu Sans, the widest of the fonts Word or WeasyPrint will use), and a sheet holds
``LINES_PER_SHEET`` lines of ``LINE_MM``, so the PDF and the DOCX break at the same rows.
Every sheet but the last carries its running total forward (pieces, weight, value); the last
shows the grand total, with the pieces and the value also in words [S48].

The upload CSV follows the layout of the eCERT general-list template the British chambers
use [S44][S45]: ``Description, Pieces, Unit, Weight, Value, Origin, Heading``. The unit is
the unit of the weight column [S45], ``KG`` on every item row (one weight unit on every
line, as the chamber asks); values without a currency sign; case headings as rows with
``TRUE`` in the heading column and no values; the totals as a last heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import Field, dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from paperwork.builders.base import BuildOptions, BuiltDocument, DocumentKind, Sheet, slug
from paperwork.builders.format import long_date, money, short_date
from paperwork.errors import Diagnostics
from paperwork.model.production import KitItem, Money, Production, Travel
from paperwork.model.source import Pos

NAME = "carnet"
TEMPLATE = "carnet_general_list"
PACKING_TEMPLATE = "carnet_packing_list"
COVER_TEMPLATE = "carnet_cover"

# --- The general list's layout, shared with both templates ---------------------------------
# tools/docx_templates/carnet.py reads these for the DOCX; the HTML gets them in its context.

PAGE_MARGINS_MM = (12, 12, 16, 12)  # top, right, bottom, left (A4 portrait)
COLUMNS_MM = (10, 84, 13, 20, 28, 12, 19)  # the seven columns, 186 mm in all
CELL_PADDING_MM = Decimal("1.5")  # left and right of every cell
FONT = "DejaVu Sans"  # the HTML's font; the DOCX uses Arial, which is narrower
FONT_PT = 8
LINE_MM = Decimal("4.2")  # one line of a row, in both formats
LINES_PER_SHEET = 42  # leaves room for the heading, the totals and the words on A4
MAX_ROW_LINES = 8  # a longer description is cut (reported) so a row always fits a sheet

# DejaVu Sans advance widths (units of 1/2048 em) for ASCII 32..126, regular and bold.
_REGULAR = (
    "651 821 942 1716 1303 1946 1597 563 799 799 1024 1716 651 739 651 690 1303 1303 1303 "
    "1303 1303 1303 1303 1303 1303 1303 690 690 1716 1716 1716 1087 2048 1401 1405 1430 1577 "
    "1294 1178 1587 1540 604 604 1343 1141 1767 1532 1612 1235 1612 1423 1300 1251 1499 1401 "
    "2025 1403 1251 1403 799 690 799 1716 1024 1024 1255 1300 1126 1300 1260 721 1300 1298 "
    "569 569 1186 569 1995 1298 1253 1300 1300 842 1067 803 1298 1212 1675 1212 1212 1075 "
    "1303 690 1303 1716"
)
_BOLD = (
    "713 934 1067 1716 1425 2052 1786 627 936 936 1071 1716 778 850 778 748 1425 1425 1425 "
    "1425 1425 1425 1425 1425 1425 1425 819 819 1716 1716 1716 1188 2048 1585 1561 1503 1700 "
    "1399 1399 1681 1714 762 762 1587 1305 2038 1714 1741 1501 1741 1577 1475 1397 1663 1585 "
    "2259 1579 1483 1485 936 748 936 1716 1024 1024 1382 1466 1214 1466 1389 891 1466 1458 "
    "702 702 1362 702 2134 1458 1407 1466 1466 1010 1219 979 1458 1335 1892 1321 1335 1192 "
    "1458 748 1458 1716"
)
_WIDTHS = {
    False: dict(zip(map(chr, range(32, 127)), map(int, _REGULAR.split()), strict=True)),
    True: dict(zip(map(chr, range(32, 127)), map(int, _BOLD.split()), strict=True)),
}
_WIDE = 2048  # any other character is taken as 1 em: too wide is safe, too narrow is not
_MM_PER_PT = Decimal("0.3527778")
# The description column's text width, in font units, with 5% kept back for other fonts.
DESCRIPTION_UNITS = int(
    (COLUMNS_MM[1] - 2 * CELL_PADDING_MM) / (FONT_PT * _MM_PER_PT) * 2048 * Decimal("0.95")
)


def fits(text: str, column: int, *, bold: bool = True) -> bool:
    """Whether ``text`` fits on one line of general-list column ``column`` (0-based)."""
    width = (COLUMNS_MM[column] - 2 * CELL_PADDING_MM) / (FONT_PT * _MM_PER_PT) * 2048
    return text_units(text, bold=bold) <= width


def text_units(text: str, *, bold: bool = False) -> int:
    """The width of ``text`` in DejaVu Sans, in 1/2048 em."""
    table = _WIDTHS[bold]
    return sum(table.get(ch, _WIDE) for ch in text)


def wrap(text: str, units: int = DESCRIPTION_UNITS, *, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap to ``units`` wide; a word longer than a line is cut where it must."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_units(candidate, bold=bold) <= units:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while (cut := _fitting_prefix(word, units, bold=bold)) < len(word):
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def _fitting_prefix(word: str, units: int, *, bold: bool) -> int:
    """How many leading characters of ``word`` fit in ``units`` (at least one), in one pass:
    trying ever shorter prefixes made a 2,000-character word take a minute."""
    table = _WIDTHS[bold]
    total = 0
    for i, ch in enumerate(word):
        total += table.get(ch, _WIDE)
        if total > units:
            return max(i, 1)
    return len(word)


# --- Numbers in words ------------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ("", "thousand", "million", "billion", "trillion")
_CURRENCY_WORDS = {
    "GBP": ("pound", "pounds", "penny", "pence"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "USD": ("dollar", "dollars", "cent", "cents"),
}


def _below_hundred(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest)
    text = f"{_ONES[hundreds]} hundred"
    return f"{text} and {_below_hundred(rest)}" if rest else text


def number_in_words(n: int) -> str:
    """British English: ``101`` -> ``one hundred and one``; ``2050`` -> ``two thousand and fifty``.

    Whole numbers below 10**15; negative numbers start with "minus".
    """
    if n < 0:
        return f"minus {number_in_words(-n)}"
    if n == 0:
        return "zero"
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    if len(groups) > len(_SCALES):
        raise ValueError("number_in_words handles numbers below 10**15")
    parts = [
        _below_thousand(group) + (f" {_SCALES[i]}" if _SCALES[i] else "")
        for i, group in reversed(list(enumerate(groups)))
        if group
    ]
    if len(parts) > 1 and 0 < groups[0] < 100:
        parts[-1] = f"and {parts[-1]}"
    return " ".join(parts)


def amount_in_words(amount: Money) -> str:
    """``Money(4567850)`` -> ``forty-five thousand six hundred and seventy-eight pounds and
    fifty pence``; whole amounts end at the pounds, ``Money(1)`` is ``one penny``."""
    one, many, sub_one, sub_many = _CURRENCY_WORDS.get(
        amount.currency, (amount.currency, amount.currency, "hundredth", "hundredths")
    )
    sign = "minus " if amount.minor < 0 else ""
    major, minor = divmod(abs(amount.minor), 100)
    major_text = f"{number_in_words(major)} {one if major == 1 else many}"
    minor_text = f"{number_in_words(minor)} {sub_one if minor == 1 else sub_many}"
    if major and minor:
        return f"{sign}{major_text} and {minor_text}"
    if minor:
        return f"{sign}{minor_text}"
    return f"{sign}{major_text}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Voucher sets ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VoucherLine:
    """One certificate set the itinerary uses, and why."""

    colour: str  # "yellow", "white" or "blue"
    territory: str  # "United Kingdom", "European Union (France, Spain)"
    reason: str
    pos: Pos | None = None


@dataclass(frozen=True, slots=True)
class Vouchers:
    """The certificate sets a trip needs; ``per_stop`` says which set each stop uses."""

    yellow: int
    white: int
    blue: int
    lines: tuple[VoucherLine, ...]
    per_stop: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.yellow + self.white + self.blue


def _territory_name(territory: str, names: Sequence[str]) -> str:
    countries = ", ".join(dict.fromkeys(names))
    return f"European Union ({countries})" if territory == "EU" else countries


def count_vouchers(travel: Travel) -> Vouchers:
    """Count the certificate (voucher) sets for the itinerary, in travel order.

    The rule (PAPERWORK.md §2.3, from USCIB/Boomerang's description of the carnet's parts
    [S49], Carnet Express and CARS Europe on repeat entries [S62], and LCCI on the EU [S54]):

    - yellow: one exportation/re-importation pair each time the goods leave the home country
      (a return home in the middle of the itinerary ends a trip; the next departure needs a
      new pair);
    - white: one importation/re-exportation set for each entry into a visited customs
      territory; entering the same territory again after leaving it needs another set;
    - blue: one transit set for each passage through a territory that is not visited;
    - the EU is one customs territory for a UK carnet since 1 January 2021 (Monaco with it),
      so consecutive EU countries are one entry: UK -> France -> Spain uses one white set,
      and a transit country next to a visited one in the same territory needs no blue set.

    The way home is taken to be direct unless its transit countries are listed; list every
    border crossing, in order, for an exact count. Issuers advise a spare transit set [S53].
    """
    home = travel.home_territory
    # consecutive stops in one territory are one entry: (territory, visited, stop indices)
    segments: list[tuple[str, bool, list[int]]] = []
    for i, stop in enumerate(travel.itinerary):
        if segments and segments[-1][0] == stop.territory:
            territory, visited, idx = segments[-1]
            segments[-1] = (territory, visited or not stop.transit, [*idx, i])
        else:
            segments.append((stop.territory, not stop.transit, [i]))
    yellow = white = blue = 0
    lines: list[VoucherLine] = []
    per_stop = [""] * len(travel.itinerary)
    away = False
    for territory, visited, idx in segments:
        stops = [travel.itinerary[i] for i in idx]
        if territory == home:
            away = False
            for i in idx:
                per_stop[i] = "Return home: re-importation voucher"
            continue
        if not away:
            yellow += 1
            away = True
            lines.append(
                VoucherLine(
                    "yellow",
                    travel.home_name,
                    f"leaving {travel.home_name} and coming back (exportation and re-importation)",
                    stops[0].pos,
                )
            )
        name = _territory_name(territory, [s.name for s in stops])
        if visited:
            white += 1
            lines.append(
                VoucherLine("white", name, "entry and exit of a visited territory", stops[0].pos)
            )
            colour = f"White set {white}"
        else:
            blue += 1
            lines.append(VoucherLine("blue", name, "transit", stops[0].pos))
            colour = f"Blue set {blue}"
        per_stop[idx[0]] = colour
        for i in idx[1:]:
            per_stop[i] = "Same customs territory: no set"
    return Vouchers(yellow, white, blue, tuple(lines), tuple(per_stop))


# --- The list: cases, numbered lines, sums -------------------------------------------------


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


# --- Display -----------------------------------------------------------------------------------


class _Context(Mapping[str, object]):
    """A frozen dataclass that is also the read-only mapping of its fields (the template's
    top-level names)."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]  # each subclass is a dataclass

    def _names(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self))

    def __getitem__(self, key: str) -> object:
        if key in self._names():
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


def kg(grams: int, decimals: int = 2) -> str:
    """Grams as kg with ``decimals`` places: ``2400`` -> ``2.40``; ``1234567`` -> ``1,234.57``."""
    value = (Decimal(grams) / 1000).quantize(Decimal(1).scaleb(-decimals))
    return f"{value:,.{decimals}f}"


def plain_money(minor: int) -> str:
    """``123456`` -> ``1,234.56`` (the currency is in the column heading)."""
    pounds, pence = divmod(minor, 100)
    return f"{pounds:,}.{pence:02d}"


def _weight_decimals(kit: Sequence[KitItem]) -> int:
    """Two places unless a weight is given to the gram."""
    return 2 if all(item.unit_weight_g % 10 == 0 for item in kit) else 3


@dataclass(frozen=True, slots=True)
class Totals:
    """Column totals, display-ready: pieces (column 3), weight (4), value (5); ``items``
    ("51 items") goes with the label in column 2, never in column 1, where customs read
    item numbers."""

    items: str
    pieces: str
    weight: str
    value: str


@dataclass(frozen=True, slots=True)
class ListRow:
    heading: bool
    number: str
    lines: tuple[str, ...]
    description: str  # the lines joined by newlines (a DOCX line break each)
    pieces: str
    weight: str
    value: str
    origin: str
    height: str  # "8.4mm": lines x LINE_MM


@dataclass(frozen=True, slots=True)
class ListSheet:
    number: int
    label: str  # "Sheet 2 of 3"
    first: bool
    last: bool
    rows: tuple[ListRow, ...]
    brought_forward: Totals | None  # every sheet but the first
    sheet_total: Totals
    carried_forward: Totals | None  # every sheet but the last


@dataclass(frozen=True, slots=True)
class GeneralListContext(_Context):
    document_title: str
    production_title: str
    holder: str
    holder_address: str
    carnet_number: str
    issuer: str
    value_heading: str  # "Value (£)"
    sheets: tuple[ListSheet, ...]
    sheet_count: int
    grand_total: Totals
    pieces_words: str
    value_words: str
    value_total: str  # "£45,678.00"
    weight_total: str  # "123.45 kg"
    legend: str
    prepared: str
    footer_note: str
    line_height: str  # "4.2mm"
    column_widths: tuple[str, ...]  # "10mm", ...
    page_margins: str  # "12mm 12mm 16mm 12mm"


@dataclass(frozen=True, slots=True)
class PackRow:
    number: str  # the general list's item number, or "" when not on the carnet
    description: str
    pieces: str
    weight: str
    value: str
    origin: str
    note: str


@dataclass(frozen=True, slots=True)
class PackCase:
    name: str
    label: str  # "Case 3 of 10"
    running: str  # the running head of each of its pages: "Packing list 3 of 10: Case 3 – ..."
    rows: tuple[PackRow, ...]
    items_line: str  # "General list items 12 to 19"
    pieces: str
    weight: str  # gross: everything packed in the case
    value: str  # on the carnet
    other_value: str  # packed but not on the carnet, or ""


@dataclass(frozen=True, slots=True)
class PackingContext(_Context):
    document_title: str
    production_title: str
    holder: str
    carnet_number: str
    cases: tuple[PackCase, ...]
    prepared: str
    footer_note: str


@dataclass(frozen=True, slots=True)
class Detail:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class StopRow:
    number: str
    country: str
    code: str
    how: str  # "Visit" or "Transit"
    dates: str
    voucher: str


@dataclass(frozen=True, slots=True)
class VoucherRow:
    colour: str  # "Yellow (home country)"
    territory: str
    reason: str


@dataclass(frozen=True, slots=True)
class CoverContext(_Context):
    document_title: str
    production_title: str
    prepared: str
    footer_note: str
    holder: str
    holder_address: tuple[str, ...]
    holder_ids: tuple[str, ...]
    representatives: tuple[Detail, ...]
    intended_use: str
    home: str
    itinerary: tuple[StopRow, ...]
    dates: tuple[Detail, ...]
    voucher_rows: tuple[VoucherRow, ...]
    voucher_counts: tuple[Detail, ...]
    voucher_total: str
    voucher_summary: str  # "2 sets: 1 yellow, 1 white, 0 blue"
    voucher_note: str
    list_totals: tuple[Detail, ...]
    excluded: tuple[Detail, ...]
    licences: tuple[Detail, ...]
    reminders: tuple[str, ...]


# --- Checks --------------------------------------------------------------------------------


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
    dec = _weight_decimals(production.kit)
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
        weight_decimals=_weight_decimals(production.kit),
    )


# --- Contexts --------------------------------------------------------------------------------

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def _totals(sums: Sums, decimals: int) -> Totals:
    return Totals(
        f"{sums.items} item{'s' * (sums.items != 1)}",
        str(sums.pieces),
        kg(sums.grams, decimals),
        plain_money(sums.minor),
    )


def _general_list(
    production: Production, check: CarnetCheck, today: date, footer: str
) -> GeneralListContext:
    dec = check.weight_decimals
    travel = production.travel
    holder = travel.holder if travel is not None else production.company
    count = len(check.sheets)
    sheets: list[ListSheet] = []
    for n, planned in enumerate(check.sheets, start=1):
        rows = []
        for placed in planned.rows:
            height = f"{LINE_MM * placed.height}mm"
            if placed.line is None:
                rows.append(
                    ListRow(True, "", placed.text, "\n".join(placed.text), "", "", "", "", height)
                )
                continue
            item = placed.line.item
            rows.append(
                ListRow(
                    heading=False,
                    number=str(placed.line.number),
                    lines=placed.text,
                    description="\n".join(placed.text),
                    pieces=str(item.quantity),
                    weight=kg(item.weight_g, dec),
                    value=plain_money(item.value.minor),
                    origin=item.origin,
                    height=height,
                )
            )
        before = check.sheets[n - 2].running if n > 1 else None
        sheets.append(
            ListSheet(
                number=n,
                label=f"Sheet {n} of {count}",
                first=n == 1,
                last=n == count,
                rows=tuple(rows),
                brought_forward=_totals(before, dec) if before is not None else None,
                sheet_total=_totals(planned.sums, dec),
                carried_forward=_totals(planned.running, dec) if n < count else None,
            )
        )
    value = check.value
    symbol = _SYMBOLS.get(production.currency, production.currency)
    return GeneralListContext(
        document_title=f"ATA carnet general list: {production.title}",
        production_title=production.title,
        holder=holder.name,
        holder_address=", ".join(holder.address),
        carnet_number=travel.carnet_number if travel is not None else "",
        issuer=travel.issuer if travel is not None else "",
        value_heading=f"Value ({symbol})",
        sheets=tuple(sheets),
        sheet_count=count,
        grand_total=_totals(check.totals, dec),
        pieces_words=_capital(number_in_words(check.totals.pieces)),
        value_words=_capital(amount_in_words(value)),
        value_total=money(value),
        weight_total=f"{kg(check.totals.grams, dec)} kg",
        legend=(
            f"Values in {production.currency}, replacement value (the retail price if new), "
            "for all the pieces of each line. Weights in kg. Country of origin: where the item "
            "was made (ISO 3166 code). NSN: no serial number. Column 7 is for customs."
        ),
        prepared=f"Prepared {long_date(today)}",
        footer_note=footer,
        line_height=f"{LINE_MM}mm",
        column_widths=tuple(f"{w}mm" for w in COLUMNS_MM),
        page_margins=" ".join(f"{m}mm" for m in PAGE_MARGINS_MM),
    )


WEIGHT_UNIT = "KG"  # the upload CSV's Unit column: the unit of its Weight column [S45]


def upload_sheet(check: CarnetCheck) -> Sheet:
    """The eCERT upload layout [S44][S45]: headings flagged TRUE and blank elsewhere; each
    item row with its pieces, ``KG`` as the unit of its weight, and a plain value."""
    dec = check.weight_decimals
    rows: list[tuple[str | int | float, ...]] = []
    at: list[Pos | None] = []  # each row's kit row, to locate a refused description
    for case in check.cases:
        if not case.lines:
            continue
        rows.append((case.name, "", "", "", "", "", "TRUE"))
        at.append(case.lines[0].item.pos)
        for line in case.lines:
            item = line.item
            at.append(item.pos)
            rows.append(
                (
                    line.description,
                    item.quantity,
                    WEIGHT_UNIT,
                    f"{Decimal(item.weight_g) / 1000:.{dec}f}",
                    f"{item.value.minor // 100}.{item.value.minor % 100:02d}",
                    item.origin,
                    "",
                )
            )
    t = check.totals
    rows.append(
        (
            f"TOTAL: {t.items} items, {t.pieces} pieces, {kg(t.grams, dec)} kg, "
            f"{check.currency} {plain_money(t.minor)}",
            "",
            "",
            "",
            "",
            "",
            "TRUE",
        )
    )
    return Sheet(
        "General list",
        ("Description", "Pieces", "Unit", "Weight", "Value", "Origin", "Heading"),
        tuple(rows),
        csv_escape="refuse",  # eCERT takes the file as it is: no quote prefix, so refuse
        row_pos=(*at, None),
    )


def _packing(
    production: Production, check: CarnetCheck, today: date, footer: str
) -> PackingContext:
    dec = check.weight_decimals
    travel = production.travel
    holder = travel.holder if travel is not None else production.company
    numbers = {id(line.item): line for case in check.cases for line in case.lines}
    cases = []
    for n, case in enumerate(check.cases, start=1):
        rows = []
        grams = minor = other = pieces = 0
        for item in case.contents:
            line = numbers.get(id(item))
            grams += item.weight_g
            pieces += item.quantity
            if line is not None:
                minor += item.value.minor
            else:
                other += item.value.minor
            rows.append(
                PackRow(
                    number=str(line.number) if line else "",
                    description=line.description if line else item.description,
                    pieces=str(item.quantity),
                    weight=kg(item.weight_g, dec),
                    value=money(item.value),
                    origin=item.origin,
                    note="" if line else "Not on the carnet (consumable)",
                )
            )
        first, last = (case.lines[0].number, case.lines[-1].number) if case.lines else (0, 0)
        items_line = (
            ""
            if not case.lines
            else f"General list item {first}"
            if first == last
            else f"General list items {first} to {last}"
        )
        cases.append(
            PackCase(
                name=case.name,
                label=f"Case {n} of {len(check.cases)}",
                running=f"Packing list {n} of {len(check.cases)}: {case.name}",
                rows=tuple(rows),
                items_line=items_line,
                pieces=str(pieces),
                weight=f"{kg(grams, dec)} kg",
                value=money(Money(minor, production.currency)),
                other_value=money(Money(other, production.currency)) if other else "",
            )
        )
    return PackingContext(
        document_title=f"Carnet packing lists: {production.title}",
        production_title=production.title,
        holder=holder.name,
        carnet_number=travel.carnet_number if travel is not None else "",
        cases=tuple(cases),
        prepared=f"Prepared {long_date(today)}",
        footer_note=footer,
    )


_COLOURS = {
    "yellow": "Yellow (home country)",
    "white": "White (each entry)",
    "blue": "Blue (transit)",
}


def _cover(
    production: Production, travel: Travel, check: CarnetCheck, today: date, footer: str
) -> CoverContext:
    holder = travel.holder
    ids = []
    if holder.company_number:
        ids.append(f"Company no. {holder.company_number}")
    if holder.vat_number:
        ids.append(f"VAT no. {holder.vat_number}")
    if travel.eori:
        ids.append(f"EORI {travel.eori}")
    vouchers = check.vouchers or Vouchers(0, 0, 0, (), ())
    stops = []
    for n, stop in enumerate(travel.itinerary, start=1):
        when = " to ".join(short_date(d) for d in (stop.arrive, stop.leave) if d)
        stops.append(
            StopRow(
                number=str(n),
                country=stop.name,
                code=stop.country,
                how="Transit" if stop.transit else "Visit",
                dates=when,
                voucher=vouchers.per_stop[n - 1] if n - 1 < len(vouchers.per_stop) else "",
            )
        )
    dates = []
    if travel.departure:
        dates.append(Detail("Departure", long_date(travel.departure)))
    if travel.return_date:
        dates.append(Detail("Return", long_date(travel.return_date)))
    dates.append(
        Detail(
            "Validity",
            "A carnet is valid for up to 12 months from issue; ask for it to start before "
            "the departure date",
        )
    )
    t = check.totals
    dec = check.weight_decimals
    value = check.value
    list_totals = [
        Detail("Items", f"{t.items} in {len([c for c in check.cases if c.lines])} cases"),
        Detail("Pieces", f"{t.pieces} ({number_in_words(t.pieces)})"),
        Detail("Weight", f"{kg(t.grams, dec)} kg"),
        Detail("Value", f"{money(value)} ({amount_in_words(value)})"),
        Detail("General list sheets", str(len(check.sheets))),
    ]
    if travel.declared_value is not None:
        list_totals.append(Detail("Declared on the application", money(travel.declared_value)))
    excluded = tuple(
        Detail(
            i.description, f"{money(i.value)}, {i.case or NO_CASE}: consumable, declare separately"
        )
        for i in check.excluded
    )
    licences = tuple(
        Detail(trade_description(i), _LICENCE_NOTES.get(i.licence, i.licence))
        for i in check.licensed
    )
    return CoverContext(
        document_title=f"ATA carnet application summary: {production.title}",
        production_title=production.title,
        prepared=f"Prepared {long_date(today)}",
        footer_note=footer,
        holder=holder.name,
        holder_address=holder.address,
        holder_ids=tuple(ids),
        representatives=tuple(Detail(p.name, p.role) for p in travel.representatives),
        intended_use=travel.intended_use,
        home=travel.home_name,
        itinerary=tuple(stops),
        dates=tuple(dates),
        voucher_rows=tuple(
            VoucherRow(_COLOURS[line.colour], line.territory, line.reason)
            for line in vouchers.lines
        ),
        voucher_counts=(
            Detail("Yellow", str(vouchers.yellow)),
            Detail("White", str(vouchers.white)),
            Detail("Blue", str(vouchers.blue)),
        ),
        voucher_total=str(vouchers.total),
        voucher_summary=(
            f"{vouchers.total} set{'s' * (vouchers.total != 1)}: {vouchers.yellow} yellow, "
            f"{vouchers.white} white, {vouchers.blue} blue"
        ),
        voucher_note=(
            "One yellow pair each time the kit leaves the home country; one white set for each "
            "entry into a visited country, with the EU counted as one territory; one blue set "
            "for each transit. Carry a spare transit set in case the route changes."
        ),
        list_totals=tuple(list_totals),
        excluded=excluded,
        licences=licences,
        reminders=(
            "The general list cannot be changed once the carnet is issued; goods added later "
            "need a new carnet. Part of the list may travel.",
            "Have every voucher stamped on the way out and on the way back: a missing stamp is "
            "the usual cause of a claim.",
            "A carnet does not replace licences or permits, and UK carnets cannot be used for "
            "goods sent by post.",
        ),
    )


_LICENCE_NOTES = {
    "firearms": "Firearms, blank-firers and realistic imitations: export and import licences, "
    "police permission",
    "drones": "Drone: the destination's aviation permits; an export licence for some payloads",
    "cites": "CITES-listed material: CITES permits to leave and re-enter",
    "dual-use": "Dual-use goods: export licence; banned in some countries",
}


def build(
    production: Production,
    *,
    today: date,
    diagnostics: Diagnostics,
    options: BuildOptions,
) -> tuple[BuiltDocument, ...]:
    """The general list (DOCX, PDF and the upload CSV), the packing lists and, when the
    manifest has a ``travel:`` section, the cover summary for the application."""
    check = check_carnet(production, today, diagnostics)
    if not check.totals.items:
        return ()
    name = slug(production.title)
    day = today.isoformat()
    footer = " · ".join(
        p for p in (production.title, production.company.name, f"Prepared {short_date(today)}") if p
    )
    docs = [
        BuiltDocument(
            kind=NAME,
            template=TEMPLATE,
            stem=f"carnet-general-list_{name}_{day}",
            title=f"ATA carnet general list: {production.title}",
            context=_general_list(production, check, today, footer),
            sheets=(upload_sheet(check),),
            formats=("docx", "pdf", "csv"),  # the CSV: the first sheet, for upload
        ),
        BuiltDocument(
            kind=NAME,
            template=PACKING_TEMPLATE,
            stem=f"carnet-packing-lists_{name}_{day}",
            title=f"Carnet packing lists: {production.title}",
            context=_packing(production, check, today, footer),
        ),
    ]
    if production.travel is not None:
        docs.append(
            BuiltDocument(
                kind=NAME,
                template=COVER_TEMPLATE,
                stem=f"carnet-application-summary_{name}_{day}",
                title=f"ATA carnet application summary: {production.title}",
                context=_cover(production, production.travel, check, today, footer),
            )
        )
    return tuple(docs)


KIND = DocumentKind(
    name=NAME,
    templates=(TEMPLATE, PACKING_TEMPLATE, COVER_TEMPLATE),
    inputs=("kit",),
    build=build,
    about=__doc__ or "",
)
