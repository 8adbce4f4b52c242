"""Breakdown elements: the elements table, Fountain's tag notes and Final Draft's tagger."""

from __future__ import annotations

from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import category_of, element_key
from paperwork.model.production import Production
from paperwork.model.screenplay import Action, Note, SceneHeading, plain
from paperwork.readers.fdx import read_fdx
from paperwork.readers.fountain import read_fountain
from paperwork.readers.production import read_production

MANIFEST = """\
title: Elements Test
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
tables:
  elements: elements.csv
"""


def _read(tmp_path: Path, rows: str) -> tuple[Production | None, Diagnostics]:
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "elements.csv").write_text("scene,category,element,notes\n" + rows, "utf-8")
    d = Diagnostics()
    return read_production(tmp_path, d), d


def test_usual_spellings_of_each_category() -> None:
    """Spreadsheet, Fountain and Final Draft names map to one box; others to none."""
    assert category_of("Hair & Make-up") == "make-up/hair"
    assert category_of("Makeup/Hair") == "make-up/hair"
    assert category_of("Special Effects") == "sfx"
    assert category_of("Wardrobe") == "costume"
    assert category_of("Background Actors") == "background"
    assert category_of("Picture vehicles") == "vehicles"
    assert category_of("prop") == "props"
    assert category_of("Special Equipment") == "special-equipment"
    assert category_of("Catering") is None
    assert element_key("The  Land Rover.") == element_key("land rover")


def test_table_rows_read_with_scene_lists_and_categories(tmp_path: Path) -> None:
    """A row naming two scenes is one element in each; categories are keyed."""
    p, d = _read(tmp_path, '"3; 7",Props,Coffin,Pilot\'s flag\n5,Hair & Make-up,Mud,\n')
    assert p is not None and not list(d)
    got = [(e.scene, e.category, e.name, e.notes, str(e.pos)) for e in p.elements]
    assert got == [
        ("3", "props", "Coffin", "Pilot's flag", "elements.csv:2"),
        ("7", "props", "Coffin", "Pilot's flag", "elements.csv:2"),
        ("5", "make-up/hair", "Mud", "", "elements.csv:3"),
    ]


def test_unknown_category_is_located_and_lists_the_boxes(tmp_path: Path) -> None:
    """``Catering`` is an unknown-category error at its cell, naming the categories."""
    p, d = _read(tmp_path, "3,Props,Coffin,\n4,Catering,Sandwiches,\n")
    assert [(x.code, str(x.pos)) for x in d] == [("unknown-category", "elements.csv:3:category")]
    message = d.errors[0].message
    assert "Props" in message and "Make-up/hair" in message and "Special equipment" in message


def test_missing_element_is_reported_by_the_schema(tmp_path: Path) -> None:
    """An empty element cell is an error at that cell, and no element is made."""
    p, d = _read(tmp_path, "3,Props,,\n")
    assert [x.severity for x in d] == ["error"]
    assert d.errors[0].pos is not None and d.errors[0].pos.line == 2
    assert p is None or not p.elements


FOUNTAIN = """\
INT. CHAPEL - DAY [[prop: candles]]

Rose lifts [[Prop: the coffin]] the lid.

[[Vehicle: Land Rover]]

[[a plain note: not a category]]

EXT. ROAD - NIGHT

[[Hair & Make-up: Mud]]
"""


def test_fountain_category_notes_tag_elements_and_print_nothing() -> None:
    """Category notes become tags with their element index and position; other notes stay
    notes; the printed text is as without them."""
    d = Diagnostics()
    s = read_fountain(FOUNTAIN, "s.fountain", d)
    assert not list(d)
    tags = [(t.category, t.name, t.index, str(t.pos)) for t in s.tags]
    assert tags == [
        ("props", "candles", 0, "s.fountain:1:19"),
        ("props", "the coffin", 1, "s.fountain:3:12"),
        ("vehicles", "Land Rover", 2, "s.fountain:5:1"),
        ("make-up/hair", "Mud", 5, "s.fountain:11:1"),
    ]
    heading, action = s.elements[0], s.elements[1]
    assert isinstance(heading, SceneHeading) and plain(heading.text) == "INT. CHAPEL - DAY"
    assert isinstance(action, Action) and plain(action.text) == "Rose lifts the lid."
    notes = [e.text for e in s.elements if isinstance(e, Note)]
    assert "a plain note: not a category" in notes


