"""XLSX and CSV of a builder's display-ready sheets, with fixed workbook dates."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from paperwork.builders.base import Sheet
from paperwork.render.docx import normalise_zip

_FIXED = datetime(2000, 1, 1)


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
        ws.append(list(sheet.header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append(list(row))
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, float | Decimal):
                    cell.number_format = "#,##0.00"  # money is given as pounds with pence
        ws.freeze_panes = "A2"
        for i, head in enumerate(sheet.header, start=1):
            width = max(
                [len(str(head)), *(len(str(r[i - 1])) for r in sheet.rows if i - 1 < len(r))]
            )
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, width + 2)
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
    """The sheet as UTF-8 CSV with a BOM, so Excel opens £ and accents correctly."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(sheet.header)
    writer.writerows(sheet.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
