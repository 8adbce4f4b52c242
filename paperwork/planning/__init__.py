"""The shoot plan, made once per build and handed to every document kind that reads it.

``readers`` give the production and ``scripts`` the screenplay and its breakdown; from them
:func:`plan_shoot` makes a :class:`ShootPlan` (:mod:`.shoot`): the days with their scenes,
who works when and each cast member's status, with what the plan's checks
(:mod:`.checks`) found. Sun and daylight are :mod:`.daylight`'s. The pipeline calls
:func:`plan_shoot` once when a requested kind uses the plan and passes it in
``BuildOptions.shoot_plan``; builders read it and never make it again.
"""

from __future__ import annotations

from dataclasses import replace

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown
from paperwork.model.production import Production
from paperwork.model.screenplay import Screenplay
from paperwork.planning.checks import check
from paperwork.planning.shoot import ShootPlan, plan

__all__ = ["ShootPlan", "plan_shoot"]


def plan_shoot(
    production: Production, breakdown: Breakdown | None, screenplay: Screenplay | None = None
) -> ShootPlan:
    """The shoot plan of ``production`` with its checks' findings (``ShootPlan.findings``).

    The findings are kept, not reported: the call sheets report them, so that a build of
    another kind that reads the plan (the day out of days, say) is not stopped by them.
    """
    made = plan(production, breakdown, screenplay)
    found = Diagnostics()
    check(production, made, breakdown, found)
    return replace(made, findings=tuple(found))
