"""The CLI: exit codes, located messages, no tracebacks for a user's mistakes."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from paperwork.cli import main

DATE = ["--date", "2026-11-29"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture()
def show(tmp_path: Path) -> Path:
    """A fresh production folder from `paperwork init`."""
    folder = tmp_path / "show"
    code, out = run("init", str(folder))
    assert code == 0 and "production.yaml" in out
    return folder


@dataclass(frozen=True)
class BuiltShow:
    folder: Path  # a fresh `paperwork init` folder, not to be changed
    out: Path
    code: int
    output: str


@pytest.fixture(scope="module")
def built_show(tmp_path_factory: pytest.TempPathFactory) -> BuiltShow:
    """A fresh init folder built once with every default format by two processes, for the
    tests that read what a plain build of it writes and says."""
    root = tmp_path_factory.mktemp("built-show")
    folder, out = root / "show", root / "out"
    assert run("init", str(folder))[0] == 0
    code, output = run("build", str(folder), "-o", str(out), *DATE, "-j", "2")
    return BuiltShow(folder, out, code, output)


def test_help_explains_itself_with_examples() -> None:
    """Every command's --help has an example."""
    commands = (
        [],
        ["build"],
        ["check"],
        ["init"],
        ["callsheet"],
        ["contracts"],
        ["carnet"],
        ["script"],
        ["script", "format"],
        ["script", "breakdown"],
        ["script", "lock"],
        ["script", "revise"],
        ["kinds"],
    )
    for args in commands:
        code, out = run(*args, "--help")
        assert code == 0 and "paperwork " in out.split("Example", 1)[1]


@pytest.mark.slow
def test_init_then_check_then_build(built_show: BuiltShow) -> None:
    """The new folder checks clean and builds letters, the log and a manifest with hashes."""
    assert run("check", str(built_show.folder))[0] == 0
    assert built_show.code == 0, built_show.output
    names = sorted(p.name for p in built_show.out.iterdir())
    assert "clearance-log_my-production_2026-11-29.xlsx" in names and "manifest.json" in names
    letters = [n for n in names if n.startswith("clearance-request_") and n.endswith(".pdf")]
    assert len(letters) == 3  # the three holders with items 'to request'
    manifest = json.loads((built_show.out / "manifest.json").read_text())
    assert {f["name"] for f in manifest["files"]} == set(names) - {"manifest.json"}


def test_init_refuses_a_folder_that_is_not_empty(show: Path) -> None:
    """init never writes over an existing production."""
    code, out = run("init", str(show))
    assert code == 2 and "not empty" in out


@pytest.mark.slow  # renders documents: over a second
def test_issued_documents_are_not_overwritten(show: Path, tmp_path: Path) -> None:
    """A second run into the same folder that would change an issued letter stops with
    exit 2 unless --force (one that changes nothing writes nothing: tests/test_incremental)."""
    out_dir = tmp_path / "out"
    args = ("build", str(show), "-o", str(out_dir), "--only", "clearance-letters", *DATE)
    assert run(*args, "--format", "pdf")[0] == 0
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    table = show / "clearances.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("Rights Department", "Rights Dept.", 1), encoding="utf-8")
    code, out = run(*args, "--format", "pdf")
    assert code == 2 and "--force" in out
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before
    assert run(*args, "--format", "pdf", "--force")[0] == 0


def test_only_and_format_select_what_is_written(show: Path, tmp_path: Path) -> None:
    """--only clearance-letters --format pdf writes letters as PDF and the merged batch only."""
    out_dir = tmp_path / "out"
    code, _ = run(
        "build",
        str(show),
        "-o",
        str(out_dir),
        "--only",
        "clearance-letters",
        "--format",
        "pdf",
        *DATE,
    )
    assert code == 0
    suffixes = {p.suffix for p in out_dir.iterdir() if p.name != "manifest.json"}
    assert suffixes == {".pdf"}
    from pypdf import PdfReader

    merged = PdfReader(str(out_dir / "clearance-letters_all_2026-11-29.pdf"))
    letters = sorted(out_dir.glob("clearance-request_*.pdf"))
    assert len(merged.outline) == len(letters) == 3
    assert len(merged.pages) == sum(len(PdfReader(str(p)).pages) for p in letters)
    assert merged.outline[0].title.startswith("Clearance request: ")
    assert not any(p.name.startswith("clearance-log") for p in out_dir.iterdir())


