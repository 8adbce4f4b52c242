"""paperwork script lock / revise: the files a revision issues, their pages, and bad input."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from paperwork.errors import Diagnostics, InputError
from paperwork.model.revision import RevisionSummary, SceneChange
from paperwork.model.screenplay import (
    Action,
    RevisionSet,
    SceneHeading,
    Screenplay,
    ScriptSettings,
    TextRun,
    TitleField,
    TitlePage,
    runs,
)
from paperwork.model.source import Pos
from paperwork.revise import (
    RevisionOptions,
    RevisionResult,
    lock_path_for,
    lock_script,
    read_lock,
    revise_scripts,
)
from paperwork.writers.fdx import write_fdx
from paperwork.writers.lock import lock_to_json

DEC_3 = date(2026, 12, 3)


def sentences(tag: str, n: int) -> str:
    return " ".join(
        " ".join(f"{tag}w{i}x{k}" for k in range(5)) + f" {tag}end{i}." for i in range(n)
    )


def draft(title: str = "Locked") -> str:
    out = [f"Title: {title}\nAuthor: A. Writer\n\n"]
    for n in range(1, 7):
        out.append(f"INT. ROOM {n} - DAY\n\n{sentences(f's{n}a', 9)}\n\n")
        out.append(f"ANNA\n{sentences(f's{n}b', 7)}\n\n{sentences(f's{n}c', 6)}\n\n")
    return "".join(out)


def blue_draft() -> str:
    """Blue: a word changed in scene 2, a scene added after 3, scene 5 cut."""
    text = draft().replace("s2aw3x1", "BLUEWORD")
    text = text.replace("INT. ROOM 4 - DAY", "INT. ATTIC - NIGHT\n\nDust.\n\nINT. ROOM 4 - DAY")
    start, end = text.index("INT. ROOM 5 - DAY"), text.index("INT. ROOM 6 - DAY")
    return text[:start] + text[end:]


@pytest.fixture()
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    """shooting-white.fountain (locked beside it) and shooting-blue.fountain."""
    white = tmp_path / "shooting-white.fountain"
    blue = tmp_path / "shooting-blue.fountain"
    white.write_text(draft(), encoding="utf-8")
    blue.write_text(blue_draft(), encoding="utf-8")
    lock_path_for(white).write_bytes(lock_to_json(lock_script(white, on=date(2026, 11, 1))))
    return white, blue


@pytest.fixture()
def blue(drafts: tuple[Path, Path]) -> RevisionResult:
    white, blue_path = drafts
    return revise_scripts(white, blue_path, "blue", DEC_3)


def pdf_pages(result: RevisionResult, role: str) -> PdfReader:
    return PdfReader(io.BytesIO(result.file(role).data))


def test_lock_file_sits_beside_the_draft() -> None:
    """shooting-white.fountain locks to shooting-white.lock.json."""
    assert lock_path_for(Path("out/shooting-white.fountain")) == Path(
        "out/shooting-white.lock.json"
    )


def test_a_revision_issues_five_files(blue: RevisionResult) -> None:
    """Full PDF, pages PDF, DOCX, FDX named as every document is (<kind>_<subject>_<date>,
    the kind naming the colour), and the next lock."""
    assert [f.name for f in blue.files] == [
        "script-blue-full_locked_2026-12-03.pdf",
        "script-blue-pages_locked_2026-12-03.pdf",
        "script-blue_locked_2026-12-03.docx",
        "script-blue_locked_2026-12-03.fdx",
        "shooting-blue.lock.json",
    ]
    assert all(f.data for f in blue.files)


def test_the_packet_is_exactly_the_pages_on_the_new_colour(blue: RevisionResult) -> None:
    """Pages issued = Blue pages of the full script, in order; every Blue mark is among them."""
    blue_pages = [p.number for p in blue.full.pages if p.colour == "Blue"]
    assert blue.issued == tuple(blue_pages)
    assert [p.number for p in blue.packet.pages[1:]] == blue_pages
    marked = [p.number for p in blue.full.pages if any(ln.mark for ln in p.lines)]
    assert set(marked) <= set(blue_pages)
    assert blue.packet.pages[0].number == "Summary"
    assert all(p.colour == "Blue" for p in blue.packet.pages)


def test_changed_lines_carry_an_asterisk_and_nothing_else_does(blue: RevisionResult) -> None:
    """BLUEWORD's line, Dust., the new heading and the OMITTED heading are marked; only they."""
    marked = [(ln.text, ln.mark) for p in blue.full.pages for ln in p.lines if ln.mark]
    texts = [t for t, _ in marked]
    assert any("BLUEWORD" in t for t in texts)
    assert "INT. ATTIC - NIGHT" in texts and "Dust." in texts and "OMITTED" in texts
    assert {m for _, m in marked} == {"*"}
    assert len(marked) <= 6  # plus at most the line where scene 5's text was


