"""Cases that bench/hostile.py's rerun of the 700-case sweep found on main: each was a hang or
a traceback, and is now a located error."""

from __future__ import annotations

import os
import time
from pathlib import Path

from paperwork.carnet.layout import DESCRIPTION_UNITS, text_units, wrap

from .helpers import DATE, edit, run

MANIFEST = "production.yaml"


def test_a_fifo_named_as_a_table_is_an_error_not_a_hang(show: Path) -> None:
    """A named pipe as a table would block the read for ever: a located error, at once."""
    os.mkfifo(show / "pipe.csv")
    edit(show / MANIFEST, "clearances: clearances.csv", "clearances: pipe.csv")
    out = run("check", str(show), *DATE)
    assert out.code == 1
    assert out.has("pipe.csv", "error", "table-unreadable")


def test_a_production_file_of_ten_megabytes_is_refused(show: Path) -> None:
    """A 10 MB title crashed the DOCX writer (lxml: text node too long); a 2 MB list took
    minutes to parse. Past 256 KB production.yaml is refused before it is parsed."""
    edit(show / MANIFEST, "title: The Salt Road", "title: " + "t" * 10_000_000)
    out = run(
        "build",
        str(show),
        "-o",
        str(show / "out"),
        "--only",
        "clearance-letters",
        "--format",
        "docx",
        *DATE,
    )
    assert out.code == 1
    assert out.has("production.yaml", "error", "manifest-too-large")
    assert not (show / "out").exists()


def test_a_production_file_just_under_the_limit_is_read(show: Path) -> None:
    """The limit leaves room: a 200 KB production.yaml (a long comment) is read as usual."""
    text = (show / MANIFEST).read_text(encoding="utf-8")
    (show / MANIFEST).write_text(text + ("# " + "x" * 98 + "\n") * 2000, encoding="utf-8")
    assert 200_000 < (show / MANIFEST).stat().st_size < 256 * 1024
    out = run("check", str(show), *DATE)
    assert out.code == 0
    assert "manifest-too-large" not in out.output


def test_a_ten_thousand_character_kit_description_is_refused_at_once(tmp_path: Path) -> None:
    """A 10,000-character description with no space hung the carnet build (each line of the
    word was found by trying ever shorter prefixes); now it is a located error in seconds."""
    show = tmp_path / "show"
    assert run("init", str(show)).code == 0
    line = edit(show / "kit.csv", "Flight case", "x" * 10_000)
    start = time.monotonic()
    out = run(
        "build", str(show), "-o", str(show / "out"), "--only", "carnet", "--format", "csv", *DATE
    )
    assert time.monotonic() - start < 20
    assert out.code == 1
    assert out.has(f"kit.csv:{line}", "error", "description-too-long")


def test_wrapping_a_long_word_is_linear() -> None:
    """5,000 characters without a space wrap in well under a second (it took about a minute),
    cut into lines that each fit and together give the word back."""
    start = time.monotonic()
    lines = wrap("x" * 5_000)
    assert time.monotonic() - start < 2
    assert "".join(lines) == "x" * 5_000
    assert all(text_units(line) <= DESCRIPTION_UNITS for line in lines)
    assert text_units(lines[0] + "x") > DESCRIPTION_UNITS
