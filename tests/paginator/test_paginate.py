"""The paginator's rules on small hand-made scripts (Letter, 54 rows a page)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from paperwork.errors import UsageError
from paperwork.model.pages import A4, LETTER, Page, PaginatedScript
from paperwork.model.screenplay import (
    DualDialogue,
    ElementFormat,
    General,
    Note,
    PageBreak,
    ScriptSettings,
    Section,
    Synopsis,
    runs,
)
from paperwork.paginator import layout_for, paginate
from paperwork.paginator.layout import chars
from paperwork.paginator.paginate import FINAL_DRAFT_2003

from .scripts import act, cut, head, pos, say, script, sentences

L = LETTER.lines_per_page


def texts(page: Page) -> list[tuple[int, str]]:
    return [(ln.row, ln.text) for ln in sorted(page.lines, key=lambda ln: (ln.row, ln.x))]


def run(*elements, **kw) -> PaginatedScript:
    s = script(*elements)
    return paginate(s, layout_for(s), **kw)


def filler(n: int) -> list:
    """``n`` one-line actions: rows 0, 2, 4... on a fresh page."""
    return [act(f"Filler {i}.") for i in range(n)]


def test_letter_has_54_rows_and_fd_widths() -> None:
    """Letter is 54 rows; widths count Final Draft's 7 pt Courier advance, strictly inside."""
    assert L == 54
    styles = dict(LETTER.styles)
    assert chars(styles["action"]) == 61
    assert chars(styles["dialogue"]) == 35
    assert chars(replace(styles["dialogue"], left=2.38, right=6.25)) == 39


def test_first_page_unnumbered_then_numbers() -> None:
    """Body page 1 hides its number; page 2 is "2"."""
    p = run(*filler(40))
    assert [pg.number for pg in p.pages] == ["1", "2"]
    assert [pg.show_number for pg in p.pages] == [False, True]
    assert p.title_page is None


def test_space_before_is_dropped_at_the_top_of_a_page() -> None:
    """Blank rows before an element vanish when it starts a page."""
    p = run(*filler(28))
    assert texts(p.pages[0])[:2] == [(0, "Filler 0."), (2, "Filler 1.")]
    assert texts(p.pages[1]) == [(0, "Filler 27.")]


def test_a_scene_heading_never_ends_a_page() -> None:
    """A heading with no room for what follows moves to the next page."""
    p = run(*filler(26), head("INT. HOUSE - DAY"), act("Inside."))
    assert texts(p.pages[0])[-1] == (50, "Filler 25.")
    assert texts(p.pages[1]) == [(0, "INT. HOUSE - DAY"), (2, "Inside.")]
    assert p.pages[1].scene_numbers == ("1",)


def test_a_transition_never_starts_a_page() -> None:
    """A transition that does not fit takes the paragraph before it along."""
    p = run(*filler(27), cut())
    assert texts(p.pages[0])[-1] == (50, "Filler 25.")
    first, second = p.pages[1].lines
    assert (first.row, first.text, second.row, second.text) == (0, "Filler 26.", 2, "CUT TO:")
    assert second.kind == "transition"
    assert second.x == pytest.approx(7.1 - 0.7)  # right-aligned: right edge minus 7 characters


def test_action_splits_at_a_sentence_end_with_two_lines_each_side() -> None:
    """A long action paragraph splits after a sentence, never leaving one line behind."""
    p = run(*filler(24), act(sentences(20)))
    head_lines = [t for r, t in texts(p.pages[0]) if r > 46]
    tail_lines = [t for _, t in texts(p.pages[1])]
    assert len(head_lines) >= 2 and len(tail_lines) >= 2
    assert head_lines[-1].endswith(".")
    assert tail_lines[0].startswith("Word Word")
    assert p.pages[1].lines[0].row == 0


def test_action_without_a_sentence_end_moves_whole() -> None:
    """No sentence end where it would be needed: the paragraph moves to the next page."""
    long = " ".join(["word"] * 60)  # five lines, no sentence end
    p = run(*filler(25), act(long))
    assert texts(p.pages[0])[-1] == (48, "Filler 24.")
    assert len(p.pages[1].lines) == 5


def test_dialogue_splits_with_more_and_contd() -> None:
    """A split speech ends with (MORE) and resumes under NAME (V.O.) (CONT'D)."""
    p = run(*filler(23), say("EDWARD", sentences(12), ext=("V.O.",)))
    foot = sorted(p.pages[0].lines, key=lambda ln: ln.row)
    more = foot[-1]
    assert (more.text, more.kind) == ("(MORE)", "more")
    dialogue = [ln for ln in foot if ln.kind == "dialogue"]
    assert len(dialogue) >= 2 and dialogue[-1].text.endswith(".")
    assert more.row == dialogue[-1].row + 1
    top = sorted(p.pages[1].lines, key=lambda ln: ln.row)
    assert (top[0].text, top[0].kind, top[0].row) == ("EDWARD (V.O.) (CONT'D)", "character", -1)
    assert top[1].row == 0 and top[1].kind == "dialogue"
    assert len([ln for ln in top if ln.kind == "dialogue"]) >= 2


