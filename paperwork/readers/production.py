"""The production folder: ``production.yaml`` and the tables it names, read and checked.

``read_production(folder, diagnostics)`` reads everything it can and reports every problem
(located, with a stable code) before returning; callers end the stage with
``diagnostics.stop_if_errors()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from paperwork.errors import Diagnostics
from paperwork.model.production import (
    Clearance,
    ClearanceStatus,
    ClearanceType,
    Company,
    IntendedUse,
    Money,
    Person,
    Production,
    RightsHolder,
)
from paperwork.model.source import Pos
from paperwork.readers.fields import Column, Schema, lines, parse_money, parse_rows
from paperwork.readers.tables import read_table
from paperwork.readers.yaml_source import YamlList, YamlMap, key_pos, load_yaml

MANIFEST = "production.yaml"

_KNOWN_KEYS = {
    "title",
    "production_type",
    "commissioner",
    "release",
    "company",
    "office",
    "people",
    "currency",
    "locale",
    "paper",
    "templates",
    "script",
    "budget",
    "clearances",
    "tables",
}
_CURRENCIES = {"GBP", "EUR", "USD"}
_PAPERS = {"a4", "letter"}


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


class _Manifest:
    """Typed reads of the manifest's values, each problem located at its key."""

    def __init__(self, data: YamlMap, source: str, diagnostics: Diagnostics) -> None:
        self.data = data
        self.source = source
        self.d = diagnostics

    def pos(self, mapping: object, key: str) -> Pos:
        return key_pos(mapping, key, self.source)

    def text(self, mapping: Any, key: str, *, required: bool = False, where: str = "") -> str:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if isinstance(value, dict | list):
            self.d.error(
                "manifest-type",
                f"{where}{key} must be text, not a {type(value).__name__}",
                self.pos(mapping, key),
            )
            return ""
        text = _str(value)
        if required and not text:
            self.d.error("manifest-missing", f"{where}{key} is required", self.pos(mapping, key))
        return text

    def mapping(self, mapping: Any, key: str) -> YamlMap:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value is None:
            empty = YamlMap()
            empty.lines, empty.line = {}, getattr(mapping, "line", 0)
            return empty
        if not isinstance(value, YamlMap):
            self.d.error(
                "manifest-type",
                f"{key} must be a mapping of 'name: value' lines",
                self.pos(mapping, key),
            )
            empty = YamlMap()
            empty.lines, empty.line = {}, 0
            return empty
        return value

    def address(self, mapping: Any, key: str) -> tuple[str, ...]:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if isinstance(value, list):
            return tuple(_str(v) for v in value if _str(v))
        return lines(value)

    def people(self, key: str) -> tuple[Person, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, YamlList):
            self.d.error(
                "manifest-type",
                f"{key} must be a list of people (name, role, email, phone)",
                self.pos(self.data, key),
            )
            return ()
        out = []
        for item, line in zip(value, value.item_lines, strict=True):
            if not isinstance(item, dict):
                self.d.error(
                    "manifest-type",
                    f"each entry of {key} must have name, role, email, phone",
                    Pos(self.source, line),
                )
                continue
            name = self.text(item, "name", required=True, where=f"{key}: ")
            email = self.text(item, "email")
            if email and "@" not in email:
                self.d.error(
                    "bad-email",
                    f"{key}: email must be an email address (got {email!r})",
                    self.pos(item, "email"),
                )
            out.append(Person(name, self.text(item, "role"), email, self.text(item, "phone")))
        return tuple(out)

    def inside(self, root: Path, value: str, mapping: Any, key: str, what: str) -> Path | None:
        """A path named in the manifest, resolved against the folder; it must stay inside."""
        path = (root / value).resolve()
        if not path.is_relative_to(root.resolve()):
            self.d.error(
                "path-outside-production",
                f"{what} must be inside the production folder (got {value!r})",
                self.pos(mapping, key),
            )
            return None
        return path


