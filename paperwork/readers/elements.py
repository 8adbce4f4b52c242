"""The elements table: what each scene needs, box by box of the breakdown sheet.

Columns ``scene``, ``category``, ``element``, ``notes``. ``scene`` may list several scenes
(``"3; 7"``: the same prop in both); ``category`` is one of the breakdown sheet's boxes in any
usual spelling (``Props``, ``Hair & Make-up``, ``Special Effects``, ``Picture vehicles``), and
anything else is an ``unknown-category`` error at its cell naming the categories.
"""

from __future__ import annotations

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import CATEGORIES, ElementRow, category_of
from paperwork.model.names import label_key
from paperwork.readers.cells import located_rows, split_list
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Schema
from paperwork.readers.tables import Table

ELEMENTS = Schema(
    "elements",
    (
        Column("scene", required=True, aliases=("scenes", "sc", "scene_number", "scene_no")),
        Column("category", required=True, aliases=("type", "department", "dept")),
        Column("element", required=True, aliases=("item", "name", "description", "what")),
        Column("notes", aliases=("note", "comments", "comment")),
    ),
)
CATEGORY_NAMES = ", ".join(c.label for c in CATEGORIES)


def read_elements(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[ElementRow, ...]:
    """One :class:`ElementRow` per scene each row names, in the table's order."""
    d = diagnostics
    out: list[ElementRow] = []
    for row, v, cells, at in located_rows(ELEMENTS, table, d):
        scenes = split_list(v["scene"])
        written, name = v.as_text("category"), " ".join(v.as_text("element").split())
        if not scenes or not written or not name:
            continue  # a required cell left empty: reported by the schema
        key = category_of(written)
        if key is None:
            d.error(
                "unknown-category",
                f"category {written!r} is not a box of the breakdown sheet; use one of: "
                f"{CATEGORY_NAMES}",
                at("category"),
            )
            continue
        notes = v.as_text("notes")
        for scene in scenes:
            out.append(ElementRow(label_key(scene), key, name, notes, pos=row.pos, cells=cells))
    return tuple(out)
