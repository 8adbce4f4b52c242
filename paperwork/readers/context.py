"""What a table reader may know about the production besides its own table.

The manifest's sections are read before the tables, so that the crew table takes the
production's ``terms:``, the clearances table its ``clearances:`` intended use, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paperwork.model.call_sheets import CallSheetSettings
from paperwork.model.clearances import Distribution, IntendedUse
from paperwork.model.crew import ContractTerms, CrewListSettings
from paperwork.model.delivery import DeliverySettings
from paperwork.model.kit import Travel
from paperwork.model.production import EmailSettings


@dataclass(frozen=True, slots=True)
class Sections:
    """The manifest's sections as read (each the Production field of the same name); a
    section the manifest leaves out has the Production's default."""

    clearance_terms: IntendedUse = IntendedUse()
    terms: ContractTerms | None = None
    travel: Travel | None = None
    call_sheets: CallSheetSettings | None = None
    revision_colours: tuple[str, ...] = ()
    delivery: DeliverySettings | None = None
    distribution: Distribution | None = None
    email: EmailSettings | None = None
    crew_list: CrewListSettings | None = None


@dataclass(frozen=True, slots=True)
class ReaderContext:
    """The production folder, its currency and its manifest sections, for table readers."""

    root: Path
    currency: str = "GBP"
    sections: Sections = Sections()
