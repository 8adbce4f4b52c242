"""The shoot plan: made once per build by the pipeline, its checks reported by the call sheets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from paperwork import planning
from paperwork.builders import call_sheet, day_out_of_days
from paperwork.builders.base import BuildJob, BuildOptions
from paperwork.errors import Diagnostics
from paperwork.pipeline import BuildRequest, plan
from paperwork.planning import ShootPlan

from .test_call_sheet import BREAKDOWN, CALLS, _call, _production, _screenplay

TODAY = date(2026, 12, 2)
PLAN_USERS = (
    "breakdown",
    "breakdown-sheets",
    "call-sheets",
    "crew-contracts",
    "day-out-of-days",
    "element-report",
)


def test_one_build_makes_the_shoot_plan_once(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six kinds read the plan; the pipeline makes it once and each gets that one."""
    made: list[ShootPlan] = []
    real = planning.plan_shoot

    def counted(*args: object, **kwargs: object) -> ShootPlan:
        made.append(real(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(planning, "plan_shoot", counted)
    d = Diagnostics()
    result = plan(demo, BuildRequest(today=TODAY, kinds=PLAN_USERS), d)
    assert not d.has_errors, [str(x) for x in d.errors]
    assert {doc.kind for doc in result.docs} == set(PLAN_USERS)
    assert len(made) == 1 and made[0].days


def test_a_kind_that_does_not_read_the_plan_does_not_make_it(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clearance log alone never plans the shoot."""

    def refuse(*args: object, **kwargs: object) -> ShootPlan:
        raise AssertionError("plan_shoot called")

    monkeypatch.setattr(planning, "plan_shoot", refuse)
    result = plan(demo, BuildRequest(today=TODAY, kinds=("clearance-log",)), Diagnostics())
    assert [doc.kind for doc in result.docs] == ["clearance-log"]


def _with_a_stranger() -> tuple[ShootPlan, BuildOptions]:
    production = _production(calls=(*CALLS, _call("Nobody", 9, 1)))
    made = planning.plan_shoot(production, BREAKDOWN, _screenplay())
    options = BuildOptions(breakdown=BREAKDOWN, screenplay=_screenplay(), shoot_plan=made)
    return made, options


def test_the_plans_findings_are_kept_and_the_call_sheets_report_them() -> None:
    """A call for nobody is a finding of the plan's checks, reported at its cell by the call
    sheets that are handed the plan."""
    made, options = _with_a_stranger()
    assert ("unknown-person", "calls.csv:9:who") in [(f.code, str(f.pos)) for f in made.findings]
    d = Diagnostics()
    production = _production(calls=(*CALLS, _call("Nobody", 9, 1)))
    assert call_sheet.KIND.build(BuildJob(production, TODAY, d, options))
    assert ("unknown-person", "calls.csv:9:who") in [(x.code, str(x.pos)) for x in d]


def test_the_day_out_of_days_reads_the_plan_but_reports_none_of_its_findings() -> None:
    """The plan's checks are the call sheets' to report: a day out of days built alone is
    not stopped by them."""
    _, options = _with_a_stranger()
    d = Diagnostics()
    production = _production(calls=(*CALLS, _call("Nobody", 9, 1)))
    (doc,) = day_out_of_days.KIND.build(BuildJob(production, TODAY, d, options))
    assert doc.kind == "day-out-of-days" and "unknown-person" not in d.codes()


def test_a_builder_handed_the_plan_does_not_make_another(monkeypatch: pytest.MonkeyPatch) -> None:
    """Given ``options.shoot_plan``, the call sheets use it as it is."""
    _, options = _with_a_stranger()

    def refuse(*args: object, **kwargs: object) -> ShootPlan:
        raise AssertionError("plan_shoot called")

    monkeypatch.setattr(planning, "plan_shoot", refuse)
    production = _production(calls=(*CALLS, _call("Nobody", 9, 1)))
    docs = call_sheet.KIND.build(BuildJob(production, TODAY, Diagnostics(), options))
    assert [doc.stem for doc in docs] == [
        "call-sheet_day01_2027-03-01_v1",
        "call-sheet_day02_2027-03-02_v1",
    ]