def test_all_rows_forces_a_letter_to_every_holder(show: Path, tmp_path: Path) -> None:
    """--all sends a letter to every holder in the log, whatever the status."""
    out_dir = tmp_path / "out"
    run(
        "build",
        str(show),
        "-o",
        str(out_dir),
        "--only",
        "clearance-letters",
        "--format",
        "docx",
        "--all",
        *DATE,
    )
    assert len(list(out_dir.glob("clearance-request_*.docx"))) == 5


def test_every_input_problem_is_reported_with_exit_1(show: Path) -> None:
    """Bad cells across the log are all reported, located, in one run, with no traceback."""
    log = show / "clearances.csv"
    text = (
        log.read_text(encoding="utf-8")
        .replace(",to request,", ",pending,", 1)
        .replace(",£450.00,", ",TBC,")
    )
    log.write_text(text, encoding="utf-8")
    code, out = run("check", str(show))
    assert code == 1
    assert "clearances.csv:2:status: error: status must be one of" in out
    assert (
        "clearances.csv:4:fee_quoted: error: fee quoted must be an amount like 1250 or £1,250.00 (got 'TBC') [bad-money]"
        in out
    )
    assert "2 errors" in out and "Traceback" not in out


def test_missing_manifest_is_a_clear_error(tmp_path: Path) -> None:
    """A folder without production.yaml says how to start one."""
    code, out = run("check", str(tmp_path))
    assert code == 1 and "paperwork init" in out and "[manifest-missing]" in out


def test_broken_xlsx_is_an_error_not_a_traceback(show: Path) -> None:
    """A corrupt workbook is a located error and exit 1."""
    (show / "log.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace("clearances: clearances.csv", "clearances: log.xlsx")
    )
    code, out = run("build", str(show), *DATE)
    assert code == 1 and "log.xlsx: error: cannot read the clearances table" in out


def test_template_with_undefined_variable_exits_4(show: Path, tmp_path: Path) -> None:
    """A user's template naming a field the context lacks stops with exit 4 naming both."""
    mine = show / "my-templates"
    mine.mkdir()
    (mine / "clearance_log.html").write_text(
        "<html><body>{{ budgett }}</body></html>", encoding="utf-8"
    )
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace("# templates: my-templates/", "templates: my-templates/")
    )
    code, out = run(
        "build",
        str(show),
        "-o",
        str(tmp_path / "out"),
        "--only",
        "clearance-log",
        "--format",
        "pdf",
        *DATE,
    )
    assert code == 4 and "clearance_log.html" in out and "budgett" in out


def test_unknown_kind_is_a_usage_error(show: Path) -> None:
    """--only with a kind that does not exist lists the known ones."""
    code, out = run("build", str(show), "--only", "call-sheet", *DATE)
    assert code == 2 and "clearance-letters" in out
    assert "unknown document kind 'call-sheet' (did you mean 'call-sheets'?)" in out
    code, out = run("build", str(show), "--only", "contracts-of-employment", *DATE)
    assert code == 2 and "did you mean" not in out


def test_bad_date_option_is_a_usage_error(show: Path) -> None:
    """--date must be a date, written as the tables' dates may be: a UK date is one."""
    code, out = run("build", str(show), "--date", "tomorrow")
    assert code == 2 and "--date must be a date like 2026-12-03 or 03/12/2026" in out
    assert "(got 'tomorrow')" in out
    code, out = run("build", str(show), "--date", "31/02/2027")
    assert code == 2 and "--date is not a real date (got '31/02/2027')" in out
    code, out = run("check", str(show), "--date", "03/03/2027")
    assert code == 0, out


def test_sides_options_without_sides_are_a_usage_error(show: Path) -> None:
    """`callsheet --sides-layout half` without --sides would write no sides: it says so."""
    for given in (["--sides-layout", "half"], ["--separate-sides"]):
        code, out = run("callsheet", str(show), "--day", "1", *given, *DATE)
        assert code == 2 and f"{given[0]} is about the day's sides: add --sides" in out


