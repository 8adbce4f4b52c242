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


def test_fountain_to_fdx_and_back_keeps_the_source_and_lyrics(tmp_path: Path) -> None:
    """The title page's Source: and ~lyrics (in a speech and alone) survive .fdx and back."""
    script = tmp_path / "sung.fountain"
    script.write_text(
        "Title: Sung\nCredit: Written by\nAuthor: Jo\nSource: An original single drama\n\n"
        "INT. PUB - NIGHT\n\nThe band plays.\n\n~Oh the salt road winds\n~down to the sea\n\n"
        "JO\n~I sang it once\nThen I stopped.\n\n~Alone again now\n"
    )
    fdx, back = tmp_path / "sung.fdx", tmp_path / "back.fountain"
    assert run("script", "format", str(script), "-o", str(fdx))[0] == 0
    assert run("script", "format", str(fdx), "-o", str(back))[0] == 0
    text = back.read_text(encoding="utf-8")
    assert "Source: An original single drama\n" in text and "Notes:" not in text
    assert "\n~Oh the salt road winds\n~down to the sea\n" in text
    assert "JO\n~I sang it once\nThen I stopped.\n\n~Alone again now\n" in text
    assert "*" not in text


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


def _edited(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_lock_then_revise_blue_then_pink(draft: Path, tmp_path: Path) -> None:
    """lock -> revise blue -> revise pink: files, issued pages, and the next lock found in OUT."""
    from pypdf import PdfReader

    code, out = run("script", "lock", str(draft), "--date", "2026-11-29")
    assert code == 0 and (tmp_path / "draft.lock.json").exists(), out
    blue = tmp_path / "blue.fountain"
    blue.write_text(_edited(SCRIPT, "Sam waits by the gate.", "Sam waits by the old gate, alone."))
    out_dir = tmp_path / "out"
    code, out = run(
        "script",
        "revise",
        str(draft),
        str(blue),
        "--colour",
        "blue",
        "--date",
        "2026-12-03",
        "-o",
        str(out_dir),
    )
    assert code == 0, out
    assert "Pages issued: 1" in out
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [
        "blue.lock.json",
        "script-blue-full_the-test-draft_2026-12-03.pdf",
        "script-blue-pages_the-test-draft_2026-12-03.pdf",
        "script-blue_the-test-draft_2026-12-03.docx",
        "script-blue_the-test-draft_2026-12-03.fdx",
    ]
    page = (
        PdfReader(str(out_dir / "script-blue-full_the-test-draft_2026-12-03.pdf"))
        .pages[-1]
        .extract_text()
    )
    assert "Blue Rev. 03/12/26" in page and "*" in page
    from docx import Document

    paragraphs = [
        p.text
        for p in Document(str(out_dir / "script-blue_the-test-draft_2026-12-03.docx")).paragraphs
    ]
    assert "Sam waits by the old gate, alone.\t*" in paragraphs  # the mark in the margin
    pink = tmp_path / "pink.fountain"
    pink.write_text(_edited(blue.read_text(), "Come on.", "Come on, then."))
    code, out = run(
        "script",
        "revise",
        str(blue),
        str(pink),
        "--colour",
        "pink",
        "--date",
        "2026-12-05",
        "-o",
        str(out_dir),
    )
    assert code == 0, out
    assert (out_dir / "script-pink-pages_the-test-draft_2026-12-05.pdf").exists() and (
        out_dir / "pink.lock.json"
    ).exists()


def test_revise_with_no_changes_issues_no_pages(draft: Path, tmp_path: Path) -> None:
    """Revising a draft against itself issues nothing."""
    same = tmp_path / "same.fountain"
    same.write_text(SCRIPT)
    run("script", "lock", str(draft))
    code, out = run(
        "script", "revise", str(draft), str(same), "--colour", "blue", "-o", str(tmp_path / "o")
    )
    assert code == 0 and "Pages issued: none" in out


def test_revise_errors_write_nothing(draft: Path, tmp_path: Path) -> None:
    """An unknown colour and a different title are both reported; nothing is written."""
    other = tmp_path / "other.fountain"
    other.write_text(_edited(SCRIPT, "Title: The Test Draft", "Title: Another Show"))
    run("script", "lock", str(draft))
    code, out = run(
        "script", "revise", str(draft), str(other), "--colour", "mauve", "-o", str(tmp_path / "o")
    )
    assert code == 1 and "[unknown-colour]" in out and "[title-mismatch]" in out
    assert not (tmp_path / "o").exists()


def test_revision_colours_from_the_manifest(draft: Path, tmp_path: Path) -> None:
    """A production's revision_colours order is used: here Pink comes straight after White."""
    prod = tmp_path / "show"
    run("init", str(prod))
    manifest = prod / "production.yaml"
    manifest.write_text(manifest.read_text() + "revision_colours: [White, Pink, Blue]\n")
    blue = tmp_path / "b.fountain"
    blue.write_text(_edited(SCRIPT, "Come on.", "Come along."))
    run("script", "lock", str(draft), "--production", str(prod))
    code, out = run(
        "script",
        "revise",
        str(draft),
        str(blue),
        "--colour",
        "blue",
        "--production",
        str(prod),
        "-o",
        str(tmp_path / "o1"),
    )
    assert code == 0, out
    code, out = run(
        "script",
        "revise",
        str(draft),
        str(blue),
        "--colour",
        "yellow",
        "--production",
        str(prod),
        "-o",
        str(tmp_path / "o2"),
    )
    assert code == 1 and "[unknown-colour]" in out


# --- Paper: a revision on the paper its draft was locked on ----------------------------------


@pytest.fixture(scope="module")
def a4_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo production (script paper A4), locked by `script lock` with no --paper."""
    import shutil

    show = tmp_path_factory.mktemp("a4") / "show"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "demo", show)
    code, out = run("script", "lock", str(show / "script.fountain"), "--date", "2026-11-29")
    assert code == 0 and "on A4" in out, out
    return show


def _page_texts(path: Path) -> list[str]:
    """Each body page's text without the revision header and marks (the title page left out)."""
    from pypdf import PdfReader

    pages = PdfReader(str(path)).pages[1:]
    return [
        "\n".join(
            ln.rstrip(" *")
            for ln in page.extract_text().splitlines()
            if "Rev." not in ln and ln.strip(" *")
        )
        for page in pages
    ]


@pytest.mark.slow  # renders documents: over a second
def test_lock_takes_the_paper_of_the_production_that_names_the_script(a4_show: Path) -> None:
    """A script named by production.yaml (script: paper: a4) is locked on A4, and the blue
    pages are A4 with the white pages' breaks: every page but the edited one reads the same."""
    from pypdf import PdfReader

    lock = json.loads((a4_show / "script.lock.json").read_text())
    assert lock["paper"] == "a4"
    white_text = (a4_show / "script.fountain").read_text()
    blue = a4_show.parent / "blue.fountain"
    blue.write_text(_edited(white_text, "A low room that", "A low, dark room that"))
    rev, white = a4_show.parent / "rev", a4_show.parent / "white"
    code, out = run(
        "script", "revise", str(a4_show / "script.fountain"), str(blue),
        "--colour", "blue", "--date", "2026-12-03", "-o", str(rev),
    )  # fmt: skip
    assert code == 0 and "Pages issued: 1\n" in out, out
    code, out = run(
        "build", str(a4_show), "-o", str(white), "--only", "script", "--date", "2026-12-02"
    )
    assert code == 0, out
    white_pdf, blue_pdf = (
        next(white.glob("script_the-salt-road_*.pdf")),
        rev / "script-blue-full_the-salt-road_2026-12-03.pdf",
    )
    a4 = (595, 842)
    for path in (white_pdf, blue_pdf, rev / "script-blue-pages_the-salt-road_2026-12-03.pdf"):
        sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in PdfReader(path).pages}
        assert sizes == {a4}, path
    whites, blues = _page_texts(white_pdf), _page_texts(blue_pdf)
    assert len(whites) == len(blues) > 20
    differ = [i + 1 for i, (w, b) in enumerate(zip(whites, blues, strict=True)) if w != b]
    assert differ == [1]


