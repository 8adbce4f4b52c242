"""Incremental builds: each file's content key in the manifest; a rebuild renders only what changed."""

from __future__ import annotations

import enum
import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from click.testing import CliRunner

from paperwork.cli import main
from paperwork.output import OutputFolder
from paperwork.render.keys import TemplateFingerprints, digest
from paperwork.resources import templates_dir

DATE = ["--date", "2026-12-02"]
KINDS = ["--only", "crew-contracts", "--only", "clearance-log"]
CREW = ("contract_ciaran-o-neill_2026-12-02", "contract_hannah-price_2026-12-02")
SUMMARY = "crew-summary_the-salt-road_2026-12-02"
MERGED = "crew-contracts_all_2026-12-02.pdf"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def build(show: Path, out: Path, *extra: str) -> tuple[int, str]:
    return run("build", str(show), "-o", str(out), *KINDS, *DATE, "-j1", *extra)


def state(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry of the folder with its inode, mtime (ns) and content hash."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.iterdir())
    }


def changed(
    before: dict[str, tuple[int, int, str]], after: dict[str, tuple[int, int, str]]
) -> set[str]:
    return {n for n in after if before.get(n) != after[n]} | (set(before) - set(after))


@pytest.fixture()
def show(demo: Path, tmp_path: Path) -> Path:
    """The demo with two crew members, so that a build takes a few seconds."""
    folder = tmp_path / "show"
    shutil.copytree(demo, folder, ignore=shutil.ignore_patterns("out"))
    crew = folder / "crew.csv"
    crew.write_text(
        "".join(crew.read_text(encoding="utf-8").splitlines(True)[:3]), encoding="utf-8"
    )
    return folder


def set_rate(show: Path, name: str, rate: str) -> None:
    crew = show / "crew.csv"
    lines = crew.read_text(encoding="utf-8").splitlines(True)
    header = lines[0].rstrip("\n").split(",")
    for i, line in enumerate(lines):
        if line.startswith(name + ","):
            cells = line.rstrip("\n").split(",")
            assert len(cells) == len(header)  # no quoted commas in these two rows
            cells[header.index("rate")] = rate
            lines[i] = ",".join(cells) + "\n"
    crew.write_text("".join(lines), encoding="utf-8")


# --- keys -------------------------------------------------------------------------------


class Colour(enum.Enum):
    RED = "red"


@dataclass(frozen=True, slots=True)
class Inner:
    when: date
    amount: Decimal
    colour: Colour
    where: Path


@dataclass(frozen=True, slots=True)
class Outer:
    rows: tuple[Inner, ...]
    note: str = ""


def test_the_serialisation_is_generic_stable_and_tells_values_apart() -> None:
    """Frozen dataclasses, tuples, dates, Decimals, enums and paths each have one form."""
    a = Outer((Inner(date(2027, 3, 1), Decimal("750.00"), Colour.RED, Path("a/b")),), "x")
    same = Outer((Inner(date(2027, 3, 1), Decimal("750.00"), Colour.RED, Path("a/b")),), "x")
    assert digest(a) == digest(same)
    assert digest({"b": 1, "a": 2}) == digest({"a": 2, "b": 1})  # mappings in key order
    different = [
        Outer((Inner(date(2027, 3, 2), Decimal("750.00"), Colour.RED, Path("a/b")),), "x"),
        Outer((Inner(date(2027, 3, 1), Decimal("750.01"), Colour.RED, Path("a/b")),), "x"),
        Outer((Inner(date(2027, 3, 1), Decimal("750.00"), Colour.RED, Path("a/c")),), "x"),
        Outer((), "x"),
        Outer((Inner(date(2027, 3, 1), Decimal("750.00"), Colour.RED, Path("a/b")),), "y"),
    ]
    assert len({digest(a)[0], *(digest(d)[0] for d in different)}) == 6
    # no two kinds of value, nor two splits of one string, serialise alike
    values = [
        1,
        "1",
        1.0,
        True,
        Decimal(1),
        ("ab",),
        ("a", "b"),
        ["a", "b"],
        None,
        "",
        date(2027, 1, 1),
        datetime(2027, 1, 1),
        PurePosixPath("1"),
        b"1",
        frozenset({1}),
    ]
    assert len({digest(v)[0] for v in values}) == len(values)
    with pytest.raises(TypeError, match="cannot address"):
        digest(object())