@pytest.mark.slow
def test_demo_production_builds_cleanly(demo_pdfs: Any) -> None:
    """The bundled demo builds with no errors: the README's main-job command."""
    assert demo_pdfs.exit_code == 0, demo_pdfs.output
    assert not re.search(r"(^|: )error: ", demo_pdfs.output, re.MULTILINE), demo_pdfs.output
    assert re.search(r"^0 errors, \d+ warnings$", demo_pdfs.output, re.MULTILINE)
    manifest = json.loads((demo_pdfs.out / "manifest.json").read_text(encoding="utf-8"))
    names = [f["name"] for f in manifest["files"]]
    assert sorted(names) == sorted(
        p.name for p in demo_pdfs.out.iterdir() if p.name != "manifest.json"
    )
    odd = [n for n in names if not FILE_NAME.fullmatch(n)]
    assert not odd and len(names) > 150
    kinds = {n.split("_")[0] for n in names}
    assert {"breakdown", "call-sheet", "day-out-of-days", "risk-assessment", "script"} <= kinds
    assert {"carnet-general-list", "clearance-request", "contract", "crew-summary"} <= kinds
    assert {"delivery-schedule", "clearance-log"} <= kinds
    assert "breakdown_the-salt-road_2026-12-02.pdf" in names
    assert "breakdown-sheets_all_2026-12-02.pdf" in names
    assert "element-report_all_2026-12-02.xlsx" in names
    assert "call-sheet_day03_2027-03-03_v1.pdf" in names
    assert "script_the-salt-road_2027-02-01.pdf" in names  # "Draft date: ..., 1 February 2027"
    assert "call-sheets_all_2026-12-02.pdf" in names


# Every file a build writes: <kind>_<subject>_<YYYY-MM-DD>[_vN].<ext>, lower-case ASCII slugs.
FILE_NAME = re.compile(
    r"[a-z0-9]+(?:-[a-z0-9]+)*_[a-z0-9]+(?:-[a-z0-9]+)*_\d{4}-\d{2}-\d{2}(?:_v\d+)?"
    r"\.(?:pdf|docx|xlsx|csv|json|ics|vcf)"
)


def test_cli_start_up_imports_no_heavy_renderer() -> None:
    """`paperwork --help` imports neither WeasyPrint nor docxtpl nor ReportLab."""
    import subprocess
    import sys

    code = (
        "import sys, paperwork.cli;"
        "heavy = [m for m in ('weasyprint', 'docxtpl', 'reportlab', 'openpyxl', 'pypdf') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""


def test_contracts_for_one_person(demo: Path, tmp_path: Path) -> None:
    """`contracts --only NAME` writes that person's contract and no summary."""
    out_dir = tmp_path / "out"
    code, out = run("contracts", str(demo), "--only", "Kit Ashworth", "-o", str(out_dir), *DATE)
    assert code == 0, out
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [
        "contract_kit-ashworth_2026-11-29.docx",
        "contract_kit-ashworth_2026-11-29.pdf",
        "manifest.json",
    ]


@pytest.mark.slow  # renders documents: over a second
def test_contracts_from_the_company_own_word_template(demo: Path, tmp_path: Path) -> None:
    """--template renders every contract from the user's .docx (DOCX only) plus the summary."""
    from docx import Document

    own = tmp_path / "company-memo.docx"
    memo = Document()
    memo.add_paragraph("HOUSE MEMO for {{ crew_name }} as {{ role }}")
    memo.save(own)
    out_dir = tmp_path / "out"
    code, out = run("contracts", str(demo), "--template", str(own), "-o", str(out_dir), *DATE)
    assert code == 0, out
    contracts = sorted(out_dir.glob("contract_*"))
    assert contracts and all(p.suffix == ".docx" for p in contracts)
    text = "\n".join(
        p.text for p in Document(str(out_dir / "contract_kit-ashworth_2026-11-29.docx")).paragraphs
    )
    assert "HOUSE MEMO for Kit Ashworth as" in text
    assert (out_dir / "crew-summary_the-salt-road_2026-11-29.xlsx").exists()


def test_contracts_unknown_person_is_an_error(demo: Path, tmp_path: Path) -> None:
    """--only with a name not in the crew list is a located error, nothing written."""
    code, out = run(
        "contracts", str(demo), "--only", "Nobody Atall", "-o", str(tmp_path / "o"), *DATE
    )
    assert code == 1 and "Nobody Atall" in out and not (tmp_path / "o").exists()


@pytest.mark.slow  # renders documents: over a second
def test_own_word_template_with_an_unknown_field_exits_4(demo: Path, tmp_path: Path) -> None:
    """A Word template naming a field the contract lacks stops with exit 4 naming it."""
    from docx import Document

    own = tmp_path / "memo.docx"
    memo = Document()
    memo.add_paragraph("Dear {{ name }}")
    memo.save(own)
    code, out = run(
        "contracts", str(demo), "--template", str(own), "-o", str(tmp_path / "o"), *DATE
    )
    assert code == 4 and "memo.docx" in out and "'name' is undefined" in out


def test_carnet_check_shows_totals_and_writes_nothing(demo: Path, tmp_path: Path) -> None:
    """`carnet --check` validates the kit list and prints the re-computed totals only."""
    code, out = run("carnet", str(demo), "--check", *DATE)
    assert code == 0, out
    assert "General list: 51 items in 10 cases" in out and "£226,222.00" in out
    assert "value in words: two hundred and twenty-six thousand" in out


def test_carnet_check_reports_kit_problems_with_exit_1(demo: Path, tmp_path: Path) -> None:
    """A kit line with no serial and no 'no serial' is a located error."""
    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    kit = folder / "kit.csv"
    lines = kit.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("serial")] = ""
    lines[2] = ",".join(cells)
    kit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = run("carnet", str(folder), "--check", *DATE)
    assert code == 1 and "kit.csv:3:serial: error:" in out and "[missing-serial]" in out


