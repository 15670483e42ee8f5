"""What a planned change touches, whom to engage, in what order to communicate, where to start.

`analyse` returns an `Impact` value; reporters turn it into text, JSON or Markdown. Nothing here
prints or reads files: the workspace and its graph are built once by the caller.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from cxkit.analysis import graph as g
from cxkit.analysis.people import Contact, People, Reach
from cxkit.analysis.route import following
from cxkit.model.change import Change, Reason
from cxkit.model.records.generated import Touchpoint
from cxkit.model.vocabulary import RACI, ROLE_OF_FIELD
from cxkit.workspace import Step, Workspace

How = Literal["direct", "downstream"]
Role = Literal[
    "decides",
    "accountable",
    "leader",
    "system-owner",
    "responsible",
    "consulted",
    "informed",
    "downstream",
]
# The roles in the order they are listed: who decides first, those only downstream last.
ROLE_ORDER: tuple[Role, ...] = typing.get_args(Role)
GapKind = Literal["unowned", "inactive-owner", "no-leader", "inactive-leader", "inactive-party"]
# How many steps after a changed touchpoint are followed, unless the caller says otherwise.
DEFAULT_DEPTH = 1
# How much each reason adds to a touchpoint's exposure score (README, "The exposure score").
UNOWNED_POINTS = 3
MOMENT_OF_TRUTH_POINTS = 3
OFF_TARGET_POINTS = 2  # each metric
LOW_EMOTION_POINTS = 1  # emotion 2 or lower
HIGH_EFFORT_POINTS = 1  # effort 4 or higher
JOURNEY_POINTS = 1  # each journey beyond the first


# The warnings addressed to whoever writes the change file (a message to write, a note to
# add): the briefing pack's readers are not told them (for_the_author).
NO_CUSTOMER_MESSAGE = "customer-facing touchpoints change but the change has no customer_message"
NOTES_PREFIX = "notes."


def for_the_author(warning: str) -> bool:
    """Whether a warning of the impact asks the change file's author to write something."""
    return warning.startswith((NO_CUSTOMER_MESSAGE, NOTES_PREFIX))


@dataclass(frozen=True, slots=True)
class Affected:
    """What a change names as changed: its touchpoints, and those on its systems, channels
    and owners."""

    touchpoints: list[str]
    systems: list[str]
    channels: list[str]
    owners: list[str]


@dataclass(frozen=True, slots=True)
class AudienceNotes:
    """What each audience needs to hear, in the change owner's words (format 1.1 `notes`)."""

    stakeholders: str | None = None
    teams: dict[str, str] = field(default_factory=dict)  # owner id -> note
    informed: str | None = None
    customers: dict[str, str] = field(default_factory=dict)  # persona id -> message


@dataclass(frozen=True, slots=True)
class ChangeReview:
    """What the review after the release said (format 1.1 `review`)."""

    date: dt.date | None
    went_well: list[str]
    do_differently: list[str]
    engaged_late: list[str]


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
    notes: AudienceNotes = field(default_factory=AudienceNotes)
    review: ChangeReview | None = None

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
            notes=AudienceNotes(
                stakeholders=change.notes.stakeholders,
                teams=dict(change.notes.teams),
                informed=change.notes.informed,
                customers=dict(change.notes.customers),
            ),
            review=None
            if change.review is None
            else ChangeReview(
                date=change.review.date,
                went_well=list(change.review.went_well),
                do_differently=list(change.review.do_differently),
                engaged_late=list(change.review.engaged_late),
            ),
        )


@dataclass(frozen=True, slots=True)
class Exposed:
    """One reason a touchpoint is exposed to the change, and the points it adds to its score."""

    reason: str
    points: int


@dataclass(slots=True)
class TouchpointImpact:
    id: str
    name: str
    how: How
    steps: int  # 0 when changed directly, else how many steps after a changed touchpoint
    why: list[str]
    channel: str | None
    owner: str | None
    owner_name: str | None
    moment_of_truth: bool
    emotion: int | None
    effort: int | None
    off_target: list[str]
    journeys: list[str]
    exposure: int  # the exposure score: the sum of the points of `exposed`
    exposed: list[Exposed]