def test_a_template_key_covers_its_stylesheet_and_only_its_own_files(tmp_path: Path) -> None:
    """A page's key changes with its stylesheet's bytes; another template's does not."""
    own = tmp_path / "templates"
    own.mkdir()
    prints = TemplateFingerprints([own, templates_dir()])
    contract, log = prints.closure("crew_contract.html"), prints.closure("clearance_log.html")
    docx, summary = prints.closure("clearance_log.docx"), prints.closure("crew_summary.docx")
    assert {n for n, _ in contract} == {"crew_contract.html", "_base.css"}
    (own / "_base.css").write_bytes((templates_dir() / "_base.css").read_bytes() + b" ")
    (own / "clearance_log.docx").write_bytes(b"not the bundled one")
    again = TemplateFingerprints([own, templates_dir()])
    assert again.closure("crew_contract.html") != contract
    assert again.closure("clearance_log.docx") != docx
    assert again.closure("crew_summary.docx") == summary
    assert log != contract


# --- the output folder ------------------------------------------------------------------


def test_the_manifest_records_keys_and_a_file_changed_by_hand_is_not_up_to_date(
    tmp_path: Path,
) -> None:
    """A file whose bytes are no longer the manifest's is rebuilt (and needs --force)."""
    with OutputFolder(tmp_path, staged=True) as out:
        assert out.claim(["a.pdf", "b.pdf"], {"a.pdf": "k1", "b.pdf": "k2"}) == ["a.pdf", "b.pdf"]
        out.write("a.pdf", b"A")
        out.write("b.pdf", b"B")
        out.commit("test")
    entries = {e["name"]: e for e in json.loads((tmp_path / "manifest.json").read_text())["files"]}
    assert entries["a.pdf"]["key"] == "k1" and entries["b.pdf"]["key"] == "k2"
    (tmp_path / "b.pdf").write_bytes(b"edited in Acrobat")
    out = OutputFolder(tmp_path, staged=True)
    with pytest.raises(Exception, match="1 file.*already issued.*b.pdf"):
        out.claim(["a.pdf", "b.pdf"], {"a.pdf": "k1", "b.pdf": "k2"})
    assert out.current == {"a.pdf"}
    forced = OutputFolder(tmp_path, force=True, staged=True)
    assert forced.claim(["a.pdf", "b.pdf"], {"a.pdf": "k1", "b.pdf": "k3"}) == ["b.pdf"]


def test_a_run_with_nothing_to_write_touches_nothing(tmp_path: Path) -> None:
    """No staging folder, no manifest rewrite: the folder's own mtime is unchanged too."""
    with OutputFolder(tmp_path, staged=True) as out:
        out.claim(["a.pdf"], {"a.pdf": "k1"})
        out.write("a.pdf", b"A")
        out.commit("test")
    before = (tmp_path.stat().st_mtime_ns, state(tmp_path))
    with OutputFolder(tmp_path, staged=True) as out:
        assert out.claim(["a.pdf"], {"a.pdf": "k1"}) == []
        out.commit("test")
    assert (tmp_path.stat().st_mtime_ns, state(tmp_path)) == before


# --- builds -----------------------------------------------------------------------------


@pytest.mark.slow  # builds a small production two or three times
def test_an_unchanged_rebuild_writes_nothing_and_needs_no_force(show: Path, tmp_path: Path) -> None:
    """Every file keeps its inode and mtime; exit 0 and says so."""
    out = tmp_path / "out"
    code, text = build(show, out)
    assert code == 0, text
    before = state(out)
    assert len(before) == 2 * 2 + 4 + 1 + 3 + 1  # contracts, summary, merged, log, manifest
    code, text = build(show, out)
    assert code == 0, text
    assert f"Nothing changed: {len(before) - 1} documents up to date" in text
    assert state(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow  # builds a small production two or three times
def test_a_one_cell_edit_rebuilds_exactly_its_files_with_force(show: Path, tmp_path: Path) -> None:
    """One person's rate: their contract, the crew summary and the merged PDF, nothing else;
    they were issued, so without --force nothing is written; and the result is the bytes of
    a clean build of the edited production."""
    out = tmp_path / "out"
    assert build(show, out)[0] == 0
    before = state(out)
    set_rate(show, "Hannah Price", "2450")
    code, text = build(show, out)
    assert code == 2 and "7 file(s) already issued" in text and "Nothing was written" in text
    assert state(out) == before
    code, text = build(show, out, "--force")
    assert code == 0, text
    assert "Wrote 7 files" in text and "; 5 up to date" in text
    assert changed(before, state(out)) == {
        f"{CREW[1]}.pdf",
        f"{CREW[1]}.docx",
        f"{SUMMARY}.pdf",
        f"{SUMMARY}.docx",
        f"{SUMMARY}.xlsx",
        f"{SUMMARY}.csv",
        MERGED,
        "manifest.json",
    }
    clean = tmp_path / "clean"
    assert build(show, clean)[0] == 0
    assert {n: s[2] for n, s in state(clean).items()} == {n: s[2] for n, s in state(out).items()}


@pytest.mark.slow  # builds a small production two or three times
def test_a_template_change_rebuilds_that_template_only(show: Path, tmp_path: Path) -> None:
    """One byte added to the production's own contract page: the contracts' PDFs and their
    merged PDF are rendered again; their DOCX, the summary and the log are not."""
    out = tmp_path / "out"
    assert build(show, out)[0] == 0
    before = state(out)
    own = show / "templates"
    own.mkdir()
    html = (templates_dir() / "crew_contract.html").read_text(encoding="utf-8")
    (own / "crew_contract.html").write_text(html + "\n", encoding="utf-8")
    yaml = show / "production.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\ntemplates: templates\n", encoding="utf-8")
    code, text = build(show, out, "--force")
    assert code == 0, text
    assert changed(before, state(out)) == {
        f"{CREW[0]}.pdf",
        f"{CREW[1]}.pdf",
        MERGED,
        "manifest.json",
    }


