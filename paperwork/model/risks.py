"""The risks table's records: the risk assessments' rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from paperwork.model.records import Located


@dataclass(frozen=True, slots=True)
class Risk(Located):
    """One row of the risks table: a hazard, its controls and its 5x5 scores.

    ``likelihood`` and ``severity`` (1-5) are before the further controls, ``residual_*``
    after them; ``None`` where the cell is blank or unreadable (reported). ``category`` is a
    key of ``paperwork/data/hazards.yaml`` (``"water"``) or ``""``; ``scenes`` are scene
    numbers as in the script. The header cells (assessor, dates) may be given on any row of
    a location: the risk assessment takes the first filled one.

    A row may put a control on one person in structured columns, which the call sheet checks
    (``child-limit-exceeded``): ``person`` (a cast id, artist or character), ``not_after``
    (no work after this time of day) and ``no_water_work`` (not in any scene that a
    ``water`` row covers). A limit written only in ``controls`` or ``further_controls`` is
    free text and is not checked.
    """

    id: str
    hazard: str
    category: str = ""
    location: str = ""
    activity: str = ""
    scenes: tuple[str, ...] = ()
    who: str = ""  # who might be harmed, and how
    controls: str = ""  # existing controls
    likelihood: int | None = None
    severity: int | None = None
    further_controls: str = ""
    residual_likelihood: int | None = None
    residual_severity: int | None = None
    owner: str = ""
    due: date | None = None
    status: str = ""  # "open", "in progress" or "done"
    assessor: str = ""
    competent_person: str = ""
    assessed: date | None = None
    review: date | None = None
    person: str = ""  # the one person a structured limit below applies to
    not_after: time | None = None  # no work after this time of day
    no_water_work: bool = False  # not in any scene a ``water`` row covers
