"""The format's words, said once: the kinds of entity, the RACI roles, and the fields that name
other entities.

Every module that walks references or roles reads them here (integrity, owner-inactive, the
graph, impact, diff, change files, the briefing), so adding an owner reference to a kind is one
edit in `REFERENCES`. The models (entities.py) define the fields themselves; a test holds the two
to the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Section = Literal["owners", "personas", "systems", "touchpoints", "journeys"]
RoleName = Literal["accountable", "responsible", "consulted", "informed"]


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of entity: its workspace section (plural) and how one of it is named."""

    section: Section
    singular: str


KINDS = (
    Kind("owners", "owner"),
    Kind("personas", "persona"),
    Kind("systems", "system"),
    Kind("touchpoints", "touchpoint"),
    Kind("journeys", "journey"),
)
SINGULAR: dict[str, str] = {kind.section: kind.singular for kind in KINDS}
SECTION: dict[str, Section] = {kind.singular: kind.section for kind in KINDS}


@dataclass(frozen=True, slots=True)
class RaciRole:
    """A touchpoint field that names who plays a RACI role."""

    field: str  # the touchpoint's field: `owner`, `responsible`, ...
    role: RoleName  # the role it stands for
    letter: str  # in a RACI matrix
    is_list: bool


RACI = (
    RaciRole("owner", "accountable", "A", is_list=False),
    RaciRole("responsible", "responsible", "R", is_list=True),
    RaciRole("consulted", "consulted", "C", is_list=True),
    RaciRole("informed", "informed", "I", is_list=True),
)
RACI_FIELDS = tuple(raci.field for raci in RACI)
ROLE_OF_FIELD: dict[str, RoleName] = {raci.field: raci.role for raci in RACI}


@dataclass(frozen=True, slots=True)
class Reference:
    """A field that names entities of another kind.

    `must_be` is the kind of owner it must name (`team`, `person`), if any. `holds` says that the
    owner named answers for the entity (its owner, a RACI member, a leader, a lead), as opposed
    to a person's `team`, which only says where they belong; `role` names that part in messages.
    """

    field: str
    names: Section
    is_list: bool = False
    must_be: str = ""
    holds: bool = False
    role: str = ""


# The reference fields of each kind, in the order their findings are made.
REFERENCES: dict[Section, tuple[Reference, ...]] = {
    "owners": (
        Reference("team", "owners", must_be="team"),
        Reference("lead", "owners", must_be="person", holds=True, role="lead"),
        Reference("successor", "owners"),
    ),
    "systems": (Reference("owner", "owners", holds=True, role="owner"),),
    "touchpoints": (
        *(
            Reference(raci.field, "owners", is_list=raci.is_list, holds=True, role=raci.field)
            for raci in RACI
        ),
        Reference("systems", "systems", is_list=True),
    ),
    "journeys": (
        Reference("persona", "personas"),
        Reference("leader", "owners", must_be="person", holds=True, role="experience leader"),
    ),
}