def test_scene_numbers_are_locked(blue: RevisionResult) -> None:
    """3A for the new scene, 5 stays as OMITTED, the others keep theirs."""
    numbered = [
        (ln.scene_number, ln.text)
        for p in blue.full.pages
        for ln in p.lines
        if ln.kind == "scene_heading" and ln.scene_number
    ]
    assert [n for n, _ in numbered] == ["1", "2", "3", "3A", "4", "5", "6"]
    assert ("5", "OMITTED") in numbered


def test_headers_and_pdf_labels_follow_the_printed_numbers(blue: RevisionResult) -> None:
    """Blue pages head 'Locked  Blue Rev. 03/12/26'; PDF labels are the page numbers."""
    for page in blue.full.pages:
        assert page.header == ("Locked  Blue Rev. 03/12/26" if page.colour else "")
    reader = pdf_pages(blue, "full")
    assert reader.page_labels == ["Title", *(p.number for p in blue.full.pages)]
    packet = pdf_pages(blue, "pages")
    assert packet.page_labels == ["Title", "Summary", *blue.issued]
    first_blue = reader.pages[1 + [p.colour for p in blue.full.pages].index("Blue")]
    assert "Locked  Blue Rev. 03/12/26" in first_blue.extract_text()
    from docx import Document

    document = Document(io.BytesIO(blue.file("docx").data))
    headers = {p.text for section in document.sections for p in section.header.paragraphs}
    assert "Locked  Blue Rev. 03/12/26\t2A." in headers


def test_the_title_page_lists_the_history_on_the_new_colour(blue: RevisionResult) -> None:
    """White 01/11/26 and Blue Rev. 03/12/26 on a title page printed on Blue."""
    title_lines = [ln.text for ln in blue.full.title_page or ()]
    assert "White 01/11/26" in title_lines and "Blue Rev. 03/12/26" in title_lines
    assert "Locked" in title_lines
    text = pdf_pages(blue, "pages").pages[0].extract_text()
    assert "Blue Rev. 03/12/26" in text


def test_the_summary_counts_what_changed(blue: RevisionResult) -> None:
    """Scenes changed 2, added 3A, omitted 5; pages before and after; eighths per scene."""
    s = blue.summary
    assert (s.colour, s.date, s.previous) == ("Blue", "03/12/26", "White 01/11/26")
    assert s.numbers("changed") == ("2",)
    assert s.numbers("added") == ("3A",)
    assert s.numbers("omitted") == ("5",)
    assert s.pages_issued == blue.issued
    assert s.pages_after == len(blue.full.pages)
    assert s.pages_before == len(blue.full.pages) - sum(1 for n in blue.issued if n[-1] == "A")
    by_number = {c.number: c for c in s.scenes}
    assert by_number["3A"].eighths_before == 0 and by_number["3A"].eighths_after >= 1
    assert by_number["5"].eighths_before > 0 and by_number["5"].eighths_after == 0
    summary_text = [ln.text for ln in blue.packet.pages[0].lines]
    assert "Scenes added: 3A" in summary_text and "Scenes omitted: 5" in summary_text


