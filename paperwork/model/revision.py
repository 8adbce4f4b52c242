"""Revisions of a locked script: the colour order, the lock file, and what a revision changed.

A shooting script is *locked* when it is first issued (White): its page breaks and scene
numbers are frozen. Each later revision is issued on the next colour of the production's
order, and only the pages it changes are reprinted. :class:`LockFile` is what paperwork keeps
between revisions: the locked draft's digest, its page anchors, its scene numbers (with the
OMITTED ones), the revision marks carried in its text, and the history of colours and dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LOCK_FORMAT = "paperwork-lock"  # the lock file's "format"
LOCK_VERSION = 1  # and its "version": a reader refuses any other

# Final Draft's default order after White (its revision sets 1-9), then the same again as
# "2nd" colours (10-19, starting with 2nd White), as SCREENPLAY.md section 4 records.
INDUSTRY_COLOURS: tuple[str, ...] = (
    "White",
    "Blue",
    "Pink",
    "Yellow",
    "Green",
    "Goldenrod",
    "Buff",
    "Salmon",
    "Cherry",
    "Tan",
)
GENERATIONS: tuple[str, ...] = ("", "2nd ", "3rd ")

# Final Draft 13's PageColor for each colour (16 bits a channel), SOURCES.md section 5.
FD_PAGE_COLOURS: dict[str, str] = {
    "white": "#FFFFFFFFFFFF",
    "blue": "#C6C6EDEDFEFE",
    "pink": "#FDFDCCCCD4D4",
    "yellow": "#FDFDFFFFABAB",
    "green": "#D1D1FEFED0D0",
    "goldenrod": "#FAFACDCD3939",
    "buff": "#FCFCEDED9D9D",
    "salmon": "#F8F8AEAE8E8E",
    "cherry": "#FBFBA4A4B4B4",
    "tan": "#FDFDF1F1C7C7",
}

# Per-colour margin marks (Beat's sequence, SCREENPLAY.md section 4), cycled after White.
PER_COLOUR_MARKS: tuple[str, ...] = ("*", "**", "+", "++", "@", "@@", "#", "##")

SceneLetters = Literal["suffix", "prefix"]  # 10A (Final Draft's "1A") or A11 ("A1")
OmittedPages = Literal["combine", "placeholder"]  # 15-16, or a PAGES 15-16 OMITTED sheet
Marks = Literal["single", "per-colour"]


@dataclass(frozen=True, slots=True)
class RevisionColour:
    """One colour of the order. ``id`` is its place: 0 is White, the locked draft itself.

    The id is also the ``RevisionID`` written on revised text in FDX (Final Draft numbers its
    default sets the same way: Blue 1 ... Tan 9, 2nd White 10).
    """

    id: int
    name: str  # "Blue", "2nd Blue"
    mark: str = "*"

    @property
    def base(self) -> str:
        """The paper colour without its generation: ``2nd Blue`` -> ``blue``."""
        name = self.name.lower()
        for prefix in GENERATIONS:
            if prefix and name.startswith(prefix.lower()):
                return name[len(prefix) :]
        return name

    @property
    def page_colour(self) -> str:
        """Final Draft's ``PageColor`` for this colour ("" when it is not a known paper)."""
        return FD_PAGE_COLOURS.get(self.base, "")


def colour_order(
    names: tuple[str, ...] = INDUSTRY_COLOURS, *, marks: Marks = "single"
) -> tuple[RevisionColour, ...]:
    """The colours in issue order: ``names`` (White first), then their 2nd and 3rd rounds.

    ``names`` is the production's own order (the manifest may set it); its first colour is
    the locked draft's. ``marks="per-colour"`` gives each revision its own margin mark.
    """
    out: list[RevisionColour] = []
    for prefix in GENERATIONS:
        for name in names:
            n = len(out)
            mark = (
                PER_COLOUR_MARKS[(n - 1) % len(PER_COLOUR_MARKS)] if marks == "per-colour" else "*"
            )
            out.append(RevisionColour(n, f"{prefix}{name}", mark))
    return tuple(out)


