"""Locked pages and scene numbers: A-pages, combined and OMITTED pages, A-scenes, OMITTED scenes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.pages import Page
from paperwork.model.revision import RevisionEntry, SlotMarks
from paperwork.model.screenplay import Screenplay
from paperwork.paginator import layout_for, paginate
from paperwork.paginator.lock import LockedScript, LockOptions, lock_draft, lock_fits
from paperwork.paginator.revise import revise_draft
from paperwork.paginator.revisions import apply_marks, diff_scripts
from paperwork.readers.fountain import read_fountain

WHITE = (RevisionEntry(0, "White", "2026-11-01"),)
BLUE = (*WHITE, RevisionEntry(1, "Blue", "2026-12-03"))


def sentences(tag: str, n: int) -> str:
    """``n`` distinct sentences of six words, tagged so a test can find them."""
    return " ".join(
        " ".join(f"{tag}w{i}x{k}" for k in range(5)) + f" {tag}end{i}." for i in range(n)
    )


def draft(scenes: int = 8) -> str:
    """A script of ``scenes`` scenes of action and long speeches, about a page each."""
    out = ["Title: Locked\n\n"]
    for n in range(1, scenes + 1):
        out.append(f"INT. ROOM {n} - DAY\n\n")
        out.append(sentences(f"s{n}a", 9) + "\n\n")
        out.append(f"ANNA\n{sentences(f's{n}b', 7)}\n\n")
        out.append(sentences(f"s{n}c", 6) + "\n\n")
        out.append(f"BOB\n(aside)\n{sentences(f's{n}d', 8)}\n\n")
    return "".join(out)


def read(text: str) -> Screenplay:
    diagnostics = Diagnostics()
    script = read_fountain(text, "draft.fountain", diagnostics)
    assert not diagnostics.has_errors
    return script


def lock(text: str, options: LockOptions | None = None) -> tuple[Screenplay, LockedScript]:
    script = read(text)
    locked = lock_draft(
        script,
        apply_marks(script, ()),
        layout_for(script),
        paper="letter",
        history=WHITE,
        options=options or LockOptions(),
    )
    return script, locked


def revise(
    old: Screenplay,
    locked: LockedScript,
    new_text: str,
    revision: int = 1,
    options: LockOptions | None = None,
    history: tuple[RevisionEntry, ...] = BLUE,
) -> LockedScript:
    new = read(new_text)
    old_marked = apply_marks(old, locked.lock.marks)
    diff = diff_scripts(old_marked, new, revision)
    layout = layout_for(new)
    return revise_draft(
        old,
        old_marked,
        locked.lock,
        new,
        diff,
        revision,
        old_layout=layout_for(old),
        layout=layout,
        history=history,
        options=options or LockOptions(),
    )


def page_of(pages: tuple[Page, ...], word: str) -> Page:
    return next(p for p in pages if any(word in ln.text for ln in p.lines))


def numbers(result: LockedScript) -> list[str]:
    return [p.number for p in result.paginated.pages]


def issued(result: LockedScript) -> list[str]:
    return [p.number for p, flag in zip(result.paginated.pages, result.issued, strict=True) if flag]


# --- Locking ----------------------------------------------------------------------------------------


def test_locked_pages_are_the_paginators_pages() -> None:
    """Locking lays a draft out exactly as paginate() does, numbered 1..N."""
    script, locked = lock(draft())
    plain = paginate(script, layout_for(script), scene_numbers="both")
    assert [p.lines for p in locked.paginated.pages] == [p.lines for p in plain.pages]
    assert numbers(locked) == [str(n) for n in range(1, len(plain.pages) + 1)]
    assert [p.number for p in locked.lock.pages] == numbers(locked)
    assert any(p.continued and p.offset for p in locked.lock.pages)


def test_a_revision_with_no_changes_issues_no_pages() -> None:
    """Same words, same pages, same numbers: nothing is reissued."""
    old, locked = lock(draft())
    result = revise(old, locked, draft())
    assert not any(result.issued)
    assert [p.lines for p in result.paginated.pages] == [p.lines for p in locked.paginated.pages]
    assert result.page_revisions == tuple(0 for _ in result.page_revisions)


def test_overflow_goes_to_an_a_page_and_every_other_page_keeps_its_text() -> None:
    """Text added to page N overflows to NA; pages before and after are as issued."""
    text = draft()
    old, locked = lock(text)
    target = page_of(locked.paginated.pages, "s4c")
    new = text.replace("s4cend2.", "s4cend2. " + sentences("added", 12))
    result = revise(old, locked, new)
    n = target.number
    assert issued(result) == [n, f"{n}A"]
    before = {p.number: p.lines for p in locked.paginated.pages}
    for page in result.paginated.pages:
        if page.number not in (n, f"{n}A"):
            assert page.lines == before[page.number], page.number
    marked = [ln.text for ln in page_of(result.paginated.pages, "addedw0").lines if ln.revision]
    assert any("addedw0" in t for t in marked)


def test_overflow_between_a_pages_is_numbered_12aa() -> None:
    """Blue spills page N onto NA and NB; Pink grows NA: its overflow is NAA, before NB."""
    text = draft()
    old, locked = lock(text)
    n = page_of(locked.paginated.pages, "s3cend2.").number
    blue_text = text.replace("s3cend2.", "s3cend2. " + sentences("blue", 90))
    blue = revise(old, locked, blue_text)
    assert [x for x in issued(blue) if x.startswith(n)] == [n, f"{n}A", f"{n}B"]
    word = next(
        ln.text.split()[-1]
        for p in blue.paginated.pages
        if p.number == f"{n}A"
        for ln in p.lines
        if "blue" in ln.text
    )
    pink_text = blue_text.replace(word, word + " " + sentences("pink", 12), 1)
    history = (*BLUE, RevisionEntry(2, "Pink", "2026-12-10"))
    pink = revise(read(blue_text), blue, pink_text, revision=2, history=history)
    assert issued(pink) == [f"{n}A", f"{n}AA"]
    assert numbers(pink).index(f"{n}AA") == numbers(pink).index(f"{n}B") - 1


def test_a_page_that_starts_inside_a_speech_keeps_its_start() -> None:
    """Growth on the page before does not move the CONT'D page: the split stays locked."""
    text = draft()
    old, locked = lock(text)
    pages = locked.paginated.pages
    starts = [
        (i, p)
        for i, p in enumerate(pages)
        if i and p.lines and p.lines[0].text.endswith("(CONT'D)")
    ]
    assert starts, "the draft must split a speech across a page"
    i, split = starts[0]
    # A word near the top of the page before, so only that page grows.
    word = next(ln.text.split()[0] for ln in pages[i - 1].lines if ln.kind == "action")
    result = revise(old, locked, text.replace(word, word + " " + sentences("grown", 3), 1))
    by_number = {p.number: p for p in result.paginated.pages}
    assert by_number[split.number].lines == split.lines
    assert pages[i - 1].number in issued(result)
    assert split.number not in issued(result)


