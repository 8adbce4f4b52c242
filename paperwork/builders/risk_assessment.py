"""Risk assessments from the risks table, with hazards suggested by the script (PAPERWORK.md
§5 and §9 idea 1).

One document per location: a UK production assesses each site on its recce, and the site
sets the emergency arrangements (the nearest A&E comes from the locations table). Rows
whose ``location`` is blank are production-wide (driving to set, children, night work in
general) and make one "Whole production" document; with no locations at all that is the
only document. A row's location matches a locations-table id or name; any other text is
kept as the document's heading, with no A&E.

Per hazard: the 5x5 rating (likelihood x severity) and its band before and after the
further controls; the bands are data (``paperwork/data/hazards.yaml``). Checks:

- ``residual-not-lower`` (warning): further controls are listed but the residual rating is
  not lower than the initial one;
- ``high-risk-no-owner`` (error): a risk still high after the further controls (or high
  with none given) without an action owner and a due date;
- ``unassessed-script-hazard`` (warning): when the pipeline provides the screenplay, each
  scene's heading and action are scanned for the hazard categories' words (and for minor
  cast, and exteriors at night); a category with no row covering that scene (the scene in
  the row's ``scenes`` and the row's category, or its hazard's words, matching) is listed
  under "Script hazards not yet assessed" and reported at the scene heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from paperwork.builders.base import BuildJob, BuiltDocument, DocumentKind, Sheet, slug
from paperwork.builders.format import long_date, short_date
from paperwork.builders.letterhead import (
    Detail,
    HeadedContext,
    heading,
    natural_key,
)
from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import Location
from paperwork.model.production import Production
from paperwork.model.risks import Risk
from paperwork.model.screenplay import (
    Action,
    DualDialogue,
    SceneHeading,
    Screenplay,
    Speech,
    plain,
)
from paperwork.model.source import Pos
from paperwork.planning.breakdown import parse_heading
from paperwork.readers.risks import HazardReference, reference

NAME = "risk-assessments"
NO_FILL = "FFFFFF"  # a rating cell with no score
WHOLE_PRODUCTION = "Whole production"


# --- The script's hazards -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SceneHazard:
    """A hazard category a scene suggests, and the word (or reason) that shows it; display-
    ready for the list of script hazards not yet assessed."""

    scene: str
    set: str
    heading: str
    category: str  # the key in hazards.yaml
    hazard: str  # the category's label: "Working at height"
    guidance: str  # the HSE guidance the category points to
    found: str
    pos: Pos


def scene_hazards(
    screenplay: Screenplay, ref: HazardReference, minors: tuple[str, ...] = ()
) -> tuple[SceneHazard, ...]:
    """Every (scene, category) the script suggests, in script order; ``minors`` are the
    upper-case character names of minor cast."""
    out: list[SceneHazard] = []
    named = _NameFinder(minors)
    for number, scene_heading, texts, speakers in _scenes(screenplay):
        head_text = " ".join(plain(scene_heading.text).split())
        int_ext, set_name, time_of_day = parse_heading(head_text)
        body = "\n".join((head_text, *texts))
        for key, cat in ref.categories.items():
            found = ""
            pattern = cat.pattern()
            text = body if "EXT" in int_ext or not cat.exterior else head_text
            if pattern is not None and (m := pattern.search(text)):
                found = f"'{m.group(0).lower()}'"
            if not found and cat.exterior_times and "EXT" in int_ext:
                times = set(re.findall(r"[A-Z]+", time_of_day.upper()))
                hit = next((t for t in cat.exterior_times if t in times), "")
                found = f"EXT {hit}" if hit else ""
            if not found and cat.minor_cast:
                kid = named.first(body.upper(), speakers)
                found = f"{kid} (minor)" if kid else ""
            if found:
                hazard = SceneHazard(
                    number, set_name, head_text, key, cat.label, cat.hse, found, scene_heading.pos
                )
                out.append(hazard)
    return tuple(out)


class _NameFinder:
    r"""The first of some upper-case names that speaks in a scene or stands as whole words in
    its text (``(?<!\w)NAME(?!\w)``), found in one pass over the text, not one per name.

    A name that starts and ends with a word character can only stand from the start of a run
    of word characters to the end of one, its own number of runs later; so the text's spans
    of 1, 2... runs are looked up in a set. Other names are searched for one by one.
    """

    __slots__ = ("names", "rank", "runs", "odd")

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.rank: dict[str, int] = {}
        self.runs: set[int] = set()
        self.odd: list[str] = []
        for name in self.names:
            self.rank.setdefault(name, len(self.rank))
            if _WORD.fullmatch(name[:1]) and _WORD.fullmatch(name[-1:]):
                self.runs.add(len(_WORDS.findall(name)))
            else:
                self.odd.append(name)

    def first(self, upper: str, speakers: set[str]) -> str:
        if not self.names:
            return ""
        found = {n for n in speakers if n in self.rank}
        found.update(n for n in self.odd if re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", upper))
        if self.runs:
            spans = [(m.start(), m.end()) for m in _WORDS.finditer(upper)]
            for i, (start, _) in enumerate(spans):
                for runs in self.runs:
                    if i + runs <= len(spans):
                        text = upper[start : spans[i + runs - 1][1]]
                        if text in self.rank:
                            found.add(text)
        return min(found, key=self.rank.__getitem__, default="")


_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")


def _scenes(
    screenplay: Screenplay,
) -> Iterator[tuple[str, SceneHeading, list[str], set[str]]]:
    """(number, heading, action texts, speakers) per scene; unnumbered scenes count up."""
    current: tuple[str, SceneHeading, list[str], set[str]] | None = None
    count = 0
    for el in screenplay.elements:
        match el:
            case SceneHeading():
                if current is not None:
                    yield current
                count += 1
                current = (el.number or str(count), el, [], set())
            case Action() if current is not None:
                current[2].append(plain(el.text))
            case Speech() if current is not None:
                current[3].add(el.character.upper())
            case DualDialogue() if current is not None:
                current[3].update((el.left.character.upper(), el.right.character.upper()))
            case _:
                pass
    if current is not None:
        yield current


def covers(risk: Risk, hazard: SceneHazard, ref: HazardReference) -> bool:
    """Whether a risks row assesses this scene's hazard."""
    if hazard.scene.upper() not in risk.scenes:
        return False
    if risk.category:
        return risk.category == hazard.category
    pattern = ref.categories[hazard.category].pattern()
    return bool(pattern and pattern.search(f"{risk.hazard} {risk.activity}"))


