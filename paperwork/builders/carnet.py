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

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypedDict

from paperwork.builders.base import BuildJob, BuiltDocument, DocumentKind, Sheet
from paperwork.builders.format import long_date, money, short_date
from paperwork.builders.letterhead import Detail
from paperwork.carnet.cases import NO_CASE, Sums, kg, plain_money, trade_description
from paperwork.carnet.check import CarnetCheck, check_carnet
from paperwork.carnet.layout import (
    COLUMNS_MM,
    LINE_MM,
    PAGE_MARGINS_MM,
)
from paperwork.carnet.vouchers import Vouchers
from paperwork.carnet.words import amount_in_words, capital, number_in_words
from paperwork.model.document import ContextMapping
from paperwork.model.kit import Travel
from paperwork.model.production import Production
from paperwork.model.records import Company, Money
from paperwork.model.source import Pos

NAME = "carnet"


# --- Display -----------------------------------------------------------------------------------


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


class CarnetHead(TypedDict):
    """What the general list and the packing lists both head their pages with, made by
    :func:`_carnet_head` and passed on as ``**head``."""

    document_title: str
    production_title: str
    holder: str
    carnet_number: str
    prepared: str
    footer_note: str


@dataclass(frozen=True, slots=True)
class GeneralListContext(ContextMapping):
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
class PackingContext(ContextMapping):
    document_title: str
    production_title: str
    holder: str
    carnet_number: str
    cases: tuple[PackCase, ...]
    prepared: str
    footer_note: str


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
class CoverContext(ContextMapping):
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


# --- Contexts --------------------------------------------------------------------------------

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def _totals(sums: Sums, decimals: int) -> Totals:
    return Totals(
        f"{sums.items} item{'s' * (sums.items != 1)}",
        str(sums.pieces),
        kg(sums.grams, decimals),
        plain_money(sums.minor),
    )


def _holder(production: Production) -> Company:
    """Who holds the carnet (box A): the travel section's holder, else the production company."""
    travel = production.travel
    return travel.holder if travel is not None else production.company


def _carnet_head(production: Production, title: str, today: date, footer: str) -> CarnetHead:
    """What heads each page: the title, the production, the holder and the carnet's number,
    the date prepared and the running footer."""
    travel = production.travel
    return CarnetHead(
        document_title=title,
        production_title=production.title,
        holder=_holder(production).name,
        carnet_number=travel.carnet_number if travel is not None else "",
        prepared=f"Prepared {long_date(today)}",
        footer_note=footer,
    )


def _general_list(
    production: Production, check: CarnetCheck, today: date, footer: str
) -> GeneralListContext:
    dec = check.weight_decimals
    travel = production.travel
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
        **_carnet_head(production, f"ATA carnet general list: {production.title}", today, footer),
        holder_address=", ".join(_holder(production).address),
        issuer=travel.issuer if travel is not None else "",
        value_heading=f"Value ({symbol})",
        sheets=tuple(sheets),
        sheet_count=count,
        grand_total=_totals(check.totals, dec),
        pieces_words=capital(number_in_words(check.totals.pieces)),
        value_words=capital(amount_in_words(value)),
        value_total=money(value),
        weight_total=f"{kg(check.totals.grams, dec)} kg",
        legend=(
            f"Values in {production.currency}, replacement value (the retail price if new), "
            "for all the pieces of each line. Weights in kg. Country of origin: where the item "
            "was made (ISO 3166 code). NSN: no serial number. Column 7 is for customs."
        ),
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
        **_carnet_head(production, f"Carnet packing lists: {production.title}", today, footer),
        cases=tuple(cases),
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
    ids = tuple(
        f"{label} {number}"
        for label, number in (
            ("Company no.", holder.company_number),
            ("VAT no.", holder.vat_number),
            ("EORI", travel.eori),
        )
        if number
    )
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
        holder_ids=ids,
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


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """The general list (DOCX, PDF and the upload CSV), the packing lists and, when the
    manifest has a ``travel:`` section, the cover summary for the application."""
    production, today = job.production, job.today
    check = check_carnet(production, today, job.diagnostics)
    if not check.totals.items:
        return ()
    footer = " · ".join(
        p for p in (production.title, production.company.name, f"Prepared {short_date(today)}") if p
    )
    docs = [
        KIND.dated_document(
            job,
            _general_list(production, check, today, footer),
            name="carnet-general-list",
            title=f"ATA carnet general list: {production.title}",
            sheets=(upload_sheet(check),),  # written as the CSV, for upload
        ),
        KIND.dated_document(
            job,
            _packing(production, check, today, footer),
            name="carnet-packing-lists",
            title=f"Carnet packing lists: {production.title}",
            formats=("docx", "pdf"),
        ),
    ]
    if production.travel is not None:
        docs.append(
            KIND.dated_document(
                job,
                _cover(production, production.travel, check, today, footer),
                name="carnet-application-summary",
                title=f"ATA carnet application summary: {production.title}",
                formats=("docx", "pdf"),
            )
        )
    return tuple(docs)


KIND = DocumentKind(
    name=NAME,
    contexts={
        "carnet_general_list": GeneralListContext,
        "carnet_packing_list": PackingContext,
        "carnet_cover": CoverContext,
    },
    inputs=("kit",),
    formats=("docx", "pdf", "csv"),  # the CSV: the general list's, for upload
    build=build,
)
