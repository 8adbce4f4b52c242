"""XLSX and CSV of a builder's display-ready sheets, with fixed workbook dates.

Text is always text. A cell from data that begins with ``=`` is never a formula: in the
workbook every ``str`` cell is stored as a string (``data_type 's'``, with Excel's quote
prefix so an edit keeps it text), and in a CSV such a cell gets a leading ``'`` (OWASP's
advice against CSV injection), or, for a sheet whose consumer takes the file as it is
(``csv_escape="refuse"``), is refused. The only formulas written are the builder's own
totals (:class:`~paperwork.model.document.SumOf`). Dates are real dates, money real numbers
in the currency's format.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from paperwork.errors import Diagnostic, InputError
from paperwork.model.document import Cell, Sheet, SumOf, formula_like
from paperwork.model.records import Money
from paperwork.render.docx import normalise_zip

_FIXED = datetime(2000, 1, 1)
DATE_FORMAT = "DD/MM/YYYY"
NUMBER_FORMAT = "#,##0.00"  # floats and Decimals: pounds with pence, as before
_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money_format(currency: str) -> str:
    """The workbook number format for an amount: ``"£"#,##0.00``, or ``#,##0.00 "CHF"``."""
    symbol = _SYMBOLS.get(currency)
    if symbol:
        return f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'
    return f'#,##0.00 "{currency}";-#,##0.00 "{currency}"'


def pounds(m: Money) -> Decimal:
    """An amount in minor units as an exact major-unit number: 84490 -> ``Decimal('844.90')``."""
    return (Decimal(m.minor) / 100).quantize(Decimal("0.01"))


def _text(cell: Cell) -> str:
    """A cell as it reads in a CSV (and how wide it is in the workbook)."""
    match cell:
        case str():
            return cell
        case SumOf(value=value):
            return _text(value)
        case Money():
            return f"{pounds(cell)}"
        case datetime():
            return cell.strftime("%d/%m/%Y %H:%M")
        case date():
            return cell.strftime("%d/%m/%Y")
        case Decimal():
            return f"{cell:f}"
        case bool():
            return "TRUE" if cell else "FALSE"
        case _:
            return str(cell)


def _column(n: int) -> str:
    """0-based column index -> ``A``, ``B``, ... ``AA``."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n + 1))


def _put(ws: Any, row: int, col: int, cell: Cell, sheet: Sheet) -> None:
    """Write one cell with its type: text as text, numbers, dates, money, our totals."""
    if cell == "":
        return  # a blank cell, not an empty string
    target = ws.cell(row=row, column=col)
    match cell:
        case str():
            target.value = cell
            target.data_type = "s"  # never a formula, whatever the first character
            if formula_like(cell):
                target.quotePrefix = True
        case SumOf(column=c, first=first, last=last, value=value, to_column=to):
            assert 0 <= first <= last < len(sheet.rows), f"SumOf rows {first}..{last} outside"
            end = c if to is None else to
            assert 0 <= c <= end < len(sheet.header), f"SumOf columns {c}..{end} outside"
            target.value = f"=SUM({_column(c)}{first + 2}:{_column(end)}{last + 2})"
            if isinstance(value, Money):
                target.number_format = money_format(value.currency)
        case Money():
            target.value = pounds(cell)
            target.number_format = money_format(cell.currency)
        case datetime():
            target.value = cell
        case date():
            target.value = cell
            target.number_format = DATE_FORMAT
        case float() | Decimal():
            target.value = cell
            target.number_format = NUMBER_FORMAT
        case _:
            target.value = cell


def render_xlsx(sheets: Sequence[Sheet], title: str = "") -> bytes:
    """One worksheet per sheet: a bold, frozen header row and widths fitted to the text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "paperwork"
    book.properties.title = title
    book.properties.created = _FIXED
    book.properties.modified = _FIXED
    for sheet in sheets:
        ws = book.create_sheet(sheet.name[:31])
        for c, head in enumerate(sheet.header, start=1):
            _put(ws, 1, c, head, sheet)
            ws.cell(row=1, column=c).font = Font(bold=True)
        for r, row in enumerate(sheet.rows, start=2):
            for c, cell in enumerate(row, start=1):
                _put(ws, r, c, cell, sheet)
        ws.freeze_panes = "A2"
        for i, head in enumerate(sheet.header, start=1):
            width = max(
                [len(head), *(len(_text(r[i - 1])) + 2 for r in sheet.rows if i - 1 < len(r))]
            )
            ws.column_dimensions[_column(i - 1)].width = min(60, width + 2)
    if any(isinstance(c, SumOf) for sheet in sheets for row in sheet.rows for c in row):
        from openpyxl.workbook.properties import CalcProperties

        book.calculation = CalcProperties(fullCalcOnLoad=True)  # totals have no cached value
    buf = io.BytesIO()
    book.save(buf)
    return normalise_zip(buf.getvalue(), _fixed_core_dates)


def _fixed_core_dates(name: str, data: bytes) -> bytes:
    """openpyxl stamps the save time as the modified date; put the fixed date back."""
    if name != "docProps/core.xml":
        return data
    stamp = _FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", data
    )


def render_csv(sheet: Sheet) -> bytes:
    """The sheet as UTF-8 CSV with a BOM, so Excel opens £ and accents correctly.

    Text a spreadsheet would run as a formula gets a leading ``'``; a refusing sheet raises
    :class:`InputError` instead (the build reports the same cells first, at their rows).
    """
    if sheet.csv_escape == "refuse" and (bad := sheet.formula_text()):
        raise InputError(
            [
                Diagnostic(
                    "error",
                    "formula-like-text",
                    f"{sheet.name}: {text!r} begins with {text[:1]!r}; this CSV is taken as "
                    "it is, so it cannot be written",
                    sheet.row_pos[r] if r < len(sheet.row_pos) else None,
                )
                for r, _, text in bad
            ]
        )
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in sheet.header])
    writer.writerows([_csv_cell(c) for c in row] for row in sheet.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_cell(cell: Cell) -> str | int | float:
    if isinstance(cell, str):
        return f"'{cell}" if formula_like(cell) else cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return cell  # as before: csv writes repr(float)
    return _text(cell)
