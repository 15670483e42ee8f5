"""Who is reached for an owner named in the workspace: never someone who has left.

An inactive owner's roles pass to their `successor` (format 1.1), following a chain of
successors who left too. With no active successor, a person is reached through their team (its
active lead, or its contact), and the gap is said; an inactive team with no successor reaches
nobody.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from cxkit.model.records.generated import Owner
from cxkit.workspace import Placed, Workspace


@dataclass(frozen=True, slots=True)
class Contact:
    """An owner as people need to see them: a team with its lead, a person with their team.

    `lead` is the lead to call: an inactive lead's successor (`lead_for` names whom they stand
    in for), or None when the lead left without one, so the team is reached through `contact`.
    """

    id: str
    name: str
    kind: str
    active: bool
    contact: str | None = None
    team: str | None = None
    lead: str | None = None
    function: str | None = None
    lead_for: str | None = None


@dataclass(frozen=True, slots=True)
class Reach:
    """Whom to address for an owner named somewhere: `who` (None: nobody), and how they came
    to stand in: `chain` lists the inactive owners passed on the way, in order."""

    named: str
    who: Contact | None
    chain: list[str] = field(default_factory=list)
    through_team: bool = False  # an inactive person without a successor, reached via their team

    @property
    def handed_over(self) -> bool:
        return bool(self.chain)

    def note(self) -> str:
        """How the one addressed stands in for the one named ('' when they are the same)."""
        if not self.chain:
            return ""
        left = " → ".join(self.chain)
        if self.who is None:
            return f"{left} left with no successor: nobody to reach"
        if self.through_team:
            return f"{left} left with no successor: reached through team {self.who.id}"
        return f"takes over from {left} (inactive)"


class People:
    """Owners as contacts, and whom to reach for each, looked up once."""

    def __init__(self, workspace: Workspace) -> None:
        self.owners: dict[str, Placed[Owner]] = workspace.owners
        self._contacts: dict[str, Contact] = {}
        self._reached: dict[str, Reach] = {}

    def contact(self, ident: str | None) -> Contact | None:
        """The owner as written (active or not), or None when not defined."""
        if not ident or ident not in self.owners:
            return None
        found = self._contacts.get(ident)
        if found is None:
            found = self._contacts[ident] = self._make(ident, self.owners[ident].entity)
        return found

    def reach(self, ident: str) -> Reach:
        """Whom to address for the owner `ident` (see the module's docstring)."""
        found = self._reached.get(ident)
        if found is None:
            found = self._reached[ident] = self._follow(ident)
        return found

    def shown(self, ident: str) -> str:
        """An owner's name as a page shows it: who answers for them now, if they left."""
        named = self.contact(ident)
        if named is None:
            return ident
        if named.active:
            return named.name
        reach = self.reach(ident)
        if reach.who is not None and not reach.through_team:
            return f"{reach.who.name} (for {named.name}, who left)"
        return f"{named.name} (left, no successor)"

    def answers_for(self, ident: str | None) -> bool:
        """Whether someone who is here answers for what names `ident` as owner: the owner, if
        active, or the active successor down their chain (who holds it in practice). No owner,
        an unknown one, or an inactive one nobody took over from, is nobody."""
        if not ident or ident not in self.owners:
            return False
        return self._successor(ident)[0] is not None

    def _follow(self, ident: str) -> Reach:
        active, chain = self._successor(ident)
        if active is not None:
            return Reach(ident, self.contact(active), chain)
        first = self.owners.get(ident)
        if first is None:  # undefined: integrity reports it
            return Reach(ident, None)
        team = self.owners.get(first.entity.team or "")
        if first.entity.kind == "person" and team is not None and team.entity.active:
            return Reach(ident, self.contact(team.entity.id), chain, through_team=True)
        return Reach(ident, None, chain)

    def _make(self, ident: str, o: Owner) -> Contact:
        lead, lead_for = o.lead, None
        if lead and lead in self.owners and not self.owners[lead].entity.active:
            lead_for = lead
            lead = self._successor(lead)[0]
        return Contact(
            id=ident,
            name=o.name,
            kind=o.kind,
            active=o.active,
            contact=o.contact,
            team=o.team,
            lead=lead,
            function=o.function,
            lead_for=lead_for,
        )

    def _successor(self, ident: str) -> tuple[str | None, list[str]]:
        return first_active(self.owners, ident)


def first_active(
    owners: Mapping[str, Placed[Owner]], start: str | None, passed: Collection[str] = ()
) -> tuple[str | None, list[str]]:
    """The first active owner on the chain of successors from `start` (itself, if active), and
    the inactive owners passed on the way. A loop (integrity reports it), an undefined owner or
    one of `passed` ends it with nobody."""
    chain: list[str] = []
    current = start
    while current is not None and current in owners and current not in chain:
        if current in passed:
            break
        owner = owners[current].entity
        if owner.active:
            return current, chain
        chain.append(current)
        current = owner.successor
    return None, chain
