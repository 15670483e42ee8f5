"""What a planned change touches, whom to engage, in what order to communicate, where to start.

`analyse` returns an `Impact` value; reporters turn it into text, JSON or Markdown. Nothing here
prints or reads files: the workspace and its graph are built once by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

import networkx as nx

from cxkit.analysis import graph as g
from cxkit.model.change import Change, Reason
from cxkit.model.records.generated import Owner, Touchpoint
from cxkit.model.vocabulary import RACI, ROLE_OF_FIELD
from cxkit.workspace import Workspace

How = Literal["direct", "downstream"]
Role = Literal[
    "decides", "accountable", "leader", "system-owner", "responsible", "consulted", "informed"
]
ROLE_ORDER: tuple[Role, ...] = (
    "decides",
    "accountable",
    "leader",
    "system-owner",
    "responsible",
    "consulted",
    "informed",
)
GapKind = Literal["unowned", "inactive-owner", "no-leader", "inactive-leader"]


@dataclass(frozen=True, slots=True)
class Affected:
    """What a change names as changed: its touchpoints, and those on its systems, channels
    and owners."""

    touchpoints: list[str]
    systems: list[str]
    channels: list[str]
    owners: list[str]


@dataclass(frozen=True, slots=True)
class PlannedChange:
    """A change as the analysis reads it: one from a change file (checked by its model first),
    or the journey changes since a revision (made from a diff, so it has no owner)."""

    id: str
    title: str
    reason: Reason | None  # None: made from a diff, so nobody stated one
    purpose: str
    owner: str
    release: dt.date | None
    affects: Affected
    customer_message: str | None

    @classmethod
    def of(cls, change: Change) -> PlannedChange:
        """The analysis's view of a change file's change."""
        a = change.affects
        return cls(
            id=change.id,
            title=change.title,
            reason=change.reason,
            purpose=change.purpose,
            owner=change.owner,
            release=change.release,
            affects=Affected(a.touchpoints, a.systems, a.channels, a.owners),
            customer_message=change.customer_message,
        )


@dataclass(frozen=True, slots=True)
class Contact:
    """An owner as people need to see them: a team with its lead, a person with their team."""

    id: str
    name: str
    kind: str
    active: bool
    contact: str | None = None
    team: str | None = None
    lead: str | None = None
    function: str | None = None


@dataclass(slots=True)
class TouchpointImpact:
    id: str
    name: str
    how: How
    why: list[str]
    channel: str | None
    owner: str | None
    owner_name: str | None
    moment_of_truth: bool
    emotion: int | None
    effort: int | None
    off_target: list[str]
    journeys: list[str]

    @property
    def exposure(self) -> tuple[int, int, int, int]:
        """Higher is more exposed: moment of truth, metrics off target, bad emotion, effort."""
        return (
            int(self.moment_of_truth),
            len(self.off_target),
            5 - (self.emotion or 3),
            self.effort or 0,
        )


@dataclass(slots=True)
class JourneyImpact:
    id: str
    name: str
    leader: Contact | None
    stages_total: int
    stages_impacted: list[str]
    first_stage: str
    direct: list[str]
    downstream: list[str]
    moments_of_truth: list[str]


@dataclass(slots=True)
class Engagement:
    role: Role
    who: Contact
    because: list[str]  # touchpoint, journey or system ids that put them here


@dataclass(slots=True)
class Wave:
    number: int
    name: str
    audience: list[Contact]
    message: str
    customers: list[str] = field(default_factory=list)  # persona names, for the customer wave


@dataclass(frozen=True, slots=True)
class Gap:
    kind: GapKind
    subject: str
    message: str


@dataclass(slots=True)
class Totals:
    journeys: int = 0
    stages: int = 0
    touchpoints_direct: int = 0
    touchpoints_downstream: int = 0
    moments_of_truth: int = 0


@dataclass(slots=True)
class Impact:
    change: PlannedChange
    decider: Contact | None
    touchpoints: list[TouchpointImpact]
    journeys: list[JourneyImpact]  # ranked: where to start first
    most_exposed: list[TouchpointImpact]
    engage: list[Engagement]
    waves: list[Wave]
    gaps: list[Gap]
    warnings: list[str] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


MOST_EXPOSED = 5


def analyse(change: PlannedChange, workspace: Workspace, graph: nx.DiGraph) -> Impact:
    """The impact of `change` on the workspace."""
    reasons = _direct(change, workspace)
    downstream, downstream_on = _downstream(reasons, workspace)
    touched = {**{i: "direct" for i in reasons}, **{i: "downstream" for i in downstream}}
    touchpoints = [
        _touchpoint_impact(workspace, i, how, reasons.get(i) or downstream[i])
        for i, how in touched.items()
    ]
    journeys = _journeys(workspace, reasons, downstream_on)
    contacts = _Contacts(workspace)
    engage = _engagements(change, workspace, graph, touched, journeys, contacts)
    impact = Impact(
        change=change,
        decider=contacts.get(change.owner),
        touchpoints=touchpoints,
        journeys=journeys,
        most_exposed=sorted(touchpoints, key=lambda t: t.exposure, reverse=True)[:MOST_EXPOSED],
        engage=engage,
        waves=_waves(
            change, engage, touchpoints, journeys, contacts, _customers(workspace, journeys)
        ),
        gaps=_gaps(workspace, touched, journeys),
    )
    impact.totals = Totals(
        journeys=len(journeys),
        stages=sum(len(j.stages_impacted) for j in journeys),
        touchpoints_direct=len(reasons),
        touchpoints_downstream=len(downstream),
        moments_of_truth=sum(1 for t in touchpoints if t.moment_of_truth),
    )
    if reasons and not change.customer_message:
        impact.warnings.append(
            "customer-facing touchpoints change but the change has no customer_message:"
            " write what customers will be told before wave 4"
        )
    if not reasons:
        impact.warnings.append("the change touches no touchpoint of this workspace")
    return impact


def _direct(change: PlannedChange, workspace: Workspace) -> dict[str, list[str]]:
    """Touchpoints the change names, or reaches through a system, channel or owner; and why."""
    affects = change.affects
    reasons: dict[str, list[str]] = {}
    named = set(affects.touchpoints)
    systems, channels, owners = set(affects.systems), set(affects.channels), set(affects.owners)
    for ident, placed in workspace.touchpoints.items():
        t = placed.entity
        why = ["named in the change"] if ident in named else []
        why.extend(f"depends on system {s}" for s in t.systems if s in systems)
        if t.channel in channels:
            why.append(f"on channel {t.channel}")
        if owners:  # most changes name no owner: skip listing the RACI of every touchpoint
            why.extend(f"{who} is {role}" for role, who in _raci(t) if who in owners)
        if why:
            reasons[ident] = why
    return reasons


def _raci(t: Touchpoint) -> list[tuple[str, str]]:
    """(role, owner id) for each RACI role played on `t`."""
    pairs: list[tuple[str, str]] = []
    for raci in RACI:
        named = getattr(t, raci.field)
        if raci.is_list:
            pairs.extend((raci.role, who) for who in named)
        elif named:
            pairs.append((raci.role, named))
    return pairs


def _downstream(
    direct: dict[str, list[str]], workspace: Workspace
) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """The touchpoint the customer meets right after each changed one, on every journey.

    Returns why each is downstream, and which are downstream on each journey: a touchpoint that
    follows a change on one journey is not downstream on another where nothing changed before it.
    """
    found: dict[str, list[str]] = defaultdict(list)
    on_journey: dict[str, set[str]] = defaultdict(set)
    for journey_id, steps in workspace.paths.items():
        for before, after in pairwise(steps):
            if (
                before.touchpoint in direct
                and after.touchpoint not in direct
                and after.touchpoint in workspace.touchpoints
            ):
                note = f"follows {before.touchpoint} on {journey_id}"
                if note not in found[after.touchpoint]:
                    found[after.touchpoint].append(note)
                on_journey[journey_id].add(after.touchpoint)
    return dict(found), on_journey


def _touchpoint_impact(
    workspace: Workspace, ident: str, how: str, why: list[str]
) -> TouchpointImpact:
    t = workspace.touchpoints[ident].entity
    journeys = list(dict.fromkeys(step.journey for step in workspace.uses.get(ident, [])))
    return TouchpointImpact(
        id=ident,
        name=t.name,
        how="direct" if how == "direct" else "downstream",
        why=why,
        channel=t.channel,
        owner=t.owner,
        owner_name=workspace.owners[t.owner].entity.name
        if t.owner in workspace.owners
        else t.owner,
        moment_of_truth=t.moment_of_truth,
        emotion=t.emotion,
        effort=t.effort,
        off_target=[m.name for m in t.metrics if m.off_target()],
        journeys=journeys,
    )


def _journeys(
    workspace: Workspace, direct: dict[str, list[str]], downstream_on: dict[str, set[str]]
) -> list[JourneyImpact]:
    contacts = _Contacts(workspace)
    found: list[JourneyImpact] = []
    for journey_id, steps in workspace.paths.items():
        downstream = downstream_on.get(journey_id, set())
        hit = [s for s in steps if s.touchpoint in direct or s.touchpoint in downstream]
        if not hit:
            continue
        entity = workspace.journeys[journey_id].entity
        stages = list(dict.fromkeys(s.stage for s in hit))
        found.append(
            JourneyImpact(
                id=journey_id,
                name=entity.name,
                leader=contacts.get(entity.leader) if entity.leader else None,
                stages_total=len(entity.stages),
                stages_impacted=stages,
                first_stage=stages[0],
                direct=list(dict.fromkeys(s.touchpoint for s in hit if s.touchpoint in direct)),
                downstream=list(
                    dict.fromkeys(s.touchpoint for s in hit if s.touchpoint in downstream)
                ),
                moments_of_truth=list(
                    dict.fromkeys(
                        s.touchpoint
                        for s in hit
                        if workspace.touchpoints[s.touchpoint].entity.moment_of_truth
                    )
                ),
            )
        )
    # Where to start: the simplest journey first (fewest stages, then fewest touchpoints).
    found.sort(key=lambda j: (len(j.stages_impacted), len(j.direct) + len(j.downstream), j.id))
    return found


class _Contacts:
    """Owners as contacts, looked up once."""

    def __init__(self, workspace: Workspace) -> None:
        self.owners = workspace.owners
        self.cache: dict[str, Contact] = {}

    def get(self, ident: str) -> Contact | None:
        if ident not in self.owners:
            return None
        if ident not in self.cache:
            self.cache[ident] = _contact(ident, self.owners[ident].entity)
        return self.cache[ident]


def _contact(ident: str, o: Owner) -> Contact:
    return Contact(
        id=ident,
        name=o.name,
        kind=o.kind,
        active=o.active,
        contact=o.contact,
        team=o.team,
        lead=o.lead,
        function=o.function,
    )


def _engagements(
    change: PlannedChange,
    workspace: Workspace,
    graph: nx.DiGraph,
    touched: dict[str, str],
    journeys: list[JourneyImpact],
    contacts: _Contacts,
) -> list[Engagement]:
    because: dict[tuple[Role, str], list[str]] = defaultdict(list)
    if change.owner in workspace.owners:
        because[("decides", change.owner)].append(change.id)
    for ident in touched:
        node = g.touchpoint(ident)
        if node not in graph:
            continue
        # One pass over each touchpoint's edges: each carries the roles it stands for.
        for target, data in graph.adj[node].items():
            for rel in data["rels"] & ROLE_OF_FIELD.keys():
                because[(ROLE_OF_FIELD[rel], target[1])].append(ident)
    for j in journeys:
        if j.leader is not None:
            because[("leader", j.leader.id)].append(j.id)
    for name in change.affects.systems:
        for node in g.pointing(graph, g.system(name), "runs"):
            because[("system-owner", node[1])].append(name)
    engagements = [
        Engagement(role, contact, list(dict.fromkeys(items)))
        for (role, ident), items in because.items()
        if (contact := contacts.get(ident)) is not None
    ]
    engagements.sort(key=lambda e: (ROLE_ORDER.index(e.role), e.who.id))
    return engagements


_WAVE_ROLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Peers and stakeholders", frozenset({"accountable", "leader", "system-owner"})),
    ("Teams who do the work", frozenset({"responsible", "consulted"})),
    ("Those kept informed", frozenset({"informed"})),
)


def _waves(
    change: PlannedChange,
    engage: list[Engagement],
    touchpoints: list[TouchpointImpact],
    journeys: list[JourneyImpact],
    contacts: _Contacts,
    customers: list[str],
) -> list[Wave]:
    when = f" from {change.release.isoformat()}" if isinstance(change.release, dt.date) else ""
    decider = contacts.get(change.owner)
    decider_name = decider.name if decider else change.owner
    direct = [t for t in touchpoints if t.how == "direct"]
    after = len(touchpoints) - len(direct)
    moments = sum(1 for t in touchpoints if t.moment_of_truth)
    messages = (
        f"{change.title}{when}. Why: {change.reason} — {change.purpose.strip()} It changes"
        f" {len(direct)} touchpoint(s) directly and {after} right after them, on"
        f" {len(journeys)} journey(s), {moments} moment(s) of truth among them. Agree the"
        f" approach for what you own; {decider_name} owns the change and settles disagreements.",
        f"What changes in your work, on the touchpoints listed for you, and by when{when}; who to"
        " ask: the accountable owner of each touchpoint. Brief your teams before customers hear"
        " of it.",
        f"For your information: {change.title}{when}. Nothing is needed from you; the customer"
        " message follows once the teams are ready.",
    )
    waves: list[Wave] = []
    briefed: set[str] = set()
    for number, ((name, roles), message) in enumerate(zip(_WAVE_ROLES, messages, strict=True), 1):
        audience = list(
            {
                e.who.id: e.who
                for e in engage
                if e.role in roles and (number < 3 or e.who.id not in briefed)
            }.values()
        )
        briefed.update(c.id for c in audience)
        waves.append(Wave(number, name, audience, message))
    if direct:
        message = (
            change.customer_message.strip()
            if change.customer_message
            else "(no customer_message in the change file yet)"
        )
        waves.append(Wave(4, "Customers, once the teams are ready", [], message, customers))
    return waves


def _customers(workspace: Workspace, journeys: list[JourneyImpact]) -> list[str]:
    """The personas of the affected journeys, by name."""
    names: dict[str, None] = {}
    for j in journeys:
        persona = workspace.journeys[j.id].entity.persona
        if persona and persona in workspace.personas:
            names[workspace.personas[persona].entity.name] = None
    return list(names) or ["the customers of the journeys above"]


def by_person(engage: list[Engagement]) -> list[tuple[Contact, list[Engagement]]]:
    """Engagements grouped by who, in the order of each one's first (highest) role."""
    grouped: dict[str, tuple[Contact, list[Engagement]]] = {}
    for e in engage:
        grouped.setdefault(e.who.id, (e.who, []))[1].append(e)
    return list(grouped.values())


def _gaps(
    workspace: Workspace, touched: dict[str, str], journeys: list[JourneyImpact]
) -> list[Gap]:
    gaps: list[Gap] = []
    owners = workspace.owners
    for ident in touched:
        owner_id = workspace.touchpoints[ident].entity.owner
        if not owner_id:
            gaps.append(Gap("unowned", ident, f"touchpoint '{ident}' has no accountable owner"))
        elif owner_id in owners and not owners[owner_id].entity.active:
            gaps.append(
                Gap(
                    "inactive-owner",
                    ident,
                    f"touchpoint '{ident}' is owned by '{owner_id}', who is inactive",
                )
            )
    for j in journeys:
        if j.leader is None:
            gaps.append(Gap("no-leader", j.id, f"journey '{j.id}' has no experience leader"))
        elif not j.leader.active:
            gaps.append(
                Gap(
                    "inactive-leader",
                    j.id,
                    f"journey '{j.id}' is led by '{j.leader.id}', who is inactive",
                )
            )
    return gaps
