"""Blocks: the script's printing elements laid out in rows, and how each may be split.

A block is one element as the paginator sees it: a paragraph (scene heading, action, shot,
transition, general), a speech (cue, parentheticals, dialogue), a dual dialogue, or a forced
page break. Each knows its height in rows, the blank rows it wants before it, its rows of
printed cells, and how to split itself at a sentence end into a head that fits the rows left
on a page and a tail for the next page. Which splits are allowed is :class:`Rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import NamedTuple

from paperwork.model.pages import CHAR_IN, ElementKind, ElementStyle
from paperwork.model.screenplay import StyledText, TextRun, plain
from paperwork.model.source import Pos
from paperwork.paginator.layout import chars, first_chars
from paperwork.paginator.wrap import Span, sentence_ends, slice_runs, wrap

__all__ = [
    "Block",
    "Cell",
    "DualBlock",
    "ForcedBreak",
    "ParaBlock",
    "Part",
    "Rules",
    "SpeechBlock",
]


@dataclass(frozen=True, slots=True)
class Rules:
    """Final Draft's keep-and-split behaviour, in lines. The defaults are what it does.

    Measured, not guessed: with these values every scene of Final Draft's Clean Code FDX and
    201 of 202 in its Big Fish FDX start on the page Final Draft stored (the other follows a
    line set in a 16 pt font), and with ``top_space`` (Final Draft 2003 kept space-before at
    the top of a page) all 202 scenes of the 2003 Big Fish PDF do. Final Draft draws (MORE)
    in the bottom margin and the CONT'D cue in the top margin, so neither takes a row.
    """

    top_space: bool = False  # keep an element's space-before at the top of a page
    break_at_sentences: bool = True  # split action and dialogue only at sentence ends
    action_head: int = 2  # lines of a split action paragraph left at the foot of a page
    action_tail: int = 2  # lines carried to the next page
    dialogue_head: int = 2  # lines of a split speech (below its cue) left on the page
    dialogue_tail: int = 2  # lines of a split speech carried over (below its CONT'D cue)
    split_after_parenthetical: bool = False  # may a page end on a parenthetical
    more_free: bool = True  # (MORE) hangs below the last row instead of taking one
    contd_free: bool = True  # the CONT'D cue sits above the first row instead of taking one
    transitions_pull: bool = True  # a transition never starts a page


class Cell(NamedTuple):
    """One printed line of a row: where, what, which kind, from where."""

    x: float
    runs: StyledText
    kind: ElementKind
    pos: Pos | None
    scene_number: str | None = None


Row = tuple[Cell, ...]  # empty: a blank row; two cells: dual dialogue


def _x(style: ElementStyle, text: str, first: bool) -> float:
    """The left edge of a printed line, from its element's indents and alignment."""
    width = len(text.rstrip()) * CHAR_IN
    match style.alignment:
        case "right":
            x = style.right - width
        case "center":
            x = (style.left + style.right) / 2 - width / 2
        case _:
            x = style.left + (style.first_indent if first else 0.0)
    return round(x, 4)


def _lines(style: ElementStyle, text: str, continued: bool) -> list[Span]:
    first = chars(style) if continued else first_chars(style)
    return wrap(text, chars(style), first)


def _rows(
    style: ElementStyle,
    runs: StyledText,
    text: str,
    spans: list[Span],
    kind: ElementKind,
    pos: Pos | None,
    continued: bool,
    scene_number: str | None = None,
) -> list[Row]:
    rows: list[Row] = []
    left = style.alignment == "left"
    plain_x = round(style.left, 4)
    for i, (a, b) in enumerate(spans):
        first = i == 0 and not continued
        if left and not (first and style.first_indent):
            x = plain_x
        else:
            x = _x(style, text[a:b], first)
        cell = Cell(x, slice_runs(runs, a, b), kind, pos, scene_number if i == 0 else None)
        rows.append((cell,))
    return rows


def _cut(runs: StyledText, text: str, at: int) -> tuple[StyledText, StyledText]:
    """Split text at a sentence end: the head keeps what is before, the tail skips spaces."""
    resume = at
    while resume < len(text) and text[resume] in " \t\n":
        resume += 1
    return slice_runs(runs, 0, at), slice_runs(runs, resume, len(text))


class Block:
    """Something that takes rows on a page."""

    index: int  # element index in the screenplay
    space_before: int
    sticky: bool = False  # must not end a page (scene heading, shot)
    keep_with_previous: bool = False  # must not start a page (transition)
    continued: bool = False  # a tail carried over from the previous page
    lead: int = 0  # rows drawn above the block's first counted row

    @property
    def height(self) -> int:
        raise NotImplementedError

    def rows(self) -> list[Row]:
        raise NotImplementedError

    def split(self, avail: int, rules: Rules) -> tuple[Block, Block] | None:
        """A head of at most ``avail`` rows and the rest, where the rules allow one."""
        return None

    def force_split(self, avail: int) -> tuple[Block, Block] | None:
        """Split anywhere (a block taller than a page); ``None`` if nothing fits."""
        return None