def read_production(folder: Path, diagnostics: Diagnostics) -> Production | None:
    """Read ``folder/production.yaml`` and every table it names. ``None`` if unusable."""
    manifest_path = folder / MANIFEST
    source = MANIFEST
    if not folder.is_dir():
        diagnostics.error(
            "no-production",
            f"{folder} is not a folder (expected a production folder holding {MANIFEST})",
            Pos(str(folder)),
        )
        return None
    if not manifest_path.is_file():
        diagnostics.error(
            "manifest-missing",
            f"no {MANIFEST} in {folder} (run 'paperwork init {folder}' to start a production folder)",
            Pos(str(manifest_path)),
        )
        return None
    try:
        text = manifest_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.error("manifest-unreadable", f"cannot read {MANIFEST}: {exc}", Pos(source))
        return None
    data = load_yaml(text, source, diagnostics)
    if data is None:
        if not diagnostics.has_errors:
            diagnostics.error(
                "manifest-empty",
                f"{MANIFEST} is empty: it needs at least a title and a company",
                Pos(source),
            )
        return None
    if not isinstance(data, YamlMap):
        diagnostics.error(
            "manifest-type", f"{MANIFEST} must be a mapping of 'key: value' lines", Pos(source, 1)
        )
        return None
    m = _Manifest(data, source, diagnostics)
    for key in data:
        if key not in _KNOWN_KEYS:
            diagnostics.warning(
                "unknown-key", f"unknown key {key!r} in {MANIFEST} (ignored)", m.pos(data, key)
            )

    root = folder.resolve()
    title = m.text(data, "title", required=True)
    company_map = m.mapping(data, "company")
    if "company" not in data:
        diagnostics.error(
            "manifest-missing", "company is required (name, address, phone, email)", Pos(source, 1)
        )
    logo_value = m.text(company_map, "logo")
    logo = m.inside(root, logo_value, company_map, "logo", "the logo") if logo_value else None
    if logo is not None and not logo.is_file():
        diagnostics.error(
            "file-missing",
            f"the logo file {logo_value!r} does not exist",
            m.pos(company_map, "logo"),
        )
        logo = None
    company = Company(
        name=m.text(company_map, "name", required="company" in data, where="company: "),
        address=m.address(company_map, "address"),
        email=m.text(company_map, "email"),
        phone=m.text(company_map, "phone"),
        website=m.text(company_map, "website"),
        company_number=m.text(company_map, "company_number"),
        vat_number=m.text(company_map, "vat_number"),
        logo=logo,
    )
    currency = (m.text(data, "currency") or "GBP").upper()
    if currency not in _CURRENCIES:
        diagnostics.error(
            "bad-currency",
            f"currency must be one of {', '.join(sorted(_CURRENCIES))} (got {currency!r})",
            m.pos(data, "currency"),
        )
        currency = "GBP"
    paper = (m.text(data, "paper") or "a4").lower()
    if paper not in _PAPERS:
        diagnostics.error(
            "bad-paper", f"paper must be a4 or letter (got {paper!r})", m.pos(data, "paper")
        )
        paper = "a4"

    budget: list[tuple[str, Money]] = []
    budget_map = m.mapping(data, "budget")
    for key, value in budget_map.items():
        amount = parse_money(value, f"budget: {key}", m.pos(budget_map, key), diagnostics, currency)
        if amount is not None:
            budget.append((str(key), amount))

    templates_value = m.text(data, "templates")
    templates = None
    if templates_value:
        templates = m.inside(root, templates_value, data, "templates", "the templates folder")
        if templates is not None and not templates.is_dir():
            diagnostics.error(
                "file-missing",
                f"the templates folder {templates_value!r} does not exist",
                m.pos(data, "templates"),
            )
            templates = None
    script_value = m.text(data, "script")
    script = m.inside(root, script_value, data, "script", "the script") if script_value else None
    if script is not None and not script.is_file():
        diagnostics.error(
            "file-missing", f"the script {script_value!r} does not exist", m.pos(data, "script")
        )
        script = None

    terms_map = m.mapping(data, "clearances")
    terms = IntendedUse(
        media=m.text(terms_map, "media"),
        territory=m.text(terms_map, "territory"),
        term=m.text(terms_map, "term"),
        uses=m.text(terms_map, "uses"),
        promo=m.text(terms_map, "promo"),
    )

    tables: list[tuple[str, Path]] = []
    records: dict[str, tuple[Any, ...]] = {}
    tables_map = m.mapping(data, "tables")
    for name, value in tables_map.items():
        pos = m.pos(tables_map, name)
        spec = _str(value)
        file_part, _, sheet = spec.partition("#")
        if not file_part:
            diagnostics.error("manifest-missing", f"tables: {name} needs a file name", pos)
            continue
        reader = TABLE_READERS.get(name)
        if reader is None:
            diagnostics.warning(
                "unknown-table",
                f"unknown table {name!r} (known: {', '.join(sorted(TABLE_READERS))}); ignored",
                pos,
            )
            continue
        path = (root / file_part).resolve()
        tables.append((name, path))
        table = read_table(path, name, file_part, diagnostics, sheet or None)
        if table is not None:
            records[name] = reader(table, diagnostics, currency, terms)

    return Production(
        root=root,
        manifest=Pos(source),
        title=title,
        company=company,
        office=m.people("office"),
        people=m.people("people"),
        currency=currency,
        locale=m.text(data, "locale") or "en-GB",
        paper=paper,
        production_type=m.text(data, "production_type"),
        commissioner=m.text(data, "commissioner"),
        release=m.text(data, "release"),
        templates=templates,
        script=script,
        budget=tuple(budget),
        clearances=records.get("clearances", ()),
        clearance_terms=terms,
        tables=tuple(tables),
    )


