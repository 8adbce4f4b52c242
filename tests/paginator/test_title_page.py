"""Title page layout: where each field lands, wrapping, and staying on the paper."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.model.pages import A4, LETTER, PageLine
from paperwork.model.screenplay import TextRun, TitleField, TitlePage, runs
from paperwork.model.source import Pos
from paperwork.paginator.title_page import layout_title_page, wrap_runs


def _page(*fields: tuple[str, list[str]]) -> TitlePage:
    return TitlePage(
        tuple(
            TitleField(key, tuple(runs(v) for v in values), Pos("t.fountain", i + 1, 1))
            for i, (key, values) in enumerate(fields)
        ),
        Pos("t.fountain", 1, 1),
    )


def _by_text(lines: tuple[PageLine, ...]) -> dict[str, PageLine]:
    return {line.text: line for line in lines}


BRICK = _page(
    ("Title", ["BRICK & STEEL", "FULL RETIRED"]),
    ("Credit", ["Written by"]),
    ("Author", ["Stu Maschwitz"]),
    ("Source", ["Story by KTM"]),
    ("Draft date", ["1/27/2012"]),
    ("Contact", ["Next Level Productions", "1588 Mission Dr.", "Solvang, CA 93463"]),
)


def test_centre_block_starts_a_third_down_with_industry_gaps() -> None:
    """Title at row 18 of 54, credit 3 blank rows below, author 1 below, source 3 below."""
    lines = _by_text(layout_title_page(BRICK, LETTER))
    assert lines["BRICK & STEEL"].row == 18
    assert lines["FULL RETIRED"].row == 19
    assert lines["Written by"].row == 23
    assert lines["Stu Maschwitz"].row == 25
    assert lines["Story by KTM"].row == 29
    assert all(line.kind == "title" for line in lines.values())


def test_centred_lines_are_centred_on_the_page() -> None:
    """A centred line's middle is the middle of the paper (4.25" on Letter)."""
    lines = _by_text(layout_title_page(BRICK, LETTER))
    line = lines["Written by"]
    assert abs(line.x + len(line.text) * 0.1 / 2 - 4.25) < 1e-9


def test_contact_bottom_left_and_draft_date_bottom_right() -> None:
    """Contact ends on the last row at the left margin; the draft date ends at 7.5"."""
    lines = _by_text(layout_title_page(BRICK, LETTER))
    assert [lines[t].row for t in ("Next Level Productions", "1588 Mission Dr.")] == [51, 52]
    assert lines["Solvang, CA 93463"].row == 53 == LETTER.lines_per_page - 1
    assert lines["Solvang, CA 93463"].x == LETTER.left_margin
    date = lines["1/27/2012"]
    assert date.row == 53
    assert abs(date.x + len(date.text) * 0.1 - 7.5) < 1e-9


def test_notes_right_and_copyright_left_like_final_draft_big_fish() -> None:
    """Notes stack above the draft date on the right; copyright sits at the left."""
    page = _page(
        ("Title", ["Big Fish"]),
        ("Notes", ["FINAL PRODUCTION DRAFT", "includes post-production dialogue"]),
        ("Copyright", ["(c) 2003 Columbia"]),
        ("Draft date", ["12.12.2019"]),
    )
    lines = _by_text(layout_title_page(page, LETTER))
    assert lines["(c) 2003 Columbia"].x == LETTER.left_margin
    assert lines["(c) 2003 Columbia"].row == 53
    assert [lines[t].row for t in ("FINAL PRODUCTION DRAFT", "12.12.2019")] == [50, 53]
    assert lines["FINAL PRODUCTION DRAFT"].x > 4.25


def test_unknown_keys_are_not_printed() -> None:
    """slug:, imdb: and image: from the lumenwrites scripts never reach the page."""
    page = _page(("title", ["Bright"]), ("slug", ["bright"]), ("imdb", ["tt5519340"]))
    assert [line.text for line in layout_title_page(page, LETTER)] == ["Bright"]


def test_keys_match_ignoring_case_spaces_and_underscores() -> None:
    """``DRAFT_DATE`` and ``draftdate`` are the draft date; ``Authors`` is the author block."""
    page = _page(("TITLE", ["X"]), ("draft_date", ["1 May"]), ("Authors", ["A and B"]))
    lines = _by_text(layout_title_page(page, LETTER))
    assert lines["1 May"].row == 53 and lines["A and B"].row == 20


