"""Builders: the production model in, display-ready document contexts out.

The registry maps each document kind's name (``--only NAME``) to the module whose ``KIND``
(a :class:`~paperwork.builders.base.DocumentKind`) describes it. Modules are imported only
when used, so the CLI starts fast (importing every builder takes about two seconds); mypy
checks each ``KIND`` where it is made. Adding a kind is one module plus one line here.
"""

from __future__ import annotations

import importlib

from paperwork.builders.base import DocumentKind

REGISTRY: dict[str, str] = {
    "breakdown": "paperwork.builders.scene_breakdown_report",
    "breakdown-sheets": "paperwork.builders.breakdown_sheets",
    "call-sheets": "paperwork.builders.call_sheet",
    "carnet": "paperwork.builders.carnet",
    "clearance-letters": "paperwork.builders.clearance_letter",
    "clearance-log": "paperwork.builders.clearance_log",
    "crew-contracts": "paperwork.builders.crew_contract",
    "crew-list": "paperwork.builders.crew_list",
    "day-out-of-days": "paperwork.builders.day_out_of_days",
    "risk-assessments": "paperwork.builders.risk_assessment",
    "sides": "paperwork.builders.sides",
    "delivery-schedule": "paperwork.builders.delivery_schedule",
    "movement-order": "paperwork.builders.movement_order",
    "element-report": "paperwork.builders.element_report",
}


def kind(name: str) -> DocumentKind:
    """The document kind registered under ``name`` (its module imported on first use)."""
    found = importlib.import_module(REGISTRY[name]).KIND
    if not isinstance(found, DocumentKind) or found.name != name:
        raise TypeError(f"{REGISTRY[name]}.KIND is not the DocumentKind {name!r}")
    return found