@dataclass(slots=True)
class JourneyImpact:
    id: str
    name: str
    leader: Contact | None  # whom to reach: the leader, or who took over from them
    stages_total: int
    stages_changed: list[str]  # stages with a touchpoint changed directly
    stages_downstream: list[str]  # stages reached only by touchpoints downstream
    first_stage: str
    direct: list[str]
    downstream: list[str]
    moments_of_truth: list[str]


@dataclass(slots=True)
class Engagement:
    role: Role
    who: Contact
    because: list[str]  # touchpoint, journey, system or change ids that put them here
    notes: list[str] = field(default_factory=list)  # a handover, a downstream link


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


@dataclass(frozen=True, slots=True)
class Handover:
    """An inactive owner named in the change's scope, and who is reached instead."""

    owner: str
    to: str
    chain: list[str]  # the inactive owners passed, `owner` first
    message: str


@dataclass(slots=True)
class Totals:
    journeys: int = 0
    stages_changed: int = 0
    stages_downstream: int = 0
    touchpoints_direct: int = 0
    touchpoints_downstream: int = 0
    moments_of_truth: int = 0


@dataclass(slots=True)
class Impact:
    change: PlannedChange
    depth: int
    decider: Contact | None
    touchpoints: list[TouchpointImpact]
    journeys: list[JourneyImpact]  # ranked: where to start first
    most_exposed: list[TouchpointImpact]
    engage: list[Engagement]
    waves: list[Wave]
    gaps: list[Gap]
    handovers: list[Handover] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


MOST_EXPOSED = 5


def analyse(
    change: PlannedChange, workspace: Workspace, graph: nx.DiGraph, depth: int = DEFAULT_DEPTH
) -> Impact:
    """The impact of `change` on the workspace, following the customer's route `depth` steps
    past each changed touchpoint (0: the changed touchpoints only)."""
    reasons = _direct(change, workspace)
    downstream = _downstream(reasons, workspace, depth)
    people = People(workspace)
    touchpoints = [
        _touchpoint_impact(workspace, people, i, 0, why) for i, why in reasons.items()
    ] + [
        _touchpoint_impact(workspace, people, i, far.steps, far.why)
        for i, far in downstream.found.items()
    ]
    journeys = _journeys(workspace, people, reasons, downstream.on_journey)
    parties = _Parties(change, workspace, graph, people)
    engage = parties.engagements(reasons, downstream.found, journeys)
    impact = Impact(
        change=change,
        depth=max(depth, 0),
        decider=people.reach(change.owner).who if change.owner else None,
        touchpoints=touchpoints,
        journeys=journeys,
        most_exposed=sorted(
            touchpoints, key=lambda t: (t.how != "direct", -t.exposure, t.steps, t.id)
        )[:MOST_EXPOSED],
        engage=engage,
        waves=_waves(
            change, people, engage, touchpoints, journeys, depth, _customers(workspace, journeys)
        ),
        gaps=_gaps(workspace, people, touchpoints, journeys, parties, engage),
        handovers=parties.handovers(),
    )
    impact.totals = Totals(
        journeys=len(journeys),
        stages_changed=sum(len(j.stages_changed) for j in journeys),
        stages_downstream=sum(len(j.stages_downstream) for j in journeys),
        touchpoints_direct=len(reasons),
        touchpoints_downstream=len(downstream.found),
        moments_of_truth=sum(1 for t in touchpoints if t.moment_of_truth),
    )
    if reasons and not change.customer_message:
        impact.warnings.append(
            f"{NO_CUSTOMER_MESSAGE}: write what customers will be told before wave 4"
        )
    if not reasons:
        impact.warnings.append("the change touches no touchpoint of this workspace")
    impact.warnings.extend(_missing_notes(change, workspace, people, impact))
    return impact


