"""XLSX and CSV: text from data stays text, dates and money are typed, our totals are live."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from paperwork.builders.base import BuiltDocument, Sheet, SumOf, check_sheets, formula_like
from paperwork.errors import Diagnostics, InputError
from paperwork.model.records import Money
from paperwork.model.source import Pos
from paperwork.render.sheets import render_csv, render_xlsx

HOSTILE = ('=HYPERLINK("http://evil.example","click")', "+44 7700 900123", "-2+3", "@SUM(A1)",
           "\t=1+1", "\r=1+1")  # fmt: skip


def _book(sheet: Sheet):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(render_xlsx([sheet])))[sheet.name]


def _csv(sheet: Sheet) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render_csv(sheet).decode("utf-8-sig"), newline="")))


def test_formula_like_is_owasps_list() -> None:
    """= + - @ tab and CR start a formula; other text, and an empty cell, do not."""
    assert all(formula_like(t) for t in HOSTILE)
    assert not any(formula_like(t) for t in ("", "Gaffer", " =1", "£5", "'=1"))


def test_xlsx_writes_every_text_cell_as_text() -> None:
    """A role like =HYPERLINK(...) is a string cell (type 's'), never a formula ('f')."""
    sheet = Sheet("Crew", ("Role",), tuple((t,) for t in HOSTILE))
    ws = _book(sheet)
    cells = [ws.cell(row=r, column=1) for r in range(2, len(HOSTILE) + 2)]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE)
    assert [c.value for c in cells] == list(HOSTILE)
    assert all(c.quotePrefix for c in cells)
    assert b"<f>" not in render_xlsx([sheet])  # no formula anywhere in the file


def test_xlsx_types_dates_money_and_totals() -> None:
    """A date is a date, Money a number in £ format, SumOf a =SUM over the data rows."""
    sheet = Sheet(
        "Costs",
        ("Start", "Days", "Fee", "Total"),
        (
            (date(2027, 3, 1), 5, Money(125050), ""),
            (date(2027, 3, 8), 2, Money(40000), ""),
            ("Total", SumOf(1, 0, 1, 7), SumOf(2, 0, 1, Money(165050)), ""),
        ),
    )
    ws = _book(sheet)
    assert ws["A2"].data_type == "d" and ws["A2"].value.date() == date(2027, 3, 1)
    assert ws["C2"].data_type == "n" and ws["C2"].value == 1250.5
    assert "£" in ws["C2"].number_format
    assert ws["B4"].value == "=SUM(B2:B3)" and ws["C4"].value == "=SUM(C2:C3)"
    assert "£" in ws["C4"].number_format
    assert _csv(sheet)[1:] == [
        ["01/03/2027", "5", "1250.50", ""],
        ["08/03/2027", "2", "400.00", ""],
        ["Total", "7", "1650.50", ""],
    ]


def test_csv_prefixes_formula_text_with_a_quote() -> None:
    """OWASP: a cell that starts a formula gets a leading ' in the CSV; others are as given."""
    sheet = Sheet("Crew", ("=Name", "Role"), (("Jo", HOSTILE[0]), ("-", "Gaffer")))
    rows = _csv(sheet)
    assert rows == [["'=Name", "Role"], ["Jo", "'" + HOSTILE[0]], ["'-", "Gaffer"]]


def test_a_refusing_csv_is_reported_at_its_source_row() -> None:
    """csv_escape="refuse": each formula-like cell is an error at its row; the CSV is refused."""
    sheet = Sheet(
        "General list",
        ("Description", "Pieces"),
        (("Camera", 1), ("=cmd|' /C calc'!A0", 2), ("@SUM(1)", 1)),
        csv_escape="refuse",
        row_pos=(Pos("kit.csv", 2), Pos("kit.csv", 3), Pos("kit.csv", 4)),
    )
    doc = BuiltDocument("carnet", "carnet", "carnet", "Carnet", {}, (sheet,), ("csv",))
    d = Diagnostics()
    check_sheets([doc], d)
    assert [(i.code, i.severity, str(i.pos)) for i in d] == [
        ("formula-like-text", "error", "kit.csv:3"),
        ("formula-like-text", "error", "kit.csv:4"),
    ]
    with pytest.raises(InputError) as refused:
        render_csv(sheet)
    assert [str(i.pos) for i in refused.value.diagnostics] == ["kit.csv:3", "kit.csv:4"]
    # The same sheet without a CSV to write is not the carnet's problem.
    d = Diagnostics()
    check_sheets([BuiltDocument("c", "c", "c", "C", {}, (sheet,), ("xlsx",))], d)
    assert not d.items


def test_demo_carnet_refuses_a_formula_description(tmp_path: Path, demo: Path) -> None:
    """The eCERT upload CSV: a kit description '=HYPERLINK(...)' stops the build at its row."""
    import shutil

    from paperwork.pipeline import BuildRequest, build_documents
    from paperwork.readers.production import read_production

    folder = tmp_path / "demo"
    shutil.copytree(demo, folder)
    kit = folder / "kit.csv"
    lines = kit.read_text(encoding="utf-8").splitlines()
    head, rest = lines[1].split(",", 1)[0], lines[1].split(",", 2)[2]
    lines[1] = f'{head},"=HYPERLINK(""http://x"",""y"")",{rest}'
    kit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    d = Diagnostics()
    production = read_production(folder, d)
    assert production is not None and not d.has_errors
    build_documents(production, BuildRequest(today=date(2026, 12, 2), kinds=("carnet",)), d)
    errors = [(i.code, i.pos.file, i.pos.line) for i in d.errors if i.pos is not None]
    assert ("formula-like-text", "kit.csv", 2) in errors
