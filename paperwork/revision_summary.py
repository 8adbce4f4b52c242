"""A revision's one-page summary: the scenes it changes, each scene's length before and
after in eighths, and the pages it reprints, laid out as plain script lines for the revised
pages packet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from paperwork.model.pages import PageLayout, PageLine, PaginatedScript
from paperwork.model.revision import (
    RevisionColour,
    RevisionEntry,
    RevisionSummary,
    SceneChange,
    SceneChangeKind,
)
from paperwork.model.screenplay import (
    Screenplay,
    TextRun,
)


@dataclass(frozen=True, slots=True)
class History:
    """The revisions issued, White first, with what prints them: the colour order that names
    each one and its date in the production's format (by revision id; empty when undated)."""

    entries: tuple[RevisionEntry, ...]
    order: tuple[RevisionColour, ...]
    dates: Mapping[int, str]

    def name(self, entry: RevisionEntry) -> str:
        """The entry's colour as the order names it (as recorded, past the order's end)."""
        return self.order[entry.id].name if entry.id < len(self.order) else entry.colour


def _eighths(paginated: PaginatedScript | None) -> dict[str, int]:
    if paginated is None or not paginated.scenes:
        return {}
    from paperwork.planning.breakdown import scene_eighths

    return {
        span.number: n
        for span, n in zip(paginated.scenes, scene_eighths(paginated), strict=True)
        if span.number
    }


def summarise(
    title: str,
    target: RevisionColour,
    history: History,
    before: PaginatedScript | None,
    full: PaginatedScript,
    issued: tuple[str, ...],
    changes: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    script: Screenplay,
) -> RevisionSummary:
    changed, added, omitted = changes
    after_eighths = _eighths(full)
    before_eighths = _eighths(before)
    entries, dates = history.entries, history.dates
    previous = entries[-2] if len(entries) > 1 else entries[-1]
    prev_name = history.name(previous)
    prev_text = f"{prev_name} {dates.get(previous.id, '')}".strip()
    if previous.id > 0:
        prev_text = f"{prev_name} Rev. {dates.get(previous.id, '')}".strip()
    headings: dict[str, str] = {}
    from paperwork.model.screenplay import SceneHeading, plain

    for e in script.elements:
        if isinstance(e, SceneHeading) and e.number:
            headings.setdefault(e.number, " ".join(plain(e.text).split()))
    scenes: list[SceneChange] = []
    touched = set(changed) | set(added) | set(omitted)
    for span in full.scenes:
        number = span.number
        kind: SceneChangeKind | None = None
        if number in added:
            kind = "added"
        elif number in changed:
            kind = "changed"
        elif any(n in omitted for n in _expand(number)):
            kind = "omitted"
        elif before is not None and before_eighths.get(number) != after_eighths.get(number):
            kind = "length"
        if kind is None:
            continue
        touched.discard(number)
        b = 0 if kind == "added" else before_eighths.get(number, 0)
        a = 0 if kind == "omitted" else after_eighths.get(number, 0)
        if kind == "omitted":
            for n in _expand(number):
                touched.discard(n)
                scenes.append(SceneChange(n, "OMITTED", "omitted", before_eighths.get(n, 0), 0))
            continue
        scenes.append(SceneChange(number, headings.get(number, ""), kind, b, a))
    for n in sorted(touched & set(omitted)):
        scenes.append(SceneChange(n, "OMITTED", "omitted", before_eighths.get(n, 0), 0))
    return RevisionSummary(
        title=title,
        colour=target.name,
        date=dates.get(target.id, ""),
        previous=prev_text,
        pages_issued=issued,
        pages_before=len(before.pages) if before is not None else len(full.pages),
        pages_after=len(full.pages),
        scenes=tuple(scenes),
    )


def _expand(number: str) -> list[str]:
    """``12-14`` (combined OMITTED scenes) -> the numbers it stands for, when plain."""
    if "-" not in number:
        return [number]
    a, b = number.split("-", 1)
    if a.isdigit() and b.isdigit() and int(a) <= int(b):
        return [str(n) for n in range(int(a), int(b) + 1)]
    return [a, b]