@pytest.mark.slow  # renders documents: over a second
def test_paper_given_overrides_the_production_and_must_match_the_lock(
    a4_show: Path, tmp_path: Path
) -> None:
    """lock --paper letter overrides the production's A4; revise --paper against another
    paper than the lock's is a paper-mismatch error at the lock file, nothing written."""
    draft = a4_show / "script.fountain"
    code, out = run("script", "revise", str(draft), str(draft), "--colour", "blue",
                    "--paper", "letter", "-o", str(tmp_path / "o"))  # fmt: skip
    assert code == 1 and "script.lock.json: error:" in out and "[paper-mismatch]" in out
    assert not (tmp_path / "o").exists()
    code, out = run("script", "revise", str(draft), str(draft), "--colour", "blue",
                    "--paper", "a4", "-o", str(tmp_path / "o"))  # fmt: skip
    assert code == 0, out
    copy = tmp_path / "copy.fountain"
    copy.write_text(draft.read_text())
    code, out = run("script", "lock", str(copy), "--production", str(a4_show), "--paper", "letter")
    assert code == 0 and "on US Letter" in out
    assert json.loads((tmp_path / "copy.lock.json").read_text())["paper"] == "letter"
    code, out = run("script", "lock", str(copy), "--production", str(a4_show), "--force")
    assert code == 0 and json.loads((tmp_path / "copy.lock.json").read_text())["paper"] == "a4"


