"""The title page, laid out in rows and inches like a body page.

Industry layout, as Final Draft prints it (measured on its Big Fish PDF: title a third of
the way down, credit and author below it, notes right-aligned and copyright at the left at
the foot of the page) and as fountain.io recommends:

* **Centred**, starting a third of the way down the page: Title; three blank rows; Credit;
  one blank row; Author(s); three blank rows; Source. Missing fields close up.
* **Bottom left**: Contact, then Copyright.
* **Bottom right**, each line right-aligned on the right margin: Notes, then Draft date
  (``Date`` and ``Revision`` count as draft dates).

Multi-line values keep their lines; long lines wrap at spaces (a word longer than the space
is split) to the body width, so a wide title page never spills off the paper. When the two
bottom blocks would meet they are stacked, left block first. Everything stays within
``layout.lines_per_page`` rows: the centre block moves up when the foot is tall, and on a
title page too full for the paper the lines that do not fit are dropped.

Keys match ignoring case, spaces and underscores. **Unknown keys are not printed** (the
lumenwrites scripts carry ``slug:``, ``imdb:`` and ``image:``, which are not for paper).
"""

from __future__ import annotations

from paperwork.model.pages import CHAR_IN, PageLayout, PageLine
from paperwork.model.screenplay import StyledText, TextRun, TitleField, TitlePage
from paperwork.model.source import Pos

# Blank rows before each centred group (the first group's gap is ignored).
_CENTRE: tuple[tuple[frozenset[str], int], ...] = (
    (frozenset({"title"}), 0),
    (frozenset({"credit"}), 3),
    (frozenset({"author", "authors"}), 1),
    (frozenset({"source"}), 3),
)
_BOTTOM_LEFT: tuple[frozenset[str], ...] = (
    frozenset({"contact", "contactinfo"}),
    frozenset({"copyright"}),
)
_BOTTOM_RIGHT: tuple[frozenset[str], ...] = (
    frozenset({"notes", "note"}),
    frozenset({"draftdate", "date", "revision"}),
)
_GUTTER = 4  # characters kept free between the two bottom blocks when side by side

KNOWN_KEYS: frozenset[str] = frozenset().union(
    *(keys for keys, _gap in _CENTRE), *_BOTTOM_LEFT, *_BOTTOM_RIGHT
)

_Line = tuple[StyledText, Pos]


def _key(key: str) -> str:
    return "".join(ch for ch in key.lower() if ch.isalnum())


