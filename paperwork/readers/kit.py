"""The kit table (the ATA carnet's general list) and the manifest's ``travel:`` section.

The kit table has one line per item, or per group of identical pieces: case, description,
make, model, serial number (or an explicit "no serial"), quantity, unit weight (kg), unit
value, country of origin, owner/supplier, notes. Every line is checked against what issuing
chambers reject (PAPERWORK.md §2.3), each problem located at its cell:

- ``missing-serial``: no serial and no explicit "no serial" / "NSN";
- ``serial-count``: several identical pieces but not one serial each;
- ``duplicate-serial``: a serial on two lines (or twice on one);
- ``vague-description``: "misc", "assorted", "accessories", a bare "cables" with no count, or a
  description of generic words only ("Lights") with no make or model;
- ``no-make-model``: an electrical item (camera, monitor, recorder...) without make and model;
- ``not-positive``: a quantity, weight or value that is zero or less;
- ``unknown-country``: a country of origin that is not a country (or is "EU");
- ``toolkit-pieces`` (warning): a toolkit worth more than £150 without a piece count;
- ``not-carnet-eligible`` (warning): a consumable (tape, disposable batteries, gels, bulbs),
  which stays off the general list;
- ``licence-needed`` (warning): firearms and replicas, drones, CITES materials, dual-use kit.

Reference data (countries, EU membership, word lists) is ``paperwork/data/carnet.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from paperwork.errors import Diagnostics
from paperwork.model.kit import KitItem, Travel, TravelStop
from paperwork.model.records import Company, Money, Person
from paperwork.model.source import Pos
from paperwork.readers import raw
from paperwork.readers.cells import At, schema_headers
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Parsed, Schema, parse_rows
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.tables import Row, Table
from paperwork.readers.yaml_source import YamlMap
from paperwork.reference import load

# --- Reference data -------------------------------------------------------------------------


def words(text: str) -> str:
    """Text as space-padded lower-case words without accents or punctuation: `` s n 12 ``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", folded.casefold()).split()) + " "


def has_phrase(text_words: str, phrases: tuple[str, ...]) -> str:
    """The first phrase found whole in ``text_words`` (from :func:`words`), or ``""``."""
    for phrase in phrases:
        if words(phrase) in text_words:
            return phrase
    return ""


def without(text_words: str, phrases: tuple[str, ...]) -> str:
    """``text_words`` with every whole occurrence of the phrases blanked out."""
    for phrase in phrases:
        text_words = text_words.replace(words(phrase), " | ")
    return text_words


@dataclass(frozen=True, slots=True)
class LicenceRule:
    kind: str  # "firearms", "drones", "cites", "dual-use"
    note: str
    words: tuple[str, ...]
    exempt: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CarnetReference:
    """``paperwork/data/carnet.yaml``, ready for lookups."""

    countries: Mapping[str, str]  # ISO alpha-2 -> display name
    lookup: Mapping[str, str]  # words(name, alias, alpha-2 or alpha-3) -> alpha-2
    not_countries: Mapping[str, str]  # words(name) -> what to write instead
    eu: frozenset[str]
    eu_customs: frozenset[str]  # the EU customs territory: members and Monaco
    carnet_countries: frozenset[str]
    carnet_suspended: frozenset[str]
    intended_uses: Mapping[str, str]  # words(alias) -> box C wording
    vague_words: tuple[str, ...]
    generic_words: frozenset[str]
    cable_words: tuple[str, ...]
    needs_make_model: tuple[str, ...]
    toolkit_words: tuple[str, ...]
    toolkit_count_threshold: int  # in the currency's main unit
    consumables: tuple[str, ...]
    consumable_exempt: tuple[str, ...]
    licences: tuple[LicenceRule, ...]
    no_serial_words: frozenset[str]

    def country(self, text: str) -> str | None:
        """``"France"``, ``"fr"``, ``"FRA"``, ``"U.K."`` -> the alpha-2 code, or None."""
        return self.lookup.get(words(text)) or self.lookup.get(words(text.replace(".", "")))

    def territory(self, code: str) -> str:
        """The customs territory a carnet voucher is used for: ``"EU"`` or the country."""
        return "EU" if code in self.eu_customs else code


def _list(data: Mapping[str, object], key: str) -> tuple[str, ...]:
    return raw.texts(data.get(key), key)


