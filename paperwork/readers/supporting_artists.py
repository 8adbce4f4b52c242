"""The supporting artists table: ``day``, ``count``, ``description``, ``scenes``, ``call``,
``costume``, ``on_set``, ``agency``, ``notes``."""

from __future__ import annotations

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import SupportingArtists
from paperwork.model.names import label_key
from paperwork.readers.cells import (
    located_rows,
    split_list,
)
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Schema
from paperwork.readers.manifest import _str
from paperwork.readers.tables import Table

SUPPORTING = Schema(
    "supporting_artists",
    (
        Column("day", "int", required=True, aliases=("shoot_day",)),
        Column("count", "int", required=True, aliases=("number", "qty", "quantity", "no")),
        Column("description", required=True, aliases=("type", "sa", "sas")),
        Column("scenes", aliases=("scene", "sc")),
        Column("call", "time", aliases=("call_time", "arrive")),
        Column("costume", "time", aliases=("costume_hmu", "hmu", "wardrobe"), label="costume/HMU"),
        Column("on_set", "time", aliases=("on_set_time", "ready")),
        Column("agency"),
        Column("notes", aliases=("note", "holding")),
    ),
)


def read_supporting_artists(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[SupportingArtists, ...]:
    d = diagnostics
    out = []
    for row, v, cells, at in located_rows(SUPPORTING, table, d):
        day, count, what = v.as_int("day"), v.as_int("count"), v.as_text("description")
        if day is None or count is None or not what:
            continue
        if count < 1:
            d.error("bad-count", f"count must be 1 or more (got {count})", at("count"))
            continue
        call, on_set = v.as_time("call"), v.as_time("on_set")
        if call is not None and on_set is not None and on_set < call:
            d.error(
                "call-order",
                f"on set {on_set:%H:%M} is before the call {call:%H:%M}",
                at("on_set"),
            )
        out.append(
            SupportingArtists(
                day=day,
                count=count,
                description=what,
                pos=row.pos,
                scenes=tuple(label_key(s) for s in split_list(v["scenes"])),
                call=call,
                costume=v.as_time("costume"),
                on_set=on_set,
                agency=_str(v["agency"]),
                notes=_str(v["notes"]),
                cells=cells,
            )
        )
    return tuple(out)
