"""The risks table: one row per hazard of a risk assessment (PAPERWORK.md §5).

Columns: id, hazard, category (a key of ``paperwork/data/hazards.yaml``), location,
activity, scenes, who (might be harmed, and how), controls (existing), likelihood and
severity (1-5), further controls, residual likelihood and severity, owner, due, status,
and the header cells assessor, competent person, assessed (date) and review (date). A row may
also put a control on one person in structured columns the call sheet checks: ``person`` (a
cast id, artist or character), ``not_after`` (``22:00``: no work after it) and
``no_water_work`` (yes/no); a limit written only in the controls' text is not checked.

Row checks, each located at its cell:

- ``bad-risk-score``: a likelihood or severity that is not a whole number from 1 to 5;
- ``duplicate-hazard-id``: a hazard id used twice;
- ``unknown-hazard-category`` (warning): a category that is not in the reference data;
- ``review-before-assessment``: a review date before the assessment date;
- ``limit-without-person``: a ``not_after`` or ``no_water_work`` with no ``person``;
- ``bad-yes-no``: a ``no_water_work`` that is not yes or no.

The checks that need the scores together (residual risk, owners of high risks) are the
builder's, which knows the bands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from paperwork.errors import Diagnostics
from paperwork.model.risks import Risk
from paperwork.model.source import Pos
from paperwork.readers import raw
from paperwork.readers.cells import schema_headers
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Schema, parse_rows
from paperwork.readers.tables import Row, Table
from paperwork.reference import load

# --- Reference data -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Band:
    name: str  # "low", "medium", "high"
    max: int  # the highest rating in the band
    colour: str = "FFFFFF"  # hex RGB fill of the band's cells, without "#"


@dataclass(frozen=True, slots=True)
class HazardCategory:
    key: str
    label: str
    hse: str
    words: tuple[str, ...] = ()
    exterior_times: tuple[str, ...] = ()
    exterior: bool = False  # the action's words count only in exterior scenes
    minor_cast: bool = False

    def pattern(self) -> re.Pattern[str] | None:
        """One case-insensitive pattern of the whole words; ``boat*`` matches ``boats``."""
        if not self.words:
            return None
        parts = [
            re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*") else re.escape(w) for w in self.words
        ]
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HazardReference:
    """``paperwork/data/hazards.yaml``, ready for lookups."""

    bands: tuple[Band, ...]
    likelihood: tuple[str, ...]
    severity: tuple[str, ...]
    categories: Mapping[str, HazardCategory]
    afloat: HazardCategory | None = None  # the words that put a location on the water
    coastguard: Mapping[str, tuple[str, str]] | None = None  # country or "other": label, call

    def band(self, rating: int) -> str:
        """The band a rating (1-25) falls in."""
        for band in self.bands:
            if rating <= band.max:
                return band.name
        return self.bands[-1].name


@cache
def reference() -> HazardReference:
    """The bundled reference data, loaded once."""
    data = raw.table(load("hazards"), "hazards")
    categories = {}
    for key, value in raw.table(data["categories"], "hazards: categories").items():
        c = raw.table(value, f"hazards: categories: {key}")
        categories[key] = HazardCategory(
            key=key,
            label=str(c["label"]),
            hse=str(c.get("hse") or ""),
            words=raw.texts(c.get("words"), f"{key}: words"),
            exterior_times=tuple(t.upper() for t in raw.texts(c.get("exterior_times"), key)),
            minor_cast=bool(c.get("minor_cast")),
            exterior=bool(c.get("exterior")),
        )
    afloat = raw.table(data.get("afloat"), "hazards: afloat")
    coastguard = raw.table(afloat.get("coastguard"), "hazards: afloat: coastguard")
    bands = [raw.table(b, "hazards: bands") for b in raw.items(data["bands"], "hazards: bands")]
    return HazardReference(
        bands=tuple(
            Band(
                str(b["name"]),
                raw.whole(b["max"], "band max"),
                str(b.get("colour") or "FFFFFF").upper(),
            )
            for b in bands
        ),
        afloat=HazardCategory(
            "afloat", "Afloat", "", words=raw.texts(afloat.get("words"), "afloat: words")
        ),
        coastguard={
            k: (str(v["label"]), str(v["call"]))
            for k, v in ((k, raw.table(v, f"coastguard: {k}")) for k, v in coastguard.items())
        },
        likelihood=raw.texts(data["likelihood"], "hazards: likelihood"),
        severity=raw.texts(data["severity"], "hazards: severity"),
        categories=categories,
    )


# --- The table ------------------------------------------------------------------------------

RISKS = Schema(
    "risks",
    (
        Column("id", required=True, aliases=("ref", "hazard_id", "no")),
        Column("hazard", required=True, aliases=("hazards", "hazard_description")),
        Column("category", aliases=("type", "hazard_type")),
        Column("location", aliases=("location_id", "site")),
        Column("activity", aliases=("task",)),
        Column("scenes", aliases=("scene", "scene_numbers", "scene_no")),
        Column("who", aliases=("who_might_be_harmed", "who_at_risk", "persons_at_risk")),
        Column("controls", aliases=("existing_controls", "control_measures")),
        Column("likelihood", aliases=("l",)),
        Column("severity", aliases=("s",)),
        Column("further_controls", aliases=("further_action", "additional_controls")),
        Column("residual_likelihood", aliases=("residual_l",)),
        Column("residual_severity", aliases=("residual_s",)),
        Column("owner", aliases=("action_owner", "action_by", "by_whom")),
        Column("due", "date", aliases=("due_date", "by_when")),
        Column("status"),
        Column("assessor", aliases=("assessed_by",)),
        Column("competent_person", aliases=("competent", "safety_adviser")),
        Column("assessed", "date", aliases=("assessment_date", "date")),
        Column("review", "date", aliases=("review_date", "review_by")),
        Column("person", aliases=("applies_to", "child")),
        Column("not_after", "time", aliases=("no_work_after", "latest")),
        Column("no_water_work", aliases=("no_water",)),
    ),
)
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}
STATUSES = {"open": "open", "todo": "open", "inprogress": "in progress", "done": "done"}
STATUSES |= {"closed": "done", "complete": "done", "completed": "done"}
_SCORES = ("likelihood", "severity", "residual_likelihood", "residual_severity")


def parse_score(value: object, label: str, pos: Pos, diagnostics: Diagnostics) -> int | None:
    """A 1-5 score; anything else is reported (``bad-risk-score``) and read as None."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if re.fullmatch(r"[1-5](?:\.0)?", text):
        return int(float(text))
    diagnostics.error(
        "bad-risk-score", f"{label} must be a whole number from 1 to 5 (got {text!r})", pos
    )
    return None


