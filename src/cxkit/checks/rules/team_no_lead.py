"""A team with no lead.

When something a team owns goes wrong, someone has to be the first call. Name the team's `lead`.
"""

from collections.abc import Iterator

from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "team-no-lead"
SEVERITY = "info"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.owners.items():
        if placed.entity.kind == "team" and not placed.entity.lead:
            yield Finding(
                placed.location("id"),
                ID,
                f"team '{ident}' has no lead: name the person to call",
                entity=f"owners:{ident}",
            )
