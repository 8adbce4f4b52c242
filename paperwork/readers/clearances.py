"""The clearance log: one row per item whose rights must be cleared, and the manifest's
``distribution:`` section that every licence must cover."""

from __future__ import annotations

import re

from paperwork.errors import Diagnostics
from paperwork.model.clearances import (
    Clearance,
    ClearanceStatus,
    ClearanceType,
    Distribution,
    IntendedUse,
    RightsHolder,
)
from paperwork.model.source import Pos
from paperwork.readers.cells import FirstSeen
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Schema, parse_rows
from paperwork.readers.manifest import Manifest
from paperwork.readers.tables import Row, Table

_TYPE_CHOICES: dict[str, object] = {t.value: t for t in ClearanceType}
_TYPE_CHOICES.update(
    {
        "sync": ClearanceType.MUSIC_SYNC,
        "music": ClearanceType.MUSIC_SYNC,
        "master": ClearanceType.MUSIC_MASTER,
        "archive": ClearanceType.ARCHIVE_FOOTAGE,
        "footage": ClearanceType.ARCHIVE_FOOTAGE,
        "clip": ClearanceType.ARCHIVE_FOOTAGE,
        "photo": ClearanceType.STILL,
        "photograph": ClearanceType.STILL,
        "logo": ClearanceType.LOGO,
        "brand": ClearanceType.LOGO,
        "trademark": ClearanceType.LOGO,
        "logo/trademark": ClearanceType.LOGO,
        "text/quote": ClearanceType.TEXT,
        "quote": ClearanceType.TEXT,
        "location": ClearanceType.LOCATION_IMAGE,
    }
)
_STATUS_CHOICES: dict[str, object] = {s.value: s for s in ClearanceStatus}
_STATUS_CHOICES.update(
    {
        "identified": ClearanceStatus.TO_REQUEST,
        "new": ClearanceStatus.TO_REQUEST,
        "licence signed": ClearanceStatus.LICENSED,
        "approved": ClearanceStatus.AGREED,
    }
)

CLEARANCES = Schema(
    "clearances",
    (
        Column("id", required=True, aliases=("item_id", "item", "ref")),
        Column("type", "choice", required=True, aliases=("item_type",), choices=_TYPE_CHOICES),
        Column("description", required=True, aliases=("title", "title_description")),
        Column("identifiers", aliases=("catalogue_number", "catalogue_no", "source_ref", "cat_no")),
        Column("isrc"),
        Column("iswc"),
        Column("timecode_in", aliases=("tc_in",)),
        Column("timecode_out", aliases=("tc_out",)),
        Column("duration"),
        Column("scenes", aliases=("scene", "programme_position", "position")),
        Column("holder_company", required=True, aliases=("rights_holder", "holder", "licensor")),
        Column("holder_contact", aliases=("contact_name", "contact")),
        Column("holder_address", "lines", aliases=("address",)),
        Column("holder_email", "email", aliases=("contact_email", "email")),
        Column("salutation", aliases=("dear",)),
        Column("media"),
        Column("territory"),
        Column("term"),
        Column("uses", aliases=("number_of_uses", "usage_type", "usage")),
        Column("promo", aliases=("promo_use", "trailer_use")),
        Column("fee_quoted", "money", aliases=("quoted_fee", "quote")),
        Column(
            "fee_offered",
            "money",
            aliases=("offered_fee", "offer", "our_offer"),
        ),
        Column("fee_agreed", "money", aliases=("agreed_fee",)),
        Column("status", "choice", required=True, choices=_STATUS_CHOICES),
        Column("requested", "date", aliases=("date_requested",)),
        Column("reply_by", "date", aliases=("reply_by_date",), label="reply-by date"),
        Column("licence_expiry", "date", aliases=("license_expiry", "expiry")),
        Column("restrictions"),
        Column("credit", aliases=("credit_required", "credit_wording")),
        Column("notes"),
    ),
)


def _at_id(row: Row) -> Pos:
    return row.where("id") if "id" in row.cells else row.pos


def read_clearances(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[Clearance, ...]:
    """Clearance rows; the manifest's ``clearances:`` terms fill empty media/territory/term."""
    currency = context.currency
    terms = context.sections.clearance_terms
    out: list[Clearance] = []
    ids = FirstSeen[str]("duplicate-id", diagnostics)
    by_column = CLEARANCES.resolve(table, Diagnostics())  # problems: reported by parse_rows
    columns = sorted(by_column.items())
    for row, v in parse_rows(CLEARANCES, table, diagnostics, currency):
        ident = v.as_text("id")
        kind = v.as_choice("type", ClearanceType)
        status = v.as_choice("status", ClearanceStatus)
        if ident:  # a repeated id is reported, and its row still read
            ids.repeated(ident, _at_id(row), f"item id {ident!r} is used twice")
        if (
            not ident
            or kind is None
            or status is None
            or not v["description"]
            or not v["holder_company"]
        ):
            continue  # already reported
        out.append(
            Clearance(
                id=ident,
                type=kind,
                description=str(v["description"]),
                holder=RightsHolder(
                    company=str(v["holder_company"]),
                    contact=str(v["holder_contact"] or ""),
                    address=v.as_lines("holder_address"),
                    email=str(v["holder_email"] or ""),
                ),
                use=IntendedUse(
                    media=str(v["media"] or terms.media),
                    territory=str(v["territory"] or terms.territory),
                    term=str(v["term"] or terms.term),
                    uses=str(v["uses"] or terms.uses),
                    promo=str(v["promo"] or terms.promo),
                ),
                status=status,
                pos=row.pos,
                identifiers=str(v["identifiers"] or ""),
                isrc=str(v["isrc"] or ""),
                iswc=str(v["iswc"] or ""),
                timecode_in=str(v["timecode_in"] or ""),
                timecode_out=str(v["timecode_out"] or ""),
                duration=str(v["duration"] or ""),
                scenes=str(v["scenes"] or ""),
                fee_quoted=v.as_money("fee_quoted"),
                fee_agreed=v.as_money("fee_agreed"),
                requested=v.as_date("requested"),
                reply_by=v.as_date("reply_by"),
                licence_expiry=v.as_date("licence_expiry"),
                restrictions=str(v["restrictions"] or ""),
                credit=str(v["credit"] or ""),
                notes=str(v["notes"] or ""),
                fee_offered=v.as_money("fee_offered"),
                salutation=str(v["salutation"] or ""),
                cells=tuple(
                    (col, row.cells[header]) for col, header in columns if header in row.cells
                ),
            )
        )
    return tuple(out)


def _names(value: object, what: str, pos: Pos, m: Manifest) -> tuple[str, ...]:
    """``[TV, SVOD]`` or ``"TV, SVOD and AVOD"``: one name per item."""
    if value is None:
        return ()
    if isinstance(value, list):
        items = [str(v).strip() for v in value if v is not None and str(v).strip()]
    elif isinstance(value, str | int | float):
        items = [p.strip() for p in re.split(r",|\band\b|&", str(value)) if p.strip()]
    else:
        m.d.error("manifest-type", f"distribution: {what} must be a list or text", pos)
        return ()
    return tuple(items)


def read_distribution(value: object, pos: Pos, m: Manifest) -> Distribution:
    """``distribution: {media: [TV, SVOD, AVOD], territory: Worldwide, term: 10 years}``."""
    section = m.mapping(m.data, "distribution")
    return Distribution(
        pos=pos,
        media=_names(section.get("media"), "media", m.pos(section, "media"), m),
        territory=_names(section.get("territory"), "territory", m.pos(section, "territory"), m),
        term=m.text(section, "term"),
    )