# --- Clearances -----------------------------------------------------------------------------

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
        Column("media"),
        Column("territory"),
        Column("term"),
        Column("uses", aliases=("number_of_uses", "usage_type", "usage")),
        Column("promo", aliases=("promo_use", "trailer_use")),
        Column("fee_quoted", "money", aliases=("quoted_fee", "quote"), label="fee quoted"),
        Column("fee_agreed", "money", aliases=("agreed_fee",), label="fee agreed"),
        Column("status", "choice", required=True, choices=_STATUS_CHOICES),
        Column("requested", "date", aliases=("date_requested",)),
        Column("reply_by", "date", aliases=("reply_by_date",), label="reply-by date"),
        Column(
            "licence_expiry", "date", aliases=("license_expiry", "expiry"), label="licence expiry"
        ),
        Column("restrictions"),
        Column("credit", aliases=("credit_required", "credit_wording")),
        Column("notes"),
    ),
)


def read_clearances(
    table: Any, diagnostics: Diagnostics, currency: str, terms: IntendedUse
) -> tuple[Clearance, ...]:
    """Clearance rows; the manifest's ``clearances:`` terms fill empty media/territory/term."""
    out: list[Clearance] = []
    seen: dict[str, Pos] = {}
    for row, v in parse_rows(CLEARANCES, table, diagnostics, currency):
        ident = v["id"]
        if ident:
            if ident in seen:
                diagnostics.error(
                    "duplicate-id",
                    f"item id {ident!r} is used twice (first at {seen[ident]})",
                    row.where("id") if "id" in row.cells else row.pos,
                )
            else:
                seen[str(ident)] = row.pos
        if (
            not ident
            or v["type"] is None
            or v["status"] is None
            or not v["description"]
            or not v["holder_company"]
        ):
            continue  # already reported
        out.append(
            Clearance(
                id=str(ident),
                type=v["type"],  # type: ignore[arg-type]
                description=str(v["description"]),
                holder=RightsHolder(
                    company=str(v["holder_company"]),
                    contact=str(v["holder_contact"] or ""),
                    address=v["holder_address"] or (),  # type: ignore[arg-type]
                    email=str(v["holder_email"] or ""),
                ),
                use=IntendedUse(
                    media=str(v["media"] or terms.media),
                    territory=str(v["territory"] or terms.territory),
                    term=str(v["term"] or terms.term),
                    uses=str(v["uses"] or terms.uses),
                    promo=str(v["promo"] or terms.promo),
                ),
                status=v["status"],  # type: ignore[arg-type]
                pos=row.pos,
                identifiers=str(v["identifiers"] or ""),
                isrc=str(v["isrc"] or ""),
                iswc=str(v["iswc"] or ""),
                timecode_in=str(v["timecode_in"] or ""),
                timecode_out=str(v["timecode_out"] or ""),
                duration=str(v["duration"] or ""),
                scenes=str(v["scenes"] or ""),
                fee_quoted=v["fee_quoted"],  # type: ignore[arg-type]
                fee_agreed=v["fee_agreed"],  # type: ignore[arg-type]
                requested=v["requested"],  # type: ignore[arg-type]
                reply_by=v["reply_by"],  # type: ignore[arg-type]
                licence_expiry=v["licence_expiry"],  # type: ignore[arg-type]
                restrictions=str(v["restrictions"] or ""),
                credit=str(v["credit"] or ""),
                notes=str(v["notes"] or ""),
            )
        )
    return tuple(out)


TABLE_READERS: dict[str, Callable[..., tuple[Any, ...]]] = {
    "clearances": read_clearances,
}
