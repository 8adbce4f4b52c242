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
action split across the break) starts at a *cut*: the element is laid out in two pieces, and
the paginator itself draws the ``(MORE)`` below the first and the ``NAME (CONT'D)`` above the
second (``end_more``, ``start_continued``), as at any page break. The cut follows its word
into the new draft; where that word is gone, or the element cannot be cut (a dual dialogue),
the page joins the group before it. A group whose content did not change gives the very pages
it gave when locked, so nothing outside an edited group moves; an edited group keeps its
locked numbers in order and any extra pages take A-numbers after them.

Everything is kept in terms of a *sequence*: the draft's elements in order with its OMITTED
scenes among them (:class:`~paperwork.model.revision.SequenceItem`). Pages point into it.

This module locks a draft (:func:`lock_draft`) and holds the layout pieces that
:mod:`~paperwork.paginator.revise` shares (:class:`Item`, :func:`lay`, :func:`lay_out`, ...);
:mod:`~paperwork.paginator.numbering` numbers pages and scenes, and
:mod:`~paperwork.paginator.dressing` puts issued pages on their colours.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from paperwork.errors import Diagnostics
from paperwork.model.pages import CHAR_IN, Page, PageLayout, PageLine, PaginatedScript, SceneSpan
from paperwork.model.revision import (
    LockedPage,
    LockFile,
    OmittedPages,
    RevisionEntry,
    SceneLetters,
    SequenceItem,
    SlotMarks,
)
from paperwork.model.screenplay import (
    DualDialogue,
    Element,
    Paragraph,
    SceneHeading,
    Screenplay,
    ScriptSettings,
    Speech,
    StyledText,
    TextRun,
    plain,
)
from paperwork.model.source import Pos
from paperwork.paginator.numbering import first_number, last_number, number_scenes
from paperwork.paginator.paginate import auto_continueds, paginate
from paperwork.paginator.revisions import (
    Marked,
    cue_slots,
    element_key,
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
    "lock_draft",
    "lock_fits",
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
class Item:
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


def omitted_item(number: str, revision: int, source_name: str) -> Item:
    text = (TextRun(OMITTED, revision=revision),)
    heading = SceneHeading(text, Pos(source_name), number=number)
    return Item(Marked(heading, (text,)), None, number, revision)


def _slot_positions(e: Element) -> tuple[Pos | None, ...]:
    match e:
        case Speech():
            return (e.pos, *(p.pos for p in e.parts))
        case DualDialogue(left=left, right=right):
            return (*_slot_positions(left), *_slot_positions(right))
        case _:
            return (e.pos,)


@dataclass(slots=True)
class Laid:
    """A sequence made ready to lay out: one element per item (None: folded into the OMITTED
    heading before it), with scene numbers and automatic CONT'Ds written in."""

    items: list[Item]
    elements: list[Element | None]
    positions: list[tuple[Pos | None, ...]]
    cues: dict[tuple[int, int], int]  # (item, slot) -> revision of a cue
    keys: list[object]


def lay(items: list[Item], layout: PageLayout, options: LockOptions, source_name: str) -> Laid:
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
                e = omitted_item(number, revision, source_name).marked.element
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
    return Laid(items, elements, positions, cues, keys)


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


def cuttable(e: Element | None, slot: int, offset: int) -> bool:
    """Can a page start at ``(slot, offset)`` inside ``e``, leaving text on both sides?"""
    match e:
        case Speech(parts=parts):
            if not 1 <= slot <= len(parts):
                return False
            text = plain(parts[slot - 1].text)
            if offset:
                return 0 < offset < len(text) and bool(text[:offset].strip())
            return slot > 1 or False
        case Paragraph():
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
        case Paragraph():
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
class Segment:
    """What a group of locked pages holds: whole items and, at either end, pieces of one."""

    elements: list[Element]  # whole elements and pieces, untagged
    keys: list[object]
    items: list[int] = field(default_factory=list)
    first_slots: list[int] = field(default_factory=list)  # a speech piece's first part slot
    lead: int | None = None  # item whose later piece starts the segment (a speech)
    trail: int | None = None  # item whose first piece ends it (a speech)


def segment_of(laid: Laid, start: Cut, end: Cut | None) -> Segment:
    k0, s0, o0 = start
    k1, s1, o1 = end if end is not None else (len(laid.elements), 0, 0)
    out = Segment([], [])
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
class Sheet:
    """One laid-out page: lines with their real positions, and the item each line prints."""

    lines: tuple[PageLine, ...]
    items: tuple[int, ...]
    slots: tuple[int, ...]
    omitted: bool = False

    def key(self) -> tuple[object, ...]:
        return tuple(
            (ln.row, ln.x, ln.runs, ln.kind, ln.scene_number, ln.revision) for ln in self.lines
        )


def lay_out(
    laid: Laid,
    start: Cut,
    end: Cut | None,
    layout: PageLayout,
    scene_numbers: str,
    settings: ScriptSettings,
) -> list[Sheet]:
    segment = segment_of(laid, start, end)
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
    sheets: list[Sheet] = []
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
            sheets.append(Sheet(tuple(lines), tuple(owners), tuple(slots_)))
    return sheets


def placeholder(number: str, layout: PageLayout) -> Sheet:
    """A sheet standing for pages that no longer hold text: ``PAGES 15-16 OMITTED``."""
    text = f"PAGES {number} OMITTED" if "-" in number else f"PAGE {number} OMITTED"
    x = round(layout.width / 2 - len(text) * CHAR_IN / 2, 4)
    row = layout.lines_per_page // 3
    line = PageLine(row, x, (TextRun(text),), "general", None)
    return Sheet((line,), (-1,), (0,), omitted=True)


def _anchors(laid: Laid, sheets: Sequence[Sheet]) -> list[tuple[int, bool, int, int]]:
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


def _items_of(script: Screenplay, marked: Sequence[Marked]) -> list[Item]:
    numbers = number_scenes(script)
    return [Item(m, i, numbers.get(i, "")) for i, m in enumerate(marked)]


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
    laid = lay(items, layout, options, script.source)
    sheets = lay_out(laid, (0, 0, 0), None, layout, options.scene_numbers, script.settings)
    numbers = [str(n) for n in range(1, len(sheets) + 1)]
    revisions = [max((ln.revision for ln in s.lines), default=0) for s in sheets]
    lock = lock_file(script, laid, sheets, numbers, revisions, paper, history, options, ())
    return LockedScript(
        script=revised_script(script, laid),
        cue_revisions=cue_table(laid),
        paginated=paginated_of(script.title, layout, laid, sheets, numbers),
        page_revisions=tuple(revisions),
        issued=tuple(True for _ in sheets),
        lock=lock,
    )


def paginated_of(
    title: str,
    layout: PageLayout,
    laid: Laid,
    sheets: Sequence[Sheet],
    numbers: Sequence[str],
) -> PaginatedScript:
    """Laid-out sheets as the paginator's pages, numbered, with where each scene falls."""
    pages = _pages(sheets, numbers)
    return PaginatedScript(title, layout, None, tuple(pages), tuple(_spans(laid, sheets)))


def _pages(sheets: Sequence[Sheet], numbers: Sequence[str]) -> list[Page]:
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


def revised_script(script: Screenplay, laid: Laid) -> Screenplay:
    """The draft as laid out, for FDX: OMITTED scenes in, numbers set, no written-in CONT'D.

    Scene facts and element tags are dropped: they point at scenes by position, which the
    OMITTED scenes put in move."""
    out: list[Element] = []
    for item, e in zip(laid.items, laid.elements, strict=True):
        if e is None:
            continue
        if isinstance(e, Speech) and item.source is not None:
            original = materialize(item.marked)
            e = original if isinstance(original, Speech) else e
        out.append(e)
    return replace(script, elements=tuple(out), scene_facts=(), tags=())


def cue_table(laid: Laid) -> tuple[tuple[int, tuple[int, ...]], ...]:
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


def lock_file(
    script: Screenplay,
    laid: Laid,
    sheets: Sequence[Sheet],
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
        SlotMarks(sources[m.element], m.slot, m.ranges)
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


def _spans(laid: Laid, sheets: Sequence[Sheet]) -> list[SceneSpan]:
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
