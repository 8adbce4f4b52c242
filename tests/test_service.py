"""paperwork.service: the one API the CLI, the web page and send call."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from paperwork import service
from paperwork.errors import Diagnostics
from paperwork.output import OutputFolder

TODAY = date(2026, 11, 29)


def _letters(demo: Path, diagnostics: Diagnostics) -> service.Plan:
    request = service.BuildRequest(today=TODAY, kinds=("clearance-letters",), formats=("docx",))
    run = service.plan_build(demo, request, diagnostics)
    assert not diagnostics.has_errors and len(run.docs) > 2
    return run


def test_an_own_template_replaces_the_contracts_and_not_the_summary(
    demo: Path, tmp_path: Path
) -> None:
    """The plan writes each contract from the user's Word file, DOCX only, and searches its
    folder first; the accountant's summary keeps the bundled template and its formats."""
    own = tmp_path / "templates" / "company-memo.docx"
    request = service.BuildRequest(
        today=TODAY,
        kinds=("crew-contracts",),
        own_templates=(service.OwnTemplate("crew_contract", own),),
    )
    diagnostics = Diagnostics()
    run = service.plan_build(demo, request, diagnostics)
    assert not diagnostics.has_errors
    contracts = [d for d in run.docs if d.stem.startswith("contract_")]
    others = [d for d in run.docs if not d.stem.startswith("contract_")]
    assert contracts and others
    assert {(d.template, d.formats) for d in contracts} == {("company-memo", ("docx",))}
    assert all(d.template != "company-memo" and "pdf" in d.formats for d in others)
    assert run.request.template_folders()[0] == own.parent.resolve()
    assert not any(n.startswith("contract_") and n.endswith(".pdf") for n in service.files(run))


def test_write_renders_exactly_the_planned_files_with_progress(demo: Path, tmp_path: Path) -> None:
    """write() claims, renders and commits every file of the plan, and nothing else; the
    progress callback hears the kind start once and then one step per file."""
    run = _letters(demo, Diagnostics())
    heard: list[tuple[str, int]] = []
    with OutputFolder(tmp_path / "out", staged=True) as out:
        written = service.write(
            run, out, producer="test", progress=lambda k, n: heard.append((k, n))
        )
    names = sorted(service.files(run))
    assert sorted(written.names) == names and written.refused == ()
    on_disk = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert on_disk == sorted([*names, "manifest.json"])
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert "test" in json.dumps(manifest)
    assert heard[0] == ("clearance-letters", 0)
    assert sum(n for _, n in heard) == len(names) == len(heard) - 1


def test_write_missing_never_renders_a_file_already_there(demo: Path, tmp_path: Path) -> None:
    """write_missing() renders only the asked-for documents that have no file yet: one
    already issued keeps its bytes, one not asked for is not written."""
    run = _letters(demo, Diagnostics())
    issued, wanted, unasked = run.docs[0], run.docs[1], run.docs[2]
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / f"{issued.stem}.docx").write_bytes(b"issued on Monday")
    count = service.write_missing(
        run, OutputFolder(folder), {issued.stem, wanted.stem}, "paperwork test"
    )
    assert count == 1
    assert (folder / f"{issued.stem}.docx").read_bytes() == b"issued on Monday"
    assert (folder / f"{wanted.stem}.docx").read_bytes().startswith(b"PK")
    assert not (folder / f"{unasked.stem}.docx").exists()
    assert (folder / "manifest.json").exists()


def test_a_plan_without_a_production_writes_nothing(tmp_path: Path) -> None:
    """A folder that could not be read plans no documents, and write() refuses it."""
    diagnostics = Diagnostics()
    run = service.plan_build(tmp_path / "nowhere", service.BuildRequest(today=TODAY), diagnostics)
    assert run.production is None and diagnostics.has_errors
    with pytest.raises(ValueError):
        service.write(run, OutputFolder(tmp_path / "out"), producer="test")
    assert not (tmp_path / "out").exists()


def test_check_runs_every_builder_and_renders_nothing(demo: Path) -> None:
    """check() is the plan of every kind: documents built, the script read, no file."""
    diagnostics = Diagnostics()
    run = service.check(demo, TODAY, diagnostics)
    assert run.production is not None and run.script is not None
    assert {"call-sheets", "crew-contracts", "clearance-letters"} <= {d.kind for d in run.docs}


def test_describe_kinds_names_every_kind_with_what_it_needs() -> None:
    """Every kind --only accepts, the script without inputs and the others with theirs."""
    found = {k.name: k for k in service.describe_kinds()}
    assert tuple(found) == service.kinds()
    assert found["script"].needs is None
    assert "schedule" in (found["call-sheets"].needs or ())
    assert found["call-sheets"].makes == ("docx", "pdf", "json", "ics")
    assert found["script"].makes == ("docx", "pdf")
    assert all(k.summary and not k.summary.endswith(".") for k in found.values())


def test_a_new_production_checks_clean_and_plans_documents(tmp_path: Path) -> None:
    """new_production() (``init`` and the web page's "New production") gives a folder that
    reads without errors and has documents to build."""
    folder = tmp_path / "my-show"
    service.new_production(folder)
    diagnostics = Diagnostics()
    run = service.check(folder, TODAY, diagnostics)
    assert run.production is not None and not diagnostics.has_errors
    assert (folder / "production.yaml").is_file() and run.docs
