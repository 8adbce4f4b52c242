"""One generated case per class of hostile input (issue 13): exact exit code, located
diagnostic, never a traceback."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from .helpers import DATE, edit, line_of, run

MANIFEST = "production.yaml"


def check(show: Path) -> object:
    return run("check", str(show))


# --- 2. Control characters ------------------------------------------------------------------


@pytest.mark.slow  # renders documents: over a second
def test_control_characters_in_a_csv_cell_reach_the_workbook_cleaned(show: Path) -> None:
    """A vertical tab is a line break in the log's XLSX; a U+0001 is removed, warned at its cell."""
    line = edit(show / "clearances.csv", "composition", "compo\x0bsition\x01")
    out = run("build", str(show), "-o", str(show / "out"), "--only", "clearance-log", *DATE)
    assert out.code == 0
    assert out.has(f"clearances.csv:{line}:description", "warning", "control-character")
    book = openpyxl.load_workbook(next((show / "out").glob("clearance-log_*_2026-12-02.xlsx")))
    texts = [c.value for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("compo\nsition" in t for t in texts)
    assert not any("\x01" in t or "\x0b" in t for t in texts)


def test_nul_in_production_yaml_is_removed_with_a_located_warning(show: Path) -> None:
    """A NUL in production.yaml is a warning at its line and column, not a traceback."""
    line = edit(show / MANIFEST, "title: The Salt Road", "title: The Salt\x00 Road")
    out = check(show)
    assert out.code == 0
    assert out.has(f"production.yaml:{line}:16", "warning", "control-character")


@pytest.mark.parametrize("suffix", [".fdx", ".docx"])
def test_control_characters_in_a_fountain_never_crash_a_writer(show: Path, suffix: str) -> None:
    """Fountain action with U+0001 and a vertical tab formats to FDX and DOCX (lxml refuses both)."""
    script = show / "script.fountain"
    text = script.read_text(encoding="utf-8")
    script.write_text(text + "\n\nShe waits.\x01 The\x0btide turns.\n", encoding="utf-8")
    line = len(text.split("\n")) + 2
    target = show / f"formatted{suffix}"
    out = run("script", "format", str(script), "-o", str(target))
    assert out.code == 0 and target.stat().st_size > 0
    assert out.has(f"script.fountain:{line}:11", "warning", "control-character")


# --- 3. A stale <dimension> in a workbook ---------------------------------------------------


def stale_workbook(path: Path, rows: list[list[object]], ref: str = "A1:C9") -> None:
    """Write ``rows`` with openpyxl, then make the sheet's <dimension> claim only ``ref``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Clearances"
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body, n = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), body
                )
                assert n == 1
            dst.writestr(info, body)


def test_a_workbook_with_a_stale_dimension_is_read_to_its_last_row(show: Path) -> None:
    """30 clearances in a workbook whose <dimension> says A1:C9: all 30 are read."""
    rows: list[list[object]] = [["id", "type", "description", "holder_company", "status"]]
    rows += [
        [f"ST{n:02d}", "still", f"Photograph {n}", "Kestrel", "to request"] for n in range(1, 31)
    ]
    stale_workbook(show / "log.xlsx", rows)
    edit(show / MANIFEST, "clearances: clearances.csv", "clearances: log.xlsx")
    out = run("build", str(show), "-o", str(show / "out"), "--only", "clearance-log", *DATE)
    assert out.code == 0, out.output
    book = openpyxl.load_workbook(next((show / "out").glob("clearance-log_*_2026-12-02.xlsx")))
    ids = {c.value for row in book.active.iter_rows() for c in row}
    assert {f"ST{n:02d}" for n in range(1, 31)} <= ids


# --- 4. Only inside the production folder ---------------------------------------------------


@pytest.mark.parametrize("how", ["parent", "absolute", "symlink"])
def test_a_table_outside_the_production_folder_is_refused(show: Path, how: str) -> None:
    """``../x.csv``, an absolute path elsewhere, or a symlink out are located errors."""
    outside = show.parent / "elsewhere.csv"
    outside.write_text((show / "clearances.csv").read_text(encoding="utf-8"), encoding="utf-8")
    line = line_of(show / MANIFEST, "clearances: clearances.csv")
    if how == "parent":
        edit(show / MANIFEST, "clearances: clearances.csv", "clearances: ../elsewhere.csv")
    elif how == "absolute":
        edit(show / MANIFEST, "clearances: clearances.csv", f"clearances: {outside}")
    else:
        (show / "clearances.csv").unlink()
        (show / "clearances.csv").symlink_to(outside)
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}", "error", "path-outside-production")


def test_a_symlinked_script_or_logo_outside_is_refused(show: Path) -> None:
    """The script and the logo follow the same rule as the tables."""
    outside = show.parent / "draft.fountain"
    outside.write_text((show / "script.fountain").read_text(encoding="utf-8"), encoding="utf-8")
    (show / "script.fountain").unlink()
    (show / "script.fountain").symlink_to(outside)
    (show / "logo.png").symlink_to("/etc/passwd")
    logo_line = edit(show / MANIFEST, "  website:", "  logo: logo.png\n  website:")
    script_line = line_of(show / MANIFEST, "file: script.fountain")
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{script_line}", "error", "path-outside-production")
    assert out.has(f"production.yaml:{logo_line}", "error", "path-outside-production")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_template_symlinked_out_of_its_folder_is_refused(show: Path, fmt: str) -> None:
    """A templates-folder entry linking to /etc/passwd stops the build (exit 4), unread."""
    (show / "templates").mkdir()
    (show / "templates" / f"clearance_log.{'html' if fmt == 'pdf' else 'docx'}").symlink_to(
        "/etc/passwd"
    )
    edit(show / MANIFEST, "paper: a4", "paper: a4\ntemplates: templates")
    out = run(
        "build",
        str(show),
        "-o",
        str(show / "out"),
        "--only",
        "clearance-log",
        "--format",
        fmt,
        *DATE,
    )
    assert out.code == 4
    assert "outside the templates folder" in out.output and "root:" not in out.output
    assert not list((show / "out").glob("clearance-log*"))


# --- 7. Mistyped dates in production.yaml ---------------------------------------------------


@pytest.mark.parametrize("typo", ["2027-02-30", "0000-00-00", "2027-07-02T25:00"])
def test_a_mistyped_date_is_a_located_error(show: Path, typo: str) -> None:
    """PyYAML's timestamp resolver no longer raises: the date parser reports the line."""
    line = edit(show / MANIFEST, "tx: 2027-07-02", f"tx: {typo}")
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}", "error", "bad-date")


