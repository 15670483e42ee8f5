"""The people side of a diff: what an owner holds, who takes it over when they leave, and how much
of the workspace has an owner who is here.

An inactive owner's roles pass to their `successor` (format 1.1); a successor who is inactive
too passes them on in turn, so the chain is followed to the first active owner. A chain that
ends with nobody (no successor, an undefined one, or a loop) leaves the roles with nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxkit.analysis.people import People, first_active
from cxkit.model.vocabulary import RACI_FIELDS
from cxkit.workspace import Workspace

# How many ids a message names before it says "and N more".
_FEW = 3


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


def is_inactive(workspace: Workspace, owner: str | None) -> bool:
    placed = workspace.owners.get(owner) if owner else None
    return placed is not None and not placed.entity.active


def inactive_note(workspace: Workspace, owner: str) -> str:
    """`tom-walsh is inactive; successor raj-patel takes over`, for a reference to `owner`."""
    return f"{owner} is inactive; {taker(workspace, owner).phrase()}"


# --- what an owner holds ----------------------------------------------------------------------


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


# How each RACI role reads before the touchpoints that owner plays it on.
_ROLE_WORDS = {
    "owner": "accountable for",
    "responsible": "responsible for",
    "consulted": "consulted on",
    "informed": "informed of",
}


def describe(held: Holdings) -> list[str]:
    """`leads team billing`, `accountable for bill-email`, `runs billing-platform`, ..."""
    parts = []
    if held.teams:
        parts.append(f"leads team {few(held.teams)}")
    if held.journeys:
        parts.append(f"experience leader of {few(held.journeys)}")
    parts += [f"{_ROLE_WORDS[name]} {few(ids)}" for name, ids in held.touchpoints.items() if ids]
    if held.systems:
        parts.append(f"runs {few(held.systems)}")
    return parts


def losses(held: Holdings) -> list[str]:
    """What is left with nobody answering for it when nobody takes over: the leads, the
    experience leadership, the accountable ownership and the systems (a lost R, C or I leaves
    someone else accountable)."""
    parts = []
    if held.teams:
        parts.append(_lose(held.teams, "team", "its lead", "their lead"))
    if held.journeys:
        parts.append(
            _lose(held.journeys, "journey", "its experience leader", "their experience leader")
        )
    accountable = held.touchpoints["owner"]
    if accountable:
        n = len(accountable)
        parts.append(
            f"{n} touchpoint loses its accountable owner"
            if n == 1
            else f"{n} touchpoints lose their accountable owner"
        )
    if held.systems:
        parts.append(_lose(held.systems, "system", "its owner", "their owner"))
    return parts


def _lose(ids: list[str], kind: str, its: str, their: str) -> str:
    if len(ids) == 1:
        return f"{kind} {ids[0]} loses {its}"
    return f"{kind}s {few(ids)} lose {their}"


def few(ids: list[str]) -> str:
    """`a, b, c` or `a, b, c and 4 more`: a message stays short however much someone holds."""
    if len(ids) <= _FEW:
        return ", ".join(ids)
    return f"{', '.join(ids[:_FEW])} and {len(ids) - _FEW} more"


def leaving_note(workspace: Workspace, owner: str) -> str:
    """What an owner who becomes inactive leaves behind, and whether someone takes it over:
    `becomes inactive: leads team billing; successor raj-patel takes them over`."""
    held = holdings(workspace, owner)
    if not held:
        return "becomes inactive; holds no role"
    who = taker(workspace, owner)
    after = who.phrase("them")
    if not who.active:
        lost = losses(held)
        after += f": {'; '.join(lost)}" if lost else ", so nobody takes them over"
    return f"becomes inactive: {'; '.join(describe(held))}; {after}"


# --- the ownership figure ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ownership:
    """How many of the touchpoints a workspace defines have an active accountable owner."""

    owned: int
    total: int

    @property
    def percent(self) -> int | None:
        """Rounded down, so that 100% means every touchpoint (none when there are none)."""
        return 100 * self.owned // self.total if self.total else None


def ownership(workspace: Workspace) -> Ownership:
    """Every touchpoint defined counts, on a journey or not: a touchpoint off every journey is
    still one somebody must answer for."""
    people = People(workspace)
    owned = sum(1 for p in workspace.touchpoints.values() if people.answers_for(p.entity.owner))
    return Ownership(owned, len(workspace.touchpoints))