def _yes_no(value: object, pos: Pos, diagnostics: Diagnostics) -> bool:
    text = re.sub(r"[^a-z0-9]", "", str(value or "").lower())
    if text in _YES:
        return True
    if text not in _NO:
        diagnostics.error(
            "bad-yes-no", f"no water work must be yes or no (got {str(value)!r})", pos
        )
    return False


def split_scenes(text: str) -> tuple[str, ...]:
    """``"3, 7; 17-18"`` -> ``("3", "7", "17", "18")``; ``12A`` stays as written."""
    out: list[str] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        m = re.fullmatch(r"(\d{1,6})-(\d{1,6})", part)  # scene numbers, not 5,000 digits
        if m and int(m[1]) <= int(m[2]) <= int(m[1]) + 200:
            out.extend(str(n) for n in range(int(m[1]), int(m[2]) + 1))
        elif part:
            out.append(part.upper())
    return tuple(dict.fromkeys(out))


def read_risks(table: Table, diagnostics: Diagnostics, context: ReaderContext) -> tuple[Risk, ...]:
    """Hazard rows, each checked; every problem located at its cell."""
    ref = reference()
    headers = schema_headers(RISKS, table)
    seen: dict[str, Pos] = {}
    out: list[Risk] = []
    for row, v in parse_rows(RISKS, table, diagnostics):

        def at(column: str, row: Row = row) -> Pos:
            header = headers.get(column)
            return row.where(header) if header else row.pos

        risk_id = str(v["id"] or "")
        hazard = str(v["hazard"] or "")
        if not risk_id or not hazard:
            continue
        if risk_id.casefold() in seen:
            diagnostics.error(
                "duplicate-hazard-id",
                f"hazard id {risk_id!r} is already used at {seen[risk_id.casefold()]}",
                at("id"),
            )
        seen.setdefault(risk_id.casefold(), at("id"))
        category = str(v["category"] or "").strip().lower().replace(" ", "-")
        if category and category not in ref.categories:
            diagnostics.warning(
                "unknown-hazard-category",
                f"category {category!r} is not one of: {', '.join(ref.categories)}",
                at("category"),
            )
        scores = {
            name: parse_score(row.get(headers[name]) if name in headers else None,
                              name.replace("_", " "), at(name), diagnostics)
            for name in _SCORES
        }  # fmt: skip
        status = ""
        if v["status"]:
            status = STATUSES.get(re.sub(r"[^a-z]", "", str(v["status"]).lower()), "")
            if not status:
                diagnostics.error(
                    "unknown-choice",
                    f"status must be open, in progress or done (got {v['status']!r})",
                    at("status"),
                )
        person = str(v["person"] or "").strip()
        no_water = _yes_no(v["no_water_work"], at("no_water_work"), diagnostics)
        if (v["not_after"] is not None or no_water) and not person:
            diagnostics.error(
                "limit-without-person",
                f"{risk_id}: a not_after or no_water_work limit needs the person it applies to "
                "(a cast id, artist or character) in the person column",
                at("not_after" if v["not_after"] is not None else "no_water_work"),
            )
        assessed, review = v.as_date("assessed"), v.as_date("review")
        if assessed is not None and review is not None and review < assessed:
            diagnostics.error(
                "review-before-assessment",
                f"{risk_id}: the review date {review} is before the assessment date {assessed}",
                at("review"),
            )
        out.append(
            Risk(
                id=risk_id,
                hazard=hazard,
                pos=row.pos,
                category=category,
                location=str(v["location"] or ""),
                activity=str(v["activity"] or ""),
                scenes=split_scenes(str(v["scenes"] or "")),
                who=str(v["who"] or ""),
                controls=str(v["controls"] or ""),
                likelihood=scores["likelihood"],
                severity=scores["severity"],
                further_controls=str(v["further_controls"] or ""),
                residual_likelihood=scores["residual_likelihood"],
                residual_severity=scores["residual_severity"],
                owner=str(v["owner"] or ""),
                due=v.as_date("due"),
                status=status,
                assessor=str(v["assessor"] or ""),
                competent_person=str(v["competent_person"] or ""),
                assessed=assessed,
                review=review,
                person=person,
                not_after=v.as_time("not_after"),
                no_water_work=no_water,
                cells=tuple((name, at(name)) for name in headers),
            )
        )
    return tuple(out)