def test_the_fdx_carries_the_revision_sets_and_marks(blue: RevisionResult) -> None:
    """RevisionID on the changed runs, Blue as the active set, locked scene numbers."""
    root = ET.fromstring(blue.file("fdx").data)
    revised = [t.text for t in root.iter("Text") if t.get("RevisionID") == "1"]
    assert any("BLUEWORD" in (t or "") for t in revised)
    assert "Dust." in revised
    revisions = root.find("Revisions")
    assert revisions is not None and revisions.get("ActiveSet") == "1"
    names = {r.get("ID"): r.get("Name") for r in revisions.iter("Revision")}
    assert names["1"] == "Blue Rev. 03/12/26" and names["2"] == "Pink"
    numbers = [p.get("Number") for p in root.iter("Paragraph") if p.get("Type") == "Scene Heading"]
    assert numbers == ["1", "2", "3", "3A", "4", "5", "6"]


def test_the_next_revision_keeps_blue_pages_blue(
    drafts: tuple[Path, Path], blue: RevisionResult
) -> None:
    """Pink against Blue (with Blue's lock): Blue pages stay Blue, per-colour marks are **."""
    white, blue_path = drafts
    lock_path_for(blue_path).write_bytes(blue.file("lock").data)
    pink_path = blue_path.with_name("shooting-pink.fountain")
    pink_path.write_text(blue_draft().replace("s6cw1x2", "PINKWORD"), encoding="utf-8")
    options = RevisionOptions(marks="per-colour")
    pink = revise_scripts(blue_path, pink_path, "pink", date(2026, 12, 10), options=options)
    colours = {p.number: p.colour for p in pink.full.pages}
    for number in blue.issued:
        if number not in pink.issued:
            assert colours[number] == "Blue"
    assert all(colours[n] == "Pink" for n in pink.issued)
    pink_marks = {
        ln.mark for n in pink.issued for p in pink.full.pages if p.number == n for ln in p.lines
    }
    assert pink_marks <= {"", "**"} and "**" in pink_marks
    assert pink.summary.previous == "Blue Rev. 03/12/26"
    assert [r.colour for r in pink.lock.revisions] == ["White", "Blue", "Pink"]
    title = [ln.text for ln in pink.full.title_page or ()]
    assert {"White 01/11/26", "Blue Rev. 03/12/26", "Pink Rev. 10/12/26"} <= set(title)


def test_revising_with_no_changes_issues_no_pages(drafts: tuple[Path, Path]) -> None:
    """The locked draft revised against itself: no pages in the packet but the summary."""
    white, _ = drafts
    same = white.with_name("same.fountain")
    same.write_text(draft(), encoding="utf-8")
    result = revise_scripts(white, same, "blue", DEC_3)
    assert result.issued == ()
    assert [p.number for p in result.packet.pages] == ["Summary"]
    assert all(p.colour == "" for p in result.full.pages)


def test_white_paper_names_the_colour_in_the_header_only(drafts: tuple[Path, Path]) -> None:
    """--white-paper: the same pages and headers, no tint drawn."""
    white, blue_path = drafts
    tinted = revise_scripts(white, blue_path, "blue", DEC_3)
    plain = revise_scripts(
        white, blue_path, "blue", DEC_3, options=RevisionOptions(white_paper=True)
    )
    assert [p.header for p in plain.full.pages] == [p.header for p in tinted.full.pages]
    page = 1 + [p.colour for p in tinted.full.pages].index("Blue")

    def content(result: RevisionResult) -> bytes:
        return pdf_pages(result, "full").pages[page].get_contents().get_data()

    assert b" re " in content(tinted) and b" re " not in content(plain)


def test_a_draft_never_locked_is_locked_now(tmp_path: Path) -> None:
    """No lock file beside the old draft: it is locked as White, and a note says so."""
    white = tmp_path / "white.fountain"
    blue_path = tmp_path / "blue.fountain"
    white.write_text(draft(), encoding="utf-8")
    blue_path.write_text(blue_draft(), encoding="utf-8")
    result = revise_scripts(white, blue_path, "blue", DEC_3)
    assert "implicit-lock" in [d.code for d in result.diagnostics]
    assert result.summary.numbers("added") == ("3A",)


# --- Bad input ----------------------------------------------------------------------------------