def test_build_formats_the_manifest_script(show: Path, tmp_path: Path, corpus: Path) -> None:
    """A script named in the manifest is formatted by `build` (PDF and DOCX), on its paper."""
    from pypdf import PdfReader

    shutil.copy(corpus / "fountain" / "brick_and_steel.fountain", show / "script.fountain")
    manifest = show / "production.yaml"
    manifest.write_text(manifest.read_text() + "script: {file: script.fountain, paper: a4}\n")
    out_dir = tmp_path / "out"
    code, out = run("build", str(show), "-o", str(out_dir), "--only", "script", *DATE)
    assert code == 0, out
    # dated by its draft ("Draft date: 1/27/2012"), not by the run
    assert sorted(p.name for p in out_dir.glob("script_*")) == [
        "script_brick-steel-full-retired_2012-01-27.docx",
        "script_brick-steel-full-retired_2012-01-27.pdf",
    ]
    pdf = out_dir / "script_brick-steel-full-retired_2012-01-27.pdf"
    box = PdfReader(str(pdf)).pages[1].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842  # A4


def test_manifest_script_that_is_missing_is_located(show: Path) -> None:
    """A script file that does not exist is an error at its manifest line."""
    manifest = show / "production.yaml"
    manifest.write_text(manifest.read_text() + "script: nowhere.fountain\n")
    code, out = run("check", str(show))
    lines = manifest.read_text().splitlines()
    assert (
        code == 1
        and f"production.yaml:{len(lines)}: error: the script 'nowhere.fountain' does not exist"
        in out
    )