def test_a_script_no_production_names_is_locked_on_letter(draft: Path, tmp_path: Path) -> None:
    """A production.yaml beside the script that names another script is not its production."""
    (tmp_path / "production.yaml").write_text(
        "title: Other\ncompany: {name: X}\nscript: {file: other.fountain, paper: a4}\n"
    )
    code, out = run("script", "lock", str(draft))
    assert code == 0 and "on US Letter" in out
    assert json.loads((tmp_path / "draft.lock.json").read_text())["paper"] == "letter"


def test_an_old_lock_without_paper_is_read_as_letter(draft: Path, tmp_path: Path) -> None:
    """A lock file written before paper was recorded still revises, on Letter, with a note."""
    run("script", "lock", str(draft))
    lock_file = tmp_path / "draft.lock.json"
    body = json.loads(lock_file.read_text())
    del body["paper"]
    lock_file.write_text(json.dumps(body))
    blue = tmp_path / "b.fountain"
    blue.write_text(_edited(SCRIPT, "Come on.", "Come along."))
    code, out = run("script", "revise", str(draft), str(blue), "--colour", "blue",
                    "-o", str(tmp_path / "o"))  # fmt: skip
    assert code == 0 and "[lock-paper]" in out, out
    assert json.loads((tmp_path / "o" / "b.lock.json").read_text())["paper"] == "letter"


# --- Hostile lock files and empty drafts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (None, "{ nope"),
        ('"pages": [\n  [\n   "1",\n   0,', '"pages": [\n  [\n   "1",\n   1e999,'),
        ('"pages": [\n  [\n   "1",\n   0,', '"pages": [\n  [\n   "1",\n   "0",'),
        ('"sequence": [\n  [\n   0,', '"sequence": [\n  [\n   5,'),
        ('"revisions": [', '"revisions": ' + "[" * 50_000 + "]" * 50_000 + ', "x": ['),
        ('"format": "paperwork-lock"', '"format": 3'),
    ],
)
def test_a_hostile_lock_file_is_a_located_error_and_exit_1(
    draft: Path, tmp_path: Path, old: str | None, new: str
) -> None:
    """1e999, a string for a number, a bad sequence, deep nesting, another format: exit 1 and
    an error at script.lock.json, never a traceback."""
    run("script", "lock", str(draft))
    lock_file = tmp_path / "draft.lock.json"
    text = lock_file.read_text()
    assert old is None or old in text
    lock_file.write_text(new if old is None else text.replace(old, new, 1))
    result = CliRunner().invoke(
        main,
        ["script", "revise", str(draft), str(draft), "--colour", "blue", "-o", str(tmp_path / "o")],
    )
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "draft.lock.json" in result.output and "[lock-format]" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


@pytest.mark.parametrize("text", ["", "Title: Nothing Yet\nAuthor: Jo\n\n", "/* all boneyard */\n"])
def test_locking_an_empty_script_is_refused(tmp_path: Path, text: str) -> None:
    """A draft with nothing to print is refused at lock time (script-empty), no lock written."""
    path = tmp_path / "empty.fountain"
    path.write_text(text)
    code, out = run("script", "lock", str(path))
    assert code == 1 and "empty.fountain: error:" in out and "[script-empty]" in out
    assert not (tmp_path / "empty.lock.json").exists()


def test_a_broken_production_beside_the_script_stops_the_lock(tmp_path: Path) -> None:
    """The production that names the script has a bad script paper: located error, exit 1."""
    (tmp_path / "draft.fountain").write_text(SCRIPT)
    (tmp_path / "production.yaml").write_text(
        "title: T\ncompany: {name: X}\nscript: {file: draft.fountain, paper: a5}\n"
    )
    code, out = run("script", "lock", str(tmp_path / "draft.fountain"))
    assert code == 1 and "production.yaml:3" in out and "[bad-paper]" in out, out
    assert not (tmp_path / "draft.lock.json").exists()
