"""The calls table: ``day`` (empty: every day the person works), ``who`` (a cast id or a
crew name), ``call`` (``07:30``; ``-0:30`` or ``-30`` from the unit call; ``off``),
``pick_up``, ``pick_up_from``, ``hmu``, ``costume``, ``on_set``, ``release``, ``notes``."""

from __future__ import annotations

import re
from datetime import time

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import Call
from paperwork.model.names import person_key
from paperwork.model.source import Pos
from paperwork.readers.cells import FirstSeen, located_rows
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Schema, parse_time
from paperwork.readers.manifest import _str
from paperwork.readers.tables import Table, Value

_OFFSET = re.compile(r"^([+-])\s*(?:(\d{1,2})[:.](\d{2})|(\d{1,3}))\s*(?:m|mins?|minutes)?$")
_OFF = {"off", "notcalled", "nc", "no", "none", "dayoff", "x"}
CALLS = Schema(
    "calls",
    (
        Column("day", "int", aliases=("shoot_day",)),
        Column("who", required=True, aliases=("cast_id", "name", "person", "id")),
        Column("call", aliases=("call_time", "arrive", "own_call", "offset")),
        Column("pick_up", "time", aliases=("pickup", "pick_up_time"), label="pick-up"),
        Column(
            "pick_up_from", aliases=("pickup_from", "from", "pick_up_address"), label="pick-up from"
        ),
        Column("hmu", "time", aliases=("make_up", "hair_and_make_up", "mu"), label="HMU"),
        Column("costume", "time", aliases=("wardrobe",)),
        Column("on_set", "time", aliases=("on_set_time", "ready", "set")),
        Column("release", "time", aliases=("wrap", "released", "finish")),
        Column("notes", aliases=("note",)),
    ),
)


def parse_call(value: Value, pos: Pos, d: Diagnostics) -> tuple[time | None, int | None, bool]:
    """A call cell: ``07:30`` (own call), ``-0:30`` / ``-30`` / ``+1:00`` (from unit call), ``off``."""
    if isinstance(value, time):
        return value, None, False
    text = str(value).strip()
    if re.sub(r"[^a-z]", "", text.lower()) in _OFF:
        return None, None, True
    m = _OFFSET.match(text)
    if m:
        minutes = int(m[2]) * 60 + int(m[3]) if m[2] is not None else int(m[4])
        if minutes > 12 * 60:
            d.error("bad-offset", f"a call offset must be within 12 hours (got {text!r})", pos)
            return None, None, False
        return None, -minutes if m[1] == "-" else minutes, False
    t = parse_time(value, "call", pos, d)
    return t, None, False


def read_calls(table: Table, diagnostics: Diagnostics, context: ReaderContext) -> tuple[Call, ...]:
    """Calls per person and day; times in order: pick-up, call, HMU and costume, on set."""
    d = diagnostics
    out: list[Call] = []
    seen = FirstSeen[tuple[int | None, str]]("duplicate-call", d)
    for row, v, cells, at in located_rows(CALLS, table, d):
        who = _str(v["who"])
        if not who:
            continue
        day = v.as_int("day")
        if day is not None and day < 1:
            d.error("bad-day", f"day must be 1 or more (got {day})", at("day"))
            continue
        if day is None and not v.blank("day"):
            continue  # an unreadable day, already reported
        when = "every day" if day is None else f"day {day}"
        if seen.repeated((day, person_key(who)), at("who"), f"{who} already has a call for {when}"):
            continue
        own, offset, off = (None, None, False)
        if v["call"]:
            own, offset, off = parse_call(v.as_text("call"), at("call"), d)
        call = Call(
            who=who,
            pos=row.pos,
            day=day,
            off=off,
            call=own,
            offset_minutes=offset,
            pick_up=v.as_time("pick_up"),
            pick_up_from=_str(v["pick_up_from"]),
            hmu=v.as_time("hmu"),
            costume=v.as_time("costume"),
            on_set=v.as_time("on_set"),
            release=v.as_time("release"),
            notes=_str(v["notes"]),
            cells=cells,
        )
        _check_call_order(call, d)
        out.append(call)
    return tuple(out)


def _check_call_order(c: Call, d: Diagnostics) -> None:
    """Pick-up before the call; the call no later than HMU and costume; both before on set."""
    named: tuple[tuple[tuple[str, str, time | None], ...], ...] = (
        (("pick_up", "pick-up", c.pick_up),),
        (("call", "call", c.call),),
        (("hmu", "HMU", c.hmu), ("costume", "costume", c.costume)),
        (("on_set", "on set", c.on_set),),
    )
    stages = [[(n, lab, t) for n, lab, t in stage if t is not None] for stage in named]
    for i, earlier in enumerate(stages):
        for later in stages[i + 1 :]:
            for ename, elabel, et in earlier:
                for lname, llabel, lt in later:
                    if lt < et or (ename == "pick_up" and lt == et):
                        d.error(
                            "call-order",
                            f"{c.who}: {llabel} {lt:%H:%M} is before {elabel} {et:%H:%M} "
                            "(pick-up, then call, then HMU and costume, then on set)",
                            c.at(lname),
                        )
                        return
