"""The bundled reference data (``paperwork/data/*.yaml``), read through one loader.

Child performance hours, hazard categories, carnet countries, employment and payroll terms
ship as package data (a wheel carries them). :func:`load` reads one file once per process;
a broken file is a bug in paperwork, not in a production, so it raises. The typed views
live beside their users (``readers/kit.py``, ``readers/risks.py``); the child hours, which
the shoot plan's checks and the call sheet both read, are typed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def load(name: str, *, strings: bool = False) -> Any:
    """``paperwork/data/<name>.yaml``, parsed once; ``strings``: every scalar kept as text.

    The value is shared by every caller: treat it as read-only.
    """
    text = files("paperwork").joinpath("data", f"{name}.yaml").read_text("utf-8")
    # libyaml's loaders when PyYAML has them (the same values, a fifth of the time: the
    # carnet's country list alone took 0.2 s to parse in Python on every run)
    if strings:
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
        return yaml.load(text, Loader=loader)  # noqa: S506 - every value a string
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


@dataclass(frozen=True, slots=True)
class AgeBand:
    from_age: int
    to_age: int
    earliest: time
    latest: time
    max_at_place: timedelta


@dataclass(frozen=True, slots=True)
class ChildRules:
    """``child_hours.yaml``, typed."""

    name: str
    school_leaving_age: int
    bands: tuple[AgeBand, ...]
    rest: timedelta
    night_after: time
    rest_after_night: timedelta
    max_consecutive_days: int

    def band(self, age: int) -> AgeBand:
        for b in self.bands:
            if b.from_age <= age <= b.to_age:
                return b
        return self.bands[-1]


def _hm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@cache
def child_rules() -> ChildRules:
    """The bundled England child performance hours (read once)."""
    data = load("child_hours")
    return ChildRules(
        name=data["name"],
        school_leaving_age=int(data["school_leaving_age"]),
        bands=tuple(
            AgeBand(
                int(b["from_age"]),
                int(b["to_age"]),
                _hm(b["earliest"]),
                _hm(b["latest"]),
                timedelta(hours=float(b["max_hours_at_place"])),
            )
            for b in data["bands"]
        ),
        rest=timedelta(hours=float(data["rest_hours"])),
        night_after=_hm(data["night_after"]),
        rest_after_night=timedelta(hours=float(data["rest_after_night_hours"])),
        max_consecutive_days=int(data["max_consecutive_days"]),
    )
