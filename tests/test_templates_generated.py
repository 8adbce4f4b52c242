"""tools/docx_templates: every bundled DOCX template is exactly what its generator makes."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from paperwork.builders import REGISTRY, kind
from tools.docx_templates import TEMPLATES_DIR, check, main, templates

REPO = Path(__file__).resolve().parent.parent


def _edit_part(path: Path, part: str, old: bytes, new: bytes) -> None:
    """Rewrite one zip member of the DOCX at ``path``, replacing ``old`` by ``new``."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                assert old in data
                data = data.replace(old, new)
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


def test_every_committed_template_is_what_its_generator_makes() -> None:
    """The check CI runs: no templates/*.docx is stale, missing or without a generator."""
    assert TEMPLATES_DIR == REPO / "templates"
    assert check(TEMPLATES_DIR, templates(), orphans=True) == []


def test_every_docx_template_a_builder_names_has_a_generator() -> None:
    """Each template stem a kind names has a generated ``.docx``."""
    stems = {stem for name in REGISTRY for stem in kind(name).templates}
    assert len(stems) == 18  # 12, crew list, movement order, itinerary, sides, sheets, report
    assert {f"{s}.docx" for s in stems} == {t.name for t in templates()}


def test_check_names_each_stale_missing_and_unknown_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One line per bad file, naming it and the part that differs; exit 1; the rest pass."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    _edit_part(folder / "call_sheet.docx", "word/document.xml", b"CALL SHEET", b"CALL SHEEP")
    (folder / "risk_assessment.docx").unlink()
    (folder / "company_memo.docx").write_bytes(b"PK")
    assert main(["--check", "--dir", str(folder)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4, lines
    stale, missing, unknown, total = lines
    assert stale.startswith("templates/call_sheet.docx: differs in word/document.xml ")
    assert "tools/docx_templates/call_sheet.py" in stale
    assert stale.endswith("(run python -m tools.docx_templates call_sheet --dir templates)")
    assert missing.startswith("templates/risk_assessment.docx: missing")
    assert unknown.startswith("templates/company_memo.docx: no generator makes it")
    assert total.startswith("3 ")


def test_check_of_chosen_kinds_looks_only_at_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--check carnet`` passes while another template is stale, and fails on a carnet one."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    _edit_part(folder / "call_sheet.docx", "word/document.xml", b"CALL SHEET", b"CALL SHEEP")
    assert main(["--check", "--dir", str(folder), "carnet"]) == 0
    _edit_part(folder / "carnet_cover.docx", "docProps/core.xml", b"paperwork", b"someone")
    assert main(["--check", "--dir", str(folder), "carnet"]) == 1
    err = capsys.readouterr().err
    assert "carnet_cover.docx: differs in docProps/core.xml " in err
    assert "call_sheet" not in err


def test_write_makes_the_committed_bytes_and_only_the_chosen_kinds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A generator's name writes all its templates, a template's name that one; again, none."""
    assert main(["--dir", str(tmp_path), "carnet", "risk_assessment.docx"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "carnet_cover.docx",
        "carnet_general_list.docx",
        "carnet_packing_list.docx",
        "risk_assessment.docx",
    ]
    for name in written:
        assert (tmp_path / name).read_bytes() == (TEMPLATES_DIR / name).read_bytes(), name
    assert capsys.readouterr().out.splitlines()[-1] == "4 DOCX templates, 4 rewritten"
    assert main(["--dir", str(tmp_path), "carnet", "risk_assessment"]) == 0
    assert capsys.readouterr().out.splitlines() == ["4 DOCX templates, 0 rewritten"]


def test_an_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 2 naming it, and nothing checked or written."""
    with pytest.raises(SystemExit) as exc:
        main(["--check", "carnet", "carnett"])
    assert exc.value.code == 2
    assert "no generator or template named carnett" in capsys.readouterr().err


def test_the_generators_do_not_edit_sys_path() -> None:
    """One package imported from the repository root, not scripts that patch sys.path."""
    sources = sorted((REPO / "tools").rglob("*.py"))
    assert len(sources) >= 10
    assert [p.name for p in sources if "sys.path" in p.read_text(encoding="utf-8")] == []