@pytest.mark.slow  # renders documents: over a second
def test_callsheet_day_then_reissue_lists_changes(demo: Path, tmp_path: Path) -> None:
    """`callsheet --day 3` then `--version 2` after a change: Rev 2 supersedes Rev 1, with the change."""
    from pypdf import PdfReader

    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    out_dir = tmp_path / "out"
    code, out = run("callsheet", str(folder), "--day", "3", "-o", str(out_dir), *DATE)
    assert code == 0, out
    assert sorted(p.name for p in out_dir.glob("call-sheet_*")) == [
        "call-sheet_day03_2027-03-03_v1.docx",
        "call-sheet_day03_2027-03-03_v1.json",
        "call-sheet_day03_2027-03-03_v1.pdf",
    ]
    schedule = folder / "schedule.csv"
    text = schedule.read_text(encoding="utf-8")
    assert "3,Wed 3 Mar 2027,Main unit,L05,06:00,06:30," in text
    schedule.write_text(
        text.replace(
            "3,Wed 3 Mar 2027,Main unit,L05,06:00,06:30,",
            "3,Wed 3 Mar 2027,Main unit,L05,05:45,06:30,",
        ),
        encoding="utf-8",
    )
    code, out = run(
        "callsheet", str(folder), "--day", "3", "--version", "2", "--ics", "-o", str(out_dir), *DATE
    )
    assert code == 0, out
    pdf = " ".join(
        p.extract_text()
        for p in PdfReader(str(out_dir / "call-sheet_day03_2027-03-03_v2.pdf")).pages
    )
    assert "Supersedes Rev 1" in pdf and "06:00 → 05:45" in pdf
    ics = (out_dir / "call-sheet_day03_2027-03-03_v2.ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and b"BEGIN:VEVENT" in ics


@pytest.mark.slow  # renders documents: over a second
def test_callsheet_reissue_with_nothing_changed_warns(demo: Path, tmp_path: Path) -> None:
    """`callsheet --version 2` with nothing changed since Rev 1: written, with a warning."""
    out_dir = tmp_path / "out"
    assert run("callsheet", str(demo), "--day", "4", "-o", str(out_dir), *DATE)[0] == 0
    args = ["--day", "4", "--version", "2", "-o", str(out_dir), *DATE]
    code, out = run("callsheet", str(demo), *args)
    assert code == 0 and "schedule.csv:33:day: warning:" in out
    assert (
        "[reissue-without-changes]" in out
        and (out_dir / "call-sheet_day04_2027-03-04_v2.pdf").exists()
    )


@pytest.mark.slow  # renders documents: over a second
def test_callsheet_version_must_increase(demo: Path, tmp_path: Path) -> None:
    """Issuing version 1 again with different content is refused."""
    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    out_dir = tmp_path / "out"
    assert run("callsheet", str(folder), "--day", "3", "-o", str(out_dir), *DATE)[0] == 0
    schedule = folder / "schedule.csv"
    text = schedule.read_text(encoding="utf-8")
    old = "3,Wed 3 Mar 2027,Main unit,L05,06:00,"
    schedule.write_text(
        text.replace(old, "3,Wed 3 Mar 2027,Main unit,L05,05:45,"), encoding="utf-8"
    )
    args = ["--day", "3", "--version", "1", "-o", str(out_dir), "--force", *DATE]
    code, out = run("callsheet", str(folder), *args)
    assert code == 1 and "[version-not-increasing]" in out


def test_check_runs_the_builders_checks_too(demo: Path) -> None:
    """`check FOLDER` reports the builders' warnings (budget, licences) without rendering."""
    code, out = run("check", str(demo), *DATE)
    assert code == 0 and "[clearances-exposure-over-budget]" in out and "[licence-expired]" in out


def test_contracts_are_checked_against_the_schedule(demo: Path, tmp_path: Path) -> None:
    """A freelancer called by name on a day after their contract ends: an error at the end cell."""
    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    crew = folder / "crew.csv"
    text = crew.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = lines[0].split(",")
    row = next(i for i, line in enumerate(lines) if line.startswith("Marcus Bell,"))
    assert "2027-03-09" in lines[row]
    crew.write_text(
        text.replace(lines[row], lines[row].replace("2027-03-09", "2027-03-05")), encoding="utf-8"
    )
    calls = folder / "calls.csv"
    extra = "7,Marcus Bell,07:00,,,,,,,Saint-Malo stills\n"
    calls.write_text(calls.read_text(encoding="utf-8") + extra, encoding="utf-8")
    code, out = run("check", str(folder), *DATE)
    assert code == 1
    assert f"crew.csv:{row + 1}:end: error:" in out and "[called-outside-contract]" in out
    assert "end" in header


def test_a_template_failing_half_way_writes_nothing(show: Path, tmp_path: Path) -> None:
    """DOCX renders first; a broken PDF template after them stops the run with nothing written."""
    mine = show / "my-templates"
    mine.mkdir()
    (mine / "clearance_letter.html").write_text("<p>{{ no_such_field }}</p>", encoding="utf-8")
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace("# templates: my-templates/", "templates: my-templates/")
    )
    out_dir = tmp_path / "out"
    code, out = run("build", str(show), "-o", str(out_dir), "--only", "clearance-letters", *DATE)
    assert code == 4 and "no_such_field" in out
    assert not out_dir.exists()


