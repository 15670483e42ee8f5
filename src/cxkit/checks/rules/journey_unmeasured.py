"""A journey with no outcome metric.

A journey exists for a customer outcome; measure it (repeat contacts, time to resolve, churn,
satisfaction with the whole journey), not only its touchpoints.
"""

from collections.abc import Iterator

from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "journey-unmeasured"
SEVERITY = "info"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.journeys.items():
        if not placed.entity.metrics:
            yield Finding(
                placed.location("id"),
                ID,
                f"journey '{ident}' has no metric: say how its outcome is measured",
                entity=f"journeys:{ident}",
            )
