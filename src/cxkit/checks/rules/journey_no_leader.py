"""A journey with no experience leader.

Every journey needs one person who answers for the whole experience and coordinates the teams
that own its touchpoints. Name them in `leader`.
"""

from collections.abc import Iterator

from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "journey-no-leader"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.journeys.items():
        if not placed.entity.leader:
            yield Finding(
                placed.location("id"),
                ID,
                f"journey '{ident}' has no experience leader: name the one person"
                " responsible for the whole journey in 'leader'",
                entity=f"journeys:{ident}",
            )
