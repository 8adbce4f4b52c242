"""The production folder: ``production.yaml`` and the tables it names, read and checked.

``read_production(folder, diagnostics)`` reads everything it can and reports every problem
(located, with a stable code) before returning; callers end the stage with
``diagnostics.stop_if_errors()``.

Extending it: a manifest section is one entry in ``SECTIONS`` (key -> Production field), a
field of :class:`~paperwork.readers.context.Sections` and one line in :func:`_sections`
naming its reader, which takes ``(value, pos, manifest)``; a table is one entry in
``TABLES`` (name -> Production field and a reader taking ``(table, diagnostics, context)``)
and one line where the Production is made. Sections are read before tables, so a table
reader can use them through ``context.sections``
(:class:`~paperwork.readers.context.ReaderContext`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import ElementRow
from paperwork.model.call_sheets import Call as CallRow
from paperwork.model.call_sheets import CastMember, Location, ShootDay, SupportingArtists
from paperwork.model.clearances import Clearance, IntendedUse
from paperwork.model.crew import CrewMember
from paperwork.model.delivery import Deliverable
from paperwork.model.kit import KitItem
from paperwork.model.production import Production
from paperwork.model.records import Company, Money
from paperwork.model.risks import Risk
from paperwork.model.source import Pos
from paperwork.model.travel import Stay, TravelLeg
from paperwork.readers.call_sheets import read_call_sheet_settings
from paperwork.readers.calls import read_calls
from paperwork.readers.cast import read_cast
from paperwork.readers.clearances import read_clearances, read_distribution
from paperwork.readers.context import ReaderContext, Sections
from paperwork.readers.crew import read_crew, read_crew_list_settings
from paperwork.readers.deliverables import read_deliverables, read_delivery
from paperwork.readers.elements import read_elements
from paperwork.readers.email import read_email_settings
from paperwork.readers.fields import parse_money
from paperwork.readers.kit import read_kit, read_travel
from paperwork.readers.locations import read_locations
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.risks import read_risks
from paperwork.readers.schedule import read_schedule
from paperwork.readers.supporting_artists import read_supporting_artists
from paperwork.readers.tables import Table, cell_value, read_table
from paperwork.readers.terms import read_terms
from paperwork.readers.travel import read_accommodation, read_travel_legs
from paperwork.readers.yaml_source import YamlMap, load_yaml

MANIFEST = "production.yaml"
# A production file is a few KB written by hand (the demo's is 7 KB). Past this it is not
# one: parsing it would take seconds per 100 KB, and one value could outgrow what Word's
# XML parser accepts in a document.
MAX_MANIFEST_BYTES = 256 * 1024


ReadContext = ReaderContext  # the name the web page's reading cache imports
T = TypeVar("T")


def read_clearance_terms(value: object, pos: Pos, m: Manifest) -> IntendedUse:
    terms = m.mapping(m.data, "clearances")
    return IntendedUse(
        media=m.text(terms, "media"),
        territory=m.text(terms, "territory"),
        term=m.text(terms, "term"),
        uses=m.text(terms, "uses"),
        promo=m.text(terms, "promo"),
    )


def read_revision_colours(value: object, pos: Pos, m: Manifest) -> tuple[str, ...]:
    """``revision_colours: [White, Blue, Pink, ...]``: the production's own order."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        m.d.error(
            "manifest-type",
            "revision_colours must be a list of colour names, White first (e.g. [White, Blue, Pink])",
            pos,
        )
        return ()
    names = tuple(str(v).strip() for v in value)
    if len(set(n.lower() for n in names)) != len(names):
        m.d.error("manifest-type", "revision_colours names a colour twice", pos)
        return ()
    return names


SectionReader = Callable[[object, Pos, Manifest], T]
TableReader = Callable[[Table, Diagnostics, ReaderContext], tuple[object, ...]]
# (table name, file, source, sheet, diagnostics, context) -> the table's records, or None
TableLoader = Callable[
    [str, Path, str, str | None, Diagnostics, ReaderContext], tuple[object, ...] | None
]

# manifest key -> the Production field it fills (each read by its reader in _sections)
SECTIONS: dict[str, str] = {
    "clearances": "clearance_terms",
    "terms": "terms",
    "travel": "travel",
    "call_sheets": "call_sheets",
    "revision_colours": "revision_colours",
    "delivery": "delivery",
    "distribution": "distribution",
    "email": "email",
    "crew_list": "crew_list",
}
# table name under 'tables:' -> (Production field, reader)
TABLES: dict[str, tuple[str, TableReader]] = {
    "clearances": ("clearances", read_clearances),
    "crew": ("crew", read_crew),
    "kit": ("kit", read_kit),
    "schedule": ("shoot_days", read_schedule),
    "cast": ("cast", read_cast),
    "locations": ("locations", read_locations),
    "calls": ("calls", read_calls),
    "supporting_artists": ("supporting_artists", read_supporting_artists),
    "risks": ("risks", read_risks),
    "deliverables": ("deliverables", read_deliverables),
    "travel": ("travel_legs", read_travel_legs),
    "accommodation": ("accommodation", read_accommodation),
    "elements": ("elements", read_elements),
}