def test_a_speech_cut_at_a_page_draws_contd_and_more_as_a_break_does() -> None:
    """start_continued / end_more: the two halves of a speech laid out apart (a locked page
    starting inside it) give the very lines of the page break inside the whole speech."""
    text = sentences(12)
    whole = run(*filler(23), say("EDWARD", text, ext=("V.O.",)))
    assert len(whole.pages) == 2
    at = text.index(next(ln.text for ln in whole.pages[1].lines if ln.kind == "dialogue"))

    def lines(page: Page) -> list[tuple[int, float, str, str]]:
        return [(ln.row, ln.x, ln.text, ln.kind) for ln in page.lines]

    head_ = run(*filler(23), say("EDWARD", text[:at].rstrip(), ext=("V.O.",)), end_more=True)
    tail = run(say("EDWARD", text[at:], ext=("V.O.",)), start_continued=True)
    assert lines(head_.pages[0]) == lines(whole.pages[0])
    assert lines(tail.pages[0]) == lines(whole.pages[1])
    assert [len(head_.pages), len(tail.pages)] == [1, 1]


def test_the_cut_hooks_leave_a_script_that_does_not_start_or_end_in_a_speech() -> None:
    """start_continued / end_more only touch a speech at the very start or end."""
    s = script(act("Rain."), say("ANNA", "Hello."), act("She goes."))
    hooked = paginate(s, layout_for(s), start_continued=True, end_more=True)
    assert hooked == paginate(s, layout_for(s))


def test_the_files_more_and_contd_wording_is_used() -> None:
    """Big Fish says (cont'd): the layout carries the file's words into the cue."""
    settings = ScriptSettings(dialogue_more="(MORE)", dialogue_continued="(cont'd)")
    s = script(*filler(23), say("EDWARD", sentences(12)), settings=settings)
    p = paginate(s, layout_for(s))
    assert texts(p.pages[1])[0] == (-1, "EDWARD (cont'd)")


def test_a_cue_keeps_two_lines_of_dialogue() -> None:
    """A cue with room for only one line of dialogue under it moves with its speech."""
    p = run(*filler(26), say("ANNA", sentences(4)))
    assert all(ln.kind == "action" for ln in p.pages[0].lines)
    assert texts(p.pages[1])[0] == (0, "ANNA")


def test_dual_dialogue_shares_rows_and_is_never_split() -> None:
    """Both columns print on the same rows at different x; the pair moves whole."""
    left = say("BRICK", "Fire!")
    right = say("STEEL", "Duck!  Now!  " + sentences(3))
    dual = DualDialogue(left, right, pos())
    p = run(*filler(25), dual)
    assert all(ln.kind == "action" for ln in p.pages[0].lines)
    rows = {}
    for ln in p.pages[1].lines:
        rows.setdefault(ln.row, []).append(ln)
    cues = rows[0]
    assert sorted(ln.text for ln in cues) == ["BRICK", "STEEL"]
    assert cues[0].x != cues[1].x
    assert len(rows[1]) == 2


def test_non_printing_elements_take_no_space_unless_shown() -> None:
    """Notes, sections and synopses take no rows; shown outline elements take theirs."""
    extras = [Section(1, "Act One", pos()), Synopsis("Things happen.", pos()), Note("hm", pos())]
    plain_run = run(act("A."), *extras, act("B."))
    assert texts(plain_run.pages[0]) == [(0, "A."), (2, "B.")]
    shown = run(act("A."), *extras, act("B."), outline_elements=True)
    assert texts(shown.pages[0]) == [(0, "A."), (8, "B.")]


def test_page_breaks_always_break_but_never_make_empty_pages() -> None:
    """A forced break starts a page; one at the very start or twice in a row does not."""
    p = run(PageBreak(pos()), act("One."), PageBreak(pos()), PageBreak(pos()), act("Two."))
    assert [texts(pg) for pg in p.pages] == [[(0, "One.")], [(0, "Two.")]]


def test_automatic_contd_after_action_in_the_same_scene() -> None:
    """The same speaker after only action gets (CONT'D); a new scene or speaker resets it."""
    elements = [
        head("INT. ROOM - DAY"),
        say("ANNA", "One."),
        act("She waits."),
        say("ANNA", "Two."),
        say("BOB", "Three."),
        say("ANNA", "Four."),
        head("EXT. YARD - DAY"),
        say("ANNA", "Five."),
        act("Beat."),
        say("ANNA", "Six.", ext=("CONT'D",)),
    ]
    cues = [ln.text for ln in run(*elements).pages[0].lines if ln.kind == "character"]
    assert cues == ["ANNA", "ANNA (CONT'D)", "BOB", "ANNA", "ANNA", "ANNA (CONT'D)"]
    off = run(*elements, automatic_continueds=False)
    cues = [ln.text for ln in off.pages[0].lines if ln.kind == "character"]
    assert cues == ["ANNA", "ANNA", "BOB", "ANNA", "ANNA", "ANNA (CONT'D)"]