@cache
def reference() -> CarnetReference:
    """The bundled reference data, loaded once (a wheel ships it as package data)."""
    data = raw.table(load("carnet", strings=True), "carnet")
    countries: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for code, value in raw.table(data["countries"], "countries").items():
        names = raw.texts(value, f"countries: {code}")
        countries[code] = names[0]
        for name in (code, *names):
            lookup.setdefault(words(name), code)
    uses = {
        words(alias): wording
        for wording, aliases in raw.table(data["intended_uses"], "intended_uses").items()
        for alias in (wording, *raw.texts(aliases, wording))
    }

    def word_set(key: str) -> frozenset[str]:
        return frozenset(raw.texts(data[key], key))

    eu = word_set("eu")
    licences = raw.table(data["licences"], "licences")
    return CarnetReference(
        countries=countries,
        lookup=lookup,
        not_countries={
            words(k): str(v) for k, v in raw.table(data["not_countries"], "not_countries").items()
        },
        eu=eu,
        eu_customs=eu | word_set("eu_customs_extra"),
        carnet_countries=word_set("carnet_countries"),
        carnet_suspended=word_set("carnet_suspended"),
        intended_uses=uses,
        vague_words=_list(data, "vague_words"),
        generic_words=frozenset(words(w).strip() for w in word_set("generic_words")),
        cable_words=_list(data, "cable_words"),
        needs_make_model=_list(data, "needs_make_model"),
        toolkit_words=_list(data, "toolkit_words"),
        toolkit_count_threshold=raw.whole(data["toolkit_count_threshold"], "toolkit"),
        consumables=_list(data, "consumables"),
        consumable_exempt=_list(data, "consumable_exempt"),
        licences=tuple(_licence(kind, raw.table(rule, kind)) for kind, rule in licences.items()),
        no_serial_words=frozenset(words(w) for w in word_set("no_serial_words")),
    )


def _licence(kind: str, rule: Mapping[str, object]) -> LicenceRule:
    return LicenceRule(
        kind,
        str(rule["note"]),
        raw.texts(rule["words"], f"{kind}: words"),
        raw.texts(rule["exempt"], f"{kind}: exempt"),
    )


# --- Item classification --------------------------------------------------------------------

_COUNT = re.compile(
    r" \d+ (?:x|off|pcs|pieces|piece|no) "  # "12 x XLR", "6 off"
    r"| (?:set|pack|bundle|loom) of \d+ "  # "set of 12"
    r"| \d+(?: [a-z0-9]+){0,3} (?:cables|leads|looms) "  # "12 XLR cables", "6 BNC 3G leads"
)
_PIECE_COUNT = re.compile(r" \d+ (?:pieces|piece|pcs|pc|items|tools) | \d+ piece ")


def consumable_word(ref: CarnetReference, text: str) -> str:
    """The consumable word in a description (``"gaffer tape"``), or ``""``.

    An exempt phrase anywhere makes the item equipment: ``Rechargeable V-mount battery``
    and ``Battery charger`` are kit with serials, ``AA batteries`` are consumables.
    """
    w = words(text)
    if has_phrase(w, ref.consumable_exempt):
        return ""
    return has_phrase(w, ref.consumables)


def licence_rule(ref: CarnetReference, text: str) -> tuple[LicenceRule, str] | None:
    """The licence an item needs besides the carnet, and the word that shows it."""
    w = words(text)
    for rule in ref.licences:
        found = has_phrase(without(w, rule.exempt), rule.words)
        if found:
            return rule, found
    return None


def vague_reason(ref: CarnetReference, description: str, make: str, model: str, qty: int) -> str:
    """Why customs would call the description vague, or ``""``."""
    w = words(description)
    counted = bool(_COUNT.search(w)) or qty > 1
    cables = has_phrase(w, ref.cable_words) or has_phrase(w, ("cable", "lead", "loom"))
    if has_phrase(w, ref.cable_words) and not counted:
        return "say how many cables: '12 x XLR cable 5 m', or a quantity of 12"
    banned = has_phrase(w if not cables else without(w, ("set of",)), ref.vague_words)
    if banned:
        return f"{banned!r} does not say what the item is"
    if not (make or model):
        tokens = [t for t in w.split() if not t.isdigit()]
        if tokens and all(t in ref.generic_words for t in tokens):
            return "a generic word alone: give the make and model, or say what it is exactly"
    return ""


# --- The kit table --------------------------------------------------------------------------

