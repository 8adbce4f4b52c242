"""Elements merged per scene: table rows and script tags de-duplicated, each with its sources."""

from __future__ import annotations

import re
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.pipeline import prepare_script
from paperwork.planning.breakdown import build_breakdown
from paperwork.planning.elements import ElementBreakdown, day_elements, scene_elements
from paperwork.readers.fountain import read_fountain
from paperwork.readers.production import read_production
from paperwork.scripts import paginate_script, read_script

MANIFEST = """\
title: Elements Test
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
script: script.fountain
tables:
  elements: elements.csv
  cast: cast.csv
"""
SCRIPT = """\
Title: Elements Test

[[prop: Lost lantern]]

INT. CHAPEL - DAY

Rose lifts the lid of [[prop: The coffin.]] the coffin. [[SFX: Candle smoke]]

ROSE
Goodbye.

EXT. ROAD - NIGHT

A car waits. [[vehicle: Land Rover]]
"""
ELEMENTS = """\
scene,category,element,notes
1,Props,coffin,Pilot's flag
1,Cast,Rose,
9,Props,Anchor,
2,Vehicles,land rover,Picture vehicle
2,Hair & Make-up,Rain-soaked hair,
"""


def _elements(tmp_path: Path) -> tuple[Production, ElementBreakdown]:
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "script.fountain").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    (tmp_path / "cast.csv").write_text("id,artist,character\n1,Jo Bloggs,ROSE\n", "utf-8")
    d = Diagnostics()
    production = read_production(tmp_path, d)
    assert production is not None and not list(d)
    script = prepare_script(production, d)
    assert script is not None
    breakdown = build_breakdown(script.screenplay, script.paginated)
    return production, scene_elements(production, breakdown, script.screenplay)


def test_table_and_tags_merge_by_name_keeping_every_source(tmp_path: Path) -> None:
    """``coffin`` (table) and ``The coffin.`` (tag) are one prop with both sources; the cast
    row naming the speaker merges with the script's; boxes come in sheet order."""
    _, found = _elements(tmp_path)
    one = found.of("1")
    assert one is not None
    got = [(e.category, e.name, e.notes, [str(p) for p in e.sources]) for e in one.elements]
    assert got == [
        ("cast", "1. ROSE", "", ["script.fountain:5", "elements.csv:3"]),
        ("props", "coffin", "Pilot's flag", ["elements.csv:2", "script.fountain:7:23"]),
        ("sfx", "Candle smoke", "", ["script.fountain:7:57"]),
    ]
    two = found.of("2")
    assert two is not None
    assert [(e.category, e.name, len(e.sources)) for e in two.elements] == [
        ("make-up/hair", "Rain-soaked hair", 1),
        ("vehicles", "land rover", 2),
    ]


def test_what_cannot_be_placed_is_located(tmp_path: Path) -> None:
    """A row for a scene the script lacks, and a tag above the first heading, are warnings
    at the row's scene cell and at the note; reported once however often asked."""
    _, found = _elements(tmp_path)
    d = Diagnostics()
    found.report(d)
    found.report(d)
    assert [(x.code, str(x.pos)) for x in d] == [
        ("element-unknown-scene", "elements.csv:4:scene"),
        ("tag-outside-scene", "script.fountain:3:1"),
    ]


def test_day_elements_leave_out_what_notes_name_and_the_cast(tmp_path: Path) -> None:
    """Department lines in box order, scene numbers given; cast left out, and an element
    the day's notes already name (``Land Rover``) too."""
    _, found = _elements(tmp_path)
    lines = day_elements(found, ["1", "2"], ["Land Rover from 18:00 at the lay-by"])
    assert lines == (
        ("Props", "coffin (sc. 1)"),
        ("Hair & make-up", "Rain-soaked hair (sc. 2)"),
        ("Special effects", "Candle smoke (sc. 1)"),
    )


def test_demo_tags_change_no_printed_line(demo: Path) -> None:
    """The demo's ``[[prop: ...]]`` notes tag elements but move no line of the paginated
    script: every page is the same with the tag notes cut out of the file."""
    d = Diagnostics()
    path = demo / "script.fountain"
    tagged = read_script(path, d)
    assert len(tagged.tags) >= 5
    plain_text = re.sub(
        r" ?\[\[(prop|animals|vehicle|sfx|costume): [^\]]*\]\]", "", path.read_text("utf-8")
    )
    untagged = read_fountain(plain_text, "script.fountain", d)
    assert untagged.tags == () and not list(d)

    def lines(script: object) -> list[list[tuple[int, str]]]:
        pages = paginate_script(script, "letter").pages  # type: ignore[arg-type]
        return [[(ln.row, ln.text) for ln in p.lines] for p in pages]

    assert lines(tagged) == lines(untagged)
