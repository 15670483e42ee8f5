"""A touchpoint, system, journey or team that relies on an inactive owner.

An owner marked `active: false` has left or was dissolved. Whatever still names them (as the
accountable owner, in a RACI role, as a system owner, as a journey's leader or a team's lead) has,
in practice, nobody: hand it to someone who is here.
"""

from collections.abc import Iterator
from typing import Any

from cxkit.checks.findings import Finding
from cxkit.model.vocabulary import REFERENCES, SINGULAR, Reference
from cxkit.workspace import Placed, Workspace

ID = "owner-inactive"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Finding]:
    inactive = {i for i, o in workspace.owners.items() if not o.entity.active}
    if not inactive:
        return
    for kind, references in _HELD_BY.items():
        for ident, placed in getattr(workspace, kind).items():
            entity = placed.entity
            for ref in references:
                # Nearly every reference names an active owner: a quick look at the names
                # spares a generator for each of a hundred thousand references.
                value = getattr(entity, ref.field)
                if not inactive.isdisjoint(value if type(value) is list else (value,)):
                    yield from _inactive_in(placed, kind, ident, ref, inactive)


# The fields that name an owner who answers for the entity, by kind.
_HELD_BY: dict[str, tuple[Reference, ...]] = {
    kind: tuple(ref for ref in refs if ref.holds) for kind, refs in REFERENCES.items()
}


def _inactive_in(
    placed: Placed[Any],
    kind: str,
    ident: str,
    ref: Reference,
    inactive: set[str],
) -> Iterator[Finding]:
    field = ref.field
    value = getattr(placed.entity, field)
    values = value if isinstance(value, list) else [value]
    for i, owner in enumerate(values):
        if owner in inactive:
            path = (field, i) if isinstance(value, list) else (field,)
            yield Finding(
                placed.location(*path),
                ID,
                f"{SINGULAR[kind]} '{ident}': {ref.role} '{owner}' is inactive"
                " (active: false); hand this to someone who is here",
                entity=f"{kind}:{ident}",
            )
