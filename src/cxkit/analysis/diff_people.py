"""The people side of a diff: what an owner holds and who takes it over when they leave, in
words (what they hold, and who takes it over, are found in holdings.py), and how much of the
workspace has an owner who is here.

An inactive owner's roles pass to their `successor` (format 1.1); a successor who is inactive
too passes them on in turn, so the chain is followed to the first active owner. A chain that
ends with nobody (no successor, an undefined one, or a loop) leaves the roles with nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxkit.analysis.holdings import Holdings, holdings
from cxkit.analysis.lists import few
from cxkit.analysis.people import People
from cxkit.analysis.takeover import taker
from cxkit.workspace import Workspace


def is_inactive(workspace: Workspace, owner: str | None) -> bool:
    placed = workspace.owners.get(owner) if owner else None
    return placed is not None and not placed.entity.active


def inactive_note(workspace: Workspace, owner: str) -> str:
    """`tom-walsh is inactive; successor raj-patel takes over`, for a reference to `owner`."""
    return f"{owner} is inactive; {taker(workspace, owner).phrase()}"


# --- what an owner holds, in words -----------------------------------------------------------


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