# Tables whose header alone says "none": a production of day trips books no hotels (its
# nights away are still checked: ``no-bed``).
ROWS_OPTIONAL = frozenset({"accommodation"})

_CORE_KEYS = {
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
    "tables",
}
_CURRENCIES = {"GBP", "EUR", "USD"}
_PAPERS = {"a4", "letter"}


def _is_image(path: Path) -> bool:
    """A PNG, JPEG or GIF that decodes: what both Word and the PDF renderer can place."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format not in ("PNG", "JPEG", "GIF"):
                return False
            image.load()
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
    return True


def load_table(
    name: str,
    path: Path,
    source: str,
    sheet: str | None,
    diagnostics: Diagnostics,
    context: ReaderContext,
) -> tuple[object, ...] | None:
    """One named table's records, read from ``path`` (``None`` if the file did not read)."""
    optional = name in ROWS_OPTIONAL
    table = read_table(path, name, source, diagnostics, sheet, rows_optional=optional)
    if table is None:
        return None
    return TABLES[name][1](table, diagnostics, context)


def read_production(
    folder: Path, diagnostics: Diagnostics, *, load: TableLoader = load_table
) -> Production | None:
    """Read ``folder/production.yaml`` and every table it names. ``None`` if unusable.

    ``load`` reads one table; a caller that keeps tables already read (the web page's
    re-check after one edit) passes its own, which calls :func:`load_table` only for files
    that changed.
    """
    data = _open_manifest(folder, diagnostics)
    if data is None:
        return None
    source = MANIFEST
    root = folder.resolve()
    currency = (_str(data.get("currency")) or "GBP").upper()
    m = Manifest(data, source, diagnostics, root, currency if currency in _CURRENCIES else "GBP")
    for key in data:
        if key not in _CORE_KEYS and key not in SECTIONS:
            diagnostics.warning(
                "unknown-key", f"unknown key {key!r} in {MANIFEST} (ignored)", m.pos(data, key)
            )

    title = m.text(data, "title", required=True)
    company = _company(data, m, root)
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

    budget = _budget(data, m, currency)
    templates = _templates(data, m, root)
    script, script_paper = _script(data, m, root)
    sections = _sections(data, m)
    context = ReaderContext(root, currency, sections)
    tables, records = _tables(data, m, root, load, context)

    production = Production(
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
        script_paper=script_paper,
        budget=budget,
        tables=tables,
        clearance_terms=sections.clearance_terms,
        terms=sections.terms,
        travel=sections.travel,
        call_sheets=sections.call_sheets,
        revision_colours=sections.revision_colours,
        delivery=sections.delivery,
        distribution=sections.distribution,
        email=sections.email,
        crew_list=sections.crew_list,
        clearances=_records(records, "clearances", Clearance),
        crew=_records(records, "crew", CrewMember),
        kit=_records(records, "kit", KitItem),
        shoot_days=_records(records, "shoot_days", ShootDay),
        cast=_records(records, "cast", CastMember),
        locations=_records(records, "locations", Location),
        calls=_records(records, "calls", CallRow),
        supporting_artists=_records(records, "supporting_artists", SupportingArtists),
        risks=_records(records, "risks", Risk),
        deliverables=_records(records, "deliverables", Deliverable),
        travel_legs=_records(records, "travel_legs", TravelLeg),
        accommodation=_records(records, "accommodation", Stay),
        elements=_records(records, "elements", ElementRow),
    )
    # Each table's records go to the Production by name above: a table in TABLES that is
    # not named there would be read and then lost, so that is a bug, and loud.
    assert not records, f"TABLES fields not given to the Production: {sorted(records)}"
    return production


def _open_manifest(folder: Path, diagnostics: Diagnostics) -> YamlMap | None:
    """``production.yaml`` read as a mapping, or None (reported) when it cannot be."""
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
        size = manifest_path.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            diagnostics.error(
                "manifest-too-large",
                f"{MANIFEST} is {size / 1024:,.0f} KB; a production file is at most "
                f"{MAX_MANIFEST_BYTES // 1024} KB (is this the right file?)",
                Pos(source),
            )
            return None
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
    return data


