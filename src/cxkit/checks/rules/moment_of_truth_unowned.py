"""A moment of truth with no accountable owner, or whose owner left with nobody taking over.

Moments of truth are where customers are won or lost. One without an owner is the most expensive
gap a journey can have, so this is an error by default. An owner who left (`active: false`)
with no active successor (none named, or every successor down the chain left too) answers for
nothing: the moment of truth has, in practice, nobody, and is reported here rather than as
`owner-inactive`. With an active successor it has an owner; `owner-inactive` says who took over.
"""

from collections.abc import Iterator

from cxkit.analysis.takeover import Taker, taker
from cxkit.checks.findings import Finding
from cxkit.checks.rules.touchpoint_unowned import sits_on
from cxkit.workspace import Workspace

ID = "moment-of-truth-unowned"
SEVERITY = "error"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.touchpoints.items():
        touchpoint = placed.entity
        if not touchpoint.moment_of_truth:
            continue
        owner = touchpoint.owner
        if not owner:
            yield Finding(
                placed.location("id"),
                ID,
                f"moment of truth '{ident}' has no owner: {sits_on(workspace, ident)};"
                " a touchpoint where customers are won or lost needs one accountable owner",
                entity=f"touchpoints:{ident}",
            )
        elif left_with_nobody(workspace, owner):
            yield Finding(
                placed.location("owner"),
                ID,
                f"moment of truth '{ident}' has no owner who is here: owner '{owner}' is"
                f" inactive (active: false) {_with(taker(workspace, owner))};"
                f" {sits_on(workspace, ident)}: hand it to someone who is here",
                entity=f"touchpoints:{ident}",
            )


def left_with_nobody(workspace: Workspace, owner: str) -> bool:
    """Whether `owner` is defined, inactive, and no active successor takes over from them (an
    undefined owner is integrity's to report)."""
    placed = workspace.owners.get(owner)
    return placed is not None and not placed.entity.active and not taker(workspace, owner).active


def _with(who: Taker) -> str:
    """`with no successor`, `and successor x is inactive too`, ..."""
    return "with no successor" if not who.named else f"and {who.phrase()}"