KIT = Schema(
    "kit",
    (
        Column(
            "case",
            aliases=("case_no", "case_number", "group", "case_or_group", "container", "packed_in"),
        ),
        Column(
            "description",
            required=True,
            aliases=("item", "item_description", "trade_description", "equipment"),
        ),
        Column("make", aliases=("manufacturer", "brand")),
        Column("model", aliases=("model_no", "model_number")),
        Column(
            "serial",
            aliases=("serial_number", "serial_no", "s_n", "sn", "serials", "serial_numbers"),
            label="serial number",
        ),
        Column(
            "quantity",
            "int",
            required=True,
            aliases=("qty", "pieces", "number_of_pieces", "no_of_pieces", "count"),
        ),
        Column(
            "unit_weight",
            required=True,
            aliases=("weight", "unit_weight_kg", "weight_kg", "weight_each", "kg"),
        ),
        Column(
            "unit_value",
            "money",
            required=True,
            aliases=("value", "unit_value_gbp", "value_each", "replacement_value", "price"),
        ),
        Column(
            "origin",
            required=True,
            aliases=("country_of_origin", "made_in", "coo", "origin_country", "country"),
            label="country of origin",
        ),
        Column("owner", aliases=("owner_supplier", "supplier", "hired_from", "source")),
        Column("notes", aliases=("note", "comments")),
    ),
)

_WEIGHT = re.compile(r"^(?P<num>\d+(?:\.\d+)?|\.\d+)\s*(?P<unit>kg|kgs|g|grams?)?$", re.IGNORECASE)
_SERIAL_PREFIX = re.compile(
    r"^(?:s\s*/\s*n|serial(?:\s+no\.?|\s+number)?|sn|no\.|#)\s*[:.]?\s*", re.I
)