def _company(data: YamlMap, m: Manifest, root: Path) -> Company:
    """The manifest's ``company:`` with its logo (a PNG, JPEG or GIF inside the folder)."""
    diagnostics = m.d
    source = MANIFEST
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
    if logo is not None and not _is_image(logo):
        diagnostics.error(
            "bad-logo",
            f"the logo {logo_value!r} is not a PNG, JPEG or GIF image",
            m.pos(company_map, "logo"),
        )
        logo = None
    return Company(
        name=m.text(company_map, "name", required="company" in data, where="company: "),
        address=m.address(company_map, "address"),
        email=m.text(company_map, "email"),
        phone=m.text(company_map, "phone"),
        website=m.text(company_map, "website"),
        company_number=m.text(company_map, "company_number"),
        vat_number=m.text(company_map, "vat_number"),
        logo=logo,
    )


def _budget(data: YamlMap, m: Manifest, currency: str) -> tuple[tuple[str, Money], ...]:
    """The manifest's ``budget:`` lines, each an amount in the production's currency."""
    diagnostics = m.d
    budget: list[tuple[str, Money]] = []
    budget_map = m.mapping(data, "budget")
    for key, value in budget_map.items():
        where = m.pos(budget_map, key)
        amount = parse_money(cell_value(value), f"budget: {key}", where, diagnostics, currency)
        if amount is not None:
            budget.append((str(key), amount))
    return tuple(budget)


def _templates(data: YamlMap, m: Manifest, root: Path) -> Path | None:
    """The user's own template folder, inside the production folder, or None."""
    diagnostics = m.d
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
    return templates


def _script(data: YamlMap, m: Manifest, root: Path) -> tuple[Path | None, str]:
    """The script the manifest names, and the paper it is laid out on."""
    diagnostics = m.d
    # script: draft.fountain   or   script: {file: draft.fdx, paper: a4}
    script_holder: object = data
    script_key = "script"
    script_paper = "letter"
    if isinstance(data.get("script"), dict):
        script_holder, script_key = data["script"], "file"
        script_paper = (m.text(script_holder, "paper") or "letter").lower()
        if script_paper not in _PAPERS:
            diagnostics.error(
                "bad-paper",
                f"script paper must be a4 or letter (got {script_paper!r})",
                m.pos(script_holder, "paper"),
            )
            script_paper = "letter"
    script_value = m.text(script_holder, script_key, required=script_key == "file")
    script = (
        m.inside(root, script_value, script_holder, script_key, "the script")
        if script_value
        else None
    )
    if script is not None and not script.is_file():
        diagnostics.error(
            "file-missing",
            f"the script {script_value!r} does not exist",
            m.pos(script_holder, script_key),
        )
        script = None
    return script, script_paper


def _tables(
    data: YamlMap, m: Manifest, root: Path, load: TableLoader, context: ReaderContext
) -> tuple[tuple[tuple[str, Path], ...], dict[str, tuple[object, ...]]]:
    """Each table the manifest names, loaded: (name, file) pairs, and the records by
    Production field."""
    diagnostics = m.d
    tables: list[tuple[str, Path]] = []
    records: dict[str, tuple[object, ...]] = {}
    tables_map = m.mapping(data, "tables")
    for name, value in tables_map.items():
        pos = m.pos(tables_map, name)
        spec = _str(value)
        file_part, _, sheet = spec.partition("#")
        if not file_part:
            diagnostics.error("manifest-missing", f"tables: {name} needs a file name", pos)
            continue
        entry = TABLES.get(name)
        if entry is None:
            diagnostics.warning(
                "unknown-table",
                f"unknown table {name!r} (known: {', '.join(sorted(TABLES))}); ignored",
                pos,
            )
            continue
        inside = m.inside(root, file_part, tables_map, name, f"the {name} table")
        if inside is None:
            continue
        path = inside
        tables.append((name, path))
        loaded = load(name, path, file_part, sheet or None, diagnostics, context)
        if loaded is not None:
            records[entry[0]] = loaded
    return tuple(tables), records


def _sections(data: YamlMap, m: Manifest) -> Sections:
    """Each manifest section the file has, read by its reader; the others their defaults."""

    def read(key: str, reader: SectionReader[T], default: T) -> T:
        return reader(data[key], m.pos(data, key), m) if key in data else default

    return Sections(
        clearance_terms=read("clearances", read_clearance_terms, IntendedUse()),
        terms=read("terms", read_terms, None),
        travel=read("travel", read_travel, None),
        call_sheets=read("call_sheets", read_call_sheet_settings, None),
        revision_colours=read("revision_colours", read_revision_colours, ()),
        delivery=read("delivery", read_delivery, None),
        distribution=read("distribution", read_distribution, None),
        email=read("email", read_email_settings, None),
        crew_list=read("crew_list", read_crew_list_settings, None),
    )


def _records(records: dict[str, tuple[object, ...]], field: str, kind: type[T]) -> tuple[T, ...]:
    """A table's records by Production field (taken out of ``records``), as the record type
    its reader makes."""
    found = records.pop(field, ())
    assert all(isinstance(r, kind) for r in found), field
    return tuple(r for r in found if isinstance(r, kind))