# --- The context ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HazardRow:
    """One hazard, display-ready. ``band`` and ``residual_band`` are ``low``, ``medium``,
    ``high`` (the bands' names) or ``""``; they double as CSS classes."""

    id: str
    hazard: str
    category: str
    scenes: str
    who: str
    controls: str
    likelihood: str
    severity: str
    rating: str
    band: str
    further_controls: str
    residual_likelihood: str
    residual_severity: str
    residual_rating: str
    residual_band: str
    owner: str
    due: str
    status: str
    fill: str = NO_FILL  # the band's colour, hex RGB without "#" (the DOCX's cell shading)
    residual_fill: str = NO_FILL


@dataclass(frozen=True, slots=True)
class BandRow:
    name: str
    ratings: str
    fill: str = NO_FILL


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One cell of the 5x5 matrix: its rating, band and colour, and the hazards in it."""

    rating: str
    band: str
    fill: str  # hex RGB without "#"
    ids: str  # "RA04, RA10"


@dataclass(frozen=True, slots=True)
class MatrixRow:
    likelihood: str  # "3 Possible"
    cells: tuple[MatrixCell, ...]  # severity 1 to 5


@dataclass(frozen=True, slots=True)
class Matrix:
    """Likelihood 1-5 down, severity 1-5 across, each hazard placed in its cell."""

    title: str  # "Before further controls"
    rows: tuple[MatrixRow, ...]  # likelihood 1 to 5


@dataclass(frozen=True, slots=True)
class RiskContext(HeadedContext):
    """Everything one risk assessment shows, as display-ready text."""

    production_title: str
    location: str
    date: str
    header: tuple[Detail, ...]  # production, location, address, activity, dates, people, scenes
    emergency: tuple[Detail, ...]
    hospital: str
    rows: tuple[HazardRow, ...]
    unassessed: tuple[SceneHazard, ...]  # the script's hazards no row covers
    script_scanned: bool
    bands: tuple[BandRow, ...]
    matrices: tuple[Matrix, ...]  # before and after further controls
    severity_heads: tuple[str, ...]  # "1 Negligible", ...
    likelihood_scale: str
    severity_scale: str
    summary: str
    signatories: tuple[str, ...]


@dataclass(slots=True)
class _Group:
    title: str
    location: Location | None
    risks: list[Risk]
    scenes: set[str]


def _score(n: int | None) -> str:
    return str(n) if n is not None else ""


def _rating(
    likelihood: int | None, severity: int | None, ref: HazardReference
) -> tuple[int | None, str]:
    if likelihood is None or severity is None:
        return None, ""
    rating = likelihood * severity
    return rating, ref.band(rating)


def _location_names(production: Production) -> dict[str, Location]:
    """Locations by casefolded id and by name: the first row that has either wins."""
    out: dict[str, Location] = {}
    for loc in production.locations:
        out.setdefault(loc.id.casefold(), loc)
        out.setdefault(" ".join(loc.name.split()).casefold(), loc)
    return out


def _find_location(text: str, locations: dict[str, Location]) -> Location | None:
    return locations.get(" ".join(text.split()).casefold())


def _check(
    risk: Risk, ref: HazardReference, diagnostics: Diagnostics
) -> tuple[tuple[int | None, str], tuple[int | None, str]]:
    """The initial and residual (rating, band); the row's checks reported."""
    initial = _rating(risk.likelihood, risk.severity, ref)
    residual = _rating(risk.residual_likelihood, risk.residual_severity, ref)
    if risk.further_controls and initial[0] is not None and residual[0] is not None:
        if residual[0] >= initial[0]:
            diagnostics.warning(
                "residual-not-lower",
                f"{risk.id}: further controls are listed but the residual risk "
                f"({residual[0]}) is not lower than the initial risk ({initial[0]})",
                risk.at("residual_likelihood"),
            )
    final = residual if residual[0] is not None else initial
    high = ref.bands[-1].name
    if final[1] == high and not (risk.owner and risk.due):
        missing = " and ".join(
            w for w, ok in (("an action owner", risk.owner), ("a due date", risk.due)) if not ok
        )
        diagnostics.error(
            "high-risk-no-owner",
            f"{risk.id}: the risk stays {high} ({final[0]}) and has no {missing}",
            risk.at("owner") if not risk.owner else risk.at("due"),
        )
    return initial, residual


