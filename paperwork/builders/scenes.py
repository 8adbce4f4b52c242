"""What the documents made from the script's scenes and their elements share.

The breakdown sheets and the element report are both made from the script's breakdown, each
scene's elements (:func:`paperwork.planning.elements.scene_elements`) and, when there is a
schedule, the days and locations that shoot each scene: :func:`script_scenes` gathers them
into one :class:`ScriptScenes` (reporting the elements' findings, or asking for the script).
Not a document kind: it declares no ``KIND``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from paperwork.builders.base import BuildJob
from paperwork.model.breakdown import Breakdown
from paperwork.model.names import label_key
from paperwork.model.screenplay import Screenplay
from paperwork.planning.elements import ElementBreakdown, SceneShoot, scene_elements, scene_shoots


@dataclass(frozen=True, slots=True)
class ScriptScenes:
    """The script's scenes with their elements and, when scheduled, when they shoot."""

    breakdown: Breakdown
    screenplay: Screenplay | None  # the synopses' source
    elements: ElementBreakdown
    shoots: Mapping[str, tuple[SceneShoot, ...]]  # scene key -> each time it shoots

    def shoots_of(self, scene: str) -> tuple[SceneShoot, ...]:
        """Every time the schedule shoots the scene numbered ``scene``, in day order."""
        return self.shoots.get(label_key(scene), ())


def script_scenes(job: BuildJob, needs_script: str) -> ScriptScenes | None:
    """The script's scenes with their elements (whose findings go to the job's diagnostics)
    and shoot days; None, after a ``no-script-breakdown`` error (``needs_script`` says what
    the kind is made from), when there is no script."""
    breakdown = job.script_breakdown(needs_script)
    if breakdown is None:
        return None
    the_plan = job.plan_if_scheduled()
    screenplay = job.options.screenplay
    elements = scene_elements(job.production, breakdown, screenplay, the_plan)
    elements.report(job.diagnostics)
    return ScriptScenes(breakdown, screenplay, elements, scene_shoots(the_plan))