def test_a_page_emptied_of_text_is_combined_with_the_page_before() -> None:
    """A page whose text is all cut: the page before is reissued as 2-3 (combine)."""
    text = (
        "Title: Short\n\nINT. A - DAY\n\nFirst page.\n\n===\n\nSecond page.\n\n===\n\nThird page.\n"
    )
    old, locked = lock(text)
    assert numbers(locked) == ["1", "2", "3"]
    result = revise(old, locked, text.replace("Second page.\n\n===\n\n", ""))
    assert numbers(result) == ["1-2", "3"]
    assert issued(result) == ["1-2"]


def test_a_page_emptied_of_text_can_be_an_omitted_placeholder() -> None:
    """With placeholders, the emptied page is issued as PAGE 2 OMITTED and keeps its number."""
    text = (
        "Title: Short\n\nINT. A - DAY\n\nFirst page.\n\n===\n\nSecond page.\n\n===\n\nThird page.\n"
    )
    old, locked = lock(text)
    options = LockOptions(omitted_pages="placeholder")
    result = revise(old, locked, text.replace("Second page.\n\n===\n\n", ""), options=options)
    assert numbers(result) == ["1", "2", "3"]
    assert [ln.text for ln in result.paginated.pages[1].lines] == ["PAGE 2 OMITTED"]
    assert issued(result) == ["2"]
    assert [p.omitted for p in result.lock.pages] == [False, True, False]