def matrices(risks: list[Risk], ref: HazardReference) -> tuple[Matrix, Matrix]:
    """The 5x5 matrix twice: each hazard at its initial (likelihood, severity), then at its
    residual one (the initial again when no further controls are scored)."""
    fills = {b.name: b.colour for b in ref.bands}
    before: dict[tuple[int, int], list[str]] = {}
    after: dict[tuple[int, int], list[str]] = {}
    for r in risks:
        if r.likelihood is not None and r.severity is not None:
            before.setdefault((r.likelihood, r.severity), []).append(r.id)
        if r.residual_likelihood is not None and r.residual_severity is not None:
            after.setdefault((r.residual_likelihood, r.residual_severity), []).append(r.id)
        elif r.likelihood is not None and r.severity is not None:
            after.setdefault((r.likelihood, r.severity), []).append(r.id)

    def matrix(title: str, placed: dict[tuple[int, int], list[str]]) -> Matrix:
        rows = []
        for likelihood, words in enumerate(ref.likelihood, 1):
            cells = []
            for severity in range(1, len(ref.severity) + 1):
                band = ref.band(likelihood * severity)
                ids = ", ".join(placed.get((likelihood, severity), ()))
                cells.append(MatrixCell(str(likelihood * severity), band, fills[band], ids))
            rows.append(MatrixRow(f"{likelihood} {words}", tuple(cells)))
        return Matrix(title, tuple(rows))

    return (
        matrix("Before further controls", before),
        matrix("After further controls (residual)", after),
    )


def afloat(group_title: str, location: Location | None, risks: list[Risk],
           ref: HazardReference) -> str:  # fmt: skip
    """The word that puts this assessment's site on the water, or ``""``: from the
    location's name, sets and access notes, and its rows' hazards and activities."""
    pattern = ref.afloat.pattern() if ref.afloat is not None else None
    if pattern is None:
        return ""
    texts = [group_title]
    if location is not None:
        texts += [location.name, *location.sets, location.access]
    texts += [f"{r.hazard} {r.activity}" for r in risks]
    for text in texts:
        if m := pattern.search(text):
            return m.group(0)
    return ""


def coastguard(location: Location | None, ref: HazardReference) -> Detail | None:
    """HM Coastguard in the UK; elsewhere the sea rescue service through 112."""
    table = ref.coastguard or {}
    country = location.country if location is not None else "GB"
    entry = table.get(country) or table.get("other")
    return Detail(*entry) if entry else None