def changed_directly(change: PlannedChange, workspace: Workspace) -> dict[str, list[str]]:
    """The touchpoints `change` changes directly (none downstream), each with why: the scope
    `cxkit impact` lists as "direct", which `cxkit review` reviews too."""
    return _direct(change, workspace)


def _missing_notes(
    change: PlannedChange, workspace: Workspace, people: People, impact: Impact
) -> list[str]:
    """What `cxkit impact` says of the audiences a change's `notes` leave out: a line for the
    teams and one for the personas it has no note for, by name, as it warns of a missing
    `customer_message`. Two lines at most, however many are left out, so a change file written
    before format 1.1 is told once what to add; the briefs are still written from the
    workspace. A change made from a diff has nowhere to write notes, and is not told.
    """
    if change.reason is None or not any(t.how == "direct" for t in impact.touchpoints):
        return []
    teams = next((w.audience for w in impact.waves if w.number == 2), [])
    personas = _personas_in_scope(workspace, impact.journeys)
    return _teams_without_notes(change, people, teams) + _personas_without_notes(
        change, workspace, personas
    )


def _teams_without_notes(change: PlannedChange, people: People, teams: list[Contact]) -> list[str]:
    # A note to someone who left is read by whoever took over from them.
    reached = {n: people.reach(n).who for n in change.notes.teams}
    noted = {who.id for who in reached.values() if who is not None}
    said = []
    silent = [c for c in teams if c.id not in noted]
    if silent:
        named = "; ".join(f"{c.name} ({c.id})" for c in silent)
        said.append(
            f"notes.teams has no note for {_count(len(silent), 'team')} in scope: {named};"
            " their briefs are written from the workspace"
        )
    # A note to an owner with no brief of wave 2 would be written for nobody to read.
    in_scope = {c.id for c in teams}
    unread = [n for n, who in reached.items() if who is None or who.id not in in_scope]
    if unread:
        have = "has" if len(unread) == 1 else "have"
        said.append(
            f"notes.teams has a note for {', '.join(unread)}, who {have} nothing to do in this"
            " change (no brief in wave 2): nobody will read it"
        )
    return said


def _personas_without_notes(
    change: PlannedChange, workspace: Workspace, personas: list[str]
) -> list[str]:
    unnamed = [p for p in personas if p not in change.notes.customers]
    if not unnamed or not (change.customer_message or change.notes.customers):
        return []  # no message at all: the warning of a missing customer_message says it
    # Persona names hold commas ("Sam, the busy household bill-payer"): semicolons keep them apart.
    named = "; ".join(f"{workspace.personas[p].entity.name} ({p})" for p in unnamed)
    fallback = "customer_message" if change.customer_message else "no message yet"
    return [
        f"notes.customers has no message for {_count(len(unnamed), 'persona')} in scope:"
        f" {named}; they get {fallback}"
    ]


def _personas_in_scope(workspace: Workspace, journeys: list[JourneyImpact]) -> list[str]:
    """The ids of the personas of the affected journeys, in the journeys' order."""
    found: dict[str, None] = {}
    for j in journeys:
        persona = workspace.journeys[j.id].entity.persona
        if persona and persona in workspace.personas:
            found[persona] = None
    return list(found)


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


@dataclass(slots=True)
class _Far:
    """A touchpoint downstream of the change: the fewest steps after a changed one, and why."""

    steps: int
    why: list[str]


@dataclass(slots=True)
class _Downstream:
    found: dict[str, _Far] = field(default_factory=dict)
    # journey id -> the steps reached (by index): a touchpoint met twice on a journey may
    # follow the change at one visit and not at the other
    on_journey: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


