"""A touchpoint with no metric.

What is not measured cannot be managed: give each touchpoint at least one metric (csat, effort,
first-contact resolution, conversion, ...) so its owner can see whether changes help.
"""

from collections.abc import Iterator

from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "touchpoint-unmeasured"
SEVERITY = "info"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.touchpoints.items():
        if not placed.entity.metrics:
            yield Finding(
                placed.location("id"),
                ID,
                f"touchpoint '{ident}' has no metric: say how it is measured",
                entity=f"touchpoints:{ident}",
            )
