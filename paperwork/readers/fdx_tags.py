"""Final Draft's tagger (``<TagData>``): each tagged run becomes a breakdown element."""

from __future__ import annotations

from collections.abc import Sequence

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import category_of
from paperwork.model.screenplay import ScriptTag
from paperwork.model.source import Pos
from paperwork.readers.fdx_xml import XmlNode

# Final Draft tag categories that say where or when a scene is, not what it needs.
_STRUCTURAL_TAGS = frozenset({"scriptday", "unit", "sequence", "location"})


def _alias(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def read_tags(
    data: XmlNode | None,
    tagged: Sequence[tuple[str, XmlNode, int]],
    source: str,
    diagnostics: Diagnostics,
) -> tuple[ScriptTag, ...]:
    """The tagger's elements: each tagged run's ``TagNumber`` names a ``<Tag>``, whose
    ``<DefId>`` names a ``<TagDefinition>`` (the element's ``Label``), whose ``CatId``
    names a ``<TagCategory>``. Final Draft's categories that are no breakdown box
    (Music, Sound, Set Dressing...) go to notes with their category; its structural ones
    (Script Day, Unit, Sequence, Location) are no elements."""
    if data is None or not tagged:
        return ()
    categories = {
        c.get("Id"): c.get("Name")
        for group in data.findall("TagCategories")
        for c in group.findall("TagCategory")
    }
    definitions = {
        d.get("Id"): d
        for group in data.findall("TagDefinitions")
        for d in group.findall("TagDefinition")
    }
    numbered: dict[str, list[str]] = {}
    for group in data.findall("Tags"):
        for tag in group.findall("Tag"):
            ids = [d.text.strip() for d in tag.findall("DefId")]
            numbered.setdefault(tag.get("Number"), []).extend(i for i in ids if i)
    out: list[ScriptTag] = []
    for number, node, index in tagged:
        if not numbered.get(number):
            diagnostics.warning(
                "fdx-unknown-tag",
                f"TagNumber={number!r} names no <Tag> in <TagData>: not a breakdown element",
                Pos(source, node.line),
            )
            continue
        for def_id in numbered[number]:
            definition = definitions.get(def_id)
            if definition is None:
                diagnostics.warning(
                    "fdx-unknown-tag",
                    f"tag {number} names the definition {def_id!r}, which <TagDefinitions> "
                    "does not hold: not a breakdown element",
                    Pos(source, node.line),
                )
                continue
            name = " ".join((definition.get("Label") or node.text).split())
            category_name = categories.get(definition.get("CatId"), "")
            key = category_of(category_name)
            if key is None:
                if _alias(category_name) in _STRUCTURAL_TAGS or not category_name:
                    continue
                key, name = "notes", f"{category_name}: {name}"
            if name:
                out.append(ScriptTag(key, name, index, Pos(source, node.line)))
    return tuple(out)