@pytest.mark.slow
def test_same_input_same_bytes(show: Path, built_show: BuiltShow, tmp_path: Path) -> None:
    """Two builds of the same folder on the same --date write identical files (DOCX, PDF,
    XLSX...) with the same content keys, whether one process lays every document out or two
    share them: another init folder built again with -j1, against the module's -j2 build."""
    manifests = []
    for out in (tmp_path / "again", built_show.out):
        if out != built_show.out:
            assert run("build", str(show), "-o", str(out), *DATE, "-j", "1")[0] == 0
        files = json.loads((out / "manifest.json").read_text())["files"]
        manifests.append({f["name"]: (f["sha256"], f["key"]) for f in files})
    assert manifests[0] == manifests[1] and len(manifests[0]) > 10


def test_kinds_lists_every_registered_document() -> None:
    """`paperwork kinds` names every kind --only accepts, with what it makes and needs."""
    from paperwork.pipeline import kinds

    code, out = run("kinds")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert listed == list(kinds()) and "[needs: clearances]" in out
    assert "[makes: docx, pdf, xlsx, csv]  [needs: deliverables]" in out
    assert "[makes: docx, pdf, json; ics on request]" in out  # a calendar: --format ics


def test_risk_assessments_alone_still_read_the_script(demo: Path, tmp_path: Path) -> None:
    """`--only risk-assessments` reads the script (USES), so unassessed script hazards are found."""
    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    risks = folder / "risks.csv"
    lines = risks.read_text(encoding="utf-8").splitlines()
    risks.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")  # keep one assessed hazard
    code, out = run(
        "build",
        str(folder),
        "--only",
        "risk-assessments",
        "--format",
        "docx",
        "-o",
        str(tmp_path / "o"),
        *DATE,
    )
    assert code == 0, out
    assert "[unassessed-script-hazard]" in out and "script.fountain:" in out


def test_check_reports_every_problem_in_one_run(demo: Path, tmp_path: Path) -> None:
    """A bad crew rate basis no longer hides a scheduled scene the script lacks."""
    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    crew = folder / "crew.csv"
    crew.write_text(
        crew.read_text(encoding="utf-8").replace(",750,daily,", ",750,fortnightly,", 1),
        encoding="utf-8",
    )
    schedule = folder / "schedule.csv"
    text = schedule.read_text(encoding="utf-8")
    assert "\n1,,,,,,,,,,,23,09:00-10:00" in text
    schedule.write_text(text.replace("\n1,,,,,,,,,,,23,", "\n1,,,,,,,,,,,99,", 1), "utf-8")
    code, out = run("check", str(folder), *DATE)
    assert code == 1
    assert "crew.csv:2:rate_basis: error:" in out and "[unknown-rate-basis]" in out
    assert "schedule.csv:3:scene: error:" in out and "[scene-not-in-script]" in out
    # the broken crew row is left out of the contracts, not reported again as "no deal"
    assert "crew.csv:2: info:" not in out and "[no-deal]" not in out
    code, out = run("build", str(folder), "-o", str(tmp_path / "out"), *DATE)
    assert code == 1 and "[unknown-rate-basis]" in out and "[scene-not-in-script]" in out
    assert not (tmp_path / "out").exists()


def _skipped(out: str, heading: str = "Skipped") -> list[str]:
    lines = out.split(f"{heading}:\n", 1)[1].splitlines()
    return [line.strip() for line in lines if line.startswith("  ")]


@pytest.mark.slow  # renders documents: over a second
def test_build_names_every_skipped_kind_with_its_reason(built_show: BuiltShow) -> None:
    """A fresh init folder: the kinds it cannot build are listed, each with why."""
    code, out = built_show.code, built_show.output
    assert code == 0, out
    assert _skipped(out) == [
        "breakdown: no script (name it under 'script:')",
        "breakdown sheets: no script (name it under 'script:')",
        "call sheets: no schedule table (name it under 'tables:')",
        "day out of days: no schedule table (name it under 'tables:')",
        "sides: no schedule table (name it under 'tables:')",
        "delivery schedule: no deliverables table (name it under 'tables:')",
        "element report: no script (name it under 'script:')",
        "script: no script (name it under 'script:')",
    ]
    assert "Reading" not in out  # progress and stages: on a terminal only


