"""The shoot plan, made once per build and handed to every document kind that reads it.

``readers`` give the production and ``scripts`` the screenplay and its breakdown; from them
:func:`plan_shoot` makes a :class:`ShootPlan` (:mod:`.shoot`): the days with their scenes,
who works when and each cast member's status, with what the plan's checks
(:mod:`.checks`) found. Sun and daylight are :mod:`.daylight`'s. The pipeline calls
:func:`plan_shoot` once when a requested kind uses the plan and passes it in
``BuildOptions.shoot_plan``; builders read it and never make it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown
from paperwork.model.call_sheets import ShootDay
from paperwork.model.names import label_key as scene_key
from paperwork.model.production import Production
from paperwork.model.screenplay import Screenplay
from paperwork.planning.checks import check
from paperwork.planning.shoot import ShootPlan, plan

__all__ = ["ShootPlan", "plan_shoot"]


def plan_shoot(
    production: Production,
    breakdown: Breakdown | None,
    screenplay: Screenplay | None = None,
    *,
    unreadable: Sequence[ShootDay] = (),
) -> ShootPlan:
    """The shoot plan of ``production`` with its checks' findings (``ShootPlan.findings``).

    The findings are kept, not reported: the call sheets report them, so that a build of
    another kind that reads the plan (the day out of days, say) is not stopped by them.
    ``unreadable``: days left out of ``production`` because their schedule rows have errors
    (reported at those rows): a call or a group of supporting artists on one is not "no such
    day", and a scene on one is not "on no day of the schedule".
    """
    made = plan(production, breakdown, screenplay)
    if unreadable:
        on_them = {scene_key(s.number) for day in unreadable for s in day.scenes}
        made = replace(
            made,
            unreadable_days=frozenset(day.number for day in unreadable),
            unscheduled=tuple(s for s in made.unscheduled if scene_key(s.number) not in on_them),
        )
    found = Diagnostics()
    check(production, made, breakdown, found)
    return replace(made, findings=tuple(found))
