"""Tables from CSV and XLSX keep every cell's position and report broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperwork.errors import Diagnostics
from paperwork.readers.tables import normalise_header, read_table


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Rights Holder", "rights_holder"),
        ("  FEE-QUOTED ", "fee_quoted"),
        ("Fee (£)", "fee"),
        ("id", "id"),
    ],
)
def test_headers_ignore_case_space_and_punctuation(raw: str, expected: str) -> None:
    """Header names are case-, space- and hyphen-insensitive."""
    assert normalise_header(raw) == expected


def test_csv_rows_know_their_line_and_column(tmp_path: Path) -> None:
    """A CSV cell's position is file:line:column-name."""
    p = tmp_path / "log.csv"
    p.write_text("ID,Rights Holder\n\nA1,Acme\nA2,Beta\n", encoding="utf-8")
    d = Diagnostics()
    table = read_table(p, "clearances", "log.csv", d)
    assert table is not None and not d.items
    assert table.header == ("id", "rights_holder")
    assert [r.get("rights_holder") for r in table] == ["Acme", "Beta"]
    assert str(table.rows[1].where("rights_holder")) == "log.csv:4:rights_holder"


def test_a_row_over_several_lines_is_placed_where_it_starts(tmp_path: Path) -> None:
    """A quoted cell with line breaks makes one row of several lines: the row is at the line
    it starts on, and a note there says which lines it runs over, so that a quote left
    unclosed (which swallows the lines after it) is found where it was typed."""
    p = tmp_path / "kit.csv"
    p.write_text(
        'id,description,owner\nK1,"Tripod, with\nspreader",Kestrel\nK2,"Monitor,Kestrel\n'
        "K3,Dolly,Kestrel\nK4,Track,Kestrel\n",
        encoding="utf-8",
    )
    d = Diagnostics()
    table = read_table(p, "kit", "kit.csv", d)
    assert table is not None
    assert [str(r.where("id")) for r in table.rows] == ["kit.csv:2:id", "kit.csv:4:id"]
    assert [(x.code, str(x.pos)) for x in d] == [
        ("row-over-lines", "kit.csv:2"),
        ("row-over-lines", "kit.csv:4"),
    ]
    assert "lines 4 to 6" in d.items[1].message and "a quote in it is not closed" in (
        d.items[1].message
    )


def test_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    """Excel's 'CSV UTF-8' (BOM) and semicolon-separated files read the same."""
    p = tmp_path / "log.csv"
    p.write_bytes("\ufeffid;holder\nA1;Café Ltd\n".encode())
    d = Diagnostics()
    table = read_table(p, "clearances", "log.csv", d)
    assert table is not None and table.rows[0].get("holder") == "Café Ltd"


def test_windows_1252_csv_is_read_with_a_warning(tmp_path: Path) -> None:
    """A cp1252 file is read, and the user is told to save as UTF-8."""
    p = tmp_path / "log.csv"
    p.write_bytes("id,fee\nA1,£50\n".encode("cp1252"))
    d = Diagnostics()
    table = read_table(p, "clearances", "log.csv", d)
    assert table is not None and table.rows[0].get("fee") == "£50"
    assert d.codes() == ["not-utf8"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "table-empty"),
        (b"id,holder\n", "table-empty"),
        (b"PK\x03\x04\x00\x00garbage", "table-unreadable"),
    ],
)
def test_broken_csv_is_a_located_error(tmp_path: Path, content: bytes, code: str) -> None:
    """Empty and binary files are errors, not tracebacks."""
    p = tmp_path / "log.csv"
    p.write_bytes(content)
    d = Diagnostics()
    assert read_table(p, "clearances", "log.csv", d) is None
    assert code in d.codes()


def test_duplicate_column_is_reported(tmp_path: Path) -> None:
    """Two headings that normalise alike are an error at the second."""
    p = tmp_path / "log.csv"
    p.write_text("id,Fee Quoted,fee-quoted\nA1,1,2\n", encoding="utf-8")
    d = Diagnostics()
    read_table(p, "clearances", "log.csv", d)
    assert d.codes() == ["duplicate-column"]