# --- 9. YAML alias bombs and deep nesting ---------------------------------------------------


def test_an_alias_bomb_is_refused_at_once(show: Path) -> None:
    """Nine levels of nine-fold aliases (9**9 items if expanded) is a located error."""
    bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = (show / MANIFEST).read_text(encoding="utf-8")
    (show / MANIFEST).write_text(text + "\n".join(bomb) + "\n", encoding="utf-8")
    assert len("\n".join(bomb)) < 1500
    line = len(text.split("\n")) + 1
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}:10", "error", "yaml-alias")


def test_thousand_deep_nesting_is_refused(show: Path) -> None:
    """1,000 nested lists are a located error, not a RecursionError."""
    text = (show / MANIFEST).read_text(encoding="utf-8")
    (show / MANIFEST).write_text(text + "x: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    out = check(show)
    assert out.code == 1
    # the 64th bracket: the root mapping is the first level
    assert out.has(f"production.yaml:{len(text.split(chr(10)))}:67", "error", "yaml-too-deep")


# --- 13. Out-of-range values ----------------------------------------------------------------


def test_a_thirty_digit_amount_is_out_of_range(show: Path) -> None:
    line = edit(show / MANIFEST, "clearances: 18500", "clearances: " + "9" * 30)
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}", "error", "out-of-range")


def test_a_thirty_digit_amount_in_a_table_is_out_of_range(show: Path) -> None:
    line = edit(show / "clearances.csv", '"£1,250.00"', "9" * 30)
    out = check(show)
    assert out.code == 1
    assert out.has(f"clearances.csv:{line}:fee_offered", "error", "out-of-range")


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_a_year_outside_1900_to_2100_is_out_of_range(show: Path, year: str) -> None:
    line = edit(show / MANIFEST, "tx: 2027-07-02", f"tx: {year}-07-02")
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}", "error", "out-of-range")


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_a_date_option_outside_1900_to_2100_is_a_usage_error(show: Path, year: str) -> None:
    out = run(
        "build",
        str(show),
        "-o",
        str(show / "out"),
        "--only",
        "clearance-log",
        "--date",
        f"{year}-01-01",
    )
    assert out.code == 2 and "--date must be a date between 1900 and 2100" in out.output


def test_a_nan_holiday_rate_is_a_located_error(show: Path) -> None:
    line = edit(show / MANIFEST, "holiday_rate: 12.07%", "holiday_rate: NaN")
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}", "error", "bad-holiday-rate")


