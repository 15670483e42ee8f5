"""A touchpoint with no accountable owner.

Every touchpoint needs one owner who answers for it: the A of RACI. Without one, nobody fixes
what breaks, and the touchpoint decays (the phone menu that everybody changes and nobody owns).
Moments of truth without an owner are reported by `moment-of-truth-unowned` instead.
"""

from collections.abc import Iterator

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
                f"touchpoint '{ident}' has no owner: name the one owner accountable for it",
                entity=f"touchpoints:{ident}",
            )