def test_a_folder_with_only_clearances_names_every_other_kind(show: Path, tmp_path: Path) -> None:
    """Only the clearances table: letters and the log are built, every other kind is named."""
    manifest = show / "production.yaml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    drop = ("  crew: crew.csv", "  kit: kit.csv", "  risks: risks.csv", "  travel: travel.csv")
    manifest.write_text("\n".join(x for x in lines if not x.startswith(drop)) + "\n", "utf-8")
    code, out = run("build", str(show), "-o", str(tmp_path / "out"), *DATE)
    assert code == 0, out
    assert _skipped(out) == [
        "breakdown: no script (name it under 'script:')",
        "breakdown sheets: no script (name it under 'script:')",
        "call sheets: no schedule table (name it under 'tables:')",
        "carnet: no kit table (name it under 'tables:')",
        "crew contracts: no crew table (name it under 'tables:')",
        "crew list: no crew table (name it under 'tables:')",
        "day out of days: no schedule table (name it under 'tables:')",
        "risk assessments: no risks table (name it under 'tables:')",
        "sides: no schedule table (name it under 'tables:')",
        "delivery schedule: no deliverables table (name it under 'tables:')",
        "movement order: no travel table (name it under 'tables:')",
        "element report: no script (name it under 'script:')",
        "script: no script (name it under 'script:')",
    ]
    kinds = {p.name.split("_")[0] for p in (tmp_path / "out").iterdir()}
    assert kinds == {"clearance-request", "clearance-letters", "clearance-log", "manifest.json"}


def test_a_table_with_no_rows_is_named(show: Path) -> None:
    """A crew table with its header only: reported, and contracts named as not checked."""
    crew = show / "crew.csv"
    crew.write_text(crew.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    code, out = run("check", str(show), *DATE)
    assert code == 1 and "crew.csv: error:" in out and "[table-empty]" in out
    assert "crew contracts: the crew table has no rows" in _skipped(out, "Not checked")


def test_a_table_that_cannot_be_read_skips_its_kind_and_is_named(show: Path) -> None:
    """A crew table whose file is missing: an error, and contracts named as not checked."""
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("crew: crew.csv", "crew: nowhere.csv"),
        encoding="utf-8",
    )
    code, out = run("check", str(show), *DATE)
    assert code == 1 and "nowhere.csv: error:" in out and "[table-missing]" in out
    assert "crew contracts: the crew table could not be read (see the errors above)" in _skipped(
        out, "Not checked"
    )
    assert not [s for s in _skipped(out, "Not checked") if s.startswith(("carnet", "clearance"))]


@pytest.mark.slow  # renders documents: over a second
def test_progress_counts_every_file_by_kind(show: Path, tmp_path: Path) -> None:
    """The progress callback hears each kind start, then one step per file written: four
    kinds, each with a merged PDF or a workbook besides its documents."""
    from paperwork.errors import Diagnostics
    from paperwork.output import OutputFolder
    from paperwork.pipeline import BuildRequest, plan, progress_total, render_documents

    statuses: list[str] = []
    d = Diagnostics()
    kinds = ("carnet", "clearance-letters", "crew-contracts", "risk-assessments")
    request = BuildRequest(today=date(2026, 11, 29), kinds=kinds)
    run_ = plan(show, request, d, status=statuses.append)
    assert not d.has_errors and run_.production is not None
    assert statuses[0].startswith("Reading ") and statuses[-1] == "Checking..."
    total = progress_total(run_.docs, run_.request.formats, run_.request.today, run_.script)
    calls: list[tuple[str, int]] = []
    out = OutputFolder(tmp_path / "out", staged=True)
    render_documents(
        run_.production, run_.docs, run_.request, out, lambda k, n: calls.append((k, n))
    )
    out.commit()
    assert sum(n for _, n in calls) == total == len(out.written) > 20
    starts = [k for k, n in calls if n == 0]
    assert starts == list(dict.fromkeys(d.kind for d in run_.docs))
    assert set(starts) == set(kinds)
    # each file is counted under the kind that is rendering it
    current = ""
    for kind, n in calls:
        current = kind if n == 0 else current
        assert kind == current


