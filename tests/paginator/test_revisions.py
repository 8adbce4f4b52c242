"""Change detection: elements aligned, words compared, marks carried from earlier colours."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.revision import SlotMarks
from paperwork.model.screenplay import Screenplay, Speech, TextRun, plain
from paperwork.paginator.revisions import (
    Marked,
    apply_marks,
    diff_scripts,
    map_position,
    marks_of,
    materialize,
    slots,
)
from paperwork.readers.fountain import read_fountain

BASE = """\
Title: Marks

INT. KITCHEN - DAY

Anna slices bread. The knife is old and blunt.

BOB
(quietly)
Is there any tea left in the pot?

ANNA
Only the cold stuff.

EXT. GARDEN - NIGHT

Rain on the glass.
"""


def read(text: str) -> Screenplay:
    diagnostics = Diagnostics()
    script = read_fountain(text, "draft.fountain", diagnostics)
    assert not diagnostics.has_errors
    return script


def revised_words(m: Marked, revision: int) -> list[str]:
    """The words of an element carrying ``revision``, in order, cue included."""
    out = []
    for text in m.texts:
        s = plain(text)
        at = 0
        for run in text:
            if run.revision == revision:
                out.extend(s[at : at + len(run.text)].split())
            at += len(run.text)
    return out


def diff(old: str, new: str, revision: int = 1, marks: tuple[SlotMarks, ...] = ()):
    old_script, new_script = read(old), read(new)
    return new_script, diff_scripts(apply_marks(old_script, marks), new_script, revision)


def test_same_draft_has_no_marks_and_every_step_is_same() -> None:
    """A draft compared with itself: nothing changed, nothing marked."""
    _, result = diff(BASE, BASE)
    assert {s.kind for s in result.steps} == {"same"}
    assert not result.any_change
    assert all(m.revision == 0 for m in result.marked)


def test_a_changed_word_marks_only_that_word() -> None:
    """One word replaced: only it carries the revision; the element is changed."""
    script, result = diff(BASE, BASE.replace("old and blunt", "old and sharp"))
    index = next(i for i, s in enumerate(result.steps) if s.kind == "changed")
    assert revised_words(result.marked[index], 1) == ["sharp"]
    assert plain(materialize(result.marked[index]).text) == plain(script.elements[index].text)


def test_punctuation_is_compared_apart_from_its_word() -> None:
    """A word added before a full stop marks that word, not the one the stop was on."""
    _, result = diff(BASE, BASE.replace("old and blunt.", "old and blunt indeed."))
    index = next(i for i, s in enumerate(result.steps) if s.kind == "changed")
    assert revised_words(result.marked[index], 1) == ["indeed"]


def test_white_space_and_rewrapping_are_not_changes() -> None:
    """Extra spaces and a new line break inside an element change nothing."""
    new = BASE.replace("The knife is old", "The  knife\nis   old")
    _, result = diff(BASE, new)
    assert {s.kind for s in result.steps} == {"same"}
    assert all(m.revision == 0 for m in result.marked)


def test_a_deletion_marks_the_word_now_standing_in_its_place() -> None:
    """Deleted words mark the next word (the line where the text was)."""
    _, result = diff(BASE, BASE.replace("Is there any tea left", "Is there tea left"))
    speech = next(m for m in result.marked if isinstance(m.element, Speech) and m.revision)
    assert revised_words(speech, 1) == ["tea"]


def test_a_removed_parenthetical_marks_the_dialogue_after_it() -> None:
    """A part removed from a speech marks the first word of the part now in its place."""
    _, result = diff(BASE, BASE.replace("(quietly)\n", ""))
    speech = next(m for m in result.marked if isinstance(m.element, Speech) and m.revision)
    assert revised_words(speech, 1) == ["Is"]


def test_a_changed_cue_is_marked_in_its_cue_slot() -> None:
    """A new name on a cue marks the cue, not the dialogue."""
    _, result = diff(BASE, BASE.replace("ANNA\nOnly", "ANNA (V.O.)\nOnly"))
    speech = next(m for m in result.marked if isinstance(m.element, Speech) and m.revision)
    assert speech.cue_revisions == (1,)
    assert revised_words(speech, 1) == ["(V.O.)"]


def test_an_inserted_element_is_marked_throughout() -> None:
    """A new paragraph is inserted, every word of it marked; its neighbours are not."""
    new = BASE.replace("Rain on the glass.", "Rain on the glass.\n\nA fox runs past.")
    _, result = diff(BASE, new)
    inserted = [s.new for s in result.steps if s.kind == "inserted"]
    assert len(inserted) == 1
    assert revised_words(result.marked[inserted[0]], 1) == ["A", "fox", "runs", "past."]
    assert sum(1 for m in result.marked if m.revision) == 1


def test_a_deleted_element_is_a_step_not_a_mark() -> None:
    """A deleted paragraph is reported as a deleted step; where to mark it is the locker's."""
    _, result = diff(BASE, BASE.replace("Rain on the glass.\n", ""))
    assert [s.kind for s in result.steps].count("deleted") == 1
    assert all(m.revision == 0 for m in result.marked)