def _fdx(content: str, tag_data: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        f"<Content>\n{content}</Content>\n{tag_data}</FinalDraft>\n"
    ).encode()


# As Final Draft 10-12 writes the tagger's data: categories, definitions (the element's
# label and its category), and numbered tags that a run's TagNumber names.
TAG_DATA = """\
<TagData>
<TagCategories>
<TagCategory Color="#94AA11150000" Id="c-props" Name="Props" Number="6" Style="Bold"/>
<TagCategory Color="#94AA11150000" Id="c-animals" Name="Animals" Number="11" Style="Bold"/>
<TagCategory Color="#94AA11150000" Id="c-sound" Name="Sound" Number="15" Style="Bold"/>
<TagCategory Color="#94AA11150000" Id="c-loc" Name="Location" Number="30" Style="Bold"/>
<TagCategory Color="#94AA11150000" Id="c-veh" Name="Vehicles" Number="5" Style="Bold"/>
</TagCategories>
<TagDefinitions>
<TagDefinition CatId="c-props" Id="d1" Label="Coffin" Number="1"/>
<TagDefinition CatId="c-animals" Id="d2" Label="Sheepdog" Number="2"/>
<TagDefinition CatId="c-sound" Id="d3" Label="Thunder" Number="3"/>
<TagDefinition CatId="c-loc" Id="d4" Label="Chapel" Number="4"/>
<TagDefinition CatId="c-veh" Id="d5" Label="Land Rover" Number="5"/>
</TagDefinitions>
<Tags>
<Tag Number="1"><DefId>d1</DefId></Tag>
<Tag Number="2"><DefId>d2</DefId></Tag>
<Tag Number="3"><DefId>d3</DefId></Tag>
<Tag Number="4"><DefId>d4</DefId></Tag>
<Tag Number="5"><DefId>d5</DefId></Tag>
</Tags>
</TagData>
"""
CONTENT = """\
<Paragraph Type="Scene Heading"><Text TagNumber="4">INT. CHAPEL - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Rose opens the </Text><Text TagNumber="1">coffin</Text><Text>. A </Text><Text TagNumber="2">dog</Text><Text> barks. </Text><Text TagNumber="3">Thunder.</Text></Paragraph>
<Paragraph Type="Scene Heading"><Text>EXT. ROAD - DAY</Text></Paragraph>
<Paragraph Type="Action"><Text TagNumber="5">The Land Rover</Text><Text> waits.</Text><Text TagNumber="9">x</Text></Paragraph>
"""


def test_fdx_tagger_data_links_runs_to_categories() -> None:
    """Each tagged run is its definition's label in its category, at its paragraph; Final
    Draft's other boxes go to notes, its structural ones nowhere; an unknown number warns."""
    d = Diagnostics()
    s = read_fdx(_fdx(CONTENT, TAG_DATA), "s.fdx", d)
    tags = [(t.category, t.name, t.index, str(t.pos)) for t in s.tags]
    assert tags == [
        ("props", "Coffin", 1, "s.fdx:5"),
        ("animals", "Sheepdog", 1, "s.fdx:5"),
        ("notes", "Sound: Thunder", 1, "s.fdx:5"),
        ("vehicles", "Land Rover", 3, "s.fdx:7"),
    ]
    assert [(x.code, str(x.pos)) for x in d] == [("fdx-unknown-tag", "s.fdx:7")]
    action = s.elements[1]
    assert (
        isinstance(action, Action)
        and plain(action.text) == "Rose opens the coffin. A dog barks. Thunder."
    )


def test_fdx_without_tag_data_has_no_tags() -> None:
    """The corpus files carry categories but no tags: no elements, no warnings."""
    d = Diagnostics()
    s = read_fdx(_fdx(CONTENT.replace(' TagNumber="9"', ""), ""), "s.fdx", d)
    assert s.tags == () and not list(d)


def test_the_demo_and_init_tables_read_cleanly(demo: Path) -> None:
    """The demo's and ``paperwork init``'s example elements read with nothing reported."""
    from paperwork.readers.elements import read_elements
    from paperwork.readers.tables import read_table
    from paperwork.resources import templates_dir

    for path in (demo / "elements.csv", templates_dir() / "new-production" / "elements.csv"):
        d = Diagnostics()
        table = read_table(path, "elements", path.name, d)
        assert table is not None
        rows = read_elements(table, d, None)
        assert not list(d) and len(rows) >= 6
        assert {r.category for r in rows} >= {"props", "costume", "make-up/hair"}
