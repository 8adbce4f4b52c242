"""The script breakdown: headings parsed, eighths counted as Final Draft does, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from paperwork.errors import Diagnostics
from paperwork.model.pages import LETTER
from paperwork.model.screenplay import (
    Action,
    Dialogue,
    DualDialogue,
    SceneHeading,
    Screenplay,
    Speech,
    TitleField,
    TitlePage,
    runs,
)
from paperwork.model.source import Pos
from paperwork.paginator import layout_for, paginate
from paperwork.planning.breakdown import (
    COLUMNS,
    breakdown_csv,
    breakdown_json,
    build_breakdown,
    format_eighths,
    parse_heading,
)
from paperwork.readers.fdx import read_fdx_file


def at(line: int) -> Pos:
    return Pos("s.fountain", line)


def speech(name: str, line: int, text: str = "Hi.") -> Speech:
    return Speech(name, (), (Dialogue(runs(text), at(line)),), at(line))


def sample() -> Screenplay:
    title = TitlePage((TitleField("Title", (runs("Sample"),), at(1)),), at(1))
    elements = (
        SceneHeading(runs("INT. KITCHEN - NIGHT"), at(3)),
        speech("ANNA", 5),
        Action(runs("She waits."), at(8)),
        Speech("BOB", ("V.O.",), (Dialogue(runs("Yes."), at(10)),), at(10)),
        speech("ANNA", 12),
        SceneHeading(runs("EXT. GARDEN - DAY"), at(15)),
        DualDialogue(speech("CAROL", 17), speech("ANNA", 19), at(17)),
        Action(runs("\n".join(["Rain."] * 20)), at(21)),
    )
    return Screenplay("s.fountain", title, elements)


def breakdown_of(script: Screenplay):
    return build_breakdown(script, paginate(script, layout_for(script)))


@pytest.mark.parametrize(
    ("heading", "parsed"),
    [
        ("INT. KITCHEN - NIGHT", ("INT", "KITCHEN", "NIGHT")),
        ("EXT.  CAMPFIRE - NIGHT (1977)", ("EXT", "CAMPFIRE", "NIGHT (1977)")),
        ("INT./EXT. CAR - MOVING - NIGHT", ("INT/EXT", "CAR - MOVING", "NIGHT")),
        ("I/E VAN - DAY", ("INT/EXT", "VAN", "DAY")),
        ("EST. CITY - DAWN", ("EXT", "CITY", "DAWN")),
        ("FOYER - 5 YEARS LATER", ("", "FOYER", "5 YEARS LATER")),
        ("INT. GS - TRANSPORTER ROOM", ("INT", "GS - TRANSPORTER ROOM", "")),
        ("A RIVER.", ("", "A RIVER", "")),
        ("INTERIOR DESIGN", ("", "INTERIOR DESIGN", "")),
    ],
)
def test_parse_heading(heading: str, parsed: tuple[str, str, str]) -> None:
    """Headings split into INT/EXT, set and time of day; unknown parts stay in the set."""
    assert parse_heading(heading) == parsed


@pytest.mark.parametrize(
    ("n", "text"), [(1, "1/8"), (7, "7/8"), (8, "1"), (11, "1 3/8"), (16, "2"), (29, "3 5/8")]
)
def test_format_eighths(n: int, text: str) -> None:
    """Eighths print as a first AD writes them."""
    assert format_eighths(n) == text


def test_build_breakdown_rows() -> None:
    """Numbers, pages, speakers in order of first appearance, positions."""
    b = breakdown_of(sample())
    assert (b.title, b.pages) == ("Sample", 1)
    first, second = b.scenes
    assert (first.number, first.int_ext, first.set, first.time_of_day) == (
        "1",
        "INT",
        "KITCHEN",
        "NIGHT",
    )
    assert first.characters == ("ANNA", "BOB")
    assert second.characters == ("CAROL", "ANNA")
    assert (first.page, str(first.pos), str(second.pos)) == ("1", "s.fountain:3", "s.fountain:15")
    assert (first.pos.line, first.pos.column) == (3, 0)  # the heading's line, no column


def test_eighths_round_up_with_a_minimum_of_one() -> None:
    """Rows from heading to heading in eighths of 54 rows (6.75 each), rounded up."""
    b = breakdown_of(sample())
    # Scene 1: from row 0 to the top of the next heading's space-before (row 12): 12 rows.
    # Scene 2: from there to the end of its twenty lines of rain (row 39): 27 rows.
    assert [s.eighths for s in b.scenes] == [2, 4]
    tiny = Screenplay(
        "t", None, (SceneHeading(runs("INT. A - DAY"), at(1)), SceneHeading(runs("B"), at(2)))
    )
    assert [s.eighths for s in breakdown_of(tiny).scenes] == [1, 1]
    assert LETTER.lines_per_page == 54


def test_json_shape() -> None:
    """The JSON has exactly the agreed keys, in order, and survives json.dumps."""
    data = breakdown_json(breakdown_of(sample()))
    assert list(data) == ["title", "pages", "scenes"]
    assert list(data["scenes"][0]) == list(COLUMNS)
    assert data["scenes"][0]["characters"] == ["ANNA", "BOB"]
    assert json.loads(json.dumps(data))["pages"] == 1


def test_csv_shape() -> None:
    """CSV has a header of the same columns; characters are joined by '; '."""
    text = breakdown_csv(breakdown_of(sample()))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(COLUMNS)
    assert rows[1] == [
        "1",
        "INT. KITCHEN - NIGHT",
        "INT",
        "KITCHEN",
        "NIGHT",
        "1",
        "2",
        "ANNA; BOB",
        "s.fountain:3",
    ]


@pytest.mark.parametrize(
    ("name", "floor"),
    [("big_fish__finaldraft.fdx", 1.0), ("clean_code_e17__unclebob.fdx", 1.0)],
)
def test_eighths_match_final_draft(corpus: Path, name: str, floor: float) -> None:
    """Every scene's eighths equal the Length Final Draft stored for it."""
    script = read_fdx_file(corpus / "fdx" / name, Diagnostics())
    b = breakdown_of(script)
    stored = [_eighths(f.length) for f in script.scene_facts]
    same = sum(s.eighths == want for s, want in zip(b.scenes, stored, strict=True))
    assert same / len(stored) >= floor


def _eighths(length: str) -> int:
    total = 0
    for part in length.split():
        if "/" in part:
            total += int(part.split("/")[0])
        else:
            total += 8 * int(part)
    return total