def test_xlsx_cells_are_sheet_and_cell_positions(tmp_path: Path) -> None:
    """An XLSX cell's position is file:Sheet!C7, and the sheet named like the table is used."""
    p = _xlsx(
        tmp_path / "log.xlsx",
        {"Notes": [["x"]], "Clearances": [["id", "holder", "fee"], ["A1", "Acme", 1250]]},
    )
    d = Diagnostics()
    table = read_table(p, "clearances", "log.xlsx", d)
    assert table is not None and not d.items
    assert table.rows[0].get("fee") == 1250
    assert str(table.rows[0].where("fee")) == "log.xlsx:Clearances!C2"


def test_xlsx_missing_sheet_names_the_sheets_it_has(tmp_path: Path) -> None:
    """A workbook without the table's sheet says which sheets it has."""
    p = _xlsx(tmp_path / "log.xlsx", {"Crew": [["a"]], "Kit": [["b"]]})
    d = Diagnostics()
    assert read_table(p, "clearances", "log.xlsx", d) is None
    assert d.codes() == ["sheet-missing"] and "Crew, Kit" in d.items[0].message


def test_corrupt_xlsx_is_a_located_error(tmp_path: Path) -> None:
    """A file named .xlsx that is not a workbook is table-unreadable, not a traceback."""
    p = tmp_path / "log.xlsx"
    p.write_text("id,holder\n", encoding="utf-8")
    d = Diagnostics()
    assert read_table(p, "clearances", "log.xlsx", d) is None
    assert d.codes() == ["table-unreadable"] and str(d.items[0].pos) == "log.xlsx"


def test_excel_unicode_text_utf16_tab_separated(tmp_path: Path) -> None:
    """Excel's 'Unicode Text' export (UTF-16, tab-separated) reads like any CSV."""
    p = tmp_path / "log.txt"
    p.write_bytes("id\tholder\r\nA1\tŁódź Films\r\n".encode("utf-16"))
    d = Diagnostics()
    table = read_table(p, "clearances", "log.txt", d)
    assert table is not None and not d.items and table.rows[0].get("holder") == "Łódź Films"


def test_a_stale_xlsx_dimension_does_not_lose_rows(tmp_path: Path) -> None:
    """A workbook whose <dimension> claims A1:C9 but holds 30 rows gives all 30."""
    import io
    import re
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Clearances"
    book.active.append(["id", "description", "fee"])
    for n in range(1, 31):
        book.active.append([f"ST{n:02d}", f"Photograph {n}", 100])
    buf = io.BytesIO()
    book.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path = tmp_path / "log.xlsx"
    with zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C9"', body)
                assert n == 1
            dst.writestr(info, body)
    d = Diagnostics()
    table = read_table(path, "clearances", "log.xlsx", d)
    assert table is not None and not d.items
    assert len(table.rows) == 30
    assert table.rows[-1].get("id") == "ST30"
    assert str(table.rows[-1].where("id")) == "log.xlsx:Clearances!A31"


def test_control_characters_are_cleaned_at_the_cell(tmp_path: Path) -> None:
    """\\v becomes a line break; U+0001 and NUL-free C0 are removed with a warning at the cell."""
    path = tmp_path / "t.csv"
    path.write_text("id,notes\nA1,one\x0btwo\x01\x1f\nA2,clean\n", encoding="utf-8")
    d = Diagnostics()
    table = read_table(path, "clearances", "t.csv", d)
    assert table is not None
    assert table.rows[0].get("notes") == "one\ntwo"
    assert table.rows[1].get("notes") == "clean"
    assert [(x.code, str(x.pos)) for x in d] == [("control-character", "t.csv:2:notes")]
    assert "U+0001, U+001F" in d.items[0].message
