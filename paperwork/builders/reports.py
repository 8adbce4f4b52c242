"""The heading every report's context starts with: a letterhead's, the production's title and
the date the report is as at. Not a document kind: it declares no ``KIND``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from paperwork.builders.format import day_date
from paperwork.builders.letterhead import HeadedContext, Heading, heading
from paperwork.model.production import Production


@dataclass(frozen=True, slots=True)
class ReportContext(HeadedContext):
    """The base of a report's context: its heading, then what it is of and as at when."""

    production_title: str
    as_at: str  # "Wed 2 Dec 2026": the build's date


class ReportHeading(Heading):
    """:class:`ReportContext`'s fields, made by :func:`report_heading`, passed on as
    ``**report_heading(...)``."""

    production_title: str
    as_at: str


def report_heading(
    production: Production, title: str, today: date, *, footer: str = ""
) -> ReportHeading:
    """A report's heading as at ``today``: ``footer`` (else the title) and the company in the
    running footer."""
    return ReportHeading(
        **heading(production, title, (footer or title,)),
        production_title=production.title,
        as_at=day_date(today),
    )
