"""Sides: each shoot day's script pages, from the paginated script, other scenes struck."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from paperwork.builders.base import BuildJob, BuildOptions, BuiltDocument
from paperwork.builders.sides import SidesContext
from paperwork.builders.sides import build as build_sides
from paperwork.cli import main
from paperwork.errors import Diagnostics
from paperwork.model.pages import PaginatedScript
from paperwork.model.production import Production
from paperwork.model.sides import SidesPages
from paperwork.pipeline import BuildRequest, PreparedScript, build_documents, prepare_script
from paperwork.pipeline import with_breakdown as with_script
from paperwork.readers.production import read_production
from paperwork.render.screenplay_docx import render_sides_docx
from paperwork.render.screenplay_pdf import STRUCK_GREY, render_script_pdf, render_sides_pdf
from tests.pdf_text import page_texts

TODAY = date(2026, 12, 2)


def _built(
    folder: Path, **options: object
) -> tuple[Production, PreparedScript, list[BuiltDocument], Diagnostics]:
    d = Diagnostics()
    production = read_production(folder, d)
    assert production is not None
    script = prepare_script(production, d)
    assert script is not None
    request = with_script(
        BuildRequest(today=TODAY, kinds=("sides",), options=BuildOptions(**options)), script
    )  # type: ignore[arg-type]
    return production, script, build_documents(production, request, d), d


@pytest.fixture(scope="module")
def demo_sides(demo: Path) -> tuple[PreparedScript, dict[int, SidesContext]]:
    _production, script, docs, d = _built(demo)
    assert not [x for x in d if x.code.startswith("sides")], [str(x) for x in d]
    out = {}
    for doc in docs:
        assert isinstance(doc.context, SidesContext)
        out[int(doc.stem.split("_day")[1][:2])] = doc.context
    return script, out


def _numbers(sides: SidesPages) -> list[str]:
    return [p.page.number for p in sides.pages]


def test_every_shoot_day_has_sides_named_by_day_and_date(demo: Path) -> None:
    """One document per shoot day: ``sides_day03_2027-03-03``."""
    _p, _s, docs, _d = _built(demo)
    assert [d.stem for d in docs][:3] == [
        "sides_day01_2027-03-01",
        "sides_day02_2027-03-02",
        "sides_day03_2027-03-03",
    ]
    assert len(docs) == 10


def test_pages_follow_the_shooting_order_and_a_shared_page_appears_once(
    demo_sides: tuple[PreparedScript, dict[int, SidesContext]],
) -> None:
    """Day 3 shoots 2, 26, 27, 7: pages 1, 18 (26 and 27), 19, 5, 6; page 18 once."""
    _script, days = demo_sides
    sides = days[3].sides
    assert _numbers(sides) == ["1", "18", "19", "5", "6"]
    assert [p.scenes for p in sides.pages] == [("2",), ("26", "27"), ("27",), ("7",), ("7",)]
    assert [(s.number, s.script_pages) for s in days[3].scenes] == [
        ("2", "1"),
        ("26", "18"),
        ("27", "18-19"),
        ("7", "5-6"),
    ]


def test_only_other_scenes_lines_are_struck(
    demo_sides: tuple[PreparedScript, dict[int, SidesContext]],
) -> None:
    """On page 1 of day 3's sides, scenes 1 and 3 are struck and all of scene 2 is not."""
    _script, days = demo_sides
    page = days[3].sides.pages[0]
    kept = [ln.text for i, ln in enumerate(page.page.lines) if i not in page.struck]
    struck = [ln.text for i, ln in enumerate(page.page.lines) if i in page.struck]
    assert kept[0] == "EXT. RIVER AVON - DAWN"
    assert kept[-1] == "The mist lifts off the gorge. Gulls."
    assert "INT. PILOT'S COTTAGE, PILL - NIGHT" in struck
    assert "EXT. HARBOUR FERRY - BRISTOL HARBOUR - DAY" in struck
    assert not any("RIVER AVON" in t for t in struck)