def parse_weight(value: object, pos: Pos, diagnostics: Diagnostics) -> int | None:
    """``2.4``, ``2.4 kg``, ``350 g`` -> grams (rounded to the gram). Reported if unreadable."""
    if isinstance(value, bool):
        value = str(value)
    text = f"{value}" if not isinstance(value, float) else repr(value)
    m = _WEIGHT.match(text.strip().replace(",", "."))
    if not m:
        diagnostics.error(
            "bad-number",
            f"unit weight must be a weight in kg like 2.4 or 350 g (got {str(value)!r})",
            pos,
        )
        return None
    try:
        amount = Decimal(m["num"])
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    unit = (m["unit"] or "kg").lower()
    grams = amount if unit.startswith("g") else amount * 1000
    return int(grams.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_serials(text: str, ref: CarnetReference) -> tuple[tuple[str, ...], bool]:
    """The serial cell -> (serials, explicitly none). ``"S/N 123; 124"`` -> ``("123", "124")``."""
    if words(text) in ref.no_serial_words:
        return (), True
    parts = [_SERIAL_PREFIX.sub("", p.strip()).strip() for p in re.split(r"[,;\n]", text)]
    return tuple(p for p in parts if p), False


def serial_key(serial: str) -> str:
    """Serials compared ignoring case, spaces and punctuation: ``AB-123`` is ``ab123``."""
    return re.sub(r"[^0-9a-z]", "", serial.casefold())


def read_kit(table: Table, diagnostics: Diagnostics, context: ReaderContext) -> tuple[KitItem, ...]:
    """Kit lines, each checked as an issuing chamber would; every problem located."""
    ref = reference()
    currency: str = context.currency
    headers = schema_headers(KIT, table)
    if "serial" not in headers:
        diagnostics.error(
            "missing-column",
            "the kit table needs a 'serial' column: every item needs its serial number, "
            "or 'no serial' written in the cell",
            table.pos,
        )
    seen_serials: dict[str, Pos] = {}
    out: list[KitItem] = []
    for row, v in parse_rows(KIT, table, diagnostics, currency):

        def at(column: str, row: Row = row) -> Pos:
            header = headers.get(column)
            return row.where(header) if header else row.pos

        description = str(v["description"] or "")
        make, model = str(v["make"] or ""), str(v["model"] or "")
        described = " ".join((description, make, model))

        quantity, weight_g, value = _amounts(row, v, headers, at, diagnostics)
        origin = ""
        if v["origin"]:
            origin = _origin(str(v["origin"]), at("origin"), diagnostics, ref) or ""

        consumable = consumable_word(ref, described) if description else ""
        licence = licence_rule(ref, described) if description else None
        serials, no_serial = split_serials(str(v["serial"] or ""), ref)
        if consumable:
            diagnostics.warning(
                "not-carnet-eligible",
                f"{description!r} is a consumable ({consumable}): it is used up abroad, so it "
                "cannot go on the carnet; it is left off the general list (declare it separately)",
                at("description"),
            )
        elif description:
            _check_item(
                description,
                make,
                model,
                serials,
                no_serial,
                quantity,
                value,
                currency,
                at,
                diagnostics,
            )
        if licence is not None:
            rule, word = licence
            diagnostics.warning(
                "licence-needed",
                f"{description!r} ({word}): {rule.note}; the carnet does not replace them",
                at("description"),
            )
        for serial in serials:
            key = serial_key(serial)
            if not key:
                continue
            if key in seen_serials:
                diagnostics.error(
                    "duplicate-serial",
                    f"serial {serial!r} is already on {seen_serials[key]}: a serial belongs to "
                    "one item only",
                    at("serial"),
                )
            else:
                seen_serials[key] = at("serial")

        if not description or quantity is None or weight_g is None or value is None or not origin:
            continue  # already reported
        out.append(
            KitItem(
                case=str(v["case"] or ""),
                description=description,
                make=make,
                model=model,
                serials=serials,
                no_serial=no_serial,
                quantity=quantity,
                unit_weight_g=weight_g,
                unit_value=value,
                origin=origin,
                pos=row.pos,
                owner=str(v["owner"] or ""),
                notes=str(v["notes"] or ""),
                consumable=bool(consumable),
                licence=licence[0].kind if licence else "",
            )
        )
    return tuple(out)


def _amounts(
    row: Row, v: Parsed, headers: Mapping[str, str], at: At, diagnostics: Diagnostics
) -> tuple[int | None, int | None, Money | None]:
    """A kit line's quantity, unit weight (grams) and unit value, each more than nothing;
    None where it is missing or wrong (reported)."""
    quantity = v.as_int("quantity")
    if quantity is not None and quantity <= 0:
        diagnostics.error(
            "not-positive", f"quantity must be 1 or more (got {quantity})", at("quantity")
        )
        quantity = None
    weight_g = None
    raw_weight = row.get(headers["unit_weight"]) if "unit_weight" in headers else None
    if v["unit_weight"] is not None and raw_weight is not None:
        weight_g = parse_weight(raw_weight, at("unit_weight"), diagnostics)
        if weight_g is not None and weight_g <= 0:
            diagnostics.error(
                "not-positive",
                f"unit weight must be more than 0 kg (got {str(raw_weight)!r}); weigh it, "
                "or give at least 0.001",
                at("unit_weight"),
            )
            weight_g = None
    value = v["unit_value"] if isinstance(v["unit_value"], Money) else None
    if value is not None and value.minor <= 0:
        diagnostics.error(
            "not-positive",
            "unit value must be more than 0: give the replacement value (the retail price if new)",
            at("unit_value"),
        )
        value = None
    return quantity, weight_g, value


def _origin(text: str, pos: Pos, diagnostics: Diagnostics, ref: CarnetReference) -> str | None:
    code = ref.country(text)
    if code is not None:
        return code
    advice = ref.not_countries.get(words(text))
    diagnostics.error(
        "unknown-country",
        f"country of origin {text!r} is not a country"
        + (f": {advice}" if advice else "; give an ISO code like JP or a name like Japan"),
        pos,
    )
    return None


def _check_item(
    description: str,
    make: str,
    model: str,
    serials: tuple[str, ...],
    no_serial: bool,
    quantity: int | None,
    value: Money | None,
    currency: str,
    at: At,
    diagnostics: Diagnostics,
) -> None:
    """The general-list checks for one carnet line (not consumables)."""
    ref = reference()
    if not serials and not no_serial:
        diagnostics.error(
            "missing-serial",
            f"{description!r} has no serial number: give it, or write 'no serial' in the cell "
            "(printed as NSN on the list)",
            at("serial"),
        )
    if quantity and quantity > 1 and serials and len(serials) != quantity:
        diagnostics.error(
            "serial-count",
            f"{quantity} pieces but {len(serials)} serial number"
            f"{'s' if len(serials) != 1 else ''}: give one serial per piece, separated by "
            "commas, or put each piece on its own line",
            at("serial"),
        )
    reason = vague_reason(ref, description, make, model, quantity or 1)
    if reason:
        diagnostics.error(
            "vague-description",
            f"description {description!r} is vague: {reason}",
            at("description"),
        )
    elif not (make or model):
        electrical = has_phrase(words(description), ref.needs_make_model)
        if electrical:
            diagnostics.error(
                "no-make-model",
                f"{description!r} ({electrical}) needs its make and model: customs match "
                "electrical items by make, model and serial",
                at("make"),
            )
    toolkit = has_phrase(words(description), ref.toolkit_words)
    if toolkit and value is not None and quantity:
        line_value = value.minor * quantity
        if line_value > ref.toolkit_count_threshold * 100 and not _PIECE_COUNT.search(
            words(description)
        ):
            diagnostics.warning(
                "toolkit-pieces",
                f"{description!r} is worth more than {ref.toolkit_count_threshold} {currency}: say how "
                "many tools are in it ('toolkit, 42 pieces') and list power tools separately",
                at("description"),
            )


# --- The travel: section ----------------------------------------------------------------------

_TRAVEL_KEYS = {
    "holder",
    "eori",
    "representatives",
    "intended_use",
    "home_country",
    "itinerary",
    "departure",
    "return",
    "carnet_number",
    "issuer",
    "declared_value",
    "travel_documents",
}
TRAVEL_DOCUMENTS = ("passport", "visa")  # columns of the travel table a trip abroad may need
_TRANSIT = re.compile(r"^(?P<name>.*?)\s*(?:\(\s*transit\s*\)|\s-\s*transit|\btransit)\s*$", re.I)
_PERSON = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?\s*$")
MAX_VALIDITY_DAYS = 366  # a carnet is valid for up to 12 months [S49][S53]


def read_travel(value: object, pos: Pos, m: Manifest) -> Travel | None:
    """The ``travel:`` section: holder (box A), representatives (B), use (C), itinerary."""
    ref = reference()
    d = m.d
    hint = "holder, representatives, intended_use, itinerary, ..."
    value = m.section(value, pos, "travel", sorted(_TRAVEL_KEYS), hint)
    if value is None:
        return None

    found = m.data.get("company")
    company = found if isinstance(found, YamlMap) else YamlMap()
    holder_map = m.mapping(value, "holder")
    holder = Company(
        name=m.text(holder_map, "name") or _str(company.get("name")),
        address=m.address(holder_map, "address") or m.address(company, "address"),
        email=m.text(holder_map, "email") or _str(company.get("email")),
        phone=m.text(holder_map, "phone") or _str(company.get("phone")),
        company_number=m.text(holder_map, "company_number") or _str(company.get("company_number")),
        vat_number=m.text(holder_map, "vat_number") or _str(company.get("vat_number")),
    )
    if not holder.name:
        d.error("manifest-missing", "travel: holder: name is required (box A)", pos)

    representatives = _representatives(value, m)
    if not representatives:
        d.warning(
            "no-representatives",
            "travel: representatives is empty: name everyone who will present the carnet at "
            "customs (box B), or each of them needs the holder's letter of authority",
            m.pos(value, "representatives") if "representatives" in value else pos,
        )

    use_text = m.text(value, "intended_use") or "Professional equipment"
    intended_use = ref.intended_uses.get(words(use_text))
    if intended_use is None:
        known = sorted(set(ref.intended_uses.values()))
        d.error(
            "bad-intended-use",
            f"travel: intended_use must be one of {', '.join(known)} (got {use_text!r})",
            m.pos(value, "intended_use"),
        )
        intended_use = use_text

    home_text = m.text(value, "home_country") or "GB"
    home = ref.country(home_text)
    if home is None:
        d.error(
            "unknown-country",
            f"travel: home_country {home_text!r} is not a country",
            m.pos(value, "home_country"),
        )
        home = "GB"
    if home == "GB" and m.currency != "GBP":
        d.warning(
            "carnet-currency",
            f"a UK carnet's values are in GBP but the production's currency is {m.currency}",
            m.pos(value, "home_country") if "home_country" in value else pos,
        )

    departure = m.date(value, "departure")
    return_date = m.date(value, "return")
    if departure and return_date:
        if return_date < departure:
            d.error(
                "bad-date-order",
                "travel: return is before departure",
                m.pos(value, "return"),
            )
        elif (return_date - departure).days > MAX_VALIDITY_DAYS:
            d.error(
                "carnet-validity",
                "travel: a carnet is valid for at most 12 months; this trip is longer "
                f"({(return_date - departure).days} days)",
                m.pos(value, "return"),
            )

    itinerary = _itinerary(value, m, home)
    if "itinerary" not in value:
        d.error(
            "manifest-missing",
            "travel: itinerary is required: the countries visited and crossed, in order",
            pos,
        )

    return Travel(
        pos=pos,
        holder=holder,
        home=home,
        home_name=ref.countries[home],
        home_territory=ref.territory(home),
        intended_use=intended_use,
        representatives=representatives,
        itinerary=itinerary,
        departure=departure,
        return_date=return_date,
        eori=m.text(value, "eori"),
        carnet_number=m.text(value, "carnet_number"),
        issuer=m.text(value, "issuer"),
        declared_value=m.money(value, "declared_value"),
        documents=_documents(value, m),
    )


def _documents(value: YamlMap, m: Manifest) -> tuple[str, ...]:
    """``travel_documents: [passport, visa]``: the travel table's columns every traveller
    leaving the home country must fill (``passport: checked``, an expiry, a number)."""
    out: list[str] = []
    for item, pos in m.items(value, "travel_documents"):
        name = _str(item).strip().lower()
        if name not in TRAVEL_DOCUMENTS:
            m.d.error(
                "manifest-type",
                f"travel: travel_documents names the travel table's columns to check: "
                f"{', '.join(TRAVEL_DOCUMENTS)} (got {_str(item)!r})",
                pos,
            )
        elif name not in out:
            out.append(name)
    return tuple(out)


def _representatives(value: YamlMap, m: Manifest) -> tuple[Person, ...]:
    out: list[Person] = []
    for item, pos in m.items(value, "representatives"):
        if isinstance(item, dict):
            name = m.text(item, "name", required=True, where="travel: representatives: ")
            if name:
                out.append(
                    Person(name, m.text(item, "role"), m.text(item, "email"), m.text(item, "phone"))
                )
            continue
        match = _PERSON.match(_str(item))
        if not match or not match["name"].strip():
            m.d.error(
                "manifest-type",
                "travel: each representative is a name, 'Name (role)', or name/role lines",
                pos,
            )
            continue
        out.append(Person(match["name"].strip(), (match["role"] or "").strip()))
    return tuple(out)


def _itinerary(value: YamlMap, m: Manifest, home: str) -> tuple[TravelStop, ...]:
    ref = reference()
    stops: list[TravelStop] = []
    last_leave: date | None = None
    for item, pos in m.items(value, "itinerary"):
        arrive = leave = None
        if isinstance(item, dict):
            country_text = m.text(item, "country", required=True, where="travel: itinerary: ")
            transit_value = item.get("transit")
            transit = transit_value is True or _str(transit_value).lower() in ("yes", "true", "y")
            pos = m.pos(item, "country")
            arrive = m.date(item, "arrive") or m.date(item, "from")
            leave = m.date(item, "leave") or m.date(item, "to")
        else:
            country_text = _str(item)
            found = _TRANSIT.match(country_text)
            transit = bool(found)
            if found:
                country_text = found["name"].strip()
        if not country_text:
            continue
        code = ref.country(country_text)
        if code is None:
            m.d.error(
                "unknown-country",
                f"travel: itinerary: {country_text!r} is not a country",
                pos,
            )
            continue
        name = ref.countries[code]
        if code in ref.carnet_suspended:
            m.d.error(
                "carnet-not-accepted",
                f"{name}: UK chambers do not issue carnets for it (suspended from the ATA "
                "system); goods need a temporary-export declaration instead",
                pos,
            )
        elif code not in ref.carnet_countries and code != home:
            m.d.warning(
                "carnet-not-accepted",
                f"{name} is not in our list of countries that accept ATA carnets; check with "
                "the issuing chamber (a carnet may be refused at its border)",
                pos,
            )
        if arrive and leave and leave < arrive:
            m.d.error("bad-date-order", f"travel: itinerary: {name}: leave is before arrive", pos)
        if arrive and last_leave and arrive < last_leave:
            m.d.warning(
                "itinerary-order",
                f"travel: itinerary: {name} starts before the previous country ends; list the "
                "countries in the order travelled",
                pos,
            )
        last_leave = leave or arrive or last_leave
        stops.append(
            TravelStop(
                country=code,
                name=name,
                territory=ref.territory(code),
                transit=transit,
                pos=pos,
                arrive=arrive,
                leave=leave,
            )
        )
    return tuple(stops)