def _first(values: Iterator[str]) -> str:
    return next((v for v in values if v), "")


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """One risk assessment per location (and one for production-wide rows)."""
    production = job.production
    ref = reference()
    groups: dict[str, _Group] = {}
    locations = _location_names(production)
    for risk in production.risks:
        loc = _find_location(risk.location, locations) if risk.location else None
        key = loc.id if loc else (risk.location.strip() or WHOLE_PRODUCTION)
        title = loc.name if loc else key
        group = groups.setdefault(key, _Group(title, loc, [], set()))
        group.risks.append(risk)
        group.scenes.update(risk.scenes)

    # The script's hazards, each assigned to the document of the location its set is shot at.
    unassessed: dict[str, list[SceneHazard]] = {}
    screenplay = job.options.screenplay
    if screenplay is not None:
        minors = tuple(c for m in production.cast if m.minor for c in m.characters)
        by_set = {s: loc for loc in production.locations for s in loc.sets}
        by_scene: dict[str, list[Risk]] = {}  # only a row naming the scene can cover it
        for r in production.risks:
            for s in r.scenes:
                by_scene.setdefault(s, []).append(r)
        for hazard in scene_hazards(screenplay, ref, minors):
            if any(covers(r, hazard, ref) for r in by_scene.get(hazard.scene.upper(), ())):
                continue
            job.diagnostics.warning(
                "unassessed-script-hazard",
                f"scene {hazard.scene} ({hazard.heading}): {hazard.hazard.lower()} ({hazard.found}) "
                "has no row in the risks table covering this scene",
                hazard.pos,
            )
            loc = by_set.get(hazard.set.upper())
            key = loc.id if loc is not None and loc.id in groups else WHOLE_PRODUCTION
            if key not in groups:
                groups[key] = _Group(WHOLE_PRODUCTION, None, [], set())
            unassessed.setdefault(key, []).append(hazard)

    order = {loc.id: i for i, loc in enumerate(production.locations)}
    keys = sorted(
        groups,
        key=lambda k: (k != WHOLE_PRODUCTION, k not in order, order.get(k, 0), natural_key(k)),
    )
    docs = []
    for key in keys:
        group = groups[key]
        docs.append(
            _document(
                production,
                group,
                unassessed.get(key, []),
                screenplay is not None,
                ref,
                job.today,
                job.diagnostics,
            )
        )
    return tuple(docs)


def _document(
    production: Production,
    group: _Group,
    hazards: list[SceneHazard],
    scanned: bool,
    ref: HazardReference,
    today: date,
    diagnostics: Diagnostics,
) -> BuiltDocument:
    risks = sorted(group.risks, key=lambda r: natural_key(r.id))
    counts = {b.name: 0 for b in ref.bands}
    rows, sheet_rows = _rows(risks, ref, counts, diagnostics)
    unassessed = tuple(hazards)
    scenes = sorted(group.scenes | {h.scene for h in hazards}, key=natural_key)

    assessed = min((r.assessed for r in risks if r.assessed), default=None)
    review = min((r.review for r in risks if r.review), default=None)
    loc = group.location
    emergency, hospital = _emergency(production, group, risks, ref)

    header = tuple(
        Detail(label, value)
        for label, value in (
            ("Production", production.title),
            ("Location", group.title),
            ("Address", ", ".join(loc.address) if loc else ""),
            ("Activity", "; ".join(dict.fromkeys(r.activity for r in risks if r.activity))),
            ("Assessment date", long_date(assessed)),
            ("Assessor", _first(r.assessor for r in risks)),
            ("Competent person", _first(r.competent_person for r in risks)),
            ("Review date", long_date(review)),
            ("Scenes covered", ", ".join(scenes)),
        )
        if value
    )
    summary = _summary(len(rows), counts, len(unassessed))
    bands = _bands(ref)
    title = f"Risk assessment: {group.title}"
    context = RiskContext(
        **heading(production, f"{title} ({production.title})", (production.title, title)),
        production_title=production.title,
        location=group.title,
        date=long_date(assessed or today),
        header=header,
        emergency=tuple(emergency),
        hospital=hospital,
        rows=tuple(rows),
        unassessed=unassessed,
        script_scanned=scanned,
        bands=tuple(bands),
        matrices=matrices(risks, ref),
        severity_heads=tuple(f"{i} {t}" for i, t in enumerate(ref.severity, 1)),
        likelihood_scale=", ".join(f"{i} {t}" for i, t in enumerate(ref.likelihood, 1)),
        severity_scale=", ".join(f"{i} {t}" for i, t in enumerate(ref.severity, 1)),
        summary=summary,
        signatories=tuple(
            s for s in ("Assessor", "Competent person", "Producer", "1st Assistant Director")
        ),
    )
    sheet = Sheet(
        "Risks",
        ("ID", "Hazard", "Category", "Scenes", "Who might be harmed and how", "Existing controls",
         "L", "S", "Rating", "Band", "Further controls", "Residual L", "Residual S",
         "Residual rating", "Residual band", "Owner", "Due", "Status"),
        tuple(sheet_rows),
    )  # fmt: skip
    return KIND.document(
        context,
        stem=f"risk-assessment_{slug(group.title)}_{today.isoformat()}",
        title=title,
        sheets=(sheet,),
    )