def _body_lines(page: pdfplumber.page.Page, bottom: float) -> list[tuple[str, float, float]]:
    """Each character of the script's own area (above the footer), as text and position."""
    return [
        (c["text"], round(c["x0"], 2), round(c["top"], 2))
        for c in page.chars
        if c["top"] < bottom and c["text"].strip()
    ]


@pytest.mark.slow
def test_each_full_page_prints_the_formatted_scripts_lines_in_place(
    demo_sides: tuple[PreparedScript, dict[int, SidesContext]],
) -> None:
    """Every sides page has the glyphs of its page of the formatted script PDF, in the same
    place (pdfplumber): the paginator's lines and breaks, never re-flowed."""
    script, days = demo_sides
    whole = render_script_pdf(script.paginated)
    offset = 1 if script.paginated.title_page is not None else 0
    layout = script.paginated.layout
    bottom = (layout.height - layout.bottom_margin * 0.75) * 72
    with pdfplumber.open(io.BytesIO(whole)) as formatted:
        for day in (3, 6, 7):
            sides = days[day].sides
            with pdfplumber.open(io.BytesIO(render_sides_pdf(sides))) as pdf:
                assert len(pdf.pages) == len(sides.pages)
                for sheet, side in zip(pdf.pages, sides.pages, strict=True):
                    theirs = formatted.pages[offset + side.index]
                    assert _body_lines(sheet, bottom) == _body_lines(theirs, bottom)
                    assert sheet.extract_text().splitlines()[:-1] == (
                        theirs.extract_text().splitlines()
                    )


def test_struck_lines_print_grey_and_crossed_and_the_days_black(
    demo_sides: tuple[PreparedScript, dict[int, SidesContext]],
) -> None:
    """Other scenes' glyphs are grey with a diagonal across their block; the day's are black."""
    _script, days = demo_sides
    sides = replace(days[3].sides, pages=days[3].sides.pages[:1])
    with pdfplumber.open(io.BytesIO(render_sides_pdf(sides))) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["non_stroking_color"])
        colour = {w["text"]: tuple(w["non_stroking_color"]) for w in words}
        assert colour["COTTAGE,"] == (STRUCK_GREY,)  # scene 1
        assert colour["AVON"] == (0,)  # scene 2, the day's
        assert colour["QUAYLINE"] == (STRUCK_GREY,)  # scene 3
        diagonals = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) > 24]
        assert len(diagonals) == 2  # one across scene 1, one across scene 3


