"""Builders: the production model in, display-ready document contexts out.

The registry maps each document kind's name (``--only NAME``) to its module. Modules are
imported only when used, so the CLI starts fast. Adding a kind is one module plus one line here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

REGISTRY: dict[str, str] = {
    "breakdown": "paperwork.builders.scene_breakdown_report",
    "call-sheets": "paperwork.builders.call_sheet",
    "carnet": "paperwork.builders.carnet",
    "clearance-letters": "paperwork.builders.clearance_letter",
    "clearance-log": "paperwork.builders.clearance_log",
    "crew-contracts": "paperwork.builders.crew_contract",
    "day-out-of-days": "paperwork.builders.day_out_of_days",
    "risk-assessments": "paperwork.builders.risk_assessment",
    "delivery-schedule": "paperwork.builders.delivery_schedule",
}


def builder(name: str) -> ModuleType:
    """The builder module registered under ``name``."""
    return importlib.import_module(REGISTRY[name])