def _downstream(direct: dict[str, list[str]], workspace: Workspace, depth: int) -> _Downstream:
    """The touchpoints the customer meets up to `depth` steps after a changed one, on each
    journey along its route (stage paths included).

    A touchpoint that follows a change on one journey is not downstream on another where
    nothing changed before it, so each journey keeps its own set.
    """
    result = _Downstream()
    if depth <= 0:
        return result
    for journey_id, steps in workspace.paths.items():
        frontier = [(s, s.touchpoint) for s in steps if s.touchpoint in direct]
        if not frontier:
            continue
        after = following(steps)
        seen = {s.index for s, _ in frontier}
        for distance in range(1, depth + 1):
            if not frontier:
                break
            reached: list[tuple[Step, str]] = []
            for step, origin in frontier:
                for then in after[step.index]:
                    if then.index in seen:
                        continue
                    seen.add(then.index)
                    reached.append((then, origin))
                    if then.touchpoint in workspace.touchpoints:
                        _note(result, journey_id, then, origin, distance)
            frontier = reached
    return result


def _note(result: _Downstream, journey: str, step: Step, origin: str, distance: int) -> None:
    result.on_journey[journey].add(step.index)
    ident = step.touchpoint
    note = (
        f"follows {origin} on {journey}"
        if distance == 1
        else f"{distance} steps after {origin} on {journey}"
    )
    far = result.found.get(ident)
    if far is None:
        result.found[ident] = _Far(distance, [note])
    else:
        far.steps = min(far.steps, distance)
        if note not in far.why:
            far.why.append(note)


def _touchpoint_impact(
    workspace: Workspace, people: People, ident: str, steps: int, why: list[str]
) -> TouchpointImpact:
    t = workspace.touchpoints[ident].entity
    journeys = list(dict.fromkeys(step.journey for step in workspace.uses.get(ident, [])))
    owner = people.contact(t.owner)
    off_target = [m.name for m in t.metrics if m.off_target()]
    exposed = _exposure(t, people, off_target, len(journeys))
    return TouchpointImpact(
        id=ident,
        name=t.name,
        how="direct" if steps == 0 else "downstream",
        steps=steps,
        why=why,
        channel=t.channel,
        owner=t.owner,
        owner_name=owner.name if owner else t.owner,
        moment_of_truth=t.moment_of_truth,
        emotion=t.emotion,
        effort=t.effort,
        off_target=off_target,
        journeys=journeys,
        exposure=sum(e.points for e in exposed),
        exposed=exposed,
    )


def _exposure(t: Touchpoint, people: People, off_target: list[str], journeys: int) -> list[Exposed]:
    """Why a touchpoint is exposed to a change, each reason with its points (README)."""
    exposed: list[Exposed] = []
    if not t.owner or people.contact(t.owner) is None:
        exposed.append(Exposed("no accountable owner", UNOWNED_POINTS))
    else:
        reach = people.reach(t.owner)
        if reach.who is None or reach.through_team:
            exposed.append(Exposed(f"owner {t.owner} left with no successor", UNOWNED_POINTS))
    if t.moment_of_truth:
        exposed.append(Exposed("a moment of truth", MOMENT_OF_TRUTH_POINTS))
    if off_target:
        exposed.append(
            Exposed(
                f"{_count(len(off_target), 'metric')} off target: {', '.join(off_target)}",
                OFF_TARGET_POINTS * len(off_target),
            )
        )
    if t.emotion is not None and t.emotion <= 2:
        exposed.append(
            Exposed(f"customers feel bad here (emotion {t.emotion}/5)", LOW_EMOTION_POINTS)
        )
    if t.effort is not None and t.effort >= 4:
        exposed.append(
            Exposed(f"hard work for customers (effort {t.effort}/5)", HIGH_EFFORT_POINTS)
        )
    if journeys > 1:
        exposed.append(Exposed(f"on {journeys} journeys", JOURNEY_POINTS * (journeys - 1)))
    return exposed