@pytest.mark.slow
def test_the_demo_in_one_process_is_byte_identical_to_the_pool(
    demo_pdfs: Any, tmp_path: Path
) -> None:
    """The demo's clearance letters (laid out as one batch and split, DOCX from the cached
    Word template, and their merged PDF) built with -j1, by sha256, against the session's
    build of the whole demo with one process per core (at least two), where other kinds were
    laid out before and beside them: the same bytes. (Every kind of a smaller production is
    compared across -j1 and -j2 by tests/test_cli.py's test_same_input_same_bytes.)"""
    out = tmp_path / "j1"
    code, text = run(
        "build",
        str(demo_pdfs.source),
        "-o",
        str(out),
        "--only",
        "clearance-letters",
        *DATE,
        "-j",
        "1",
    )
    assert code == 0, text
    one = {n: s[2] for n, s in state(out).items() if n != "manifest.json"}
    assert len(one) > 15
    pool = {n: s[2] for n, s in state(demo_pdfs.out).items()}
    assert one == {n: pool[n] for n in one}


def test_a_set_finished_after_a_kill_keeps_its_keys(tmp_path: Path) -> None:
    """The journal carries the keys: the recovered files are up to date for the next run."""
    from paperwork.output import JOURNAL, STAGING_PREFIX

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "a.pdf").write_bytes(b"A")
    staging = out_dir / f"{STAGING_PREFIX}999-dead"
    staging.mkdir()
    (staging / "b.pdf").write_bytes(b"B")
    journal = {
        "names": ["a.pdf", "b.pdf"],
        "produced_by": "x",
        "keys": {"a.pdf": "ka", "b.pdf": "kb"},
    }
    (staging / JOURNAL).write_text(json.dumps(journal))
    folder = OutputFolder(out_dir, staged=True)
    folder.open()
    folder.close()
    assert folder.recovered == ["a.pdf", "b.pdf"]
    again = OutputFolder(out_dir, staged=True)
    assert again.claim(["a.pdf", "b.pdf"], {"a.pdf": "ka", "b.pdf": "kb"}) == []
    assert again.current == {"a.pdf", "b.pdf"}


@pytest.mark.slow  # lays out the nine demo letters
def test_a_template_warning_is_reported_once_whichever_process_raised_it(
    demo: Path, tmp_path: Path
) -> None:
    """Nine letters on a user's template with one bad rule, across two processes: one
    located diagnostic, not one per letter (nor per process)."""
    production = tmp_path / "show"
    shutil.copytree(demo, production, ignore=shutil.ignore_patterns("out"))
    (production / "templates").mkdir()
    source = (templates_dir() / "clearance_letter.html").read_text(encoding="utf-8")
    head = source.index("</head>")
    (production / "templates" / "clearance_letter.html").write_text(
        source[:head] + "<style>\np { color: reddish }\n</style>\n" + source[head:],
        encoding="utf-8",
    )
    yaml = production / "production.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\ntemplates: templates\n", encoding="utf-8")
    code, text = run(
        "build", str(production), "-o", str(tmp_path / "out"), "--only", "clearance-letters",
        "--format", "pdf", *DATE, "-j2",
    )  # fmt: skip
    assert code == 0, text
    warnings = [ln for ln in text.splitlines() if ln.endswith("[template-warning]")]
    assert len(warnings) == 1, text
    assert warnings[0].startswith("templates/clearance_letter.html:") and "reddish" in warnings[0]
    assert len(list((tmp_path / "out").glob("clearance-request_*.pdf"))) > 6