@dataclass(eq=False, slots=True)
class ForcedBreak(Block):
    """A page break the script asks for."""

    index: int
    space_before: int = 0

    @property
    def height(self) -> int:
        return 0

    def rows(self) -> list[Row]:
        return []


@dataclass(eq=False, slots=True)
class ParaBlock(Block):
    """One paragraph: scene heading, action, shot, transition, general, lyrics."""

    index: int
    rule: str  # "heading", "action", "transition", "character": whose rules apply
    kind: ElementKind
    style: ElementStyle
    runs: StyledText
    pos: Pos | None
    space_before: int
    scene_number: str | None = None
    continued: bool = False
    hidden: bool = False  # takes its rows but prints nothing (an outline element shown)
    spacing: int = 1  # rows per line: 2 when double-spaced (the text on the second)
    text: str = field(init=False)
    spans: list[Span] = field(init=False)

    def __post_init__(self) -> None:
        self.text = plain(self.runs)
        self.spans = _lines(self.style, self.text, self.continued)

    @property
    def sticky(self) -> bool:  # type: ignore[override]
        return self.rule in ("heading", "character")

    @property
    def keep_with_previous(self) -> bool:  # type: ignore[override]
        return self.rule == "transition"

    @property
    def height(self) -> int:
        return len(self.spans) * self.spacing

    def rows(self) -> list[Row]:
        if self.hidden:
            return [() for _ in range(self.height)]
        lines = _rows(
            self.style,
            self.runs,
            self.text,
            self.spans,
            self.kind,
            self.pos,
            self.continued,
            self.scene_number,
        )
        if self.spacing == 1:
            return lines
        gap: list[Row] = [() for _ in range(self.spacing - 1)]
        return [row for line in lines for row in (*gap, line)]

    def _pieces(self, at: int) -> tuple[ParaBlock, ParaBlock]:
        head_runs, tail_runs = _cut(self.runs, self.text, at)
        head = replace(self, runs=head_runs)
        tail = replace(self, runs=tail_runs, continued=True, scene_number=None)
        return head, tail

    def split(self, avail: int, rules: Rules) -> tuple[Block, Block] | None:
        if self.rule != "action" or avail < rules.action_head:
            return None
        if not rules.break_at_sentences:
            return self._split_lines(avail, rules.action_head, rules.action_tail)
        for at in reversed(sentence_ends(self.text)):
            head, tail = self._pieces(at)
            if head.height > avail:
                continue
            if len(head.spans) < rules.action_head:
                return None
            if len(tail.spans) < rules.action_tail:
                continue
            return head, tail
        return None

    def _split_lines(self, avail: int, min_head: int, min_tail: int) -> tuple[Block, Block] | None:
        n = min(avail // self.spacing, len(self.spans) - min_tail)
        if n < min_head:
            return None
        at = self.spans[n][0]
        head, tail = self._pieces(at)
        return head, tail

    def force_split(self, avail: int) -> tuple[Block, Block] | None:
        if avail < 1 or self.height <= 1:
            return None
        for at in reversed(sentence_ends(self.text)):
            head, tail = self._pieces(at)
            if head.height <= avail:
                return head, tail
        return self._split_lines(avail, 1, 1)


@dataclass(frozen=True, slots=True)
class Part:
    """A parenthetical, dialogue or lyric paragraph of a speech."""

    kind: ElementKind
    style: ElementStyle
    runs: StyledText
    pos: Pos | None
    continued: bool = False

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(eq=False, slots=True)
class SpeechBlock(Block):
    """A character cue and its parentheticals and dialogue.

    A head piece ends with ``more`` (``(MORE)``); a tail piece's cue carries ``continued``
    (``EDWARD (CONT'D)``).
    """

    index: int
    cue: str
    cue_style: ElementStyle
    parts: tuple[Part, ...]
    pos: Pos | None
    space_before: int
    more: str = "(MORE)"
    contd: str = "(CONT'D)"
    has_more: bool = False
    continued: bool = False
    more_free: bool = False
    contd_free: bool = False
    cue_text: str = field(init=False)
    cue_spans: list[Span] = field(init=False)
    part_spans: list[list[Span]] = field(init=False)

    def __post_init__(self) -> None:
        self.cue_text = _continued_cue(self.cue, self.contd) if self.continued else self.cue
        self.cue_spans = _lines(self.cue_style, self.cue_text, False) if self.cue_text else []
        self.part_spans = [_lines(p.style, p.text, p.continued) for p in self.parts]

    @property
    def height(self) -> int:
        more = 1 if self.has_more and not self.more_free else 0
        return len(self.cue_spans) - self.lead + self.content_rows + more

    @property
    def lead(self) -> int:  # type: ignore[override]
        """A CONT'D cue drawn above the page's first row takes no row of its own."""
        return len(self.cue_spans) if self.continued and self.contd_free else 0

    def rows(self) -> list[Row]:
        rows: list[Row] = []
        if self.cue_text:
            cue_runs = (TextRun(self.cue_text),)
            rows += _rows(
                self.cue_style,
                cue_runs,
                self.cue_text,
                self.cue_spans,
                "character",
                self.pos,
                False,
            )
        for part, spans in zip(self.parts, self.part_spans, strict=True):
            rows += _rows(
                part.style, part.runs, part.text, spans, part.kind, part.pos, part.continued
            )
        if self.has_more:
            cell = Cell(
                _x(self.cue_style, self.more, True), (TextRun(self.more),), "more", self.pos
            )
            rows.append((cell,))
        return rows

    def _pieces(self, part: int, at: int | None) -> tuple[SpeechBlock, SpeechBlock]:
        """Split before ``parts[part]`` (``at`` None) or inside it at offset ``at``."""
        if at is None:
            head_parts = self.parts[:part]
            tail_parts = self.parts[part:]
        else:
            p = self.parts[part]
            head_runs, tail_runs = _cut(p.runs, p.text, at)
            head_parts = (*self.parts[:part], replace(p, runs=head_runs))
            tail_parts = (replace(p, runs=tail_runs, continued=True), *self.parts[part + 1 :])
        head = replace(self, parts=head_parts, has_more=True)
        tail = replace(self, parts=tail_parts, continued=True, has_more=self.has_more)
        return head, tail

    def _candidates(self, rules: Rules) -> list[tuple[int, int | None]]:
        """Split points, last first: sentence ends inside parts and part boundaries."""
        found: list[tuple[int, int | None]] = []
        for i in range(len(self.parts) - 1, -1, -1):
            part = self.parts[i]
            if part.kind != "parenthetical":
                if rules.break_at_sentences:
                    ends = sentence_ends(part.text)
                else:
                    ends = [a for a, _ in self.part_spans[i][1:]]
                found.extend((i, at) for at in reversed(ends))
            if i > 0:
                before = self.parts[i - 1]
                if before.kind != "parenthetical" or rules.split_after_parenthetical:
                    found.append((i, None))
        return found

    @property
    def content_rows(self) -> int:
        """Rows of parentheticals and dialogue (no cue, no MORE)."""
        return sum(len(s) for s in self.part_spans)

    def split(self, avail: int, rules: Rules) -> tuple[Block, Block] | None:
        if avail < len(self.cue_spans) + rules.dialogue_head:
            return None
        for part, at in self._candidates(rules):
            head, tail = self._pieces(part, at)
            if head.height > avail:
                continue
            if head.content_rows < rules.dialogue_head:
                return None
            if tail.content_rows < rules.dialogue_tail:
                continue
            return head, tail
        return None

    def force_split(self, avail: int) -> tuple[Block, Block] | None:
        for part, at in self._candidates(Rules(split_after_parenthetical=True)):
            head, tail = self._pieces(part, at)
            if head.height <= avail and tail.parts:
                return head, tail
        # No sentence end fits: cut the first part that overflows at a line.
        used = len(self.cue_spans) + (0 if self.more_free else 1)
        for i, spans in enumerate(self.part_spans):
            if used + len(spans) > avail:
                n = avail - used
                if n >= 1 and len(spans) > 1:
                    return self._pieces(i, spans[min(n, len(spans) - 1)][0])
                if i > 0:
                    return self._pieces(i, None)
                return None
            used += len(spans)
        return None


@dataclass(eq=False, slots=True)
class DualBlock(Block):
    """Two speeches side by side; its height is the taller column. Never split."""

    index: int
    left: SpeechBlock
    right: SpeechBlock
    pos: Pos | None
    space_before: int

    @property
    def height(self) -> int:
        return max(self.left.height, self.right.height)

    def unpaired(self) -> list[Block]:
        """The two speeches one after the other, for a pair taller than a whole page."""
        return [self.left, replace(self.right, space_before=self.space_before)]

    def rows(self) -> list[Row]:
        left, right = self.left.rows(), self.right.rows()
        n = max(len(left), len(right))
        left += [()] * (n - len(left))
        right += [()] * (n - len(right))
        return [a + b for a, b in zip(left, right, strict=True)]


def _continued_cue(cue: str, contd: str) -> str:
    """``EDWARD (V.O.)`` -> ``EDWARD (V.O.) (CONT'D)``, unless the cue already says so."""
    norm = contd.replace("\u2019", "'").lower()
    if cue.replace("\u2019", "'").lower().rstrip().endswith(norm):
        return cue
    return f"{cue} {contd}"
