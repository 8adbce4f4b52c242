"""Word wrap in whole characters, with styled runs kept, and sentence boundaries.

Courier is monospaced, so a line's width is its number of characters. A line may break
after a run of spaces (the spaces hang past the margin and are not printed), or after a
hyphen that joins two words (``hundred-`` / ``dollar``). A word longer than the whole width
is cut at the width. Hard line breaks (``\\n``) always end a line; an empty hard line is an
empty printed line. Leading spaces of a paragraph or of a hard line are kept and count.

Everything here works on offsets into the plain text of a paragraph, so the same wrap serves
styled runs (:func:`slice_runs`) and sentence-aware splitting (:func:`sentence_ends`).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import overload

from paperwork.model.screenplay import StyledText, TextRun

__all__ = ["Lines", "Span", "iter_wrap", "sentence_ends", "slice_runs", "wrap", "wrap_count"]

Span = tuple[int, int]  # [start, end) of one printed line in the paragraph's plain text

# A sentence ends at . ? or ! (an ellipsis counts), then any closing quotes or brackets,
# then white space before the next sentence starts.
_SENTENCE_END = re.compile(r"[.?!]+[\"'\u2019\u201d)\]]*(?=\s+\S)")


def _visible_end(text: str, pos: int, end: int) -> int:
    """The end of ``text[pos:end]`` without its trailing spaces."""
    while end > pos and text[end - 1] in " \t":
        end -= 1
    return end


def _fits(text: str, pos: int, end: int, limit: int) -> bool:
    """Does ``text[pos:end]`` fit? A hyphen ending it may hang one character past the edge."""
    n = end - pos
    return n <= limit or (n == limit + 1 and text[end - 1] == "-")


def _last_space(text: str, start: int, end: int, tabs: bool) -> int:
    """The index of the last space (or tab) in ``text[start:end]``, or -1."""
    space = text.rfind(" ", start, end)
    return max(space, text.rfind("\t", start, end)) if tabs else space


def _wrap_line(
    text: str, start: int, end: int, width: int, first_width: int, tabs: bool
) -> Iterator[Span]:
    """Wrap one hard line ``text[start:end]``; the first printed line may be wider."""
    made = 0
    pos = start
    limit = first_width
    lead = _lead(text, start, end)  # leading spaces belong to the first word
    while True:
        stop = _visible_end(text, pos, end)
        if stop == pos or _fits(text, pos, stop, limit):
            break
        best = resume = -1
        # The last space that leaves visible text before it, where that text fits...
        space = _last_space(text, pos, pos + limit + 2, tabs)
        while space > pos:
            cut = _visible_end(text, pos, space)
            if cut > max(pos, lead) and _fits(text, pos, cut, limit):
                best, resume = cut, space
                break
            space = _last_space(text, pos, cut, tabs)
        # ...or after a hyphen joining two words, if that makes the longer line.
        hyphen = text.rfind("-", pos, pos + limit + 1)
        while hyphen > max(pos, lead) and hyphen + 1 > best:
            if text[hyphen + 1 : hyphen + 2].isalpha() and text[hyphen - 1] not in " \t":
                best = resume = hyphen + 1
                break
            hyphen = text.rfind("-", pos, hyphen)
        if best < 0:  # one word longer than the line: cut it
            best = resume = pos + limit
        yield (pos, best)
        made += 1
        while resume < end and text[resume] in " \t":
            resume += 1
        pos = resume
        limit = width
        lead = pos
    if pos < end or not made:
        stop = _visible_end(text, pos, end)
        yield (pos, stop if stop > pos else end)


def _lead(text: str, start: int, end: int) -> int:
    """The end of the leading spaces of ``text[start:end]``."""
    pos = start
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


def wrap(text: str, width: int, first_width: int | None = None) -> list[Span]:
    """The printed lines of ``text`` at ``width`` characters, as spans of the text.

    ``first_width`` is the first line's width (a hanging parenthetical gains a character).
    """
    return list(iter_wrap(text, width, first_width))


def iter_wrap(text: str, width: int, first_width: int | None = None) -> Iterator[Span]:
    """:func:`wrap`'s lines one at a time, each wrapped only when it is asked for."""
    width = max(1, width)
    first = width if first_width is None else max(1, first_width)
    n = len(text)
    if n <= first and "\n" not in text and text[-1:] not in (" ", "\t"):
        yield (0, n)  # the usual short paragraph: one line as it stands
        return
    tabs = "\t" in text
    start = 0
    line_width = first
    while True:
        nl = text.find("\n", start)
        stop = n if nl < 0 else nl
        yield from _wrap_line(text, start, stop, width, line_width, tabs)
        line_width = width
        if nl < 0:
            break
        start = nl + 1


