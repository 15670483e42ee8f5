"""A touchpoint, system, journey or team that relies on an inactive owner.

An owner marked `active: false` has left or was dissolved. Whatever still names them (as the
accountable owner, in a RACI role, as a system owner, as a journey's leader or a team's lead) has,
in practice, nobody: hand it to someone who is here.
"""

from collections.abc import Iterator
from typing import Any

from cxkit.findings import Finding
from cxkit.workspace import Placed, Workspace

ID = "owner-inactive"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Finding]:
    inactive = {i for i, o in workspace.owners.items() if not o.entity.active}
    if not inactive:
        return
    for kind, fields in _REFERENCES.items():
        for ident, placed in getattr(workspace, kind).items():
            entity = placed.entity
            for field in fields:
                # Nearly every reference names an active owner: a quick look at the names
                # spares a generator for each of a hundred thousand references.
                value = getattr(entity, field)
                if not inactive.isdisjoint(value if type(value) is list else (value,)):
                    yield from _inactive_in(placed, kind, ident, field, inactive)


_REFERENCES: dict[str, tuple[str, ...]] = {
    "touchpoints": ("owner", "responsible", "consulted", "informed"),
    "systems": ("owner",),
    "journeys": ("leader",),
    "owners": ("lead",),
}
_ROLE = {
    "owner": "owner",
    "responsible": "responsible",
    "consulted": "consulted",
    "informed": "informed",
    "leader": "experience leader",
    "lead": "lead",
}


def _inactive_in(
    placed: Placed[Any],
    kind: str,
    ident: str,
    field: str,
    inactive: set[str],
) -> Iterator[Finding]:
    value = getattr(placed.entity, field)
    values = value if isinstance(value, list) else [value]
    for i, owner in enumerate(values):
        if owner in inactive:
            path = (field, i) if isinstance(value, list) else (field,)
            yield Finding(
                placed.location(*path),
                ID,
                f"{kind[:-1]} '{ident}': {_ROLE[field]} '{owner}' is inactive"
                " (active: false); hand this to someone who is here",
                entity=f"{kind}:{ident}",
            )