def _listed(items: list[str], most: int = 3) -> str:
    """`a, b and c`, or `a, b, c and 4 more`."""
    if len(items) <= most:
        return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else items[0]
    return f"{', '.join(items[:most])} and {len(items) - most} more"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _journeys(
    workspace: Workspace,
    people: People,
    direct: dict[str, list[str]],
    downstream_on: dict[str, set[int]],
) -> list[JourneyImpact]:
    found: list[JourneyImpact] = []
    touchpoints = workspace.touchpoints
    for journey_id, steps in workspace.paths.items():
        changed = [s for s in steps if s.touchpoint in direct]
        if not changed:
            continue
        after = downstream_on.get(journey_id, set())
        down = [s for s in steps if s.index in after]
        entity = workspace.journeys[journey_id].entity
        stages = list(dict.fromkeys(s.stage for s in changed))
        hit = sorted([*changed, *down], key=lambda s: s.index)
        found.append(
            JourneyImpact(
                id=journey_id,
                name=entity.name,
                leader=people.reach(entity.leader).who if entity.leader else None,
                stages_total=len(entity.stages),
                stages_changed=stages,
                stages_downstream=[
                    stage for stage in dict.fromkeys(s.stage for s in down) if stage not in stages
                ],
                first_stage=stages[0],
                direct=list(dict.fromkeys(s.touchpoint for s in changed)),
                downstream=list(dict.fromkeys(s.touchpoint for s in down)),
                moments_of_truth=list(
                    dict.fromkeys(
                        s.touchpoint
                        for s in hit
                        if touchpoints[s.touchpoint].entity.moment_of_truth
                    )
                ),
            )
        )
    # Where to start: the simplest journey first (fewest stages changed); among those as
    # simple, the one with more moments of truth at stake; then fewest touchpoints changed.
    found.sort(key=lambda j: (len(j.stages_changed), -len(j.moments_of_truth), len(j.direct), j.id))
    return found


