"""Who takes over from an owner who left, and on which journeys a touchpoint sits: the little
of holdings.py that `cxkit validate`'s rules need, apart so that validate does not import the
rest (its classes cost milliseconds at every start)."""

from __future__ import annotations

from dataclasses import dataclass

from cxkit.analysis.people import first_active
from cxkit.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Taker:
    """Who takes over what an inactive owner holds."""

    named: bool  # the owner names a successor at all
    active: str | None  # the first active owner down the chain of successors, if any
    through: tuple[str, ...]  # the inactive successors passed on the way

    def phrase(self, them: str = "") -> str:
        """`successor raj-patel takes over`, `no successor`, `successor x is inactive too`..."""
        if self.active:
            via = f", through inactive {', '.join(self.through)}" if self.through else ""
            return f"successor {self.active} takes {them + ' ' if them else ''}over{via}"
        if not self.named:
            return "no successor"
        if len(self.through) == 1:
            return f"successor {self.through[0]} is inactive too"
        if self.through:
            return f"successors {', '.join(self.through)} are inactive too"
        return "no active successor"


def taker(workspace: Workspace, owner: str) -> Taker:
    """Who takes over from `owner`: down the chain of successors to the first active one."""
    owners = workspace.owners
    first = owners[owner].entity.successor if owner in owners else None
    active, through = first_active(owners, first, passed=(owner,))
    return Taker(first is not None, active, tuple(through))


def journeys_of(workspace: Workspace, touchpoint: str) -> list[str]:
    """The journeys a touchpoint sits on, each once, in the order they are read."""
    return list(dict.fromkeys(step.journey for step in workspace.uses.get(touchpoint, ())))