@pytest.mark.slow  # renders documents: over a second
def test_a_reissue_finds_a_snapshot_issued_under_the_old_name(demo: Path, tmp_path: Path) -> None:
    """Rev 1 issued as call-sheet_day03_v1.json (before dates in names) is still compared with."""
    from pypdf import PdfReader

    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    out_dir = tmp_path / "out"
    code, out = run("callsheet", str(folder), "--day", "3", "-o", str(out_dir), *DATE)
    assert code == 0, out
    (out_dir / "call-sheet_day03_2027-03-03_v1.json").rename(out_dir / "call-sheet_day03_v1.json")
    schedule = folder / "schedule.csv"
    schedule.write_text(
        schedule.read_text(encoding="utf-8").replace(
            "3,Wed 3 Mar 2027,Main unit,L05,06:00,", "3,Wed 3 Mar 2027,Main unit,L05,05:45,"
        ),
        encoding="utf-8",
    )
    code, out = run(
        "callsheet", str(folder), "--day", "3", "--version", "2", "-o", str(out_dir), *DATE
    )
    assert code == 0 and "[no-previous-issue]" not in out, out
    pdf = PdfReader(str(out_dir / "call-sheet_day03_2027-03-03_v2.pdf"))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Supersedes Rev 1" in text and "06:00 → 05:45" in text


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Shooting script, 1 February 2027", date(2027, 2, 1)),
        ("01/02/2027", date(2027, 2, 1)),
        ("1/27/2012", date(2012, 1, 27)),
        ("Blue revision 2027-03-04", date(2027, 3, 4)),
        ("February 3rd, 2027", date(2027, 2, 3)),
        ("Second draft", None),
    ],
)
def test_a_script_is_dated_by_its_draft(draft: str, expected: date | None) -> None:
    """The formatted script's file name takes the title page's draft date, the UK way."""
    from paperwork.errors import Diagnostics
    from paperwork.pipeline import draft_date
    from paperwork.readers.fountain import read_fountain

    text = f"Title: Test\nDraft date: {draft}\n\nINT. ROOM - DAY\n\nA room.\n"
    assert draft_date(read_fountain(text, "t.fountain", Diagnostics())) == expected


def test_a_kind_whose_rows_ask_for_nothing_is_named(show: Path, tmp_path: Path) -> None:
    """Every clearance already requested: no letters, and the run says so."""
    log = show / "clearances.csv"
    log.write_text(log.read_text(encoding="utf-8").replace(",to request,", ",requested,"), "utf-8")
    code, out = run(
        "build", str(show), "-o", str(tmp_path / "out"), "--only", "clearance-letters", *DATE
    )
    assert code == 0, out
    assert _skipped(out) == ["clearance letters: none of its rows asks for one now"]
    assert "Nothing to build" in out


def test_a_bad_cell_in_a_days_row_is_its_only_error(demo: Path, tmp_path: Path) -> None:
    """One unreadable time on day 1's schedule row is one error at that cell: the calls and
    supporting artists booked on day 1 are not also told 'the schedule has no day 1', the
    day is not said to have no unit call, its scenes are not 'on no day of the schedule',
    and `callsheet --day 1` says no more than the cell's error."""
    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    schedule = folder / "schedule.csv"
    lines = schedule.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1].startswith("1,Mon 1 Mar 2027,Main unit,L02,08:00,")
    lines[1] = lines[1].replace(",08:00,", ",8am,", 1)
    schedule.write_text("".join(lines), encoding="utf-8")
    code, out = run("check", str(folder), *DATE)
    assert code == 1
    errors = [ln for ln in out.splitlines() if ": error: " in ln]
    assert len(errors) == 1 and errors[0].startswith("schedule.csv:2:unit_call: error: "), out
    for cascade in ("no-such-day", "no-unit-call", "scene-not-scheduled"):
        assert cascade not in out, out
    code, out = run("callsheet", str(folder), "--day", "1", "-o", str(tmp_path / "out"), *DATE)
    assert code == 1 and "no-such-day" not in out
    assert [ln for ln in out.splitlines() if ": error: " in ln] == errors
