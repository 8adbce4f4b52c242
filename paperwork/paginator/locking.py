"""Locked pages and locked scene numbers: a revision laid out on the pages already issued.

When a draft is locked its page breaks and scene numbers are frozen. A revision must then:

* keep every page's number, and the pages before and after an edit exactly as issued;
* put text that no longer fits on its page on ``12A``, ``12B`` (``12AA`` between ``12A`` and
  ``12B``, as Final Draft does);
* issue a page that has shrunk away as ``15-16`` (combined with the page before) or as an
  ``OMITTED`` placeholder;
* keep every scene's number, number an inserted scene ``10A`` (or ``A11``), and leave a
  deleted scene in place as ``12  OMITTED  12``, its number never used again.

How: every locked page starts a *group*, laid out on its own with the public
:func:`~paperwork.paginator.paginate`. A page that starts inside an element (a speech or
action split across the break) starts at a *cut*: the element is laid out in two pieces, the
later one with no cue, and the ``(MORE)`` and ``NAME (CONT'D)`` lines are drawn where the
paginator draws them (below the last row, above the first, taking no row). The cut follows
its word into the new draft; where that word is gone, or the element cannot be cut (a dual
dialogue), the page joins the group before it. A group whose content did not change gives
the very pages it gave when locked, so nothing outside an edited group moves; an edited
group keeps its locked numbers in order and any extra pages take A-numbers after them.

Everything is kept in terms of a *sequence*: the draft's elements in order with its OMITTED
scenes among them (:class:`~paperwork.model.revision.SequenceItem`). Pages point into it.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from paperwork.errors import Diagnostics
from paperwork.model.pages import (
    CHAR_IN,
    Page,
    PageLayout,
    PageLine,
    PaginatedScript,
    SceneSpan,
)
from paperwork.model.revision import (
    LockedPage,
    LockFile,
    OmittedPages,
    RevisionColour,
    RevisionEntry,
    SceneLetters,
    SequenceItem,
    SlotMarks,
)
from paperwork.model.screenplay import (
    Action,
    DualDialogue,
    Element,
    General,
    Lyrics,
    SceneHeading,
    Screenplay,
    ScriptSettings,
    Shot,
    Speech,
    StyledText,
    TextRun,
    Transition,
    plain,
)
from paperwork.model.source import Pos
from paperwork.paginator.numbering import (
    first_number,
    forced_numbers,
    last_number,
    number_scenes,
    overflow_numbers,
    scene_numbers_between,
)
from paperwork.paginator.paginate import auto_continueds, paginate
from paperwork.paginator.revisions import (
    Marked,
    ScriptDiff,
    cue_slots,
    element_key,
    map_position,
    mark_word,
    marks_of,
    materialize,
    signature,
    slots,
)
from paperwork.paginator.wrap import slice_runs

__all__ = [
    "LockOptions",
    "LockedScript",
    "content_digest",
    "dress",
    "lock_draft",
    "lock_fits",
    "overflow_numbers",
    "revise_draft",
    "scene_numbers_between",
]

_TAG = "\x00segment"  # the file name of the positions that tie a printed line to its item
OMITTED = "OMITTED"


@dataclass(frozen=True, slots=True)
class LockOptions:
    """How a locked script is laid out and renumbered."""

    omitted_pages: OmittedPages = "combine"  # a page that shrinks away: 15-16, or a sheet
    combine_omitted_scenes: bool = True  # 12-14 OMITTED rather than three headings
    scene_letters: SceneLetters = "suffix"  # 10A, or A11
    scene_numbers: str = "both"  # where scene numbers print
    automatic_continueds: bool | None = None  # the layout's own setting when None


@dataclass(frozen=True, slots=True)
class LockedScript:
    """A draft laid out on locked pages, and what changed against the pages issued before.

    ``script`` is the draft as laid out: OMITTED scenes among its elements, every scene
    heading numbered, revision ids on its runs (``cue_revisions`` holds the cues'). The pages
    of ``paginated`` have their locked numbers and a revision per line, but no colours or
    marks yet (see :func:`dress`). ``issued`` says which pages this revision reprints, and
    ``page_revisions`` the revision (colour) each page was last issued in.
    """

    script: Screenplay
    cue_revisions: tuple[tuple[int, tuple[int, ...]], ...]  # element index -> cue revisions
    paginated: PaginatedScript
    page_revisions: tuple[int, ...]
    issued: tuple[bool, ...]
    lock: LockFile
    before: PaginatedScript | None = None  # the locked pages as they were
    changed_scenes: tuple[str, ...] = ()
    added_scenes: tuple[str, ...] = ()
    omitted_scenes: tuple[str, ...] = ()
    headings_before: tuple[tuple[str, str], ...] = ()  # (number, heading text) of old scenes


# --- Digest of a draft -------------------------------------------------------------------------


def content_digest(script: Screenplay, signatures: Sequence[str] | None = None) -> str:
    """A hash of what a draft says, white space normalised: the lock file's check.

    ``signatures`` are the elements' :func:`~paperwork.paginator.revisions.signature`, when
    already worked out.
    """
    h = hashlib.sha256()
    for sig in signatures if signatures is not None else map(signature, script.elements):
        h.update(sig.encode("utf-8"))
        h.update(b"\x1d")
    return "sha256:" + h.hexdigest()


# --- Items: the sequence as it is laid out -------------------------------------------------------


@dataclass(slots=True)
class _Item:
    marked: Marked  # the element with its revisions (an OMITTED scene: its heading)
    source: int | None  # index in its draft's elements; None for an OMITTED scene
    number: str = ""  # scene number (headings and OMITTED scenes)
    omitted_revision: int = 0
    old_pos: int = -1  # index in the old sequence: decides the item's group
    group: int = 0
    moved_from: int | None = None  # old sequence index a moved element came from
    inserted: bool = False  # new in this draft (not moved)

    @property
    def is_heading(self) -> bool:
        return isinstance(self.marked.element, SceneHeading)

    @property
    def printing(self) -> bool:
        return bool(slots(self.marked.element))


def _omitted_item(number: str, revision: int, source_name: str) -> _Item:
    text = (TextRun(OMITTED, revision=revision),)
    heading = SceneHeading(text, Pos(source_name), number=number)
    return _Item(Marked(heading, (text,)), None, number, revision)


def _slot_positions(e: Element) -> tuple[Pos | None, ...]:
    match e:
        case Speech():
            return (e.pos, *(p.pos for p in e.parts))
        case DualDialogue(left=left, right=right):
            return (*_slot_positions(left), *_slot_positions(right))
        case _:
            return (e.pos,)


@dataclass(slots=True)
class _Laid:
    """A sequence made ready to lay out: one element per item (None: folded into the OMITTED
    heading before it), with scene numbers and automatic CONT'Ds written in."""

    items: list[_Item]
    elements: list[Element | None]
    positions: list[tuple[Pos | None, ...]]
    cues: dict[tuple[int, int], int]  # (item, slot) -> revision of a cue
    keys: list[object]


def _lay(items: list[_Item], layout: PageLayout, options: LockOptions, source_name: str) -> _Laid:
    elements: list[Element | None] = []
    positions: list[tuple[Pos | None, ...]] = []
    cues: dict[tuple[int, int], int] = {}
    k = 0
    while k < len(items):
        item = items[k]
        e = materialize(item.marked)
        if item.source is None and options.combine_omitted_scenes:
            run = k + 1
            while run < len(items) and items[run].source is None:
                run += 1
            if run - k > 1:
                revision = max(it.marked.revision for it in items[k:run])
                number = f"{first_number(items[k].number)}-{last_number(items[run - 1].number)}"
                e = _omitted_item(number, revision, source_name).marked.element
                elements.append(e)
                positions.append((Pos(source_name),))
                elements.extend([None] * (run - k - 1))
                positions.extend([()] * (run - k - 1))
                k = run
                continue
        if isinstance(e, SceneHeading) and item.number != e.number:
            e = replace(e, number=item.number)
        elements.append(e)
        positions.append(_slot_positions(e))
        if isinstance(e, (Speech, DualDialogue)):
            for slot, rev in zip(cue_slots(e), item.marked.cue_revisions, strict=True):
                if rev:
                    cues[(k, slot)] = rev
        k += 1
    auto = options.automatic_continueds
    if auto is None:
        auto = layout.automatic_character_continueds
    if auto:
        contd = layout.continued.strip().strip("()")
        for i in auto_continueds(elements, layout.continued):
            speech = elements[i]
            assert isinstance(speech, Speech)
            elements[i] = replace(speech, extensions=(*speech.extensions, contd))
    keys = [element_key(e) if e is not None else None for e in elements]
    return _Laid(items, elements, positions, cues, keys)


# --- Cutting an element where a locked page starts inside it ---------------------------------------

Cut = tuple[int, int, int]  # (item, slot, offset): where a page starts; (k, 0, 0) starts item k


def _head(text: StyledText, at: int) -> StyledText:
    """The text before ``at``, without the white space the page break swallows."""
    s = plain(text)
    end = at
    while end > 0 and s[end - 1] in " \t\n":
        end -= 1
    return slice_runs(text, 0, end)


def _tail(text: StyledText, at: int) -> StyledText:
    return slice_runs(text, at, sum(len(r.text) for r in text))


def _cuttable(e: Element | None, slot: int, offset: int) -> bool:
    """Can a page start at ``(slot, offset)`` inside ``e``, leaving text on both sides?"""
    match e:
        case Speech(parts=parts):
            if not 1 <= slot <= len(parts):
                return False
            text = plain(parts[slot - 1].text)
            if offset:
                return 0 < offset < len(text) and bool(text[:offset].strip())
            return slot > 1 or False
        case SceneHeading() | Action() | Transition() | Shot() | General() | Lyrics():
            text = plain(e.text)
            return slot == 0 and 0 < offset < len(text) and bool(text[:offset].strip())
        case _:
            return False


def _piece(e: Element, lo: tuple[int, int], hi: tuple[int, int] | None) -> Element:
    """The part of ``e`` from ``lo`` to ``hi`` (``(slot, offset)``; ``None``: its end).

    A speech's later piece keeps its cue: :func:`~paperwork.paginator.paginate` draws it as
    the page's ``CONT'D`` cue (``start_continued``), taking no row of the page.
    """
    match e:
        case Speech():
            parts = list(e.parts)
            if hi is not None:
                p = hi[0] - 1
                parts = (
                    parts[:p]
                    if hi[1] == 0
                    else [
                        *parts[:p],
                        replace(parts[p], text=_head(parts[p].text, hi[1])),
                    ]
                )
            if lo == (0, 0):
                return replace(e, parts=tuple(parts))
            p = lo[0] - 1
            first = parts[p]
            if lo[1]:
                first = replace(first, text=_tail(first.text, lo[1]))
            return replace(e, parts=(first, *parts[p + 1 :]))
        case SceneHeading() | Action() | Transition() | Shot() | General() | Lyrics():
            text = e.text
            if hi is not None:
                text = _head(text, hi[1])
            if lo != (0, 0):
                text = _tail(text, lo[1])
            return replace(e, text=text)
        case _:
            return e


def _tag(e: Element, k: int, first_slot: int = 1) -> Element:
    """``e`` with positions naming item ``k`` and each slot (restored after pagination);
    a speech piece's parts keep their slot numbers from ``first_slot``."""
    match e:
        case Speech():
            return _tag_speech(e, k, 0, first_slot)
        case DualDialogue(left=left, right=right):
            return replace(
                e,
                pos=Pos(_TAG, k + 1, 1),
                left=_tag_speech(left, k, 0, 1),
                right=_tag_speech(right, k, 1 + len(left.parts), 1),
            )
        case _:
            return replace(e, pos=Pos(_TAG, k + 1, 1))


def _tag_speech(e: Speech, k: int, cue_slot: int, first_slot: int) -> Speech:
    base = cue_slot + first_slot
    parts = tuple(replace(p, pos=Pos(_TAG, k + 1, base + i + 1)) for i, p in enumerate(e.parts))
    return replace(e, pos=Pos(_TAG, k + 1, cue_slot + 1), parts=parts)


@dataclass(slots=True)
class _Segment:
    """What a group of locked pages holds: whole items and, at either end, pieces of one."""

    elements: list[Element]  # whole elements and pieces, untagged
    keys: list[object]
    items: list[int] = field(default_factory=list)
    first_slots: list[int] = field(default_factory=list)  # a speech piece's first part slot
    lead: int | None = None  # item whose later piece starts the segment (a speech)
    trail: int | None = None  # item whose first piece ends it (a speech)


def _segment(laid: _Laid, start: Cut, end: Cut | None) -> _Segment:
    k0, s0, o0 = start
    k1, s1, o1 = end if end is not None else (len(laid.elements), 0, 0)
    out = _Segment([], [])
    for k in range(k0, min(k1 + 1, len(laid.elements))):
        e = laid.elements[k]
        lo = (s0, o0) if k == k0 else (0, 0)
        hi = (s1, o1) if k == k1 else None
        if hi == (0, 0):
            break
        if e is None:
            continue
        out.items.append(k)
        if lo == (0, 0) and hi is None:
            out.elements.append(e)
            out.keys.append(laid.keys[k])
            out.first_slots.append(1)
            continue
        piece = _piece(e, lo, hi)
        out.keys.append(element_key(piece))
        out.elements.append(piece)
        out.first_slots.append(lo[0] if lo != (0, 0) else 1)
        if isinstance(e, Speech):
            if lo != (0, 0):
                out.lead = k
            if hi is not None:
                out.trail = k
    return out


# --- Laying out a group ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Sheet:
    """One laid-out page: lines with their real positions, and the item each line prints."""

    lines: tuple[PageLine, ...]
    items: tuple[int, ...]
    slots: tuple[int, ...]
    omitted: bool = False

    def key(self) -> tuple[object, ...]:
        return tuple(
            (ln.row, ln.x, ln.runs, ln.kind, ln.scene_number, ln.revision) for ln in self.lines
        )


def _lay_out(
    laid: _Laid,
    start: Cut,
    end: Cut | None,
    layout: PageLayout,
    scene_numbers: str,
    settings: ScriptSettings,
) -> list[_Sheet]:
    segment = _segment(laid, start, end)
    if not segment.elements:
        return []
    tagged = tuple(
        _tag(e, k, first)
        for e, k, first in zip(segment.elements, segment.items, segment.first_slots, strict=True)
    )
    script = Screenplay(_TAG, None, tagged, settings)
    pages = paginate(
        script,
        layout,
        scene_numbers=scene_numbers,
        automatic_continueds=False,
        start_continued=segment.lead is not None,
        end_more=segment.trail is not None,
    )
    sheets: list[_Sheet] = []
    seen_cues: set[tuple[int, int]] = set()
    for page in pages.pages:
        lines: list[PageLine] = []
        owners: list[int] = []
        slots_: list[int] = []
        for ln in page.lines:
            tag = ln.pos
            if tag is not None and tag.file == _TAG:
                k, slot = tag.line - 1, tag.column - 1
                where = laid.positions[k]
                real = where[slot] if slot < len(where) else None
            else:  # a line the paginator adds of its own (a scene CONTINUED, say)
                k = owners[-1] if owners else segment.items[0]
                slot, real = 0, tag
            revision = ln.revision
            if ln.kind == "character" and not (k == segment.lead and slot == 0):
                # A cue takes its revision once; a CONT'D cue carried over takes none.
                if (k, slot) in laid.cues and (k, slot) not in seen_cues:
                    seen_cues.add((k, slot))
                    revision = max(revision, laid.cues[(k, slot)])
            lines.append(
                PageLine(ln.row, ln.x, ln.runs, ln.kind, real, ln.scene_number, "", revision)
            )
            owners.append(k)
            slots_.append(slot)
        if owners:
            sheets.append(_Sheet(tuple(lines), tuple(owners), tuple(slots_)))
    return sheets


def _placeholder(number: str, layout: PageLayout) -> _Sheet:
    """A sheet standing for pages that no longer hold text: ``PAGES 15-16 OMITTED``."""
    text = f"PAGES {number} OMITTED" if "-" in number else f"PAGE {number} OMITTED"
    x = round(layout.width / 2 - len(text) * CHAR_IN / 2, 4)
    row = layout.lines_per_page // 3
    line = PageLine(row, x, (TextRun(text),), "general", None)
    return _Sheet((line,), (-1,), (0,), omitted=True)


def _anchors(laid: _Laid, sheets: Sequence[_Sheet]) -> list[tuple[int, bool, int, int]]:
    """Where each sheet starts: (item, continued, slot, offset), the offset found by reading
    the slot's text line by line (a page starting inside a speech or paragraph)."""
    scan: dict[tuple[int, int], int] = {}
    texts: dict[tuple[int, int], str] = {}
    out: list[tuple[int, bool, int, int]] = []
    spanning: set[int] = set()  # items split across sheets: only their lines are read
    last_item = -1
    for sheet in sheets:
        if not sheet.omitted:
            if sheet.items[0] == last_item:
                spanning.add(last_item)
            last_item = sheet.items[-1]
    last_item = -1
    for sheet in sheets:
        if sheet.omitted:
            out.append((-1, False, 0, 0))
            continue
        start: tuple[int, bool, int, int] | None = None
        for ln, k, slot in zip(sheet.lines, sheet.items, sheet.slots, strict=True):
            if ln.kind in ("more", "character") or k not in spanning:
                if start is None and k != last_item:
                    start = (k, False, 0, 0)
                continue
            key = (k, slot)
            text = texts.get(key)
            if text is None:
                text = texts[key] = _slot_text(laid.elements[k], slot)
            at = text.find(ln.text, scan.get(key, 0))
            if at < 0:
                at = scan.get(key, 0)
            if start is None:
                start = (k, False, 0, 0) if k != last_item else (k, True, slot, at)
            scan[key] = at + len(ln.text)
        if start is None:
            start = (sheet.items[0], sheet.items[0] == last_item, 0, 0)
        out.append(start)
        last_item = sheet.items[-1]
    return out


def _slot_text(e: Element | None, slot: int) -> str:
    if e is None:
        return ""
    texts = slots(e)
    return plain(texts[slot]) if 0 <= slot < len(texts) else ""


# --- Locking a draft --------------------------------------------------------------------------------


def _items_of(script: Screenplay, marked: Sequence[Marked]) -> list[_Item]:
    numbers = number_scenes(script)
    return [_Item(m, i, numbers.get(i, "")) for i, m in enumerate(marked)]


def lock_draft(
    script: Screenplay,
    marked: Sequence[Marked],
    layout: PageLayout,
    *,
    paper: str,
    history: tuple[RevisionEntry, ...],
    options: LockOptions = LockOptions(),
) -> LockedScript:
    """Lay a draft out for the first time and freeze its pages and scene numbers."""
    items = _items_of(script, marked)
    laid = _lay(items, layout, options, script.source)
    sheets = _lay_out(laid, (0, 0, 0), None, layout, options.scene_numbers, script.settings)
    numbers = [str(n) for n in range(1, len(sheets) + 1)]
    revisions = [max((ln.revision for ln in s.lines), default=0) for s in sheets]
    pages = _pages(sheets, numbers)
    revised = _revised_script(script, laid)
    lock = _lock_file(script, laid, sheets, numbers, revisions, paper, history, options, ())
    spans = _spans(laid, sheets)
    paginated = PaginatedScript(script.title, layout, None, tuple(pages), tuple(spans))
    return LockedScript(
        script=revised,
        cue_revisions=_cue_table(laid),
        paginated=paginated,
        page_revisions=tuple(revisions),
        issued=tuple(True for _ in pages),
        lock=lock,
    )


def _pages(sheets: Sequence[_Sheet], numbers: Sequence[str]) -> list[Page]:
    pages = []
    for index, (sheet, number) in enumerate(zip(sheets, numbers, strict=True)):
        starting = tuple(
            ln.scene_number for ln in sheet.lines if ln.kind == "scene_heading" and ln.scene_number
        )
        pages.append(
            Page(
                number=number,
                lines=sheet.lines,
                show_number=not (index == 0 and number == "1"),
                scene_numbers=starting,
            )
        )
    return pages


def _revised_script(script: Screenplay, laid: _Laid) -> Screenplay:
    """The draft as laid out, for FDX: OMITTED scenes in, numbers set, no written-in CONT'D."""
    out: list[Element] = []
    for item, e in zip(laid.items, laid.elements, strict=True):
        if e is None:
            continue
        if isinstance(e, Speech) and item.source is not None:
            original = materialize(item.marked)
            e = original if isinstance(original, Speech) else e
        out.append(e)
    return replace(script, elements=tuple(out), scene_facts=())


def _cue_table(laid: _Laid) -> tuple[tuple[int, tuple[int, ...]], ...]:
    out: list[tuple[int, tuple[int, ...]]] = []
    index = -1
    for item, e in zip(laid.items, laid.elements, strict=True):
        if e is None:
            continue
        index += 1
        revs = item.marked.cue_revisions
        if any(revs):
            out.append((index, revs))
    return tuple(out)


def _lock_file(
    script: Screenplay,
    laid: _Laid,
    sheets: Sequence[_Sheet],
    numbers: Sequence[str],
    revisions: Sequence[int],
    paper: str,
    history: tuple[RevisionEntry, ...],
    options: LockOptions,
    retired: tuple[str, ...],
    signatures: Sequence[str] = (),
) -> LockFile:
    sequence = tuple(SequenceItem(it.source, it.number, it.omitted_revision) for it in laid.items)
    anchors = _anchors(laid, sheets)
    pages: list[LockedPage] = []
    for i, (sheet, number, rev) in enumerate(zip(sheets, numbers, revisions, strict=True)):
        k, continued, slot, offset = anchors[i]
        if sheet.omitted:
            later = [
                a[0]
                for a, s in zip(anchors[i + 1 :], sheets[i + 1 :], strict=True)
                if not s.omitted
            ]
            k = later[0] if later else len(sequence)
        pages.append(LockedPage(number, k, continued, rev, sheet.omitted, slot, offset))
    marked = [it.marked for it in laid.items if it.source is not None]
    sources = [it.source for it in laid.items if it.source is not None]
    marks = tuple(
        SlotMarks(sources[m.element], m.slot, m.ranges)  # type: ignore[arg-type]
        for m in marks_of(marked)  # indexed by position in ``marked``
    )
    return LockFile(
        source=script.source,
        title=script.title,
        digest=content_digest(script, signatures or None),
        paper=paper,
        revisions=history,
        sequence=sequence,
        pages=tuple(pages),
        marks=marks,
        scene_letters=options.scene_letters,
        retired=retired,
    )


def _spans(laid: _Laid, sheets: Sequence[_Sheet]) -> list[SceneSpan]:
    """Where each scene starts and ends, by element index in the revised script."""
    element_of: list[int] = []
    index = -1
    for e in laid.elements:
        if e is not None:
            index += 1
        element_of.append(index)
    headings = [k for k, e in enumerate(laid.elements) if isinstance(e, SceneHeading)]
    if not headings:
        return []
    found: dict[int, list[int]] = {}  # heading item -> [start page, start row, end page, end]
    for p, sheet in enumerate(sheets):
        for ln, k in zip(sheet.lines, sheet.items, strict=True):
            if k < 0:
                continue
            h = bisect.bisect_right(headings, k) - 1
            if h < 0:
                continue
            head = headings[h]
            span = found.get(head)
            if span is None:
                if k != head:
                    continue
                found[head] = [p, ln.row, p, ln.row + 1]
                continue
            if (p, ln.row + 1) > (span[2], span[3]):
                span[2], span[3] = p, ln.row + 1
    out = []
    for head in headings:
        span = found.get(head)
        if span is None:
            continue
        e = laid.elements[head]
        assert isinstance(e, SceneHeading)
        out.append(SceneSpan(element_of[head], e.number or "", span[0], span[1], span[2], span[3]))
    return out


# --- Revising a locked draft ------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """Locked pages laid out together: a page that starts on an element or at a cut the new
    draft still has, and the pages that continue it. Placeholders are kept as they are."""

    old_start: Cut
    pages: list[int] = field(default_factory=list)  # indices into lock.pages
    placeholder: bool = False
    new_start: Cut = (0, 0, 0)


def _groups(
    lock: LockFile,
    old_items: list[_Item],
    old_laid: _Laid,
    items: list[_Item],
) -> list[_Group]:
    """Cut the locked pages into groups and find where each starts in the new draft."""
    positions = list(itertools.accumulate((it.old_pos for it in items), max))
    carried: dict[int, int] = {}  # old sequence index -> new item index carrying it
    for k, it in enumerate(items):
        if it.old_pos >= 0 and not it.inserted and it.moved_from is None:
            carried[it.old_pos] = k
    groups: list[_Group] = []
    for i, page in enumerate(lock.pages):
        if page.omitted:
            groups.append(_Group((page.start, 0, 0), [i], True))
            continue
        start: Cut | None = (page.start, 0, 0)
        new_start: Cut | None = None
        if not groups:
            start, new_start = (0, 0, 0), (0, 0, 0)
        elif page.continued:
            start = (page.start, page.slot, page.offset)
            new_start = _map_cut(start, old_items, old_laid, carried, items)
            if new_start is None:
                start = None
        else:
            new_start = (bisect.bisect_left(positions, page.start), 0, 0)
        real = [g for g in groups if not g.placeholder]
        if start is None or new_start is None or (real and new_start < real[-1].new_start):
            if real:
                real[-1].pages.append(i)
                continue
            start, new_start = (0, 0, 0), (0, 0, 0)
        groups.append(_Group(start, [i], False, new_start))
    return groups


def _map_cut(
    cut: Cut,
    old_items: list[_Item],
    old_laid: _Laid,
    carried: dict[int, int],
    items: list[_Item],
) -> Cut | None:
    """Where a page that started inside an old element starts in the new one, if it can."""
    k, slot, offset = cut
    if not _cuttable(
        old_laid.elements[k] if 0 <= k < len(old_laid.elements) else None, slot, offset
    ):
        return None
    new_k = carried.get(k)
    if new_k is None:
        return None
    new = items[new_k].marked.element
    got = map_position(old_items[k].marked, new, slot, offset)
    if got is None or not _cuttable(new, *got):
        return None
    return (new_k, got[0], got[1])


def _new_sequence(
    old_items: list[_Item],
    lock: LockFile,
    diff: ScriptDiff,
    old: Sequence[Marked],
    revision: int,
    source_name: str,
) -> tuple[list[_Item], list[tuple[int, int]]]:
    """The new draft's items in order, each with the old position that decides its group;
    and the deletions, as (index in the new items where the text stood, old position)."""
    where = {it.source: k for k, it in enumerate(old_items) if it.source is not None}
    out: list[_Item] = []
    deletions: list[tuple[int, int]] = []
    pending: list[_Item] = []
    next_old = 0

    def settle(pos: int) -> None:
        for it in pending:
            it.old_pos = pos
        pending.clear()

    def flush(upto: int) -> None:
        nonlocal next_old
        while next_old < upto:
            it = old_items[next_old]
            if it.source is None:
                settle(next_old)
                out.append(replace(it, old_pos=next_old))
            next_old += 1

    for step in diff.steps:
        if step.old is not None and step.kind != "moved-in":
            p = where[step.old]
            flush(p)
            settle(p)
            next_old = p + 1
        match step.kind:
            case "same" | "changed":
                assert step.new is not None and step.old is not None
                p = where[step.old]
                number = old_items[p].number
                out.append(_Item(diff.marked[step.new], step.new, number, old_pos=p))
            case "moved-in" | "inserted":
                assert step.new is not None
                item = _Item(diff.marked[step.new], step.new, inserted=step.kind == "inserted")
                if step.kind == "moved-in" and step.old is not None:
                    item.moved_from = where[step.old]
                out.append(item)
                pending.append(item)
            case "deleted":
                assert step.old is not None
                p = where[step.old]
                if isinstance(old[step.old].element, SceneHeading):
                    number = old_items[p].number
                    omitted = _omitted_item(number, revision, source_name)
                    omitted.old_pos = p
                    out.append(omitted)
                deletions.append((len(out), p))
            case "moved-out":
                assert step.old is not None
                deletions.append((len(out), where[step.old]))
    flush(len(old_items))
    settle(len(old_items))
    return out, deletions


def _number_scenes(
    items: list[_Item], old_items: list[_Item], lock: LockFile, scheme: SceneLetters
) -> None:
    """Locked numbers for carried scenes, the moved scene's own, letters for new ones."""
    for it in items:
        if it.moved_from is not None and it.is_heading:
            it.number = old_items[it.moved_from].number
    taken = {it.number for it in items if it.number} | set(lock.retired)
    headings = [it for it in items if it.is_heading]
    k = 0
    while k < len(headings):
        if headings[k].number:
            k += 1
            continue
        run = k
        while run < len(headings) and not headings[run].number:
            run += 1
        prev = headings[k - 1].number if k > 0 else None
        nxt = headings[run].number if run < len(headings) else None
        numbers = scene_numbers_between(prev, nxt, run - k, taken, scheme)
        for it, number in zip(headings[k:run], numbers, strict=True):
            it.number = number
            taken.add(number)
        k = run


def _mark_deletions(
    items: list[_Item],
    deletions: list[tuple[int, int]],
    group_of: Callable[[int], int],
    revision: int,
) -> None:
    """Mark where deleted text stood, on the page (group) it was on: the neighbour before
    when it already carries this revision (text put in its place, an OMITTED scene), else the
    first word after, else the last word before."""
    for at, old_pos in deletions:
        group = group_of(old_pos)
        before = _neighbour(items, range(at - 1, -1, -1), group)
        after = _neighbour(items, range(at, len(items)), group)
        if before is not None and _last_word_revision(items[before].marked) == revision:
            continue
        if after is not None:
            items[after].marked = mark_word(items[after].marked, "first", revision)
        elif before is not None:
            items[before].marked = mark_word(items[before].marked, "last", revision)


def _last_word_revision(m: Marked) -> int:
    for text in reversed(m.texts):
        for run in reversed(text):
            if run.text.strip():
                return run.revision
    return 0


def _neighbour(items: list[_Item], order: range, group: int) -> int | None:
    for k in order:
        if items[k].group != group:
            return None
        if items[k].printing:
            return k
    return None


def revise_draft(
    old_script: Screenplay,
    old_marked: Sequence[Marked],
    lock: LockFile,
    new_script: Screenplay,
    diff: ScriptDiff,
    revision: int,
    *,
    old_layout: PageLayout,
    layout: PageLayout,
    history: tuple[RevisionEntry, ...],
    options: LockOptions = LockOptions(),
    diagnostics: Diagnostics | None = None,
) -> LockedScript:
    """Lay the new draft out on the locked pages of the old one.

    ``old_marked`` is the old draft with the lock's marks; ``diff`` compares it with the new
    draft at ``revision``. Pages whose text, marks or number changed are ``issued`` and take
    ``revision``; the others keep the revision they were last issued in.
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    old_items = [
        _Item(old_marked[s.element], s.element, s.number, old_pos=k)
        if s.element is not None
        else replace(_omitted_item(s.number, s.revision, old_script.source), old_pos=k)
        for k, s in enumerate(lock.sequence)
    ]
    items, deletions = _new_sequence(old_items, lock, diff, old_marked, revision, new_script.source)
    _number_scenes(items, old_items, lock, options.scene_letters)
    old_laid = _lay(old_items, old_layout, options, old_script.source)
    groups = _groups(lock, old_items, old_laid, items)
    real = [g for g in groups if not g.placeholder]
    old_starts = [g.old_start for g in real]
    new_starts = [g.new_start for g in real]

    def group_of(pos: int) -> int:
        return max(0, bisect.bisect_right(old_starts, (pos, 0, 0)) - 1)

    for k, it in enumerate(items):
        it.group = max(0, bisect.bisect_right(new_starts, (k, 0, 0)) - 1)
    for k, it in enumerate(old_items):
        it.group = group_of(k)
    changes = _scene_changes(items, old_items, deletions, revision)
    _mark_deletions(items, deletions, group_of, revision)
    new_laid = _lay(items, layout, options, new_script.source)
    deleted_in = {group_of(p) for _, p in deletions}

    taken = {p.number for p in lock.pages}
    out_sheets: list[_Sheet] = []
    out_numbers: list[str] = []
    out_revisions: list[int] = []
    out_issued: list[bool] = []
    before_sheets: list[_Sheet] = []
    before_numbers: list[str] = []
    real_index = {id(g): r for r, g in enumerate(real)}
    drift = 0
    g = 0
    while g < len(groups):
        group = groups[g]
        if group.placeholder:
            page = lock.pages[group.pages[0]]
            sheet = _placeholder(page.number, layout)
            out_sheets.append(sheet)
            out_numbers.append(page.number)
            out_revisions.append(page.revision)
            out_issued.append(False)
            before_sheets.append(sheet)
            before_numbers.append(page.number)
            g += 1
            continue
        unit = [g]
        while True:
            first_r = real_index[id(groups[unit[0]])]
            last_r = real_index[id(groups[unit[-1]])]
            old_end = old_starts[last_r + 1] if last_r + 1 < len(real) else None
            new_end = new_starts[last_r + 1] if last_r + 1 < len(real) else None
            locked = [lock.pages[i] for u in unit for i in groups[u].pages]
            old_seg = _segment(old_laid, old_starts[first_r], old_end)
            new_seg = _segment(new_laid, new_starts[first_r], new_end)
            clean = not (set(range(first_r, last_r + 1)) & deleted_in) and (
                old_seg.keys == new_seg.keys
            )
            new_sheets = _lay_out(
                new_laid,
                new_starts[first_r],
                new_end,
                layout,
                options.scene_numbers,
                new_script.settings,
            )
            if clean and len(new_sheets) == len(locked):
                moved = dict(zip(new_seg.items, old_seg.items, strict=True))
                old_sheets = [
                    replace(sh, items=tuple(moved[k] for k in sh.items)) for sh in new_sheets
                ]
            else:
                old_sheets = _lay_out(
                    old_laid,
                    old_starts[first_r],
                    old_end,
                    old_layout,
                    options.scene_numbers,
                    old_script.settings,
                )
            nxt = unit[-1] + 1
            next_number = lock.pages[groups[nxt].pages[0]].number if nxt < len(groups) else None
            numbers = _number_pages(
                [p.number for p in locked],
                len(new_sheets),
                next_number,
                taken,
                options.omitted_pages,
            )
            if numbers is None and nxt < len(groups) and not groups[nxt].placeholder:
                unit.append(nxt)
                continue
            if numbers is None:
                over = len(new_sheets) - len(locked)
                numbers = (
                    [p.number for p in locked] + forced_numbers(locked[-1].number, over, taken),
                    [],
                )
            break
        if len(old_sheets) != len(locked):
            drift += 1
        numbered, omitted = numbers
        taken.update(numbered)
        for i, (sheet, number) in enumerate(zip(new_sheets, numbered, strict=True)):
            same = (
                i < len(old_sheets)
                and i < len(locked)
                and number == locked[i].number
                and sheet.key() == old_sheets[i].key()
            )
            out_sheets.append(sheet)
            out_numbers.append(number)
            out_revisions.append(locked[i].revision if same else revision)
            out_issued.append(not same)
        if omitted:
            label = (
                omitted[0]
                if len(omitted) == 1
                else f"{first_number(omitted[0])}-{last_number(omitted[-1])}"
            )
            if options.omitted_pages == "combine" and not new_sheets and out_sheets:
                # Nothing left of these pages: the page before takes their numbers.
                out_numbers[-1] = f"{first_number(out_numbers[-1])}-{last_number(label)}"
                out_revisions[-1] = revision
                out_issued[-1] = True
            else:
                out_sheets.append(_placeholder(label, layout))
                out_numbers.append(label)
                out_revisions.append(revision)
                out_issued.append(True)
        before_sheets.extend(old_sheets)
        before_numbers.extend(
            [p.number for p in locked][: len(old_sheets)]
            + [f"{locked[-1].number}+"] * (len(old_sheets) - len(locked))
        )
        g = unit[-1] + 1
    if drift:
        diagnostics.warning(
            "lock-drift",
            f"{drift} group(s) of locked pages no longer lay out as they were locked; "
            "their pages are reissued",
            Pos(lock.source),
        )

    pages = _pages(out_sheets, out_numbers)
    revised = _revised_script(new_script, new_laid)
    spans = _spans(new_laid, out_sheets)
    paginated = PaginatedScript(new_script.title, layout, None, tuple(pages), tuple(spans))
    before = PaginatedScript(
        old_script.title,
        old_layout,
        None,
        tuple(_pages(before_sheets, before_numbers)),
        tuple(_spans(old_laid, before_sheets)),
    )
    new_lock = _lock_file(
        new_script,
        new_laid,
        out_sheets,
        out_numbers,
        out_revisions,
        lock.paper,
        history,
        options,
        lock.retired,
        diff.signatures,
    )
    changed, added, omitted_now = changes
    return LockedScript(
        script=revised,
        cue_revisions=_cue_table(new_laid),
        paginated=paginated,
        page_revisions=tuple(out_revisions),
        issued=tuple(out_issued),
        lock=new_lock,
        before=before,
        changed_scenes=changed,
        added_scenes=added,
        omitted_scenes=omitted_now,
        headings_before=tuple(
            (it.number, plain(it.marked.texts[0])) for it in old_items if it.is_heading
        ),
    )


def _number_pages(
    locked: list[str], count: int, before: str | None, taken: set[str], mode: OmittedPages
) -> tuple[list[str], list[str]] | None:
    """Numbers for ``count`` pages laid out where ``locked`` were; and the locked numbers
    left over (to combine or to issue as OMITTED). ``None`` when overflow cannot be numbered
    before the next locked page."""
    k = len(locked)
    if count >= k:
        extra = overflow_numbers(locked[-1], before, count - k, taken) if count > k else []
        if extra is None:
            return None
        return locked + extra, []
    if count == 0:
        return [], locked
    if mode == "combine":
        combined = f"{first_number(locked[count - 1])}-{last_number(locked[-1])}"
        return locked[: count - 1] + [combined], []
    return locked[:count], locked[count:]


def _scene_changes(
    items: list[_Item], old_items: list[_Item], deletions: list[tuple[int, int]], revision: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Scenes changed (text of this revision in them, or text deleted from them), added and
    omitted; taken before deletions are marked, so a mark left at the top of the next scene
    does not count that scene as changed."""
    changed: list[str] = []
    added: list[str] = []
    omitted: list[str] = []
    current: _Item | None = None
    for it in items:
        if it.source is None:
            if it.omitted_revision == revision:
                omitted.append(it.number)
            current = None
            continue
        if it.is_heading:
            current = it
            if it.inserted:
                added.append(it.number)
        if current is None or current.inserted:
            continue
        if it.marked.revision == revision and current.number not in changed:
            changed.append(current.number)
    heads = [k for k, it in enumerate(old_items) if it.is_heading]
    for _, old_pos in deletions:
        h = bisect.bisect_right(heads, old_pos) - 1
        if h < 0:
            continue
        number = old_items[heads[h]].number
        if number and number not in changed and number not in omitted:
            if any(it.number == number and it.is_heading for it in items):
                changed.append(number)
    order = {it.number: k for k, it in enumerate(items) if it.number}
    changed.sort(key=lambda n: order.get(n, 0))
    return tuple(changed), tuple(added), tuple(omitted)


# --- Dressing: colours, headers, marks ---------------------------------------------------------------


def dress(
    paginated: PaginatedScript,
    page_revisions: Sequence[int],
    colours: Sequence[RevisionColour],
    headers: dict[int, str],
    *,
    only: Sequence[int] | None = None,
) -> PaginatedScript:
    """Pages on their colours: the colour and header of the revision each was last issued in,
    and the margin mark on its lines of that revision (older marks hidden, as Final Draft's
    "show active revision set only")."""
    pages = []
    indices = range(len(paginated.pages)) if only is None else only
    for i in indices:
        page = paginated.pages[i]
        rev = page_revisions[i]
        colour = colours[rev] if 0 <= rev < len(colours) else None
        mark = colour.mark if colour is not None and rev > 0 else ""
        lines = tuple(
            ln
            if ln.mark == (mark if ln.revision == rev and mark else "")
            else replace(ln, mark=mark if ln.revision == rev and mark else "")
            for ln in page.lines
        )
        pages.append(
            replace(
                page,
                lines=lines,
                colour=colour.name if colour is not None and rev > 0 else "",
                header=headers.get(rev, ""),
            )
        )
    return replace(paginated, pages=tuple(pages))


# --- Does a lock file fit its draft? --------------------------------------------------------------


def lock_fits(lock: LockFile, script: Screenplay, source: str, diagnostics: Diagnostics) -> bool:
    """Whether the lock's sequence and marks point inside ``script``, the draft it was made
    from: a ``lock-format`` error at the lock file ``source`` when they do not."""
    count = sum(1 for s in lock.sequence if s.element is not None)
    if count != len(script.elements):
        diagnostics.error(
            "lock-format",
            f"the lock file is damaged: its sequence holds {count} elements, "
            f"the draft {len(script.elements)}",
            Pos(source),
        )
        return False
    for i, m in enumerate(lock.marks):
        texts = slots(script.elements[m.element]) if m.element < count else ()
        if m.slot >= len(texts) or any(b > len(plain(texts[m.slot])) for _, b, _ in m.ranges):
            diagnostics.error(
                "lock-format",
                f"the lock file is damaged: marks[{i}] marks text the draft does not have",
                Pos(source),
            )
            return False
    return True
