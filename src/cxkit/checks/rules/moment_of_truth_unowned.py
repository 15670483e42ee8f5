"""A moment of truth with no accountable owner.

Moments of truth are where customers are won or lost. One without an owner is the most expensive
gap a journey can have, so this is an error by default.
"""

from collections.abc import Iterator

from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "moment-of-truth-unowned"
SEVERITY = "error"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.touchpoints.items():
        if not placed.entity.owner and placed.entity.moment_of_truth:
            yield Finding(
                placed.location("id"),
                ID,
                f"moment of truth '{ident}' has no owner: a touchpoint where customers"
                " are won or lost needs one accountable owner",
                entity=f"touchpoints:{ident}",
            )
