"""A system with no owner.

Touchpoints depend on systems; when a system changes or fails, someone must answer for it and
tell the touchpoint owners. Name who runs it in `owner`.
"""

from collections.abc import Iterator

from cxkit.checks.findings import Finding
from cxkit.workspace import Workspace

ID = "system-unowned"
SEVERITY = "info"


def check(workspace: Workspace) -> Iterator[Finding]:
    for ident, placed in workspace.systems.items():
        if not placed.entity.owner:
            yield Finding(
                placed.location("id"),
                ID,
                f"system '{ident}' has no owner: name who runs it",
                entity=f"systems:{ident}",
            )
