"""Script breakdown: scenes with their start page, length in eighths and speaking characters.

Eighths are counted as Final Draft counts a scene's ``Length`` (checked against every scene of
Big Fish and Clean Code as Final Draft stored them): a scene runs from the top of its heading
(its space-before included, unless the heading starts a page and the space was dropped) to the
top of the next heading, or to its last line when it is the last scene; rows left empty at the
foot of a page (where a paragraph would not fit) do not count; the rows are then measured in
eighths of the page's ``lines_per_page`` (6.75 rows on Letter) and rounded up, never below 1/8.
"""

from __future__ import annotations

import csv
import io
import re

from paperwork.model.breakdown import Breakdown, SceneBreakdown
from paperwork.model.pages import PaginatedScript, SceneSpan
from paperwork.model.screenplay import (
    DualDialogue,
    Element,
    SceneHeading,
    Screenplay,
    Speech,
    plain,
)
from paperwork.model.source import Pos

__all__ = [
    "COLUMNS",
    "breakdown_csv",
    "breakdown_json",
    "build_breakdown",
    "format_eighths",
    "parse_heading",
    "scene_eighths",
]

COLUMNS = (
    "number",
    "heading",
    "int_ext",
    "set",
    "time_of_day",
    "page",
    "eighths",
    "characters",
    "pos",
)

_PREFIX = re.compile(
    r"^\s*(?P<p>int\.?\s*/\s*ext|ext\.?\s*/\s*int|i\s*/\s*e|int|ext|est)\b\.?\s*",
    re.IGNORECASE,
)
_TIMES = {
    "DAY",
    "NIGHT",
    "MORNING",
    "AFTERNOON",
    "EVENING",
    "DAWN",
    "DUSK",
    "SUNRISE",
    "SUNSET",
    "NOON",
    "MIDNIGHT",
    "CONTINUOUS",
    "LATER",
    "MOMENTS",
    "SAME",
    "MAGIC",
    "FLASHBACK",
    "PRESENT",
    "TIME",
}


def parse_heading(heading: str) -> tuple[str, str, str]:
    """``INT.  WILL'S BEDROOM - NIGHT (1973)`` -> ``("INT", "WILL'S BEDROOM", "NIGHT (1973)")``.

    The time of day is the last `` - `` part when it holds a time word (DAY, NIGHT,
    CONTINUOUS, LATER...); otherwise the whole rest is the set.
    """
    text = " ".join(heading.split())
    int_ext = ""
    m = _PREFIX.match(text)
    if m:
        prefix = m.group("p").upper().replace(" ", "").replace(".", "")
        int_ext = {"INT": "INT", "EXT": "EXT", "EST": "EXT"}.get(prefix, "INT/EXT")
        text = text[m.end() :]
    set_name, time_of_day = text, ""
    parts = re.split(r"\s+[-\u2013\u2014]+\s+", text)
    if len(parts) > 1:
        last = parts[-1]
        if _TIMES.intersection(re.findall(r"[A-Z]+", last.upper())):
            set_name, time_of_day = " - ".join(parts[:-1]), last
    return int_ext, set_name.strip(" ."), time_of_day.strip()


def _used_rows(paginated: PaginatedScript) -> list[int]:
    """Rows each page fills: down to its last line that is not the (MORE) in the margin."""
    lines_per_page = paginated.layout.lines_per_page
    used = []
    for page in paginated.pages:
        rows = [ln.row for ln in page.lines if ln.kind != "more"]
        used.append(min(lines_per_page, max(rows, default=-1) + 1))
    return used


def scene_eighths(paginated: PaginatedScript) -> list[int]:
    """Each scene's length in eighths of a page, as Final Draft counts ``Length``."""
    lines_per_page = paginated.layout.lines_per_page
    gap = paginated.layout.style("scene_heading").space_before
    used = _used_rows(paginated)

    def top(span: SceneSpan) -> int:
        return span.start_row - gap if span.start_row > 0 else span.start_row

    out = []
    spans = paginated.scenes
    for k, span in enumerate(spans):
        if k + 1 < len(spans):
            end_page, end_row = spans[k + 1].start_page, top(spans[k + 1])
        else:
            end_page, end_row = span.end_page, span.end_row
        start = top(span)
        if end_page == span.start_page:
            rows = end_row - start
        else:
            rows = used[span.start_page] - start + sum(used[span.start_page + 1 : end_page])
            rows += end_row
        out.append(max(1, -(-rows * 8 // lines_per_page)))
    return out


def _speakers(elements: tuple[Element, ...]) -> tuple[str, ...]:
    names: list[str] = []
    for e in elements:
        match e:
            case Speech(character=name):
                speakers = [name]
            case DualDialogue(left=left, right=right):
                speakers = [left.character, right.character]
            case _:
                continue
        for name in speakers:
            if name and name not in names:
                names.append(name)
    return tuple(names)


def build_breakdown(script: Screenplay, paginated: PaginatedScript) -> Breakdown:
    """One row per scene of ``script`` as ``paginated`` lays it out."""
    eighths = scene_eighths(paginated)
    spans = paginated.scenes
    ends = [s.heading_index for s in spans[1:]] + [len(script.elements)]
    scenes = []
    for span, length, stop in zip(spans, eighths, ends, strict=True):
        heading = script.elements[span.heading_index]
        assert isinstance(heading, SceneHeading)
        text = " ".join(plain(heading.text).split())
        int_ext, set_name, time_of_day = parse_heading(text)
        scenes.append(
            SceneBreakdown(
                number=span.number,
                heading=text,
                int_ext=int_ext,
                set=set_name,
                time_of_day=time_of_day,
                page=paginated.pages[span.start_page].number,
                eighths=length,
                characters=_speakers(script.elements[span.heading_index + 1 : stop]),
                pos=Pos(heading.pos.file, heading.pos.line),  # file and line, as promised
            )
        )
    return Breakdown(title=script.title, pages=len(paginated.pages), scenes=tuple(scenes))


def format_eighths(n: int) -> str:
    """Eighths as a first AD writes them: ``3/8``, ``1``, ``1 3/8``."""
    whole, part = divmod(n, 8)
    if not part:
        return str(whole)
    return f"{whole} {part}/8" if whole else f"{part}/8"


def _row(scene: SceneBreakdown) -> dict[str, object]:
    return {
        "number": scene.number,
        "heading": scene.heading,
        "int_ext": scene.int_ext,
        "set": scene.set,
        "time_of_day": scene.time_of_day,
        "page": scene.page,
        "eighths": scene.eighths,
        "characters": list(scene.characters),
        "pos": str(scene.pos),  # "file:line"
    }


def breakdown_json(b: Breakdown) -> dict[str, object]:
    """``{"title", "pages", "scenes": [{"number", ..., "pos"}]}``, ready for ``json.dumps``."""
    return {"title": b.title, "pages": b.pages, "scenes": [_row(s) for s in b.scenes]}


def breakdown_csv(b: Breakdown) -> str:
    """The scenes as CSV with a header row; characters joined by ``"; "``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for scene in b.scenes:
        row = _row(scene)
        row["characters"] = "; ".join(scene.characters)
        writer.writerow([row[c] for c in COLUMNS])
    return out.getvalue()
