"""The locations table: ``id``, ``name``, ``sets`` (the script's set names,
``;``-separated), ``address``, ``postcode``, ``country``, ``latitude``, ``longitude``,
``what3words``, ``grid_ref``, ``timezone``, ``parking``, ``unit_base``, ``hospital``,
``hospital_address``, ``hospital_phone``, ``access``, ``contact``."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import Hospital, Location
from paperwork.model.names import label_key
from paperwork.model.source import Pos
from paperwork.readers.cells import At, Claims, located_rows, unique_ids
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Parsed, Schema, _refuse
from paperwork.readers.manifest import _str
from paperwork.readers.tables import Table, Value, cell_value

ZONES_BY_COUNTRY = {
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "FR": "Europe/Paris",
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam",
    "DE": "Europe/Berlin",
    "IT": "Europe/Rome",
}


@dataclass(frozen=True, slots=True)
class _MapRef:
    """A kind of map reference: the pattern it matches, and the error for one that does not."""

    pattern: re.Pattern[str]
    code: str
    expected: str

    def checked(self, text: str, pos: Pos, d: Diagnostics) -> str:
        """``text`` when it is blank or a reference of this kind; else ``""``, reported."""
        if text and not self.pattern.match(text):
            _refuse(d, self.code, self.expected, text, pos)
            return ""
        return text


_W3W = _MapRef(
    re.compile(r"^(?:///)?[a-z]+\.[a-z]+\.[a-z]+$"),
    "bad-what3words",
    "what3words must be three words with dots like ///filled.count.soap",
)
_GRID = _MapRef(
    re.compile(r"^[A-Z]{2}\s?\d{2,5}\s?\d{2,5}$"),
    "bad-grid-ref",
    "grid ref must be an OS grid reference like ST 512 775",
)
_NOT_AE = re.compile(
    r"minor injur|\bmiu\b|urgent treatment|\butc\b|walk[- ]in|urgent care", re.IGNORECASE
)
LOCATIONS = Schema(
    "locations",
    (
        Column("id", required=True, aliases=("location_id", "loc")),
        Column("name", required=True, aliases=("location", "location_name")),
        Column("sets", aliases=("set", "script_sets", "set_names")),
        Column("address", "lines", aliases=("location_address",)),
        Column("postcode", aliases=("post_code", "postal_code", "zip")),
        Column("country"),
        Column("latitude", aliases=("lat",)),
        Column("longitude", aliases=("long", "lon", "lng")),
        Column("what3words", aliases=("w3w", "what_3_words")),
        Column("grid_ref", aliases=("os_grid_ref", "grid_reference", "os_grid")),
        Column("timezone", aliases=("time_zone", "tz")),
        Column("parking", aliases=("crew_parking",)),
        Column("unit_base", aliases=("base",)),
        Column("hospital", aliases=("nearest_a_e", "a_e", "nearest_hospital")),
        Column("hospital_address", "lines", aliases=("a_e_address",)),
        Column("hospital_phone", aliases=("a_e_phone",)),
        Column("access", aliases=("access_notes", "notes")),
        Column("contact", aliases=("site_contact", "on_site_contact")),
    ),
)


def _coordinate(value: Value, label: str, limit: int, pos: Pos, d: Diagnostics) -> float | None:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        d.error(
            "bad-coordinate",
            f"{label} must be decimal degrees between -{limit} and {limit} (got {str(value)!r})",
            pos,
        )
        return None
    return float(number)


def _country(v: Parsed, at: At, d: Diagnostics) -> str:
    """The two-letter country code (UK is GB; none is GB)."""
    country = (_str(v["country"]) or "GB").upper()
    if country == "UK":
        country = "GB"
    if not re.fullmatch(r"[A-Z]{2}", country):
        d.error(
            "bad-country",
            f"country must be a two-letter code like GB, FR or ES (got {_str(v['country'])!r})",
            at("country"),
        )
        country = "GB"
    return country


def _zone(v: Parsed, country: str, at: At, d: Diagnostics) -> str:
    """The IANA time zone given, or the country's; Europe/London when neither will do."""
    zone = _str(v["timezone"]) or ZONES_BY_COUNTRY.get(country, "")
    if not zone:
        d.error(
            "no-timezone",
            f"give the time zone of a location in {country} (e.g. Europe/Paris)",
            at("timezone"),
        )
        return "Europe/London"
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        d.error(
            "unknown-timezone",
            f"time zone {zone!r} is not an IANA zone like Europe/London",
            at("timezone"),
        )
        return "Europe/London"
    return zone