def _rows(
    risks: Sequence[Risk], ref: HazardReference, counts: dict[str, int], diagnostics: Diagnostics
) -> tuple[list[HazardRow], list[tuple[str | int | float, ...]]]:
    """Each risk's row of the document and of the workbook, rated and banded; ``counts``
    gains one for each row's band after further controls."""
    rows: list[HazardRow] = []
    sheet_rows: list[tuple[str | int | float, ...]] = []
    fills = {b.name: b.colour for b in ref.bands}
    for r in risks:
        (rating, band), (r_rating, r_band) = _check(r, ref, diagnostics)
        final_band = r_band or band
        if final_band:
            counts[final_band] += 1
        category = ref.categories[r.category].label if r.category in ref.categories else ""
        row = HazardRow(
            id=r.id,
            hazard=r.hazard,
            category=category,
            scenes=", ".join(r.scenes),
            who=r.who,
            controls=r.controls,
            likelihood=_score(r.likelihood),
            severity=_score(r.severity),
            rating=_score(rating),
            band=band,
            further_controls=r.further_controls,
            residual_likelihood=_score(r.residual_likelihood),
            residual_severity=_score(r.residual_severity),
            residual_rating=_score(r_rating),
            residual_band=r_band,
            owner=r.owner,
            due=short_date(r.due),
            status=r.status,
            fill=fills.get(band, NO_FILL),
            residual_fill=fills.get(r_band, NO_FILL),
        )
        rows.append(row)
        sheet_rows.append(
            (row.id, row.hazard, row.category, row.scenes, row.who, row.controls,
             row.likelihood, row.severity, row.rating, row.band, row.further_controls,
             row.residual_likelihood, row.residual_severity, row.residual_rating,
             row.residual_band, row.owner, row.due, row.status)
        )  # fmt: skip
    return rows, sheet_rows


def _emergency(
    production: Production, group: _Group, risks: list[Risk], ref: HazardReference
) -> tuple[list[Detail], str]:
    """Who to call, in order (the coastguard first when afloat), and the nearest A&E's line."""
    loc = group.location
    hospital = ""
    if loc is not None and loc.hospital is not None:
        h = loc.hospital
        hospital = " · ".join(p for p in (h.name, ", ".join(h.address), h.phone) if p)
    emergency: list[Detail] = []
    if production.call_sheets is not None:
        emergency = [Detail(p.name, p.phone) for p in production.call_sheets.emergency]
    if afloat(group.title, loc, risks, ref):
        guard = coastguard(loc, ref)
        if guard is not None:
            emergency.insert(0, guard)  # afloat, the coastguard is the first call
    if hospital:
        emergency.append(Detail("Nearest A&E", hospital))
    medic = production.person("unit medic")
    if medic is not None and medic.phone not in {e.value for e in emergency}:
        emergency.append(Detail(f"Unit medic ({medic.name})", medic.phone))
    return emergency, hospital


def _summary(hazards: int, counts: Mapping[str, int], unassessed: int) -> str:
    """ "5 hazards, 3 Low, 2 Medium (after further controls); 1 script hazard not yet assessed"."""
    parts = [f"{hazards} hazard{'s' if hazards != 1 else ''}"]
    parts += [f"{n} {name}" for name, n in counts.items() if n]
    summary = ", ".join(parts) + " (after further controls)"
    if unassessed:
        summary += f"; {unassessed} script hazard{'s' if unassessed != 1 else ''} "
        summary += "not yet assessed"
    return summary


def _bands(ref: HazardReference) -> list[BandRow]:
    """The rating bands with their ranges: ``Low 1-4``, ``Medium 5-9``..."""
    lo = 1
    bands = []
    for b in ref.bands:
        bands.append(BandRow(b.name, f"{lo}-{b.max}", b.colour))
        lo = b.max + 1
    return bands


KIND = DocumentKind(
    name=NAME,
    contexts={"risk_assessment": RiskContext},
    inputs=("risks",),
    uses=("script",),  # hazards suggested from the script when the manifest names one
    formats=("docx", "pdf", "xlsx"),
    build=build,
)