class _Parties:
    """Whom the change engages, and why: each owner named in its scope, reached as People
    says (never someone inactive), with the inactive ones handed over or left as gaps."""

    def __init__(
        self, change: PlannedChange, workspace: Workspace, graph: nx.DiGraph, people: People
    ) -> None:
        self.change, self.workspace, self.graph, self.people = change, workspace, graph, people
        # (role, owner id as named) -> the ids that put them there, and notes on the way
        self.named: dict[tuple[Role, str], list[str]] = defaultdict(list)
        self.details: dict[tuple[Role, str], list[str]] = defaultdict(list)

    def engagements(
        self,
        direct: dict[str, list[str]],
        downstream: dict[str, _Far],
        journeys: list[JourneyImpact],
    ) -> list[Engagement]:
        change, graph = self.change, self.graph
        if change.owner in self.workspace.owners:
            self.named[("decides", change.owner)].append(change.id)
        systems: dict[str, list[str]] = {name: [] for name in change.affects.systems}
        for ident in direct:
            for target, rels in self._links(ident):
                for rel in rels & ROLE_OF_FIELD.keys():
                    self.named[(ROLE_OF_FIELD[rel], target[1])].append(ident)
                if "depends_on" in rels:
                    systems.setdefault(target[1], []).append(ident)
        for j in journeys:
            leader = self.workspace.journeys[j.id].entity.leader
            if leader:
                self.named[("leader", leader)].append(j.id)
        for name, users in systems.items():
            for node in g.pointing(graph, g.system(name), "runs"):
                self.named[("system-owner", node[1])].append(name)
                key: tuple[Role, str] = ("system-owner", node[1])
                if users:
                    self.details[key].append(
                        f"{_listed(users)} depend{'s' * (len(users) == 1)} on {name}"
                    )
        engaged = self._resolved()
        self._downstream(downstream, {e.who.id for e in engaged}, engaged)
        engaged.sort(key=lambda e: (ROLE_ORDER.index(e.role), e.who.id))
        return engaged

    def _links(self, ident: str) -> list[tuple[g.Node, frozenset[str]]]:
        node = g.touchpoint(ident)
        if node not in self.graph:
            return []
        # One pass over each touchpoint's edges: each carries the roles it stands for.
        return [(target, data["rels"]) for target, data in self.graph.adj[node].items()]

    def _resolved(self) -> list[Engagement]:
        """One engagement per role and person reached, merging those who stand in for others."""
        merged: dict[tuple[Role, str], Engagement] = {}
        for (role, named), because in self.named.items():
            reach = self.people.reach(named)
            if reach.who is None:
                continue
            key = (role, reach.who.id)
            e = merged.get(key)
            if e is None:
                e = merged[key] = Engagement(role, reach.who, [])
            e.because.extend(x for x in because if x not in e.because)
            for note in [reach.note(), *self.details.get((role, named), [])]:
                if note and note not in e.notes:
                    e.notes.append(note)
        return list(merged.values())

    def _downstream(
        self, downstream: dict[str, _Far], engaged: set[str], into: list[Engagement]
    ) -> None:
        """Those linked only through touchpoints downstream: kept informed, saying why."""
        found: dict[str, Engagement] = {}
        for ident, far in downstream.items():
            for target, rels in self._links(ident):
                roles = sorted(ROLE_OF_FIELD[r] for r in rels & ROLE_OF_FIELD.keys())
                if not roles:
                    continue
                reach = self.people.reach(target[1])
                if reach.who is None or reach.who.id in engaged:
                    continue
                e = found.get(reach.who.id)
                if e is None:
                    e = found[reach.who.id] = Engagement("downstream", reach.who, [])
                    into.append(e)
                if ident not in e.because:
                    e.because.append(ident)
                after = "right after" if far.steps == 1 else f"{far.steps} steps after"
                e.notes.append(f"{' and '.join(roles)} on {ident}, {after} a changed touchpoint")
                if reach.note() and reach.note() not in e.notes:
                    e.notes.append(reach.note())

    def unreached(self) -> list[tuple[Role, str, list[str], Reach]]:
        """(role, owner id, what for, whom to reach) for each inactive owner nobody takes over
        from: nobody is reached for them, or only their team."""
        found = []
        for (role, named), because in self.named.items():
            reach = self.people.reach(named)
            if named in self.workspace.owners and (reach.who is None or reach.through_team):
                found.append((role, named, because, reach))
        return found

    def handovers(self) -> list[Handover]:
        """Each inactive owner in scope whose roles pass to someone else, and to whom."""
        roles: dict[str, list[str]] = defaultdict(list)
        for (role, named), because in self.named.items():
            reach = self.people.reach(named)
            if reach.handed_over and reach.who is not None:
                roles[named].append(f"{_ROLE_WORDS[role]} {', '.join(because)}")
        found = []
        for named, held in roles.items():
            reach = self.people.reach(named)
            assert reach.who is not None
            first, *then = reach.chain
            chain = f"{first}, and {_listed(then)} who took over," if then else first
            how = "through their team" if reach.through_team else "as successor"
            found.append(
                Handover(
                    named,
                    reach.who.id,
                    reach.chain,
                    f"{chain} left; {reach.who.name} ({reach.who.id}) is reached instead, {how},"
                    f" for: {'; '.join(held)}",
                )
            )
        return found


_ROLE_WORDS: dict[str, str] = {
    "decides": "owner of change",
    "accountable": "accountable for",
    "leader": "experience leader of",
    "system-owner": "runs",
    "responsible": "responsible on",
    "consulted": "consulted on",
    "informed": "informed on",
    "downstream": "downstream of",
}

_WAVE_ROLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Peers and stakeholders", frozenset({"decides", "accountable", "leader", "system-owner"})),
    ("Teams who do the work", frozenset({"responsible", "consulted"})),
    ("Those kept informed", frozenset({"informed", "downstream"})),
)