def _map_refs(v: Parsed, at: At, d: Diagnostics) -> tuple[float | None, float | None, str, str]:
    """(latitude, longitude, what3words as ``///a.b.c``, OS grid reference), each checked:
    one that is not what it should be is reported and left out."""
    lat = lon = None
    if v["latitude"] is not None:
        lat = _coordinate(cell_value(v["latitude"]), "latitude", 90, at("latitude"), d)
    if v["longitude"] is not None:
        lon = _coordinate(cell_value(v["longitude"]), "longitude", 180, at("longitude"), d)
    if (v["latitude"] is None) != (v["longitude"] is None):
        d.error(
            "half-coordinates",
            "give both latitude and longitude, or neither",
            at("longitude" if v["longitude"] is None else "latitude"),
        )
        lat = lon = None
    w3w = _W3W.checked(_str(v["what3words"]).lower(), at("what3words"), d)
    if w3w and not w3w.startswith("///"):
        w3w = "///" + w3w
    grid = _GRID.checked(_str(v["grid_ref"]).upper(), at("grid_ref"), d)
    return lat, lon, w3w, grid


def _hospital(v: Parsed, lid: str, at: At, d: Diagnostics) -> Hospital | None:
    """The nearest A&E, warned about when missing, incomplete or not a 24-hour A&E."""
    hname = _str(v["hospital"])
    if not hname:
        d.warning("no-hospital", f"location {lid} has no nearest A&E", at("hospital"))
        return None
    hospital = Hospital(hname, v.as_lines("hospital_address"), _str(v["hospital_phone"]))
    if _NOT_AE.search(hname):
        d.warning(
            "hospital-not-ae",
            f"{hname} looks like a minor injuries unit or urgent treatment centre: list "
            "the nearest 24-hour A&E",
            at("hospital"),
        )
    if not hospital.phone:
        d.warning(
            "hospital-no-phone",
            f"the A&E for location {lid} has no phone number",
            at("hospital_phone"),
        )
    if not hospital.address:
        d.warning(
            "hospital-no-address",
            f"the A&E for location {lid} has no address",
            at("hospital_address"),
        )
    return hospital


def read_locations(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[Location, ...]:
    """Locations with their sets, map references and nearest A&E, each checked."""
    d = diagnostics
    rows = located_rows(LOCATIONS, table, d)
    out: list[Location] = []
    sets = Claims()
    named = (r for r in rows if r.values.as_text("name"))  # no name: reported as missing
    for lid, (row, v, cells, at) in unique_ids(named, d, "duplicate-location", "location id"):
        name = v.as_text("name")
        set_names = tuple(label_key(s) for s in _str(v["sets"]).split(";") if s.strip())
        for s in set_names:
            if earlier := sets.claim(s, lid, at("sets")):
                d.warning(
                    "set-in-two-locations",
                    f"the set {s} is already at location {earlier[0]} ({earlier[1]}); scenes "
                    "use that one unless the schedule names a location",
                    at("sets"),
                )
        country = _country(v, at, d)
        zone = _zone(v, country, at, d)
        lat, lon, w3w, grid = _map_refs(v, at, d)
        postcode = _str(v["postcode"]).upper() if country == "GB" else _str(v["postcode"])
        if not postcode:
            d.warning(
                "location-no-postcode",
                f"location {lid} has no postcode (the emergency services and drivers need one)",
                at("postcode"),
            )
        if not (v["what3words"] or v["grid_ref"] or lat is not None):  # given, even if wrong
            d.warning(
                "location-no-map-ref",
                f"location {lid} has no what3words, grid reference or latitude/longitude",
                at("what3words"),
            )
        hospital = _hospital(v, lid, at, d)
        out.append(
            Location(
                id=lid,
                name=name,
                sets=set_names,
                pos=row.pos,
                address=v.as_lines("address"),
                postcode=postcode,
                country=country,
                latitude=lat,
                longitude=lon,
                what3words=w3w,
                grid_ref=grid,
                timezone=zone,
                parking=_str(v["parking"]),
                unit_base=_str(v["unit_base"]),
                hospital=hospital,
                access=_str(v["access"]),
                contact=_str(v["contact"]),
                cells=cells,
            )
        )
    return tuple(out)