def find_colour(order: tuple[RevisionColour, ...], name: str) -> RevisionColour | None:
    """The colour called ``name`` (any case; ``2nd blue``, ``Blue Rev. (03/12/26)``)."""
    want = " ".join(name.lower().replace("rev.", " ").split())
    want = want.split("(")[0].strip()
    for colour in order:
        if colour.name.lower() == want:
            return colour
    return None


@dataclass(frozen=True, slots=True)
class RevisionEntry:
    """One issue in the history: its colour and its date (ISO ``2026-12-03``, or "")."""

    id: int
    colour: str
    date: str = ""


@dataclass(frozen=True, slots=True)
class SequenceItem:
    """One item of the locked draft as it was paginated, in order.

    ``element`` is the index of an element of the draft's file; ``None`` is an OMITTED scene,
    which lives only here. ``number`` is the scene number of a heading or OMITTED scene.
    ``revision`` is the revision that omitted the scene.
    """

    element: int | None
    number: str = ""
    revision: int = 0


@dataclass(frozen=True, slots=True)
class LockedPage:
    """A page as issued. ``start`` indexes :attr:`LockFile.sequence`: the page's first item.

    ``continued`` when the page starts inside that item (a speech or action split across the
    page break), at character ``offset`` of its text ``slot`` (see :class:`SlotMarks`). ``revision`` is the colour the page was last issued on. ``omitted`` pages are
    placeholders (``PAGES 15-16 OMITTED``) that hold no text.
    """

    number: str
    start: int
    continued: bool = False
    revision: int = 0
    omitted: bool = False
    slot: int = 0  # where a continued page starts inside its first item: which text...
    offset: int = 0  # ...and at which character of it


@dataclass(frozen=True, slots=True)
class SlotMarks:
    """Revision marks in one text slot of one element of the locked draft.

    Slots are an element's texts in order: the text of a paragraph; a speech's cue, then each
    part; a dual dialogue's left cue and parts, then its right cue and parts. ``ranges`` are
    ``(start, end, revision)`` character ranges of the slot's plain text.
    """

    element: int
    slot: int
    ranges: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True, slots=True)
class LockFile:
    """What paperwork keeps of a locked draft between revisions (``<draft>.lock.json``)."""

    source: str  # the draft's file name
    title: str
    digest: str  # "sha256:..." of the draft's content (whitespace-normalised)
    paper: str
    revisions: tuple[RevisionEntry, ...]  # the history, White first
    sequence: tuple[SequenceItem, ...]
    pages: tuple[LockedPage, ...]
    marks: tuple[SlotMarks, ...] = ()
    scene_letters: SceneLetters = "suffix"
    retired: tuple[str, ...] = ()  # scene numbers that may never be used again

    @property
    def last(self) -> RevisionEntry:
        return self.revisions[-1]


SceneChangeKind = Literal["changed", "added", "omitted", "length"]  # length: reflowed only


@dataclass(frozen=True, slots=True)
class SceneChange:
    """A scene this revision touched, with its length before and after in eighths."""

    number: str
    heading: str
    change: SceneChangeKind
    eighths_before: int  # 0 when the scene is new
    eighths_after: int  # 0 when it is omitted


@dataclass(frozen=True, slots=True)
class RevisionSummary:
    """What one revision changed, for the one-page summary at the front of the packet."""

    title: str
    colour: str
    date: str  # as printed ("03/12/26")
    previous: str  # the colour and date revised against ("White 01/11/26")
    pages_issued: tuple[str, ...]  # page numbers, in order
    pages_before: int  # sheets in the full script before and after
    pages_after: int
    scenes: tuple[SceneChange, ...]  # in script order

    def numbers(self, change: SceneChangeKind) -> tuple[str, ...]:
        return tuple(s.number for s in self.scenes if s.change == change)