def test_two_pages_that_now_fit_on_one_are_issued_as_15_16() -> None:
    """A split paragraph cut short enough to fit its first page: one page numbered 2-3."""
    long = sentences("long", 70)
    text = f"Title: Fit\n\nINT. A - DAY\n\nOpening.\n\n===\n\n{long}\n\n===\n\nLast page.\n"
    old, locked = lock(text)
    assert numbers(locked) == ["1", "2", "3", "4"]
    result = revise(old, locked, text.replace(long, sentences("long", 20)))
    assert numbers(result) == ["1", "2-3", "4"]
    assert issued(result) == ["2-3"]


# --- Scene numbers ----------------------------------------------------------------------------------


def scene_numbers_of(result: LockedScript) -> list[str]:
    return [
        ln.scene_number or ""
        for p in result.paginated.pages
        for ln in p.lines
        if ln.kind == "scene_heading" and ln.scene_number
    ]


def test_an_inserted_scene_is_numbered_after_the_one_before() -> None:
    """A new scene between 2 and 3 is 2A; the others keep their numbers."""
    text = draft(4)
    old, locked = lock(text)
    new = text.replace(
        "INT. ROOM 3 - DAY", "INT. HALL - NIGHT\n\nA new scene.\n\nINT. ROOM 3 - DAY"
    )
    result = revise(old, locked, new)
    assert scene_numbers_of(result) == ["1", "2", "2A", "3", "4"]
    assert result.added_scenes == ("2A",)


def test_prefix_letters_put_the_letter_first() -> None:
    """With the A1 scheme the same insertion is A3."""
    text = draft(4)
    old, locked = lock(text)
    new = text.replace(
        "INT. ROOM 3 - DAY", "INT. HALL - NIGHT\n\nA new scene.\n\nINT. ROOM 3 - DAY"
    )
    result = revise(old, locked, new, options=LockOptions(scene_letters="prefix"))
    assert scene_numbers_of(result) == ["1", "2", "A3", "3", "4"]


def cut_scene(text: str, n: int, last: int | None = None) -> str:
    """The text without scenes ``n`` to ``last``."""
    start = text.index(f"INT. ROOM {n} - DAY")
    end = text.index(f"INT. ROOM {(last or n) + 1} - DAY")
    return text[:start] + text[end:]


def test_a_deleted_scene_stays_as_omitted_with_its_number_marked() -> None:
    """Scene 2 cut: 2 OMITTED 2 where it was, marked; 3 keeps its number."""
    text = draft(4)
    old, locked = lock(text)
    result = revise(old, locked, cut_scene(text, 2))
    omitted = [
        ln
        for p in result.paginated.pages
        for ln in p.lines
        if ln.kind == "scene_heading" and ln.text == "OMITTED"
    ]
    assert [(ln.scene_number, ln.revision) for ln in omitted] == [("2", 1)]
    assert scene_numbers_of(result) == ["1", "2", "3", "4"]
    assert result.omitted_scenes == ("2",)
    assert any(it.element is None and it.number == "2" for it in result.lock.sequence)


def test_consecutive_omitted_scenes_are_combined_or_kept_apart() -> None:
    """Scenes 2 and 3 cut: one 2-3 OMITTED heading, or two when not combined."""
    text = draft(4)
    old, locked = lock(text)
    new = cut_scene(text, 2, 3)
    combined = revise(old, locked, new)
    assert scene_numbers_of(combined) == ["1", "2-3", "4"]
    apart = revise(old, locked, new, options=LockOptions(combine_omitted_scenes=False))
    assert scene_numbers_of(apart) == ["1", "2", "3", "4"]


def test_an_omitted_number_is_never_reused() -> None:
    """After 2 is omitted, a scene inserted where it was is 1A, not 2."""
    text = draft(4)
    old, locked = lock(text)
    blue_text = cut_scene(text, 2)
    blue = revise(old, locked, blue_text)
    pink_text = blue_text.replace(
        "INT. ROOM 3 - DAY", "INT. CELLAR - NIGHT\n\nDark.\n\nINT. ROOM 3 - DAY"
    )
    history = (*BLUE, RevisionEntry(2, "Pink", "2026-12-10"))
    pink = revise(read(blue_text), blue, pink_text, revision=2, history=history)
    numbers_now = scene_numbers_of(pink)
    assert numbers_now.count("2") == 1  # the OMITTED heading only
    assert "2A" in numbers_now or "1A" in numbers_now


# --- A second revision --------------------------------------------------------------------------


