"""What an owner holds, in every role, and who takes it over when they leave.

`Holdings` is the short form a diff needs (ids by role).

An inactive owner's roles pass to their `successor` (format 1.1), down a chain of successors who
left too, to the first active one (analysis/people.py follows it); a chain that ends with nobody
(no successor, an undefined one, or a loop) leaves the roles with nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxkit.analysis.people import first_active
from cxkit.model.vocabulary import RACI_FIELDS
from cxkit.workspace import Workspace

# --- who takes over ---------------------------------------------------------------------------


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


# --- what an owner holds, by id ---------------------------------------------------------------


@dataclass(slots=True)
class Holdings:
    """What one owner leads and holds in a workspace, each list in workspace order."""

    teams: list[str]  # teams they lead
    journeys: list[str]  # journeys they are the experience leader of
    touchpoints: dict[str, list[str]]  # RACI field (`owner`, `responsible`, ...) -> touchpoints
    systems: list[str]  # systems they own

    def __bool__(self) -> bool:
        return bool(self.teams or self.journeys or self.systems or any(self.touchpoints.values()))


def holdings(workspace: Workspace, owner: str) -> Holdings:
    touchpoints: dict[str, list[str]] = {name: [] for name in RACI_FIELDS}
    for ident, placed in workspace.touchpoints.items():
        for name in RACI_FIELDS:
            value = getattr(placed.entity, name)
            if owner in (value if isinstance(value, list) else (value,)):
                touchpoints[name].append(ident)
    return Holdings(
        teams=[i for i, p in workspace.owners.items() if p.entity.lead == owner],
        journeys=[i for i, p in workspace.journeys.items() if p.entity.leader == owner],
        touchpoints=touchpoints,
        systems=[i for i, p in workspace.systems.items() if p.entity.owner == owner],
    )
