"""Cases that bench/hostile.py's rerun of the 700-case sweep found on main: each was a hang or
a traceback, and is now a located error."""

from __future__ import annotations

import os
from pathlib import Path

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
