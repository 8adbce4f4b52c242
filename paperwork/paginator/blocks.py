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
from paperwork.paginator.wrap import Lines, sentence_ends, slice_runs

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


def _lines(style: ElementStyle, text: str, continued: bool) -> Lines:
    first = chars(style) if continued else first_chars(style)
    return Lines(text, chars(style), first)


def _rows(
    style: ElementStyle,
    runs: StyledText,
    text: str,
    spans: Lines,
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
    continued: bool = False  # a tail carried over from the previous page

    @property
    def sticky(self) -> bool:
        """Must not end a page (a scene heading, a shot)."""
        return False

    @property
    def keep_with_previous(self) -> bool:
        """Must not start a page (a transition)."""
        return False

    @property
    def lead(self) -> int:
        """Rows drawn above the block's first counted row."""
        return 0

    @property
    def height(self) -> int:
        raise NotImplementedError

    def rows(self) -> list[Row]:
        raise NotImplementedError

    def fits(self, rows: int) -> bool:
        """``height <= rows``, measuring no more of the block than that takes."""
        return self.height <= rows

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
    spans: Lines = field(init=False)

    def __post_init__(self) -> None:
        self.text = plain(self.runs)
        self.spans = _lines(self.style, self.text, self.continued)

    @property
    def sticky(self) -> bool:
        return self.rule in ("heading", "character")

    @property
    def keep_with_previous(self) -> bool:
        return self.rule == "transition"

    @property
    def height(self) -> int:
        return len(self.spans) * self.spacing

    def fits(self, rows: int) -> bool:
        if rows < 0:
            return False
        return self.spans.at_most(rows // self.spacing + 1) * self.spacing <= rows

    def _last_start(self, avail: int) -> int | None:
        """The last offset a head of ``avail`` rows can end at (``None``: any offset).

        Wrapping is greedy, so the text before an offset wraps exactly as the whole text
        does up to the line holding it: a head ending at or before the start of line
        ``avail`` fits, one ending after it does not. Splits pass over the candidates past
        it without wrapping each (that made a long paragraph quadratic); the head chosen is
        still wrapped and measured itself.
        """
        n = avail // self.spacing
        return self.spans[n][0] if self.spans.at_most(n + 1) > n else None

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
        for at in reversed(sentence_ends(self.text, self._last_start(avail))):
            head, tail = self._pieces(at)
            if head.height > avail:
                continue
            if len(head.spans) < rules.action_head:
                return None
            if tail.spans.at_most(rules.action_tail) < rules.action_tail:
                continue
            return head, tail
        return None

    def _split_lines(self, avail: int, min_head: int, min_tail: int) -> tuple[Block, Block] | None:
        n = avail // self.spacing
        n = min(n, self.spans.at_most(n + min_tail) - min_tail)
        if n < min_head:
            return None
        at = self.spans[n][0]
        head, tail = self._pieces(at)
        return head, tail

    def force_split(self, avail: int) -> tuple[Block, Block] | None:
        if avail < 1 or self.fits(1):
            return None
        for at in reversed(sentence_ends(self.text, self._last_start(avail))):
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
    cue_spans: Lines = field(init=False)
    part_spans: list[Lines] = field(init=False)

    def __post_init__(self) -> None:
        self.cue_text = _continued_cue(self.cue, self.contd) if self.continued else self.cue
        self.cue_spans = (
            _lines(self.cue_style, self.cue_text, False) if self.cue_text else Lines.empty()
        )
        self.part_spans = [_lines(p.style, p.text, p.continued) for p in self.parts]

    @property
    def height(self) -> int:
        more = 1 if self.has_more and not self.more_free else 0
        return len(self.cue_spans) - self.lead + self.content_rows + more

    @property
    def lead(self) -> int:
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

    def _content_budget(self, avail: int) -> int:
        """The most rows of parentheticals and dialogue a head of ``avail`` rows holds."""
        more = 0 if self.more_free else 1
        return avail - (len(self.cue_spans) - self.lead + more)

    def _candidates(self, rules: Rules, avail: int) -> list[tuple[int, int | None]]:
        """Split points whose head fits in ``avail`` rows, last first: sentence ends inside
        parts and part boundaries.

        Wrapping is greedy, so the text before an offset wraps exactly as the whole part does
        up to the line holding it: heads ending at or before the start of the first line past
        the budget fit, later ones do not. Those are passed over without wrapping each (that
        made a long speech quadratic); the head chosen is still wrapped and measured itself.
        """
        budget = self._content_budget(avail)
        if budget < 0:
            return []
        last_part, last_start = len(self.parts) - 1, None
        used = 0
        for i, spans in enumerate(self.part_spans):
            room = budget - used
            if spans.at_most(room + 1) > room:
                last_part, last_start = i, spans[room][0]
                break
            used += len(spans)
        found: list[tuple[int, int | None]] = []
        for i in range(last_part, -1, -1):
            part = self.parts[i]
            stop = last_start if i == last_part else None
            if part.kind != "parenthetical":
                if rules.break_at_sentences:
                    ends = sentence_ends(part.text, stop)
                else:
                    spans = self.part_spans[i]
                    k = len(spans) if stop is None else spans.lines_before(stop + 1)
                    ends = [a for a, _ in spans[1:k]]
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

    def _content_at_most(self, n: int) -> int:
        """``min(n, content_rows)``, wrapping no more than that takes."""
        got = 0
        for spans in self.part_spans:
            if got >= n:
                return n
            got += spans.at_most(n - got)
        return min(n, got)

    def fits(self, rows: int) -> bool:
        more = 1 if self.has_more and not self.more_free else 0
        room = rows - (len(self.cue_spans) - self.lead + more)
        return room >= 0 and self._content_at_most(room + 1) <= room

    def split(self, avail: int, rules: Rules) -> tuple[Block, Block] | None:
        if avail < len(self.cue_spans) + rules.dialogue_head:
            return None
        for part, at in self._candidates(rules, avail):
            head, tail = self._pieces(part, at)
            if head.height > avail:
                continue
            if head.content_rows < rules.dialogue_head:
                return None
            if tail._content_at_most(rules.dialogue_tail) < rules.dialogue_tail:
                continue
            return head, tail
        return None

    def force_split(self, avail: int) -> tuple[Block, Block] | None:
        for part, at in self._candidates(Rules(split_after_parenthetical=True), avail):
            head, tail = self._pieces(part, at)
            if head.height <= avail and tail.parts:
                return head, tail
        # No sentence end fits: cut the first part that overflows at a line.
        used = len(self.cue_spans) + (0 if self.more_free else 1)
        for i, spans in enumerate(self.part_spans):
            n = avail - used
            if spans.at_most(n + 1) > n:  # this part runs past the page
                if n >= 1 and spans.at_most(2) > 1:
                    return self._pieces(i, spans[n][0])
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