def test_the_files_continueds_setting_is_respected() -> None:
    """A file that turns automatic continueds off (Big Fish) gets none by default."""
    s = script(say("ANNA", "One."), act("Beat."), say("ANNA", "Two."))
    s = replace(s, settings=ScriptSettings(automatic_character_continueds=False))
    cues = [ln.text for ln in paginate(s, layout_for(s)).pages[0].lines if ln.kind == "character"]
    assert cues == ["ANNA", "ANNA"]


def test_scenes_are_numbered_for_the_breakdown_but_not_printed_unless_asked() -> None:
    """An unnumbered script gets 1..N spans; numbers print only when asked for."""
    elements = [head("INT. A - DAY"), act("a."), head("INT. B - DAY"), act("b.")]
    p = run(*elements)
    assert [sp.number for sp in p.scenes] == ["1", "2"]
    assert all(ln.scene_number is None for ln in p.pages[0].lines)
    assert p.layout.scene_numbers == "none"
    shown = run(*elements, scene_numbers="left")
    numbered = [(ln.text, ln.scene_number) for ln in shown.pages[0].lines if ln.scene_number]
    assert numbered == [("INT. A - DAY", "1"), ("INT. B - DAY", "2")]
    assert shown.layout.scene_numbers == "left"
    with pytest.raises(UsageError):
        run(*elements, scene_numbers="middle")


def test_explicit_numbers_are_kept_and_inserts_get_letters() -> None:
    """The script's numbers print; an unnumbered scene after 10 is 10A."""
    p = run(head("INT. A", "10"), act("a."), head("INT. B"), act("b."), head("INT. C", "11"))
    assert [sp.number for sp in p.scenes] == ["10", "10A", "11"]
    assert p.layout.scene_numbers == "both"
    assert p.pages[0].scene_numbers == ("10", "10A", "11")


def test_scene_spans() -> None:
    """Each scene's span runs from its heading row to the row after its last line."""
    p = run(head("INT. A"), act("a."), head("INT. B"), act(sentences(3)))
    first, second = p.scenes
    assert (first.start_page, first.start_row, first.end_page, first.end_row) == (0, 0, 0, 3)
    assert (second.start_row, second.end_row) == (5, 9)


def test_centred_action_and_general_alignment() -> None:
    """Centred text is centred between the action margins."""
    p = run(act("x"), replace(act("THE END"), alignment="center"))
    end = [ln for ln in p.pages[0].lines if ln.text == "THE END"][0]
    assert end.x == pytest.approx(4.5 - 0.35)
    g = General(runs("ACT ONE"), pos(), element_type="New Act", alignment="center")
    line = run(g).pages[0].lines[0]
    assert (line.kind, line.x) == ("general", pytest.approx(4.5 - 0.35))


def test_layout_for_merges_the_files_settings() -> None:
    """Margins, indents, spacing and wording come from the file over the bundled paper."""
    settings = ScriptSettings(
        top_margin=90,
        bottom_margin=62,
        elements=(("Action", ElementFormat(1.25, 7.25, space_before=12)),),
        dialogue_continued="(cont'd)",
        scene_numbers_left=True,
        scene_numbers_right=False,
    )
    layout = layout_for(script(settings=settings))
    assert layout.lines_per_page == 53
    assert (layout.style("action").left, layout.style("action").right) == (1.25, 7.25)
    assert layout.style("centered").alignment == "center"
    assert layout.continued == "(cont'd)"
    assert layout.scene_numbers == "left"
    assert layout_for(script(), "a4").height == A4.height
    with pytest.raises(UsageError):
        layout_for(script(), "legal")


def test_final_draft_2003_kept_space_before_at_the_top() -> None:
    """FD 2003 rules keep an element's space-before at a page top; FD8 and later drop it."""
    s = script(*filler(28))
    old = paginate(s, layout_for(s), rules=FINAL_DRAFT_2003)
    assert texts(old.pages[1])[0] == (1, "Filler 27.")
    assert texts(paginate(s, layout_for(s)).pages[1])[0] == (0, "Filler 27.")


def test_double_spaced_elements_take_two_rows_a_line() -> None:
    """A double-spaced FDX type (Big Fish's General) prints each line on the second of two."""
    settings = ScriptSettings(elements=(("General", ElementFormat(1.5, 7.5, spacing=2)),))
    s = script(General(runs("FADE IN"), pos()), act("Then."), settings=settings)
    assert texts(paginate(s, layout_for(s)).pages[0]) == [(1, "FADE IN"), (3, "Then.")]