def test_half_sides_put_two_half_size_pages_on_a4_landscape_with_the_same_lines(
    demo_sides: tuple[PreparedScript, dict[int, SidesContext]],
) -> None:
    """``half``: A4 landscape sheets, two pages each, each half holding its page's lines."""
    script, days = demo_sides
    sides = replace(days[3].sides, sheet="half")
    whole = render_script_pdf(script.paginated)
    offset = 1 if script.paginated.title_page is not None else 0
    with (
        pdfplumber.open(io.BytesIO(render_sides_pdf(sides))) as pdf,
        pdfplumber.open(io.BytesIO(whole)) as formatted,
    ):
        assert len(pdf.pages) == 3  # five pages, two to a sheet
        assert [(round(p.width), round(p.height)) for p in pdf.pages] == [(842, 595)] * 3
        for k, side in enumerate(sides.pages):
            sheet = pdf.pages[k // 2]
            half = sheet.crop((k % 2 * sheet.width / 2, 0, (k % 2 + 1) * sheet.width / 2, 580))
            mine = [line.strip() for line in half.extract_text().splitlines()[:-1]]
            theirs = formatted.pages[offset + side.index].extract_text().splitlines()
            assert mine == [line.strip() for line in theirs]


def test_the_docx_has_the_cover_then_the_same_lines_other_scenes_struck(
    demo_sides: tuple[PreparedScript, dict[int, SidesContext]],
) -> None:
    """The DOCX: the cover (from the template), then each page's lines in order; a struck
    line's runs are struck through, the day's are not."""
    _script, days = demo_sides
    sides = days[3].sides
    cover = Document()
    cover.add_paragraph("COVER")
    buffer = io.BytesIO()
    cover.save(buffer)
    doc = Document(io.BytesIO(render_sides_docx(sides, cover=buffer.getvalue())))
    paragraphs = [p for p in doc.element.body.iter(qn("w:p"))]

    def text(p: object) -> str:
        return "".join(t.text or "" for t in p.iter(qn("w:t")))  # type: ignore[attr-defined]

    texts = [text(p) for p in paragraphs]
    assert texts[0] == "COVER"
    at, used = 1, set()
    for side in sides.pages:
        start = at  # dual dialogue is a table: its two columns one after the other
        for index, line in enumerate(side.page.lines):
            j = next(
                j
                for j in range(start, len(texts))
                if j not in used and line.text.strip() in texts[j]
            )
            used.add(j)
            at = max(at, j + 1)
            struck = any(True for _ in paragraphs[j].iter(qn("w:strike")))
            assert struck == (index in side.struck), (line.text, side.page.number)
    assert at > len(texts) - 3  # nothing after the last page but the section's end


def _copy(demo: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "production"
    shutil.copytree(demo, folder)
    return folder


def _schedule_line(folder: Path, day: str, scene: str) -> int:
    for n, line in enumerate((folder / "schedule.csv").read_text().splitlines(), start=1):
        cells = line.split(",")
        if cells[0] == day and len(cells) > 11 and cells[11] == scene:
            return n
    raise AssertionError(scene)


def test_a_scheduled_scene_not_in_the_script_is_reported_at_its_schedule_cell(
    demo: Path, tmp_path: Path
) -> None:
    """Scene 99 on day 3: a warning at its scene cell; the rest of the day's sides stand."""
    folder = _copy(demo, tmp_path)
    line = _schedule_line(folder, "3", "27")
    rows = (folder / "schedule.csv").read_text().splitlines()
    rows[line - 1] = rows[line - 1].replace(",27,", ",99,", 1)
    (folder / "schedule.csv").write_text("\n".join(rows) + "\n")
    _p, _s, docs, d = _built(folder)
    found = [(x.severity, x.pos) for x in d if x.code == "sides-scene-not-in-script"]
    assert len(found) == 1
    severity, pos = found[0]
    assert severity == "warning" and pos is not None
    assert (pos.file, pos.line, pos.field or pos.column) in {
        ("schedule.csv", line, "scene"),
        ("schedule.csv", line, 12),
    }
    day3 = next(doc.context for doc in docs if "_day03_" in doc.stem)
    assert isinstance(day3, SidesContext)
    assert _numbers(day3.sides) == ["1", "18", "5", "6"]
    assert day3.missing == ("Sc. 99 is not in the script: no pages",)


def test_a_day_with_no_scenes_is_reported_at_its_row_and_has_no_sides(
    demo: Path, tmp_path: Path
) -> None:
    """Day 4 with its one scene taken out: ``sides-day-without-scenes`` at the day's row."""
    folder = _copy(demo, tmp_path)
    line = _schedule_line(folder, "4", "9")
    rows = (folder / "schedule.csv").read_text().splitlines()
    rows[line - 1] = rows[line - 1].replace(",9,08:00-12:30,", ",,08:00-12:30,", 1)
    (folder / "schedule.csv").write_text("\n".join(rows) + "\n")
    _p, _s, docs, d = _built(folder)
    found = [x for x in d if x.code == "sides-day-without-scenes"]
    assert len(found) == 1 and found[0].pos is not None
    first = next(n for n, row in enumerate(rows, start=1) if row.startswith("4,"))
    assert (found[0].pos.file, found[0].pos.line) == ("schedule.csv", first)
    assert not [doc for doc in docs if "_day04_" in doc.stem]


def test_without_a_script_the_builder_reports_it_at_the_manifest(demo: Path) -> None:
    """No paginated script handed over: ``sides-no-script`` (error) at production.yaml."""
    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None
    assert build_sides(BuildJob(production, TODAY, d)) == ()
    [found] = [x for x in d if x.code == "sides-no-script"]
    assert found.severity == "error" and found.pos == production.manifest


def test_build_only_sides_without_a_script_exits_1(demo: Path, tmp_path: Path) -> None:
    """``--only sides`` on a production that names no script stops with exit 1."""
    folder = _copy(demo, tmp_path)
    text = (folder / "production.yaml").read_text()
    text = re.sub(r"\nscript:.*?\n(?=\S)", "\n", text, flags=re.S)
    (folder / "production.yaml").write_text(text)
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(tmp_path / "out"), "--only", "sides"]
    )
    assert result.exit_code == 1
    assert "[input-missing]" in result.output