def layout_title_page(title_page: TitlePage, layout: PageLayout) -> tuple[PageLine, ...]:
    """The title page as ``PageLine`` values of kind ``"title"``, rows from the top margin."""
    width = max(1, round((layout.width - layout.left_margin - layout.right_margin) / CHAR_IN))
    fields = title_page.fields

    centre: list[_Line | None] = []  # None is a blank row
    for keys, gap in _CENTRE:
        block = _block(fields, keys, width)
        if not block:
            continue
        if centre:
            centre.extend([None] * gap)
        centre.extend(block)

    left = _stack([_block(fields, keys, width) for keys in _BOTTOM_LEFT])
    right = _stack([_block(fields, keys, width) for keys in _BOTTOM_RIGHT])
    left_w = max((_len(line) for line in left if line is not None), default=0)
    right_w = max((_len(line) for line in right if line is not None), default=0)
    # Each foot row holds (left line, right line).
    foot: list[tuple[_Line | None, _Line | None]]
    if not left or not right or left_w + right_w + _GUTTER <= width:
        rows = max(len(left), len(right))
        lpad = [None] * (rows - len(left)) + left
        rpad = [None] * (rows - len(right)) + right
        foot = list(zip(lpad, rpad, strict=True))
    else:
        foot = [(line, None) for line in left] + [(None, None)] + [(None, line) for line in right]

    lines_per_page = layout.lines_per_page
    if len(centre) > lines_per_page:
        centre = centre[:lines_per_page]
    room_for_foot = lines_per_page - len(centre) - (1 if centre else 0)
    if len(foot) > room_for_foot:
        foot = foot[: max(0, room_for_foot)]
    foot_start = lines_per_page - len(foot)
    centre_start = min(lines_per_page // 3, foot_start - (1 if foot else 0) - len(centre))
    centre_start = max(0, centre_start)

    out: list[PageLine] = []
    page_centre = layout.width / 2
    for offset, line in enumerate(centre):
        if line is None:
            continue
        runs, pos = line
        x = page_centre - _len(line) * CHAR_IN / 2
        out.append(PageLine(centre_start + offset, round(x, 3), runs, "title", pos))
    right_edge = layout.width - layout.right_margin
    for offset, (lline, rline) in enumerate(foot):
        row = foot_start + offset
        if lline is not None:
            out.append(PageLine(row, layout.left_margin, lline[0], "title", lline[1]))
        if rline is not None:
            x = right_edge - _len(rline) * CHAR_IN
            out.append(PageLine(row, round(x, 3), rline[0], "title", rline[1]))
    return tuple(out)


def _len(line: _Line | None) -> int:
    return 0 if line is None else sum(len(run.text) for run in line[0])


def _stack(blocks: list[list[_Line | None]]) -> list[_Line | None]:
    """Blocks one under another with a blank row between."""
    out: list[_Line | None] = []
    for block in blocks:
        if not block:
            continue
        if out:
            out.append(None)
        out.extend(block)
    return out


def _block(fields: tuple[TitleField, ...], keys: frozenset[str], width: int) -> list[_Line | None]:
    """Every field with one of ``keys``, in file order: wrapped lines, blank lines kept inside."""
    out: list[_Line | None] = []
    for field in fields:
        if _key(field.key) not in keys:
            continue
        for value_line in field.lines:
            for piece in _split_newlines(value_line):
                wrapped = wrap_runs(piece, width)
                if wrapped:
                    out.extend((runs, field.pos) for runs in wrapped)
                else:
                    out.append(None)
    while out and out[0] is None:
        out.pop(0)
    while out and out[-1] is None:
        out.pop()
    return out


def _split_newlines(runs: StyledText) -> list[StyledText]:
    """A value line that still holds ``\\n`` becomes several lines; tabs become spaces."""
    lines: list[list[TextRun]] = [[]]
    for run in runs:
        parts = run.text.replace("\t", " ").split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(_with_text(run, part))
    return [tuple(line) for line in lines]


def _with_text(run: TextRun, text: str) -> TextRun:
    return TextRun(text, run.bold, run.italic, run.underline, run.revision)


def _slice(runs: StyledText, start: int, end: int) -> StyledText:
    """The characters ``start:end`` of a run sequence, styles kept."""
    out: list[TextRun] = []
    at = 0
    for run in runs:
        lo, hi = max(start, at), min(end, at + len(run.text))
        if lo < hi:
            out.append(_with_text(run, run.text[lo - at : hi - at]))
        at += len(run.text)
    return tuple(out)


def wrap_runs(runs: StyledText, width: int) -> list[StyledText]:
    """Greedy wrap at spaces to ``width`` characters; an over-long word is cut at the width.

    An empty or all-space line gives no lines.
    """
    text = "".join(run.text for run in runs)
    n = len(text)
    lines: list[StyledText] = []
    i = 0
    while i < n:
        while i < n and text[i] == " ":
            i += 1
        if i >= n:
            break
        if n - i <= width:
            end, next_i = n, n
        else:
            cut = text.rfind(" ", i + 1, i + width + 1)
            if cut > i:
                end, next_i = cut, cut + 1
            else:
                end, next_i = i + width, i + width
        while end > i and text[end - 1] == " ":
            end -= 1
        lines.append(_slice(runs, i, end))
        i = next_i
    return lines