def test_blue_pages_stay_blue_when_pink_changes_other_pages() -> None:
    """Pink revises one page; a page changed only in Blue keeps Blue and its Blue marks."""
    text = draft()
    old, locked = lock(text)
    blue_text = text.replace("s2aw3x1", "BLUEWORD")
    blue = revise(old, locked, blue_text)
    blue_page = page_of(blue.paginated.pages, "BLUEWORD").number
    pink_text = blue_text.replace("s6cw2x1", "PINKWORD")
    history = (*BLUE, RevisionEntry(2, "Pink", "2026-12-10"))
    pink = revise(read(blue_text), blue, pink_text, revision=2, history=history)
    revisions = dict(zip(numbers(pink), pink.page_revisions, strict=True))
    pink_page = page_of(pink.paginated.pages, "PINKWORD").number
    assert revisions[blue_page] == 1
    assert revisions[pink_page] == 2
    assert issued(pink) == [pink_page]
    line = next(
        ln for ln in page_of(pink.paginated.pages, "BLUEWORD").lines if "BLUEWORD" in ln.text
    )
    assert line.revision == 1


# --- A lock file that does not fit its draft ------------------------------------------------------------------------------


def test_a_lock_that_does_not_fit_its_draft_is_an_error() -> None:
    """A sequence shorter than the draft, or marks past its text: lock-format, not a crash."""
    script, locked = lock(draft(2))
    short = replace(locked.lock, sequence=locked.lock.sequence[:-1])
    diagnostics = Diagnostics()
    assert not lock_fits(short, script, "x.lock.json", diagnostics)
    marked = replace(locked.lock, marks=(SlotMarks(1, 0, ((0, 10_000, 0),)),))
    assert not lock_fits(marked, script, "x.lock.json", diagnostics)
    assert diagnostics.codes() == ["lock-format", "lock-format"]
    assert lock_fits(locked.lock, script, "x.lock.json", Diagnostics())


# --- Properties ---------------------------------------------------------------------------------

_TEXT = draft(6)
_OLD, _LOCKED = lock(_TEXT)
_PARAGRAPHS = [p for p in _TEXT.split("\n\n")[1:] if p.strip() and not p.startswith("INT.")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=len(_PARAGRAPHS) - 1),
    st.sampled_from(["grow", "shrink", "cut", "word"]),
)
def test_editing_after_page_n_never_changes_pages_1_to_n(index: int, kind: str) -> None:
    """An edit to a paragraph leaves every page before the one it starts on as issued."""
    para = _PARAGRAPHS[index]
    match kind:
        case "grow":
            edited = para + " " + sentences("more", 4)
        case "shrink":
            edited = para.rsplit(" ", 6)[0] + "."
        case "cut":
            edited = ""
        case _:
            edited = para.replace("x2", "y2", 1)
    new_text = _TEXT.replace(para + "\n\n", edited + "\n\n" if edited else "", 1)
    result = revise(_OLD, _LOCKED, new_text)
    first_word = para.split("\n")[-1].split()[0]
    pages = _LOCKED.paginated.pages
    start = next(i for i, p in enumerate(pages) if any(first_word in ln.text for ln in p.lines))
    if para.split("\n")[0].isupper():  # a speech: its cue may sit on the page before
        start = max(0, start - 1)
    for before, after in zip(pages[:start], result.paginated.pages[:start], strict=True):
        assert (after.number, after.lines) == (before.number, before.lines)
    assert not any(result.issued[:start])


def test_corpus_script_revised_against_itself_is_unchanged(corpus: Path) -> None:
    """Big Fish locked and revised with no changes: every page as locked, none issued."""
    diagnostics = Diagnostics()
    text = (corpus / "fountain" / "big_fish.fountain").read_text(encoding="utf-8-sig")
    script = read_fountain(text, "big_fish.fountain", diagnostics)
    layout = layout_for(script)
    locked = lock_draft(script, apply_marks(script, ()), layout, paper="letter", history=WHITE)
    plain = paginate(script, layout, scene_numbers="both")
    assert [p.lines for p in locked.paginated.pages] == [p.lines for p in plain.pages]
    marked = apply_marks(script, locked.lock.marks)
    result = revise_draft(
        script,
        marked,
        locked.lock,
        script,
        diff_scripts(marked, script, 1),
        1,
        old_layout=layout,
        layout=layout,
        history=BLUE,
        diagnostics=diagnostics,
    )
    assert not any(result.issued)
    assert [p.lines for p in result.paginated.pages] == [p.lines for p in plain.pages]
    assert diagnostics.items == []