def _fmt_eighths(n: int) -> str:
    from paperwork.planning.breakdown import format_eighths

    return format_eighths(n) if n else "-"


def _delta(before: int, after: int) -> str:
    d = after - before
    if d == 0:
        return "0"
    sign = "+" if d > 0 else "-"
    from paperwork.planning.breakdown import format_eighths

    return sign + format_eighths(abs(d))


def _wrapped(text: str, width: int, indent: int = 0) -> list[str]:
    """``text`` wrapped at ``width`` characters, never cut; later lines ``indent`` deeper."""
    from paperwork.paginator.wrap import wrap

    first = wrap(text, width)[0]
    lines = [text[first[0] : first[1]].rstrip()]
    rest = text[first[1] :].lstrip()
    if rest:
        pad = " " * indent
        lines += [pad + rest[a:b].rstrip() for a, b in wrap(rest, max(1, width - indent))]
    return lines


def _pages_text(numbers: Sequence[str], width: int) -> list[str]:
    return _wrapped(", ".join(numbers), width) if numbers else ["none"]


_HEADING_COLUMN = 38  # Scene, Change, Before, After, Delta, then the heading


def summary_pages(summary: RevisionSummary, layout: PageLayout) -> tuple[tuple[PageLine, ...], ...]:
    """The summary of a revision, laid out as lines of the script's own type: one page, or
    more when the scenes do not fit (the table's heading repeated). Nothing is cut short:
    long headings, titles and lists of scenes wrap."""
    # Whole characters between the margins (10 to the inch): nothing prints past the right one.
    width = int((layout.width - layout.left_margin - layout.right_margin) * 10 + 1e-6)
    text: list[str] = ["REVISION SUMMARY", ""]
    text += _wrapped(summary.title.upper(), width)
    text += _wrapped(
        f"{summary.colour} Rev. {summary.date}".rstrip() + f"   (against {summary.previous})",
        width,
        2,
    )
    text.append("")
    issued = summary.pages_issued
    text.append(f"Pages issued ({len(issued)}):")
    text += ["  " + ln for ln in _pages_text(issued, width - 2)]
    text += _wrapped(
        f"Page count: {summary.pages_before} before, {summary.pages_after} after", width, 2
    )
    text.append("")
    kinds: tuple[SceneChangeKind, ...] = ("changed", "added", "omitted")
    for kind in kinds:
        numbers = summary.numbers(kind)
        shown = ", ".join(numbers) if numbers else "none"
        text += _wrapped(f"Scenes {kind}: {shown}", width, 2)
    text.append("")
    table_head = f"{'Scene':<7}{'Change':<8}{'Before':>7}{'After':>7}{'Delta':>7}  Heading"
    rows: list[list[str]] = []
    room = max(1, width - _HEADING_COLUMN)
    for s in summary.scenes:
        cells = (
            f"{s.number:<7}{s.change:<8}{_fmt_eighths(s.eighths_before):>7}"
            f"{_fmt_eighths(s.eighths_after):>7}{_delta(s.eighths_before, s.eighths_after):>7}  "
        )
        heading = _wrapped(s.heading, room) if s.heading else [""]
        pad = " " * len(cells)
        rows.append([cells + heading[0], *(pad + h for h in heading[1:])])
    per_page = layout.lines_per_page
    pages: list[list[str]] = [[]]

    def put(block: list[str], table: bool) -> None:
        """A block kept on one page (a scene's row); a new page repeats the table's head."""
        head = ["REVISION SUMMARY (continued)", "", *([table_head] if table else [])]
        if len(pages[-1]) + len(block) > per_page:
            pages.append(list(head))
        for line in block:  # a block taller than a page (never in practice) still all prints
            if len(pages[-1]) >= per_page:
                pages.append(list(head))
            pages[-1].append(line)

    for line in text:
        put([line], False)
    if rows:
        put([table_head], False)
    for row in rows:
        put(row, True)
    left = layout.left_margin
    return tuple(
        tuple(
            PageLine(n, left, (TextRun(t),), "general") for n, t in enumerate(page[:per_page]) if t
        )
        for page in pages
    )