class Lines(Sequence[Span]):
    """A paragraph's printed lines, wrapped only as far as they are asked for.

    The paginator asks "does this fit in 40 rows?" of paragraphs that may run for hundreds of
    pages; wrapping the whole of one to answer made a long paragraph quadratic in its pages.
    ``len()`` and negative indexes wrap it all; :meth:`at_most` and positive indexes do not.
    """

    __slots__ = ("_rest", "_spans")

    def __init__(self, text: str, width: int, first_width: int | None = None) -> None:
        self._spans: list[Span] = []
        self._rest: Iterator[Span] | None = iter_wrap(text, width, first_width)

    @classmethod
    def empty(cls) -> Lines:
        """No lines at all (a speech piece without a cue)."""
        lines = cls("", 1)
        lines._rest = None
        return lines

    def _fill(self, n: int) -> None:
        rest, spans = self._rest, self._spans
        if rest is None:
            return
        while len(spans) < n:
            line = next(rest, None)
            if line is None:
                self._rest = None
                return
            spans.append(line)

    def at_most(self, n: int) -> int:
        """``min(n, len(self))``, wrapping no more than ``n`` lines."""
        self._fill(n)
        return min(n, len(self._spans))

    def lines_before(self, at: int) -> int:
        """How many lines start before offset ``at`` (wrapping only that far)."""
        spans = self._spans
        while self._rest is not None and (not spans or spans[-1][0] < at):
            self._fill(len(spans) + 1)
        return bisect_left(spans, (at, -1))

    def __len__(self) -> int:
        self._fill(sys.maxsize)
        return len(self._spans)

    @overload
    def __getitem__(self, i: int) -> Span: ...
    @overload
    def __getitem__(self, i: slice) -> list[Span]: ...
    def __getitem__(self, i: int | slice) -> Span | list[Span]:
        if isinstance(i, slice):
            self._fill(sys.maxsize if i.stop is None or i.stop < 0 else i.stop)
        else:
            self._fill(sys.maxsize if i < 0 else i + 1)
        return self._spans[i]

    def __iter__(self) -> Iterator[Span]:
        i = 0
        while True:
            self._fill(i + 1)
            if i >= len(self._spans):
                return
            yield self._spans[i]
            i += 1


def wrap_count(text: str, width: int, first_width: int | None = None) -> int:
    """How many printed lines ``text`` takes."""
    return len(wrap(text, width, first_width))


def slice_runs(runs: StyledText, start: int, end: int) -> StyledText:
    """The styled runs covering ``[start, end)`` of their joined text."""
    if len(runs) == 1:
        run = runs[0]
        if start == 0 and end >= len(run.text):
            return runs
        return (TextRun(run.text[start:end], run.bold, run.italic, run.underline, run.revision),)
    out: list[TextRun] = []
    offset = 0
    for run in runs:
        run_end = offset + len(run.text)
        if run_end > start and offset < end:
            a = max(start, offset) - offset
            b = min(end, run_end) - offset
            if a == 0 and b == len(run.text):
                out.append(run)
            else:
                out.append(
                    TextRun(run.text[a:b], run.bold, run.italic, run.underline, run.revision)
                )
        offset = run_end
        if offset >= end:
            break
    return tuple(out)


def sentence_ends(text: str, stop: int | None = None) -> list[int]:
    """Offsets just after each sentence end that has more text after it (up to ``stop``).

    A paragraph may be split there: the text before it stays, the text after it (white space
    skipped) moves on. Hard line breaks count as boundaries too.
    """
    limit = len(text) if stop is None else stop
    ends: set[int] = set()
    for m in _SENTENCE_END.finditer(text):
        if m.end() > limit:
            break
        ends.add(m.end())
    first = _first_visible(text)
    last = _end_visible(text)
    nl = text.find("\n", 0, limit + 1)
    while nl >= 0:  # each run of hard line breaks, where it starts
        after = nl
        while after < len(text) and text[after] == "\n":
            after += 1
        if first < nl and after < last:  # visible text on both sides
            ends.add(nl)
        nl = text.find("\n", after, limit + 1)
    return sorted(ends)


def _first_visible(text: str) -> int:
    i = 0
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _end_visible(text: str) -> int:
    i = len(text)
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i