def test_moved_text_is_marked_once_not_everywhere() -> None:
    """A paragraph moved to another scene: one mark on its first word, none elsewhere."""
    moved = "Anna slices bread. The knife is old and blunt.\n\n"
    new = BASE.replace(moved, "").replace("Rain on the glass.\n", f"Rain on the glass.\n\n{moved}")
    _, result = diff(BASE, new)
    kinds = [s.kind for s in result.steps]
    assert "moved-in" in kinds and "moved-out" in kinds
    arrived = next(s.new for s in result.steps if s.kind == "moved-in")
    assert revised_words(result.marked[arrived], 1) == ["Anna"]
    assert sum(1 for m in result.marked if m.revision) == 1


def test_an_edited_paragraph_pairs_with_its_old_self() -> None:
    """In a block of differences, a reworded paragraph is changed, not deleted and inserted."""
    new = BASE.replace(
        "Anna slices bread. The knife is old and blunt.",
        "Anna slices the bread slowly. The knife is old and blunt.\n\nA kettle whistles.",
    )
    _, result = diff(BASE, new)
    kinds = [s.kind for s in result.steps]
    assert kinds.count("changed") == 1 and kinds.count("inserted") == 1
    assert "deleted" not in kinds


def test_earlier_marks_survive_and_new_words_take_the_new_revision() -> None:
    """Blue marks carried into the pink diff; only the pink change is pink."""
    blue = BASE.replace("old and blunt", "old and sharp")
    blue_script, blue_diff = diff(BASE, blue, revision=1)
    marks = marks_of(blue_diff.marked)
    pink = blue.replace("Only the cold stuff.", "Only the cold stuff, sorry.")
    pink_script = read(pink)
    result = diff_scripts(apply_marks(blue_script, marks), pink_script, 2)
    by_revision = {r: [w for m in result.marked for w in revised_words(m, r)] for r in (1, 2)}
    assert by_revision == {1: ["sharp"], 2: [",", "sorry"]}


def test_marks_go_through_the_lock_file_form_and_back() -> None:
    """marks_of then apply_marks gives the same revised runs (the file's own ids cleared)."""
    _, result = diff(BASE, BASE.replace("cold stuff", "warm stuff"))
    marks = marks_of(result.marked)
    assert marks and all(isinstance(m, SlotMarks) for m in marks)
    again = apply_marks(read(BASE.replace("cold stuff", "warm stuff")), marks)
    assert [m.texts for m in again] == [m.texts for m in result.marked]


def test_a_page_start_inside_an_element_follows_its_word() -> None:
    """map_position finds the same word after an edit before it, and the part boundary."""
    old = read(BASE)
    new = read(BASE.replace("Is there any tea", "Tell me, is there any tea"))
    speech_index = next(i for i, e in enumerate(old.elements) if isinstance(e, Speech))
    old_marked = apply_marks(old, ())[speech_index]
    new_speech = new.elements[speech_index]
    text = plain(slots(old.elements[speech_index])[2])
    at = text.index("tea")
    got = map_position(old_marked, new_speech, 2, at)
    assert got is not None
    assert plain(slots(new_speech)[got[0]])[got[1] :].startswith("tea left")
    assert map_position(old_marked, new_speech, 2, 0) == (2, 0)


words = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "x."]), min_size=1, max_size=12
)


@settings(max_examples=40, deadline=None)
@given(st.lists(words, min_size=1, max_size=6), st.lists(words, min_size=1, max_size=6))
def test_every_new_word_is_kept_or_marked(
    old_paras: list[list[str]], new_paras: list[list[str]]
) -> None:
    """Whatever the drafts, the new text comes through whole, and unmarked words were old."""

    def script(paras: list[list[str]]) -> str:
        return (
            "Title: P\n\nINT. ROOM - DAY\n\n" + "\n\n".join("!" + " ".join(p) for p in paras) + "\n"
        )

    old_script, new_script = read(script(old_paras)), read(script(new_paras))
    result = diff_scripts(apply_marks(old_script, ()), new_script, 3)
    assert len(result.marked) == len(new_script.elements)
    for m, e in zip(result.marked, new_script.elements, strict=True):
        assert [plain(t) for t in m.texts] == [plain(t) for t in slots(e)]
        assert all(run.revision in (0, 3) for t in m.texts for run in t)
    if old_paras == new_paras:
        assert all(m.revision == 0 for m in result.marked)


def test_runs_keep_their_styles_when_marked() -> None:
    """Bold and italic runs stay so when a revision splits them."""
    old = read("Title: S\n\nINT. A - DAY\n\nShe is **very angry** now.\n")
    new = read("Title: S\n\nINT. A - DAY\n\nShe is **very cross** now.\n")
    result = diff_scripts(apply_marks(old, ()), new, 1)
    runs = result.marked[1].texts[0]
    assert TextRun("cross", bold=True, revision=1) in runs
    assert any(r.bold and r.text.startswith("very") and r.revision == 0 for r in runs)
