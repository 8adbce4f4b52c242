"""Editing a production's own files: one cell, a whole table, the script; undo; re-check."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from paperwork.editing import (
    KEEP,
    CellEdit,
    ProductionCache,
    edit_cell,
    fingerprint,
    forget,
    history,
    replace_script,
    replace_table,
    table_grid,
    undo,
)
from paperwork.errors import Diagnostics, InputError, UsageError
from paperwork.readers.production import read_production
from paperwork.readers.tables import read_table

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo"
CAST = (DEMO / "cast.csv").read_text(encoding="utf-8").replace("; ", " / ")  # no stray ';'


@pytest.fixture
def prod(tmp_path: Path) -> Path:
    """A copy of the demo production, to change."""
    root = tmp_path / "show"
    shutil.copytree(DEMO, root)
    return root


def _use(root: Path, table: str, name: str) -> None:
    """Point ``tables: TABLE`` at ``name`` in the copy's production.yaml."""
    manifest = root / "production.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^  {table}: .*$", f"  {table}: {name}", text)
    manifest.write_text(text, encoding="utf-8")


def _lines(data: bytes, ending: bytes) -> list[bytes]:
    return data.split(ending)


# The encodings the CSV reader takes, each with a delimiter and line ending of its own.
CASES = [
    ("utf-8", b"", ",", "\n"),
    ("utf-8", b"\xef\xbb\xbf", ";", "\r\n"),
    ("cp1252", b"", ",", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\t", "\r\n"),
    ("utf-16-be", b"\xfe\xff", ",", "\n"),
]


@pytest.mark.parametrize(("codec", "bom", "delimiter", "ending"), CASES)
def test_csv_edit_keeps_encoding_delimiter_endings_and_only_that_row(
    prod: Path, codec: str, bom: bytes, delimiter: str, ending: str
) -> None:
    """Only the edited row's bytes change, in the file's own encoding, BOM and dialect."""
    text = CAST.replace(",", delimiter) if delimiter != "," else CAST
    text = text.replace("\n", ending)
    data = bom + text.encode(codec)
    (prod / "cast.csv").write_bytes(data)
    inode = (prod / "cast.csv").stat().st_ino
    result = edit_cell(prod, CellEdit("cast", 3, "Agent", "Café Ågency, Ltd"))
    assert result.before == "Tamar Management"
    assert (prod / "cast.csv").stat().st_ino != inode  # a new file renamed in: atomic
    assert not list(prod.glob(".*.part"))
    entry = history(prod)[0]
    assert (entry.kind, entry.table, entry.file, entry.row, entry.column) == (
        "edit",
        "cast",
        "cast.csv",
        3,
        "Agent",
    )
    assert (entry.before, entry.after) == ("Tamar Management", "Café Ågency, Ltd")
    assert (prod / ".paperwork" / "history" / f"{entry.id}.bak").read_bytes() == data
    after = (prod / "cast.csv").read_bytes()
    assert after.startswith(bom)
    sep = ending.encode(codec)
    old_lines = _lines(data[len(bom) :], sep)
    new_lines = _lines(after[len(bom) :], sep)
    assert len(old_lines) == len(new_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [2]  # line 3
    row = new_lines[2].decode(codec)
    quoted = '"Café Ågency, Ltd"' if delimiter == "," else "Café Ågency, Ltd"
    assert row == ending.join(
        [CAST.splitlines()[2].replace(",", delimiter).replace("Tamar Management", quoted)]
    )
    d = Diagnostics()
    table = read_table(prod / "cast.csv", "cast", "cast.csv", d)
    assert table is not None and table.rows[1].get("agent") == "Café Ågency, Ltd"
    assert [x.code for x in d if x.severity == "error"] == []


def test_csv_edit_keeps_quoting_of_the_other_cells(prod: Path) -> None:
    """A row whose cells are all quoted keeps them quoted; the new cell is quoted too."""
    rows = CAST.splitlines()
    rows[1] = ",".join(f'"{c}"' for c in rows[1].split(","))
    (prod / "cast.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    edit_cell(prod, CellEdit("cast", 2, "character", "ANA (older)"), now=datetime(2026, 12, 2, 9))
    assert history(prod)[0].label == "2026-12-02T09:00:00"  # only when the caller gives it
    line = (prod / "cast.csv").read_text(encoding="utf-8").splitlines()[1]
    assert line == rows[1].replace('"ANA"', '"ANA (older)"')


def test_csv_edit_a_short_row_and_a_multiline_value(prod: Path) -> None:
    """A row with fewer cells than headings is padded; a value with a newline is quoted."""
    lines = CAST.splitlines()
    lines[1] = "1,Nadia Rennick,ANA"
    (prod / "cast.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit_cell(prod, CellEdit("cast", 2, "notes", "line one\nline two"))
    d = Diagnostics()
    table = read_table(prod / "cast.csv", "cast", "cast.csv", d)
    assert table is not None
    assert table.rows[0].get("notes") == "line one\nline two"
    assert table.rows[0].get("character") == "ANA"


def test_cp1252_file_refuses_a_character_it_cannot_hold(prod: Path) -> None:
    data = CAST.encode("cp1252")
    (prod / "cast.csv").write_bytes(data)
    with pytest.raises(UsageError, match="CSV UTF-8"):
        edit_cell(prod, CellEdit("cast", 2, "artist", "Łucja"))
    assert (prod / "cast.csv").read_bytes() == data
    assert history(prod) == []


def test_missing_table_row_or_column_is_a_clear_error(prod: Path) -> None:
    before = (prod / "cast.csv").read_bytes()
    with pytest.raises(UsageError, match="no table 'castt'.*cast"):
        edit_cell(prod, CellEdit("castt", 2, "artist", "x"))
    with pytest.raises(UsageError, match="no column 'artiste'.*'artist'"):
        edit_cell(prod, CellEdit("cast", 2, "artiste", "x"))
    with pytest.raises(UsageError, match="row 999 .* not in the file"):
        edit_cell(prod, CellEdit("cast", 999, "artist", "x"))
    with pytest.raises(UsageError, match="numbered from 1"):
        edit_cell(prod, CellEdit("cast", 0, "artist", "x"))
    assert (prod / "cast.csv").read_bytes() == before
    assert history(prod) == []


def test_column_matched_like_the_reader(prod: Path) -> None:
    """``Date of Birth`` finds the ``date_of_birth`` column."""
    result = edit_cell(prod, CellEdit("cast", 2, "Date of Birth", "2001-02-03"))
    assert result.before == ""
    assert table_grid(prod, "cast").rows[0].cells[6] == "2001-02-03"


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Cast"
    for line in CAST.splitlines():
        ws.append(line.split(","))
    ws["B2"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["B2"].comment = Comment("Lead: check availability", "Office")
    ws["A3"] = 2
    ws["A3"].number_format = "0.00"
    ws.column_dimensions["B"].width = 31
    notes = book.create_sheet("Notes")
    notes["A1"] = "Kept as it is"
    notes["B2"] = "=1+1"
    book.save(path)


def test_xlsx_edit_keeps_sheets_styles_comments_widths(prod: Path) -> None:
    """Other sheets, a fill, a comment, a number format and a column width survive."""
    _workbook(prod / "cast.xlsx")
    _use(prod, "cast", "cast.xlsx")
    result = edit_cell(prod, CellEdit("cast", 2, "artist", "Nadia Rennick-Hale"))
    assert result.before == "Nadia Rennick"
    book = openpyxl.load_workbook(prod / "cast.xlsx")
    assert book.sheetnames == ["Cast", "Notes"]
    ws = book["Cast"]
    assert ws["B2"].value == "Nadia Rennick-Hale"
    assert ws["B2"].fill.fgColor.rgb == "00FFFF00"
    assert ws["B2"].comment is not None and ws["B2"].comment.text == "Lead: check availability"
    assert ws["A3"].number_format == "0.00"
    assert ws.column_dimensions["B"].width == 31
    assert book["Notes"]["A1"].value == "Kept as it is"
    assert book["Notes"]["B2"].value == "=1+1"  # a formula of theirs stays a formula


def test_xlsx_formula_looking_value_stays_text(prod: Path) -> None:
    _workbook(prod / "cast.xlsx")
    _use(prod, "cast", "cast.xlsx")
    edit_cell(prod, CellEdit("cast", 2, "notes", '=HYPERLINK("http://x")'))
    cell = openpyxl.load_workbook(prod / "cast.xlsx")["Cast"]["K2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x")'
    with zipfile.ZipFile(prod / "cast.xlsx") as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    grid = table_grid(prod, "cast")
    assert grid.sheet == "Cast" and grid.rows[0].cells[10] == '=HYPERLINK("http://x")'


def test_xlsx_number_stays_a_number_and_grid_shows_it(prod: Path) -> None:
    _workbook(prod / "cast.xlsx")
    _use(prod, "cast", "cast.xlsx")
    grid = table_grid(prod, "cast")
    assert grid.rows[1].number == 3 and grid.rows[1].cells[0] == "2"
    edit_cell(prod, CellEdit("cast", 3, "id", "7"))
    assert openpyxl.load_workbook(prod / "cast.xlsx")["Cast"]["A3"].value == 7


def test_undo_25_edits_in_order(prod: Path) -> None:
    """Each undo puts back the version before the latest edit, newest first."""
    versions = [(prod / "cast.csv").read_bytes()]
    for i in range(25):
        edit_cell(prod, CellEdit("cast", 2 + i % 4, "notes", f"note {i}"))
        versions.append((prod / "cast.csv").read_bytes())
    entries = history(prod)
    assert len(entries) == 25
    assert [e.after for e in entries[:2]] == ["note 24", "note 23"]
    for i in reversed(range(25)):
        result = undo(prod)
        assert result is not None and result.before == f"note {i}"
        assert (prod / "cast.csv").read_bytes() == versions[i]
    assert undo(prod) is None


@pytest.mark.slow  # renders documents: over a second
def test_history_keeps_the_last_fifty(prod: Path) -> None:
    for i in range(KEEP + 3):
        edit_cell(prod, CellEdit("cast", 2, "notes", f"n{i}"))
    entries = history(prod)
    assert len(entries) == KEEP
    assert entries[0].after == f"n{KEEP + 2}" and entries[-1].after == "n3"
    assert len(list((prod / ".paperwork" / "history").glob("*.bak"))) == KEEP


def test_undo_refuses_after_an_outside_change(prod: Path) -> None:
    """A file saved elsewhere after the edit is never overwritten by undo."""
    edit_cell(prod, CellEdit("cast", 2, "notes", "ours"))
    newer = (prod / "cast.csv").read_bytes().replace(b"ours", b"saved in Excel")
    (prod / "cast.csv").write_bytes(newer)
    with pytest.raises(UsageError, match="changed since"):
        undo(prod)
    assert (prod / "cast.csv").read_bytes() == newer
    entry = history(prod)[0]
    assert forget(prod, entry.id) and history(prod) == []


def test_replace_table_with_a_broken_upload_replaces_nothing(prod: Path) -> None:
    before = (prod / "cast.csv").read_bytes()
    broken = CAST.replace("2015-06-14", "14th of Juneish").encode()
    result = replace_table(prod, "cast", "../../etc/passwd.csv", broken)
    assert not result.replaced
    assert [(d.code, str(d.pos)) for d in result.errors] == [
        ("bad-date", "cast.csv:4:date_of_birth")
    ]
    assert (prod / "cast.csv").read_bytes() == before
    assert history(prod) == []


def test_replace_table_good_upload_replaces_and_undoes(prod: Path) -> None:
    before = (prod / "cast.csv").read_bytes()
    upload = CAST.replace("Nadia Rennick", "Nadia Rennick-Hale").encode("utf-8-sig")
    result = replace_table(prod, "cast", "C:\\Users\\me\\Downloads\\Cast (2).CSV", upload)
    assert result.replaced and result.errors == []
    assert (prod / "cast.csv").read_bytes() == upload
    assert not (prod / "Cast (2).CSV").exists()
    assert history(prod)[0].kind == "table"
    assert undo(prod) is not None
    assert (prod / "cast.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("filename", "data", "code"),
    [
        ("cast.xlsx", b"PK\x03\x04", "upload-wrong-type"),  # the table is a .csv
        ("cast", CAST.encode(), "upload-wrong-type"),
        ("cast.csv", b"%PDF-1.7\n\x00\x01\x02binary", "upload-wrong-type"),
        ("cast.csv", b"a" * (20 * 1024 * 1024 + 1), "upload-too-large"),
    ],
)
def test_replace_table_refuses_wrong_uploads(
    prod: Path, filename: str, data: bytes, code: str
) -> None:
    before = (prod / "cast.csv").read_bytes()
    result = replace_table(prod, "cast", filename, data)
    assert not result.replaced
    assert [(d.code, str(d.pos)) for d in result.errors] == [(code, "cast.csv")]
    assert (prod / "cast.csv").read_bytes() == before


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (60 * 1024 * 1024))
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused(prod: Path) -> None:
    _workbook(prod / "cast.xlsx")
    _use(prod, "cast", "cast.xlsx")
    before = (prod / "cast.xlsx").read_bytes()
    bomb = _bomb()
    assert len(bomb) < 1024 * 1024
    result = replace_table(prod, "cast", "cast.xlsx", bomb)
    assert not result.replaced
    assert [d.code for d in result.errors] == ["upload-zip-bomb"]
    assert (prod / "cast.xlsx").read_bytes() == before


def test_xlsx_upload_checked_by_the_reader(prod: Path, tmp_path: Path) -> None:
    """A real workbook passes; one without the table's sheet is refused with sheet-missing."""
    _workbook(prod / "cast.xlsx")
    _use(prod, "cast", "cast.xlsx")
    _workbook(tmp_path / "upload.xlsx")
    good = (tmp_path / "upload.xlsx").read_bytes()
    assert replace_table(prod, "cast", "new.xlsx", good).replaced
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"  # type: ignore[union-attr]
    book.create_sheet("Other")
    out = io.BytesIO()
    book.save(out)
    result = replace_table(prod, "cast", "new.xlsx", out.getvalue())
    assert not result.replaced and [d.code for d in result.errors] == ["sheet-missing"]
    assert (prod / "cast.xlsx").read_bytes() == good


def test_replace_script(prod: Path) -> None:
    before = (prod / "script.fountain").read_bytes()
    result = replace_script(prod, "draft.fdx", before)
    assert not result.replaced and [d.code for d in result.errors] == ["upload-wrong-type"]
    result = replace_script(prod, "draft.fountain", b"\n\n")
    assert not result.replaced and [d.code for d in result.errors] == ["script-empty"]
    draft = before.replace(b"INT.", b"INT.", 1) + b"\nEXT. NEW SCENE - DAY\n\nA gull.\n"
    result = replace_script(prod, "Draft 2.fountain", draft)
    assert result.replaced and result.errors == []
    assert (prod / "script.fountain").read_bytes() == draft
    assert history(prod)[0].table == "script"


def test_table_grid_rows_match_the_readers_positions(prod: Path) -> None:
    """Each grid row carries the number the reader's diagnostics use for it."""
    grid = table_grid(prod, "cast")
    assert grid.header[:3] == ("id", "artist", "character")
    assert grid.header_row == 1 and grid.sheet is None
    d = Diagnostics()
    table = read_table(prod / "cast.csv", "cast", "cast.csv", d)
    assert table is not None
    assert [r.number for r in grid.rows] == [r.number for r in table.rows]


def test_fingerprint_sees_a_change_on_disk(prod: Path) -> None:
    first = fingerprint(prod)
    assert set(first) >= {"production.yaml", "cast.csv", "crew.csv", "script.fountain"}
    edit_cell(prod, CellEdit("cast", 2, "notes", "changed"))
    second = fingerprint(prod)
    assert [k for k in first if first[k] != second[k]] == ["cast.csv"]


def test_cache_rereads_only_the_changed_table_and_sees_excel_saves(prod: Path) -> None:
    """After one edit only that table is read again, with the same diagnostics as a full read."""
    cache = ProductionCache(prod)
    d = Diagnostics()
    assert cache.read_production(prod, d) is not None
    first = cache.reads
    edit_cell(prod, CellEdit("cast", 4, "date_of_birth", "not a date"))
    again = Diagnostics()
    production = cache.read_production(prod, again)
    assert cache.reads == first + 1
    fresh = Diagnostics()
    assert read_production(prod, fresh) == production
    assert [str(x) for x in again] == [str(x) for x in fresh]
    assert "cast.csv:4:date_of_birth" in {str(x.pos) for x in again if x.code == "bad-date"}
    # Saved by another program: seen as well.
    (prod / "cast.csv").write_text(CAST, encoding="utf-8")
    last = Diagnostics()
    cache.read_production(prod, last)
    assert cache.reads == first + 2
    assert "bad-date" not in last.codes()


def test_cache_check_matches_a_full_check(prod: Path) -> None:
    """The plan through the cache reports what a fresh plan reports."""
    from paperwork.pipeline import BuildRequest, plan

    cache = ProductionCache(prod)
    cache.check(date(2026, 12, 2))
    edit_cell(prod, CellEdit("cast", 2, "email", "not-an-email"))
    _, cached = cache.check(date(2026, 12, 2))
    fresh = Diagnostics()
    plan(prod, BuildRequest(today=date(2026, 12, 2)), fresh)
    assert [str(x) for x in cached] == [str(x) for x in fresh]


def test_a_table_path_outside_the_folder_is_refused(prod: Path, tmp_path: Path) -> None:
    """A table that is a link out of the production folder is neither read nor written."""
    outside = tmp_path / "elsewhere.csv"
    outside.write_text(CAST, encoding="utf-8")
    (prod / "link.csv").symlink_to(outside)
    _use(prod, "cast", "link.csv")
    with pytest.raises(InputError) as caught:
        edit_cell(prod, CellEdit("cast", 2, "artist", "x"))
    assert [d.code for d in caught.value.diagnostics] == ["path-outside-production"]
    with pytest.raises(InputError):
        replace_table(prod, "cast", "cast.csv", CAST.encode())
    assert outside.read_text(encoding="utf-8") == CAST