def test_corpus_script_with_scattered_edits_keeps_every_page_it_does_not_issue(
    corpus: Path,
) -> None:
    """Big Fish with 30 edits: pages not issued are as locked; numbers are unique; every
    changed line is on an issued page."""
    text = (corpus / "fountain" / "big_fish.fountain").read_text(encoding="utf-8-sig")
    blocks = text.split("\n\n")
    for i in range(40, len(blocks), len(blocks) // 30):
        block = blocks[i]
        if block.strip() and not block.lstrip().upper().startswith(("INT", "EXT")):
            blocks[i] = block + " And then, quite suddenly, something else."
    old = read_fountain(text, "white.fountain", Diagnostics())
    new = read_fountain("\n\n".join(blocks), "blue.fountain", Diagnostics())
    layout = layout_for(old)
    locked = lock_draft(old, apply_marks(old, ()), layout, paper="letter", history=WHITE)
    marked = apply_marks(old, locked.lock.marks)
    diagnostics = Diagnostics()
    result = revise_draft(
        old,
        marked,
        locked.lock,
        new,
        diff_scripts(marked, new, 1),
        1,
        old_layout=layout,
        layout=layout,
        history=BLUE,
        diagnostics=diagnostics,
    )

    def key(page: Page) -> tuple[object, ...]:
        return tuple((ln.row, ln.x, ln.runs, ln.kind, ln.scene_number) for ln in page.lines)

    before = {p.number: key(p) for p in locked.paginated.pages}
    pages = result.paginated.pages
    assert len({p.number for p in pages}) == len(pages)
    for page, flag in zip(pages, result.issued, strict=True):
        if not flag:
            assert key(page) == before[page.number], page.number
            assert not any(ln.revision for ln in page.lines)
    assert 20 <= sum(result.issued) < len(pages) // 2
    assert diagnostics.items == []


_element = st.one_of(
    st.integers(1, 30).map(lambda n: sentences("act", n)),
    st.tuples(st.sampled_from(["ANNA", "BOB"]), st.integers(1, 25)).map(
        lambda t: f"{t[0]}\n{sentences('say', t[1])}"
    ),
    st.tuples(st.sampled_from(["ANNA", "BOB"]), st.integers(1, 12), st.integers(1, 12)).map(
        lambda t: f"{t[0]}\n{sentences('one', t[1])}\n(beat)\n{sentences('two', t[2])}"
    ),
    st.just("INT. PLACE - DAY"),
    st.just("CUT TO:"),
)


def _script(body: list[str]) -> str:
    return "Title: Any\n\n" + "\n\n".join(["INT. START - DAY", *body]) + "\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_element, min_size=5, max_size=40))
def test_any_script_revised_against_itself_issues_nothing(body: list[str]) -> None:
    """Whatever the script, locking it and revising with no change gives the same pages."""
    old, locked = lock(_script(body))
    result = revise(old, locked, _script(body))
    assert not any(result.issued)
    assert [p.lines for p in result.paginated.pages] == [p.lines for p in locked.paginated.pages]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_element, min_size=5, max_size=40),
    st.lists(st.tuples(st.integers(0, 39), st.sampled_from(["grow", "cut", "word"])), max_size=4),
)
def test_the_issued_pages_are_exactly_the_pages_on_the_new_colour(
    body: list[str], edits: list[tuple[int, str]]
) -> None:
    """Issued pages take the new revision and no others do; every changed line is on one."""
    old, locked = lock(_script(body))
    new_body = list(body)
    for index, kind in edits:
        i = index % len(new_body)
        match kind:
            case "grow":
                new_body[i] = new_body[i] + " " + sentences("new", 3)
            case "cut":
                new_body[i] = "Gone."
            case _:
                new_body[i] = new_body[i].replace("x2", "y2", 1)
    result = revise(old, locked, _script(new_body))
    pages = result.paginated.pages
    assert len({p.number for p in pages}) == len(pages)
    for page, flag, rev in zip(pages, result.issued, result.page_revisions, strict=True):
        assert (rev == 1) == flag
        if any(ln.revision == 1 for ln in page.lines):
            assert flag, page.number
