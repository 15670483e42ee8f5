"""What an owner holds, in every role, and who takes it over when they leave.

`Holdings` is the short form a diff needs (ids by role). `OwnerReport` is the whole of it, for
`cxkit owner`: each touchpoint by RACI role with the journeys it sits on, the journeys led, the
systems run, the teams led and the change files owned; for an active owner also what they took
over from people who left (whose chain of successors ends with them); for a team, what its people
hold; for an inactive owner, who takes it all over, or that nobody does.

An inactive owner's roles pass to their `successor` (format 1.1), down a chain of successors who
left too, to the first active one (analysis/people.py follows it); a chain that ends with nobody
(no successor, an undefined one, or a loop) leaves the roles with nobody.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from cxkit.analysis.people import Contact, People, first_active
from cxkit.analysis.takeover import Taker, journeys_of, taker
from cxkit.model.vocabulary import RACI, RACI_FIELDS, RoleName
from cxkit.workspace import Workspace

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


# --- everything an owner holds, for `cxkit owner` ---------------------------------------------

HeldKind = Literal["touchpoint", "journey", "system", "team", "change"]
Role = RoleName | Literal["experience leader", "owner", "lead"]

# The parts an owner can play, in the order a report lists them: the RACI roles on touchpoints,
# then journeys led, systems run, teams led and change files owned.
PARTS: tuple[tuple[HeldKind, Role], ...] = (
    *(("touchpoint", raci.role) for raci in RACI),
    ("journey", "experience leader"),
    ("system", "owner"),
    ("team", "lead"),
    ("change", "owner"),
)


@dataclass(frozen=True, slots=True)
class FoundChange:
    """A change file found beside the workspace: what `cxkit owner` needs of it."""

    id: str
    title: str
    owner: str
    file: str
    release: str | None


@dataclass(frozen=True, slots=True)
class Held:
    """One part an owner plays: a role on a touchpoint, a journey led, a system run, ...

    `taken_from` is empty when the files name this owner; for a part taken over, it is the
    chain of owners who left that it passed along, starting with the one the files name.
    """

    kind: HeldKind
    id: str
    name: str
    role: Role
    taken_from: tuple[str, ...] = ()
    journeys: tuple[str, ...] = ()  # a touchpoint's journeys
    moment_of_truth: bool = False
    file: str | None = None  # a change's file
    release: str | None = None  # a change's release date

    @property
    def part(self) -> tuple[HeldKind, Role]:
        return self.kind, self.role


@dataclass(frozen=True, slots=True)
class Handover:
    """What happens to what an inactive owner held: who takes it over, or nobody; with nobody,
    `team` is the team a person who left is reached through meanwhile (if it is active)."""

    successor: str | None  # as the files name it
    taker: Taker
    to: Contact | None
    team: str | None = None


@dataclass(frozen=True, slots=True)
class Holder:
    """An owner and everything they hold, in the order of PARTS."""

    owner: Contact
    held: list[Held]
    handover: Handover | None  # None for an active owner

    def of(self, part: tuple[HeldKind, Role]) -> list[Held]:
        return [h for h in self.held if h.part == part]


@dataclass(frozen=True, slots=True)
class OwnerReport:
    """Everything an owner holds; for a team, also what its people hold (`members`)."""

    holder: Holder
    members: list[Holder]
    changes_folder: str | None  # where change files were looked for; None: no such folder
    warnings: list[str] = field(default_factory=list)


def owner_report(
    workspace: Workspace,
    ident: str,
    changes: Iterable[FoundChange] = (),
    changes_folder: str | None = None,
) -> OwnerReport:
    """What the owner `ident` (defined in `workspace`) holds, with the change files given."""
    people = People(workspace)
    index = _index(workspace, changes)
    members = [
        i
        for i, p in workspace.owners.items()
        if p.entity.team == ident and p.entity.kind == "person" and i != ident
    ]
    return OwnerReport(
        holder=_holder(workspace, people, index, ident),
        members=[_holder(workspace, people, index, m) for m in members],
        changes_folder=changes_folder,
    )


def _holder(
    workspace: Workspace, people: People, index: Mapping[str, list[Held]], ident: str
) -> Holder:
    contact = people.contact(ident)
    assert contact is not None  # the command checks the id first
    held = list(index.get(ident, ()))
    handover = None
    if contact.active:
        held += _taken_over(workspace, index, ident)
    else:
        handover = _handover(workspace, people, ident)
    order = {part: n for n, part in enumerate(PARTS)}
    held.sort(key=lambda h: order[h.part])  # stable: workspace order within a part
    return Holder(contact, held, handover)


def _taken_over(workspace: Workspace, index: Mapping[str, list[Held]], ident: str) -> list[Held]:
    """What `ident` holds for owners who left: those whose chain of successors ends with them."""
    taken: list[Held] = []
    for other, placed in workspace.owners.items():
        if placed.entity.active or other not in index:
            continue
        active, chain = first_active(workspace.owners, other)
        if active == ident:
            taken += [replace(h, taken_from=tuple(chain)) for h in index[other]]
    return taken


def _handover(workspace: Workspace, people: People, ident: str) -> Handover:
    who = taker(workspace, ident)
    reach = people.reach(ident)
    team = reach.who.id if reach.through_team and reach.who else None
    successor = workspace.owners[ident].entity.successor
    return Handover(successor, who, people.contact(who.active), team)


def _index(workspace: Workspace, changes: Iterable[FoundChange]) -> dict[str, list[Held]]:
    """Every part every owner plays, by the owner the files name, in workspace order."""
    index: dict[str, list[Held]] = defaultdict(list)
    for ident, placed in workspace.touchpoints.items():
        tp = placed.entity
        journeys = tuple(journeys_of(workspace, ident))
        for raci in RACI:
            value = getattr(tp, raci.field)
            for owner in dict.fromkeys(value if raci.is_list else [value] if value else []):
                index[owner].append(
                    Held("touchpoint", ident, tp.name, raci.role, (), journeys, tp.moment_of_truth)
                )
    for ident, journey in workspace.journeys.items():
        if journey.entity.leader:
            index[journey.entity.leader].append(
                Held("journey", ident, journey.entity.name, "experience leader")
            )
    for ident, system in workspace.systems.items():
        if system.entity.owner:
            index[system.entity.owner].append(Held("system", ident, system.entity.name, "owner"))
    for ident, team in workspace.owners.items():
        if team.entity.lead:
            index[team.entity.lead].append(Held("team", ident, team.entity.name, "lead"))
    for change in changes:
        index[change.owner].append(
            Held(
                "change", change.id, change.title, "owner", file=change.file, release=change.release
            )
        )
    return index


def change_files(folder: Path, workspace: Workspace) -> tuple[list[FoundChange], list[str]]:
    """The change files below `folder` (read as a workspace folder is), and a warning for each
    file that is not a usable change file: one broken file hides no other."""
    from cxkit.analysis.changes import load_change
    from cxkit.errors import CxkitError
    from cxkit.source.discovery import discover

    found, warnings = [], []
    listing = discover(folder)
    warnings += [f"{skip.display}: {skip.reason}" for skip in listing.skipped]
    for source in listing.files:
        try:
            change, _ = load_change(Path(source.display), workspace)
        except CxkitError as exc:  # unreadable: say so, and read the others
            warnings.append(str(exc))
            continue
        if change is None:
            warnings.append(
                f"{source.display}: not a usable change file, so not listed"
                f" (cxkit impact {source.display} says why)"
            )
            continue
        release = change.release.isoformat() if change.release else None
        found.append(FoundChange(change.id, change.title, change.owner, source.display, release))
    return found, warnings