@pytest.mark.parametrize("size", ["nan", "inf", "1e300"])
def test_fdx_with_absurd_sizes_still_formats(tmp_path: Path, size: str) -> None:
    """NaN, infinite and astronomic font sizes and margins fall back to the defaults, each
    warned about at its element."""
    fdx = tmp_path / "s.fdx"
    fdx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" Version="5">'
        "<Content>"
        '<Paragraph Type="Scene Heading"><Text>INT. HOUSE - DAY</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>She waits.</Text></Paragraph>'
        '</Content><ElementSettings Type="Action">'
        f'<FontSpec Size="{size}"/><ParagraphSpec LeftIndent="{size}" SpaceBefore="{size}"/>'
        f'</ElementSettings><PageLayout TopMargin="{size}"><PageSize Width="{size}" Height="{size}"/>'
        "</PageLayout></FinalDraft>\n",
        encoding="utf-8",
    )
    out = run("script", "format", str(fdx), "-o", str(tmp_path / "s.pdf"))
    assert out.code == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert out.has("s.fdx:2", "warning", "fdx-bad-measure")
    assert out.output.count("[fdx-bad-measure]") == 6  # size, indent, space, margin, w, h


def test_a_logo_that_is_not_an_image_is_a_located_error(show: Path) -> None:
    (show / "logo.png").write_bytes(b"GIF89a but not really")
    line = edit(show / MANIFEST, "  website:", "  logo: logo.png\n  website:")
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}", "error", "bad-logo")


@pytest.mark.slow  # renders documents: over a second
@pytest.mark.parametrize("data", [b"PK\x03\x04 not a zip", b"", b"just text"])
def test_a_corrupt_own_template_exits_4(show: Path, data: bytes) -> None:
    (show / "memo.docx").write_bytes(data)
    out = run(
        "contracts",
        str(show),
        "-o",
        str(show / "out"),
        "--template",
        str(show / "memo.docx"),
        *DATE,
    )
    assert out.code == 4
    assert "memo.docx is not a readable Word document" in out.output


# --- 14. Garbage accepted silently ----------------------------------------------------------


def test_an_empty_fountain_is_an_error(show: Path) -> None:
    (show / "script.fountain").write_text("", encoding="utf-8")
    out = run("build", str(show), "-o", str(show / "out"), "--only", "script", *DATE)
    assert out.code == 1
    assert out.has("script.fountain", "error", "script-empty")
    assert not list((show / "out").glob("*.pdf")) if (show / "out").exists() else True


def test_a_binary_file_as_a_script_is_refused(show: Path) -> None:
    (show / "script.fountain").write_bytes(bytes(range(256)) * 80)
    out = run("script", "format", str(show / "script.fountain"), "-o", str(show / "s.pdf"))
    assert out.code == 1
    assert out.has("script.fountain", "error", "script-not-text")
    assert not (show / "s.pdf").exists()


def test_a_duplicate_yaml_key_names_both_lines(show: Path) -> None:
    text = (show / MANIFEST).read_text(encoding="utf-8")
    (show / MANIFEST).write_text(text + "title: Another Title\n", encoding="utf-8")
    second = len(text.split("\n"))
    first = line_of(show / MANIFEST, "title: The Salt Road")
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{second}", "error", "duplicate-key")
    assert f"lines {first} and {second}" in out.output


@pytest.mark.parametrize("value", ["!!binary aGVsbG8=", "!!set {a, b}", "!!python/name:os.system"])
def test_non_plain_yaml_types_are_refused(show: Path, value: str) -> None:
    line = edit(show / MANIFEST, "title: The Salt Road", f"title: {value}")
    out = check(show)
    assert out.code == 1
    assert out.has(f"production.yaml:{line}:8", "error", "yaml-type")
    assert "b'hello'" not in out.output


def test_an_xlsx_float_1e300_is_refused_like_a_csv_1e308(show: Path) -> None:
    """One rule for amounts: the workbook's float and the CSV's text are both refused."""
    rows: list[list[object]] = [["id", "type", "description", "holder_company", "fee_quoted"]]
    rows.append(["ST01", "still", "Photograph", "Kestrel", 1e300])
    stale_workbook(show / "log.xlsx", rows, ref="A1:E2")
    edit(show / MANIFEST, "clearances: clearances.csv", "clearances: log.xlsx")
    out = check(show)
    assert out.code == 1
    assert out.has("log.xlsx:Clearances!E2", "error", "out-of-range")


def test_a_csv_1e308_amount_is_refused(show: Path) -> None:
    line = edit(show / "clearances.csv", '"£1,250.00"', "1e308")
    out = check(show)
    assert out.code == 1
    assert out.has(f"clearances.csv:{line}:fee_offered", "error", "bad-money")