def test_a_day_the_schedule_lacks_is_reported_once_for_the_sheet_and_its_sides(
    demo: Path, tmp_path: Path
) -> None:
    """``callsheet --day 99 --sides``: the call sheets and the sides both look the day up; the
    co-ordinator is told once, at the schedule table, and nothing is written."""
    out = tmp_path / "out"
    args = ["callsheet", str(demo), "--day", "99", "--sides", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-12-02"])
    assert result.exit_code == 1, result.output
    said = [line for line in result.output.splitlines() if line.endswith("[no-such-day]")]
    assert said == [
        "schedule.csv: error: the schedule has no day 99 (its days: 1, 2, 3, 4, 5, 6, 7, 8, 9, "
        "10) [no-such-day]"
    ], result.output
    assert not out.exists() or not any(out.glob("*.pdf"))


def test_the_same_problem_at_the_same_place_is_kept_once() -> None:
    """Diagnostics keep one of each (severity, code, message, place), in the order first
    found; the same message at another place, or of another severity, is another problem."""
    from paperwork.errors import Diagnostics
    from paperwork.model.source import Pos

    d = Diagnostics()
    d.error("no-such-day", "no day 99", Pos("schedule.csv"))
    d.warning("late-wrap", "wraps late", Pos("schedule.csv", 4))
    d.error("no-such-day", "no day 99", Pos("schedule.csv"))
    d.warning("late-wrap", "wraps late", Pos("schedule.csv", 5))
    d.extend([*d.items, *Diagnostics([d.items[0]]).items])
    d.info("late-wrap", "wraps late", Pos("schedule.csv", 4))
    assert [(x.severity, x.code, str(x.pos)) for x in d] == [
        ("error", "no-such-day", "schedule.csv"),
        ("warning", "late-wrap", "schedule.csv:4"),
        ("warning", "late-wrap", "schedule.csv:5"),
        ("info", "late-wrap", "schedule.csv:4"),
    ]


def _pdf_pages(path: Path) -> list[str]:
    return page_texts(path)


@pytest.mark.slow
def test_callsheet_sides_are_written_and_carried_after_the_sheet(
    demo: Path, tmp_path: Path
) -> None:
    """``callsheet --day 3 --sides``: the sheet, the sides, and the merged PDF holding the
    sheet then the sides; ``--separate-sides`` leaves the merged PDF out."""
    out = tmp_path / "out"
    args = ["callsheet", str(demo), "--day", "3", "--sides", "-o", str(out), "--date", "2026-12-02"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    sheet = _pdf_pages(out / "call-sheet_day03_2027-03-03_v1.pdf")
    sides = _pdf_pages(out / "sides_day03_2027-03-03.pdf")
    merged = _pdf_pages(out / "call-sheets_all_2026-12-02.pdf")
    assert merged == sheet + sides
    assert "Sides" in sides[0] and "Day 3 of 10" in sides[0]
    assert (out / "sides_day03_2027-03-03.docx").is_file()
    from pypdf import PdfReader

    reader = PdfReader(out / "sides_day03_2027-03-03.pdf")
    assert [(o["/Title"], reader.get_destination_page_number(o)) for o in reader.outline] == [
        ("Sides 3: Wed 3 Mar 2027", 0),
        ("Page 1: sc. 2", 1),
        ("Page 18: sc. 26, 27", 2),
        ("Page 19: sc. 27", 3),
        ("Page 5: sc. 7", 4),
        ("Page 6: sc. 7", 5),
    ]
    apart = tmp_path / "apart"
    result = CliRunner().invoke(main, [*args[:-4], "-o", str(apart), "--separate-sides"])
    assert result.exit_code == 0, result.output
    assert (apart / "sides_day03_2027-03-03.pdf").is_file()
    assert not list(apart.glob("call-sheets_all_*.pdf"))


def test_the_layout_comes_from_the_option_else_the_manifest(demo: Path, tmp_path: Path) -> None:
    """``call_sheets: sides_layout: half`` makes pocket sides; ``--sides-layout full`` wins;
    another value is a located ``manifest-type`` error."""
    folder = _copy(demo, tmp_path)
    manifest = folder / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace("call_sheets:\n", "call_sheets:\n  sides_layout: half\n", 1)
    )
    _p, _s, docs, _d = _built(folder)
    context = docs[0].context
    assert isinstance(context, SidesContext)
    assert context.sides.sheet == "half" and context.pocket
    _p, _s, docs, _d = _built(folder, sides_layout="full")
    assert isinstance(docs[0].context, SidesContext) and docs[0].context.sides.sheet == "full"
    manifest.write_text(manifest.read_text().replace("sides_layout: half", "sides_layout: pocket"))
    d = Diagnostics()
    read_production(folder, d)
    [bad] = [x for x in d if x.code == "manifest-type"]
    assert bad.pos is not None and bad.pos.file == "production.yaml" and bad.pos.line > 1


def test_the_pocket_sides_cover_is_a_half_page_beside_the_cut(demo: Path, tmp_path: Path) -> None:
    """Pocket sides print the cover on the left half of an A4 landscape sheet, with the
    script sheets' dashed line to cut along, so that every half page cut from the day's
    sheets is the same size; full-size sides keep a full-page cover."""
    from tests.pdf_text import page_words

    out = tmp_path / "out"
    args = ["build", str(demo), "-o", str(out), "--only", "sides", "--format", "pdf"]
    result = CliRunner().invoke(main, [*args, "--sides-layout", "half", "--date", "2026-12-02"])
    assert result.exit_code == 0, result.output
    path = out / "sides_day03_2027-03-03.pdf"
    with pdfplumber.open(path) as pdf:
        assert {(round(p.width), round(p.height)) for p in pdf.pages} == {(842, 595)}
        cover = pdf.pages[0]
        cuts = [r for r in cover.rects if abs(r["x0"] - cover.width / 2) < 1]
        assert cuts and all(r["height"] > 500 for r in cuts)  # down the middle of the sheet
    cover_words, first_sheet = page_words(path)[:2]
    middle = 842 / 2
    assert "Sides" in [w.text for w in cover_words]
    assert max(w.x1 for w in cover_words) < middle - 7 * 72 / 25.4  # the cut's margin
    assert max(w.x1 for w in first_sheet) > middle  # the sheets use both halves
    full = tmp_path / "full"
    args[3] = str(full)
    result = CliRunner().invoke(main, [*args, "--sides-layout", "full", "--date", "2026-12-02"])
    assert result.exit_code == 0, result.output
    words = page_words(full / "sides_day03_2027-03-03.pdf")[0]
    assert max(w.x1 for w in words) > 595 / 2 + 100  # the cover across an A4 portrait page


# --- A locked, revised script ---------------------------------------------------------------------

REVISED_SPEECH = """
MARISOL
I did not come to take anything. I came to give him back his flag, and to say that he kept \
his promise, in the end, after all those years.

Elsie holds her gaze. Nobody breathes. The organist, who has lost her place, starts the hymn \
again from the top.

ANA
(whispering)
Mum. Mum, who is she?

ELSIE
Somebody your father brought safely home.

The congregation stands. The hymn limps on, a verse behind the organ.
"""
LAST_OF_26 = (
    "Every head turns. Marisol walks slowly up the aisle. Lily shuffles along the pew to make "
    "space.\n"
)


@pytest.fixture(scope="module")
def revised(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The demo locked on White, then scene 26 lengthened and issued as the Blue revision:
    its new draft and lock file beside it, named in production.yaml."""
    from paperwork.revise import lock_script, revise_scripts
    from paperwork.writers.lock import lock_to_json

    folder = tmp_path_factory.mktemp("revised") / "production"
    shutil.copytree(demo, folder)
    white = folder / "script.fountain"
    (folder / "script.lock.json").write_bytes(
        lock_to_json(lock_script(white, paper="a4", on=date(2027, 2, 1)))
    )
    text = white.read_text()
    assert LAST_OF_26 in text
    (folder / "script-blue.fountain").write_text(
        text.replace(LAST_OF_26, LAST_OF_26 + REVISED_SPEECH)
    )
    result = revise_scripts(white, folder / "script-blue.fountain", "blue", date(2027, 2, 20))
    (folder / "script-blue.lock.json").write_bytes(result.file("lock").data)
    manifest = folder / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace("file: script.fountain", "file: script-blue.fountain")
    )
    return folder, result


def _page_key(script: PaginatedScript) -> list[tuple[object, ...]]:
    return [
        (p.number, p.colour, p.header, tuple((ln.row, ln.x, ln.text, ln.mark) for ln in p.lines))
        for p in script.pages
    ]


def test_with_a_lock_file_the_script_is_laid_out_as_issued(revised: tuple[Path, object]) -> None:
    """The build's pages are the revision's full script: 18A, Blue pages, their marks."""
    folder, result = revised
    _p, script, _docs, d = _built(folder)
    assert not [x for x in d if x.code == "script-lock-ignored"]
    assert _page_key(script.paginated) == _page_key(result.full)  # type: ignore[attr-defined]


def test_sides_of_a_revised_script_keep_its_a_pages_colours_and_marks(
    revised: tuple[Path, object],
) -> None:
    """Day 3 of the Blue script: pages 1, 18, 18A, 19, 5, 6; 18A is Blue with its asterisks."""
    folder, _result = revised
    _p, script, docs, _d = _built(folder)
    day3 = next(doc.context for doc in docs if "_day03_" in doc.stem)
    assert isinstance(day3, SidesContext)
    assert _numbers(day3.sides) == ["1", "18", "18A", "19", "5", "6"]
    with pdfplumber.open(io.BytesIO(render_sides_pdf(day3.sides))) as pdf:
        page = pdf.pages[2].extract_text().splitlines()
    assert page[0] == "THE SALT ROAD Blue Rev. 20/02/27 18A."
    assert page[1].endswith("*")


def test_a_lock_file_from_another_draft_is_ignored_with_a_warning(
    demo: Path, tmp_path: Path, revised: tuple[Path, object]
) -> None:
    """A stale lock: ``script-lock-ignored`` at the lock file; pages laid out afresh."""
    folder = _copy(demo, tmp_path)
    shutil.copy(revised[0] / "script-blue.lock.json", folder / "script.lock.json")
    _p, script, _docs, d = _built(folder)
    [found] = [x for x in d if x.code == "script-lock-ignored"]
    assert found.severity == "warning" and found.pos is not None
    assert found.pos.file == "script.lock.json"
    assert "18A" not in [p.number for p in script.paginated.pages]


def test_the_same_sides_make_the_same_bytes(
    demo_sides: tuple[PreparedScript, dict[int, SidesContext]],
) -> None:
    """PDF (full and half) and DOCX: the same input gives the same bytes."""
    _script, days = demo_sides
    sides = days[6].sides
    half = replace(sides, sheet="half")
    assert render_sides_pdf(sides) == render_sides_pdf(sides)
    assert render_sides_pdf(half) == render_sides_pdf(half)
    assert render_sides_pdf(sides) != render_sides_pdf(half)
    assert render_sides_docx(sides) == render_sides_docx(sides)
