"""A touchpoint with no accountable owner, and on how many journeys it sits.

Every touchpoint needs one owner who answers for it: the A of RACI. Without one, nobody fixes
what breaks, and the touchpoint decays (the phone menu that everybody changes and nobody owns).
The message says on how many journeys the touchpoint sits, and names a few: a gap on four
journeys costs four times as much as a gap on one.
Moments of truth without an owner are reported by `moment-of-truth-unowned` instead.
"""

from collections.abc import Iterator

from cxkit.analysis.lists import few
from cxkit.analysis.takeover import journeys_of
from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "touchpoint-unowned"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.touchpoints.items():
        if not placed.entity.owner and not placed.entity.moment_of_truth:
            yield Finding(
                placed.location("id"),
                ID,
                f"touchpoint '{ident}' has no owner: {sits_on(workspace, ident)};"
                " name the one owner accountable for it",
                entity=f"touchpoints:{ident}",
            )


def sits_on(workspace: Workspace, touchpoint: str) -> str:
    """`it sits on 4 journeys (billing-dispute, moving-home, cancel-service and 1 more)`."""
    journeys = journeys_of(workspace, touchpoint)
    if not journeys:
        return "it sits on no journey"
    noun = "journey" if len(journeys) == 1 else "journeys"
    return f"it sits on {len(journeys)} {noun} ({few(journeys)})"