def test_long_lines_wrap_within_the_body_width() -> None:
    """A 209-character title wraps two words a line (41 of 60), none off the paper."""
    title = " ".join(["Supercalifragilistic"] * 10)
    lines = layout_title_page(_page(("Title", [title])), LETTER)
    assert [len(line.text) for line in lines] == [41] * 5
    assert all(len(line.text) <= 60 for line in lines)
    assert all(line.x >= 0 and line.x + len(line.text) * 0.1 <= LETTER.width for line in lines)
    assert " ".join(line.text for line in lines) == title


def test_wide_foot_blocks_stack_instead_of_overlapping() -> None:
    """A long contact and long notes do not share rows; the contact block comes first."""
    page = _page(
        ("Contact", ["A very long agency name and street address, London"]),
        ("Notes", ["Second revised shooting script, all departments"]),
    )
    lines = _by_text(layout_title_page(page, LETTER))
    contact = lines["A very long agency name and street address, London"]
    notes = lines["Second revised shooting script, all departments"]
    assert contact.row < notes.row == 53


def test_styling_and_multiline_values_are_kept() -> None:
    """Bold-underlined title runs keep their style; a blank value line stays a blank row."""
    title = TitleField(
        "Title",
        ((TextRun("BRICK & STEEL", bold=True, underline=True),), (), runs("PART TWO")),
        Pos("t.fountain", 1, 1),
    )
    lines = layout_title_page(TitlePage((title,), Pos("t.fountain", 1, 1)), LETTER)
    assert [(line.row, line.text) for line in lines] == [(18, "BRICK & STEEL"), (20, "PART TWO")]
    assert lines[0].runs[0].bold and lines[0].runs[0].underline
    assert lines[0].pos == Pos("t.fountain", 1, 1)


def test_a_huge_title_page_stays_within_the_page() -> None:
    """Eighty contact lines and a forty-line title still give rows 0..53 only."""
    page = _page(("Title", [f"T{i}" for i in range(40)]), ("Contact", [f"C{i}" for i in range(80)]))
    lines = layout_title_page(page, LETTER)
    assert lines and all(0 <= line.row < LETTER.lines_per_page for line in lines)
    rows = [line.row for line in lines]
    assert len(rows) == len(set(rows))  # nothing drawn over anything else


def test_a4_puts_the_foot_on_its_last_row() -> None:
    """A4 has 58 rows: the draft date lands on row 57."""
    lines = _by_text(layout_title_page(BRICK, A4))
    assert A4.lines_per_page == 58 and lines["1/27/2012"].row == 57


def test_wrap_runs_keeps_styles_across_the_break() -> None:
    """A bold run cut by a wrap stays bold on both lines."""
    wrapped = wrap_runs((TextRun("aaa "), TextRun("bbb ccc", bold=True)), 7)
    assert [[(r.text, r.bold) for r in line] for line in wrapped] == [
        [("aaa ", False), ("bbb", True)],
        [("ccc", True)],
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Title", "Credit", "Author", "Source", "Notes", "Contact", "Date"]),
            st.lists(st.text(alphabet="ab c", max_size=90), min_size=1, max_size=8),
        ),
        max_size=8,
    )
)
def test_every_row_is_on_the_page_and_every_line_fits(fields: list) -> None:
    """Any title page: rows within the page, lines within the paper, no two lines overlap."""
    lines = layout_title_page(_page(*fields), LETTER)
    for line in lines:
        assert 0 <= line.row < LETTER.lines_per_page
        assert len(line.text) <= 60
        assert line.x >= LETTER.left_margin - 0.75 - 1e-9
        assert line.x + len(line.text) * 0.1 <= LETTER.width - LETTER.right_margin + 1e-9
    by_row: dict[int, list[PageLine]] = {}
    for line in lines:
        by_row.setdefault(line.row, []).append(line)
    for same_row in by_row.values():
        spans = sorted((ln.x, ln.x + len(ln.text) * 0.1) for ln in same_row)
        for (_a0, a1), (b0, _b1) in zip(spans, spans[1:], strict=False):
            assert a1 <= b0 + 1e-9


def test_an_unbroken_word_wider_than_the_page_is_cut() -> None:
    """A 150-character URL in Contact is cut into 60-character pieces, all on the paper."""
    url = "https://example.org/" + "x" * 130
    lines = layout_title_page(_page(("Contact", [url])), LETTER)
    assert [len(line.text) for line in lines] == [60, 60, 30]
    assert "".join(line.text for line in lines) == url
