"""The cast table: ``id``, ``artist``, ``character`` (as in the script; several separated by
``;``), ``agent``, ``phone``, ``email``, ``date_of_birth``, ``minor``, ``licence``,
``chaperone``, ``travel`` (yes: travels out and back on the ``travel:`` dates, T in the day
out of days), ``notes``."""

from __future__ import annotations

import re

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import CastMember
from paperwork.model.crew import ContactSharing
from paperwork.model.names import label_key
from paperwork.readers.cells import (
    Claims,
    located_rows,
    parse_yes,
    unique_ids,
)
from paperwork.readers.context import ReaderContext
from paperwork.readers.crew import SHARE_COLUMN
from paperwork.readers.fields import Column, Schema
from paperwork.readers.manifest import _str
from paperwork.readers.tables import Table

CAST = Schema(
    "cast",
    (
        Column("id", required=True, aliases=("cast_id", "cast_no", "no", "number")),
        Column("artist", aliases=("actor", "name", "performer")),
        Column("character", required=True, aliases=("characters", "role", "part")),
        Column("agent", aliases=("agency", "agent_name")),
        Column("phone", aliases=("mobile", "contact", "agent_phone", "telephone")),
        Column("email", "email", aliases=("email_address", "agent_email")),
        Column("date_of_birth", "date", aliases=("dob", "born", "birth_date")),
        Column("minor", aliases=("child", "under_16")),
        Column("licence", aliases=("licence_ref", "license", "licence_no", "child_licence")),
        Column("chaperone", aliases=("chaperones",)),
        Column("notes", aliases=("note",)),
        Column("travel", aliases=("travels", "travelling")),  # yes: out and back with travel:
        SHARE_COLUMN,  # may the crew list print the artist's own phone and email
    ),
)


def read_cast(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[CastMember, ...]:
    """Cast rows: ids and characters unique; a minor has a date of birth."""
    d = diagnostics
    rows = located_rows(CAST, table, d)
    out: list[CastMember] = []
    characters = Claims()
    for cid, (row, v, cells, at) in unique_ids(rows, d, "duplicate-cast-id", "cast id"):
        names = tuple(label_key(n) for n in re.split(r"[;/]", _str(v["character"])) if n.strip())
        for name in names:
            if earlier := characters.claim(name, cid, at("character")):
                d.error(
                    "duplicate-character",
                    f"{name} is already played by cast {earlier[0]} (at {earlier[1]})",
                    at("character"),
                )
        artist = _str(v["artist"])
        if not artist:
            d.warning(
                "cast-tbc",
                f"cast {cid} ({', '.join(names)}) has no artist yet: call sheets print TBC",
                at("artist"),
            )
        born = v.as_date("date_of_birth")
        minor = parse_yes(v["minor"], "minor", at("minor"), d) if v["minor"] else False
        if minor and born is None and v.blank("date_of_birth"):
            d.error(
                "minor-no-dob",
                f"cast {cid} is a minor: the date of birth is needed for the hours their age allows",
                at("date_of_birth"),
            )
        out.append(
            CastMember(
                id=cid,
                artist=artist,
                characters=names,
                pos=row.pos,
                agent=_str(v["agent"]),
                phone=_str(v["phone"]),
                email=_str(v["email"] or ""),
                date_of_birth=born,
                minor=minor,
                licence=_str(v["licence"]),
                chaperone=_str(v["chaperone"]),
                notes=_str(v["notes"]),
                cells=cells,
                travels=(
                    parse_yes(v["travel"], "travel", at("travel"), d) if v["travel"] else False
                ),
                share_contact=v.as_choice("share_contact", ContactSharing),
            )
        )
    return tuple(out)