def _waves(
    change: PlannedChange,
    people: People,
    engage: list[Engagement],
    touchpoints: list[TouchpointImpact],
    journeys: list[JourneyImpact],
    depth: int,
    customers: list[str],
) -> list[Wave]:
    when = f" from {change.release.isoformat()}" if isinstance(change.release, dt.date) else ""
    decider = people.reach(change.owner).who if change.owner else None
    settles = (
        f"{decider.name} owns the change and settles disagreements."
        if decider
        else "Nobody owns this change yet: name an owner to settle disagreements."
    )
    why = f" Why: {change.reason} — {change.purpose.strip()}" if change.reason else ""
    direct = [t for t in touchpoints if t.how == "direct"]
    after = len(touchpoints) - len(direct)
    them = "it" if len(direct) == 1 else "them"
    further = f"right after {them}" if depth == 1 else f"up to {depth} steps after {them}"
    # With --depth 0 nothing downstream was looked for: say nothing of it.
    downstream = f" and {after} {further}" if depth > 0 else ""
    moments = sum(1 for t in touchpoints if t.moment_of_truth)
    messages = (
        f"{change.title}{when}.{why} It changes {_count(len(direct), 'touchpoint')} directly"
        f"{downstream}, on {_count(len(journeys), 'journey')}, with"
        f" {_count(moments, 'moment') if moments else 'no moment'} of truth among them."
        " Agree the approach for what you own."
        f" {settles}",
        f"What changes in your work, on the touchpoints listed for you, and by when{when}; who to"
        " ask: the accountable owner of each touchpoint. Brief your teams before customers hear"
        " of it.",
        f"For your information: {change.title}{when}. Nothing is needed from you; you hear of it"
        " because you are informed on a changed touchpoint, or hold one customers meet soon"
        " after. The customer message follows once the teams are ready.",
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
        if not audience and number == 3:
            message = "Nobody else needs to hear of it before customers do."
        waves.append(Wave(number, name, audience, message))
    if direct:
        message = (
            change.customer_message.strip()
            if change.customer_message
            else "(no customer message yet: write what customers will be told)"
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
    workspace: Workspace,
    people: People,
    touchpoints: list[TouchpointImpact],
    journeys: list[JourneyImpact],
    parties: _Parties,
    engage: list[Engagement],
) -> list[Gap]:
    gaps: list[Gap] = []
    for t in touchpoints:
        where = "" if t.how == "direct" else f" (downstream, {_count(t.steps, 'step')} after)"
        if not t.owner:
            gaps.append(
                Gap("unowned", t.id, f"touchpoint '{t.id}'{where} has no accountable owner")
            )
            continue
        reach = people.reach(t.owner)
        if reach.handed_over and (reach.who is None or reach.through_team):
            gaps.append(
                Gap(
                    "inactive-owner",
                    t.id,
                    f"touchpoint '{t.id}'{where} is owned by '{t.owner}', who is inactive with"
                    f" no successor{_instead(reach)}",
                )
            )
    for j in journeys:
        leader = workspace.journeys[j.id].entity.leader
        if not leader:
            gaps.append(Gap("no-leader", j.id, f"journey '{j.id}' has no experience leader"))
        elif j.leader is None or people.reach(leader).through_team:
            gaps.append(
                Gap(
                    "inactive-leader",
                    j.id,
                    f"journey '{j.id}' is led by '{leader}', who is inactive with no successor",
                )
            )
    for role, named, because, reach in parties.unreached():
        if role in ("accountable", "leader"):
            continue  # said above, per touchpoint and journey
        gaps.append(
            Gap(
                "inactive-party",
                named,
                f"'{named}' is {_ROLE_WORDS[role]} {', '.join(because)} but inactive with no"
                f" successor{_instead(reach) or ', and nobody is reached instead'}",
            )
        )
    leaderless = {e.who.id: e.who for e in engage if e.who.lead_for and not e.who.lead}
    for team in leaderless.values():
        how = f"through its contact ({team.contact})" if team.contact else "with no way named"
        gaps.append(
            Gap(
                "inactive-party",
                team.lead_for or "",
                f"team '{team.id}' is engaged but its lead '{team.lead_for}' left with no"
                f" successor; the team is reached {how}",
            )
        )
    return gaps


def _instead(reach: Reach) -> str:
    if reach.who is not None and reach.through_team:
        return f"; their team {reach.who.id} is reached instead"
    return ""
