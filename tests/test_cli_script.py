"""`paperwork script ...` and `paperwork check SCRIPT`: outputs, exit codes, located errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperwork.cli import main

SCRIPT = """\
Title: The Test Draft
Author: Jo Writer

INT. KITCHEN - NIGHT #1#

Jo stirs a pot. The window rattles.

JO
(quietly)
Is that you?

SAM (O.S.)
Who else would it be?

EXT. GARDEN - DAY #2#

Sam waits by the gate.

SAM
Come on.
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".fdx", ".fountain"])
def test_format_writes_each_format(draft: Path, tmp_path: Path, suffix: str) -> None:
    """`script format` writes PDF, DOCX, FDX and Fountain, chosen by -o's extension."""
    out = tmp_path / f"out{suffix}"
    code, text = run("script", "format", str(draft), "-o", str(out))
    assert code == 0, text
    data = out.read_bytes()
    assert data[:4] in (b"%PDF", b"PK\x03\x04", b"<?xm", b"Titl")


def test_fountain_to_fdx_and_back_reads_the_same(draft: Path, tmp_path: Path) -> None:
    """draft.fountain -> .fdx -> .fountain keeps every scene and speech."""
    fdx, back = tmp_path / "d.fdx", tmp_path / "back.fountain"
    assert run("script", "format", str(draft), "-o", str(fdx))[0] == 0
    assert run("script", "format", str(fdx), "-o", str(back))[0] == 0
    text = back.read_text(encoding="utf-8")
    for line in ("INT. KITCHEN - NIGHT #1#", "SAM (O.S.)", "Who else would it be?", "(quietly)"):
        assert line in text


def test_pdf_text_and_page_labels(draft: Path, tmp_path: Path) -> None:
    """The PDF holds the script's text, a title page, and labels matching printed numbers."""
    from pypdf import PdfReader

    out = tmp_path / "d.pdf"
    run("script", "format", str(draft), "-o", str(out), "--paper", "a4")
    reader = PdfReader(str(out))
    assert "THE TEST DRAFT" in reader.pages[0].extract_text().upper()
    body = reader.pages[1].extract_text()
    assert "INT. KITCHEN - NIGHT" in body and "Who else would it be?" in body
    assert reader.metadata.title and "Test Draft" in reader.metadata.title
    assert round(float(reader.pages[1].mediabox.height)) == 842


def test_breakdown_json_and_csv(draft: Path, tmp_path: Path) -> None:
    """The breakdown lists scenes with page, eighths and speaking characters."""
    code, out = run("script", "breakdown", str(draft), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "The Test Draft" and data["pages"] == 1
    first = data["scenes"][0]
    assert first["number"] == "1" and first["int_ext"] == "INT" and first["set"] == "KITCHEN"
    assert first["time_of_day"] == "NIGHT" and first["page"] == "1" and first["eighths"] >= 1
    assert first["characters"] == ["JO", "SAM"] and first["pos"] == "draft.fountain:4"
    target = tmp_path / "scenes.csv"
    assert run("script", "breakdown", str(draft), "--csv", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["number"] for r in rows] == ["1", "2"] and rows[1]["characters"] == "SAM"


def test_format_does_not_overwrite_without_force(draft: Path, tmp_path: Path) -> None:
    """An existing output is kept unless --force."""
    out = tmp_path / "d.pdf"
    out.write_bytes(b"issued")
    code, text = run("script", "format", str(draft), "-o", str(out))
    assert code == 2 and out.read_bytes() == b"issued" and "--force" in text
    assert run("script", "format", str(draft), "-o", str(out), "--force")[0] == 0


def test_check_reports_malformed_fdx_with_its_position(tmp_path: Path) -> None:
    """A broken FDX is a located error and exit 1, never a traceback."""
    bad = tmp_path / "bad.fdx"
    bad.write_text(
        '<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n<Paragraph Type="Action">\n</FinalDraft>\n'
    )
    code, out = run("check", str(bad))
    assert code == 1 and "bad.fdx:5:" in out and "[fdx-malformed]" in out


def test_check_refuses_entity_expansion(tmp_path: Path) -> None:
    """An FDX with entities (billion laughs) is refused, not expanded."""
    bomb = tmp_path / "bomb.fdx"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        '<FinalDraft><Content><Paragraph Type="Action"><Text>&b;</Text></Paragraph></Content></FinalDraft>\n'
    )
    code, out = run("check", str(bomb))
    assert code == 1 and "[fdx-unsafe-xml]" in out


def test_unknown_script_extension_is_an_error(tmp_path: Path) -> None:
    """A .doc script is refused with what was expected."""
    doc = tmp_path / "draft.doc"
    doc.write_text("x")
    code, out = run("check", str(doc))
    assert code == 1 and ".fountain or .fdx" in out


def test_bad_output_extension_is_a_usage_error(draft: Path, tmp_path: Path) -> None:
    """-o must be a format paperwork writes."""
    code, out = run("script", "format", str(draft), "-o", str(tmp_path / "x.rtf"))
    assert code == 2 and ".pdf" in out


def test_check_on_a_clean_script(draft: Path) -> None:
    """A good script checks clean."""
    code, out = run("check", str(draft))
    assert code == 0 and "No errors" in out
