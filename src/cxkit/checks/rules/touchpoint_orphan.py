"""A touchpoint defined but used by no journey.

A shared touchpoint that no journey's stages name is not on any customer's path: either a journey
lost it by mistake, or it is left over and can go.
"""

from collections.abc import Iterator

from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "touchpoint-orphan"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.touchpoints.items():
        if ident not in workspace.uses:
            yield Finding(
                placed.location("id"),
                ID,
                f"touchpoint '{ident}' is on no journey: add it to a stage or remove it",
                entity=f"touchpoints:{ident}",
            )
