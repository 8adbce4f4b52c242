"""A user's own template keeps what it does not override, and a logo survives any folder name."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from PIL import Image

from paperwork.cli import main
from paperwork.resources import templates_dir

DATE = ["--date", "2026-11-29"]


def init(folder: Path) -> Path:
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def build_letters(show: Path, out: Path) -> tuple[str, list[bytes]]:
    args = ["build", str(show), "-o", str(out), "--only", "clearance-letters", "--format", "pdf"]
    result = CliRunner().invoke(main, [*args, *DATE])
    assert result.exit_code == 0, result.output
    return result.output, [p.read_bytes() for p in sorted(out.glob("clearance-request_*.pdf"))]


def fonts_and_text(pdf: bytes) -> tuple[set[str], str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        fonts = {c["fontname"].split("+")[-1] for page in doc.pages for c in page.chars}
        return fonts, "\n".join(page.extract_text() or "" for page in doc.pages)


@pytest.mark.slow  # renders documents: over a second
def test_an_overriding_template_keeps_the_bundled_stylesheet(tmp_path: Path) -> None:
    """Copying clearance_letter.html into the production's templates, as the README says,
    gives the same letter: _base.css and its fonts come from the bundled folder."""
    show = init(tmp_path / "show")
    _, bundled = build_letters(show, tmp_path / "bundled")
    mine = show / "my-templates"
    mine.mkdir()
    shutil.copy(templates_dir() / "clearance_letter.html", mine)
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace("# templates: my-templates/", "templates: my-templates/")
    )
    output, overridden = build_letters(show, tmp_path / "own")
    assert "blocked-resource" not in output and "template-warning" not in output
    assert bundled and [fonts_and_text(p) for p in overridden] == [
        fonts_and_text(p) for p in bundled
    ]


def test_a_logo_in_a_folder_named_with_hash_and_percent_is_printed(tmp_path: Path) -> None:
    """``#``, ``?`` and ``%`` in the production's path once dropped the logo from every PDF."""
    show = init(tmp_path / "Pilot #2 ? 50% off")
    Image.new("RGB", (120, 40), (20, 60, 120)).save(show / "logo.png")
    manifest = show / "production.yaml"
    manifest.write_text(manifest.read_text().replace("# logo: logo.png", "logo: logo.png"))
    output, letters = build_letters(show, tmp_path / "out")
    assert "blocked-resource" not in output
    assert letters
    for pdf in letters:
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            assert doc.pages[0].images, "the letterhead's logo is missing"