def codes(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return sorted(d.code for d in error.value.diagnostics if d.severity == "error")


def test_every_problem_is_reported_at_once(drafts: tuple[Path, Path]) -> None:
    """Different titles and an unknown colour: both errors, located, nothing made."""
    white, _ = drafts
    other = white.with_name("other.fountain")
    other.write_text(draft(title="Another Film"), encoding="utf-8")
    before = sorted(p.name for p in white.parent.iterdir())
    with pytest.raises(InputError) as error:
        revise_scripts(white, other, "mauve", DEC_3)
    assert codes(error) == ["title-mismatch", "unknown-colour"]
    title = next(d for d in error.value.diagnostics if d.code == "title-mismatch")
    assert title.pos is not None and (title.pos.file, title.pos.line) == ("other.fountain", 1)
    assert sorted(p.name for p in white.parent.iterdir()) == before


def test_a_lock_file_from_another_draft_is_refused(drafts: tuple[Path, Path]) -> None:
    """The lock beside the old draft was made from different text: lock-mismatch."""
    white, blue_path = drafts
    white.write_text(draft().replace("s1aw0x0", "EDITED"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        revise_scripts(white, blue_path, "blue", DEC_3)
    assert codes(error) == ["lock-mismatch"]
    pos = error.value.diagnostics[0].pos
    assert pos is not None and pos.file == "shooting-white.lock.json"


def test_a_colour_or_date_before_the_last_revision_is_refused(
    drafts: tuple[Path, Path], blue: RevisionResult
) -> None:
    """After Blue on 03/12/26: Blue again, and a date before it, are revision-order errors."""
    _, blue_path = drafts
    lock_path_for(blue_path).write_bytes(blue.file("lock").data)
    nxt = blue_path.with_name("next.fountain")
    nxt.write_text(blue_draft(), encoding="utf-8")
    with pytest.raises(InputError) as error:
        revise_scripts(blue_path, nxt, "blue", date(2026, 12, 1))
    assert codes(error) == ["revision-order", "revision-order"]


def test_a_damaged_lock_file_is_a_located_error(drafts: tuple[Path, Path]) -> None:
    """A lock file that is not JSON: lock-format, at the lock file."""
    white, blue_path = drafts
    lock_path_for(white).write_text("{ nope", encoding="utf-8")
    with pytest.raises(InputError) as error:
        revise_scripts(white, blue_path, "blue", DEC_3)
    assert codes(error) == ["lock-format"]
    diagnostics = Diagnostics()
    assert read_lock(white.with_name("missing.lock.json"), diagnostics) is None
    assert diagnostics.codes() == ["lock-missing"]


# --- An FDX with its own revisions ----------------------------------------------------------------


def test_an_fdx_is_issued_from_its_own_revision_marks(tmp_path: Path) -> None:
    """No earlier draft: Final Draft's RevisionIDs say which pages the active set issues."""
    pos = Pos("x.fdx")
    elements: list = []
    for n in range(1, 5):
        elements.append(SceneHeading(runs(f"INT. ROOM {n} - DAY"), pos))
        for k in range(6):
            text = sentences(f"s{n}k{k}", 5)
            if (n, k) == (3, 2):
                elements.append(Action((TextRun(text[:30]), TextRun(text[30:], revision=2)), pos))
            elif (n, k) == (1, 1):
                elements.append(Action((TextRun(text, revision=1),), pos))
            else:
                elements.append(Action(runs(text), pos))
    sets = (
        RevisionSet(1, "Blue Rev. (01/12/26)", page_colour="#C6C6EDEDFEFE"),
        RevisionSet(2, "Pink Rev. (mm/dd/yy)", page_colour="#FDFDCCCCD4D4"),
    )
    script = Screenplay(
        "x.fdx",
        TitlePage((TitleField("Title", (runs("Own Marks"),), pos),), pos),
        tuple(elements),
        ScriptSettings(revisions=sets, active_revision=2),
    )
    path = tmp_path / "own.fdx"
    path.write_bytes(write_fdx(script))
    result = revise_scripts(None, path, None, date(2026, 12, 8))
    pink = [p.number for p in result.full.pages if p.colour == "Pink"]
    blue = [p.number for p in result.full.pages if p.colour == "Blue"]
    assert pink and blue and set(pink).isdisjoint(blue)
    assert result.issued == tuple(pink)
    assert result.summary.colour == "Pink"
    assert [r.colour for r in result.lock.revisions] == ["White", "Blue", "Pink"]
    assert result.lock.revisions[1].date == "2026-12-01"


def test_a_fountain_without_an_earlier_draft_is_refused(tmp_path: Path) -> None:
    """Only an FDX carries its own revisions: a lone Fountain draft is no-earlier-draft."""
    path = tmp_path / "lone.fountain"
    path.write_text(draft(), encoding="utf-8")
    with pytest.raises(InputError) as error:
        revise_scripts(None, path, "blue", DEC_3)
    assert codes(error) == ["no-earlier-draft"]


def test_a_changed_cue_is_marked_on_its_line_and_in_the_fdx(drafts: tuple[Path, Path]) -> None:
    """ANNA becomes ANNA (V.O.) in scene 4: that cue line alone is marked, and the FDX
    gives that cue, and no other, a RevisionID."""
    white, _ = drafts
    vo = white.with_name("vo.fountain")
    vo.write_text(draft().replace("ANNA\ns4b", "ANNA (V.O.)\ns4b"), encoding="utf-8")
    result = revise_scripts(white, vo, "blue", DEC_3)
    marked = [ln for p in result.full.pages for ln in p.lines if ln.mark]
    assert [(ln.kind, ln.text) for ln in marked] == [("character", "ANNA (V.O.)")]
    root = ET.fromstring(result.file("fdx").data)
    cues = [
        (t.text, t.get("RevisionID"))
        for p in root.iter("Paragraph")
        if p.get("Type") == "Character"
        for t in p.iter("Text")
    ]
    assert ("ANNA (V.O.)", "1") in cues
    assert all(rid is None for text, rid in cues if text != "ANNA (V.O.)")


# --- The summary page --------------------------------------------------------------------------


def _summary(scenes: int, heading: str) -> RevisionSummary:
    return RevisionSummary(
        title="The Salt Road",
        colour="Blue",
        date="03/12/26",
        previous="White 29/11/26",
        pages_issued=("1", "1A"),
        pages_before=22,
        pages_after=23,
        scenes=tuple(
            SceneChange(str(n), f"{heading} {n}", "changed", 9, 10) for n in range(1, scenes + 1)
        ),
    )


def test_summary_headings_wrap_and_are_never_cut() -> None:
    """A long heading wraps under the Heading column, every word of it printed, none past the
    right margin."""
    from paperwork.paginator import layout_for
    from paperwork.revision_summary import summary_pages

    layout = layout_for(Screenplay("x.fountain", None, ()), "a4")
    heading = "EXT. HARBOUR FERRY - BRISTOL HARBOUR - CONTINUOUS - LATER THAT NIGHT"
    (page,) = summary_pages(_summary(1, heading), layout)
    text = [ln.text for ln in page]
    start = next(i for i, t in enumerate(text) if t.startswith("1      changed"))
    rows = [text[start], *(t for t in text[start + 1 :] if t.startswith(" " * 38))]
    assert " ".join(r[38:].strip() for r in rows) == f"{heading} 1"
    width = int((layout.width - layout.left_margin - layout.right_margin) * 10 + 1e-6)
    assert len(rows) > 1 and max(len(t) for t in text) <= width


def test_a_long_summary_continues_on_another_page() -> None:
    """Sixty changed scenes: the table goes on to a second summary page under its own head,
    with every scene listed (no '... and N more')."""
    from paperwork.paginator import layout_for
    from paperwork.revision_summary import summary_pages

    layout = layout_for(Screenplay("x.fountain", None, ()), "letter")
    pages = summary_pages(_summary(60, "INT. A VERY LONG CORRIDOR IN THE OLD HOSPITAL"), layout)
    assert len(pages) >= 2
    text = [ln.text for page in pages for ln in page]
    assert [t.split()[0] for t in text if " changed " in t] == [str(n) for n in range(1, 61)]
    assert pages[1][0].text == "REVISION SUMMARY (continued)"
    assert all(len(page) <= layout.lines_per_page for page in pages)
    assert not any("more scenes" in t for t in text)
