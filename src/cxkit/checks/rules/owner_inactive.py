"""A touchpoint, system, journey or team that relies on an inactive owner, and who took over.

An owner marked `active: false` has left or was dissolved. Whatever still names them (as the
accountable owner, in a RACI role, as a system owner, as a journey's leader or a team's lead)
is held, in practice, by their `successor`, following the chain when successors left too: the
message names who took over (name them there instead), or says there is nobody (hand it to
someone who is here). A moment of truth whose owner left with nobody taking over is reported
by `moment-of-truth-unowned` instead, as an error.
"""

from collections.abc import Iterator
from typing import Any

from cxkit.analysis.takeover import Taker, taker
from cxkit.checks.findings import Finding
from cxkit.model.vocabulary import REFERENCES, SINGULAR, Reference
from cxkit.workspace import Placed, Workspace

ID = "owner-inactive"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Finding]:
    inactive = {i for i, o in workspace.owners.items() if not o.entity.active}
    if not inactive:
        return
    takers = {owner: taker(workspace, owner) for owner in inactive}
    for kind, references in _HELD_BY.items():
        for ident, placed in getattr(workspace, kind).items():
            entity = placed.entity
            for ref in references:
                # Nearly every reference names an active owner: a quick look at the names
                # spares a generator for each of a hundred thousand references.
                value = getattr(entity, ref.field)
                if not inactive.isdisjoint(value if type(value) is list else (value,)):
                    yield from _inactive_in(placed, kind, ident, ref, takers)


# The fields that name an owner who answers for the entity, by kind.
_HELD_BY: dict[str, tuple[Reference, ...]] = {
    kind: tuple(ref for ref in refs if ref.holds) for kind, refs in REFERENCES.items()
}


def _inactive_in(
    placed: Placed[Any],
    kind: str,
    ident: str,
    ref: Reference,
    takers: dict[str, Taker],
) -> Iterator[Finding]:
    field = ref.field
    value = getattr(placed.entity, field)
    values = value if isinstance(value, list) else [value]
    for i, owner in enumerate(values):
        who = takers.get(owner)
        if who is None:
            continue
        if _unowned_moment_of_truth(placed, kind, field, who):
            continue  # nobody answers for it: moment-of-truth-unowned reports it, as an error
        path = (field, i) if isinstance(value, list) else (field,)
        yield Finding(
            placed.location(*path),
            ID,
            f"{SINGULAR[kind]} '{ident}': {ref.role} '{owner}' is inactive (active: false);"
            f" {_then(who)}",
            entity=f"{kind}:{ident}",
        )


def _then(who: Taker) -> str:
    """`successor raj-patel takes over: name raj-patel here instead`, or who there is not."""
    if who.active:
        return f"{who.phrase()}: name {who.active} here instead"
    return f"{who.phrase()}: hand this to someone who is here"


def _unowned_moment_of_truth(placed: Placed[Any], kind: str, field: str, who: Taker) -> bool:
    return (
        kind == "touchpoints"
        and field == "owner"
        and bool(placed.entity.moment_of_truth)
        and who.active is None
    )
