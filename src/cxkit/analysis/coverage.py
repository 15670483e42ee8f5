"""Coverage: how much of what customers live has someone here who answers for it, as figures.

Three figures, per journey and overall:

- touchpoints with an active accountable owner (the owner, or the active successor down their
  chain: `People.answers_for`);
- moments of truth owned and measured: an accountable owner who is here, and at least one metric;
- journeys with an active experience leader (the leader, or who took over from them).

In a journey's figures a touchpoint counts once, however many stages or paths of the journey it
stands on. The overall figures count each touchpoint on any journey once: it is one thing to own,
and an owner named once answers for it on every journey (the journeys' figures show on how many
it is missing). The journey maps count both the same way. Touchpoints defined on no journey are
not counted (`touchpoint-orphan` reports them); `cxkit diff`'s ownership figure counts every
touchpoint defined.

Percentages are rounded down, so 100% means all of them; with nothing to count, 100%.
Values only; reporters print them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cxkit.analysis.people import People
from cxkit.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Figure:
    """`owned` of `total`."""

    owned: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        """Rounded down, as `cxkit diff` says it: 100% means all of them (and nothing to count)."""
        return 100 * self.owned // self.total if self.total else 100

    def as_dict(self) -> dict[str, int]:
        return {"owned": self.owned, "total": self.total, "percent": self.percent}


@dataclass(frozen=True, slots=True)
class JourneyCoverage:
    """One journey's figures."""

    id: str
    touchpoints: Figure
    moments_of_truth: Figure
    leader: bool  # an experience leader who is here answers for the journey
    unowned: tuple[str, ...] = ()  # its touchpoints nobody here answers for, in path order


@dataclass(frozen=True, slots=True)
class Coverage:
    """The workspace's figures, overall and per journey (in workspace order)."""

    journeys: list[JourneyCoverage] = field(default_factory=list)
    touchpoints: Figure = Figure()  # each touchpoint on any journey once
    moments_of_truth: Figure = Figure()
    unowned: tuple[str, ...] = ()  # the touchpoints on journeys nobody here answers for

    @property
    def leaders(self) -> Figure:
        """Journeys with an active experience leader."""
        return Figure(sum(1 for j in self.journeys if j.leader), len(self.journeys))

    def figure(self, name: str) -> Figure:
        """A figure by the name the config and the JSON give it."""
        return FIGURES[name](self)

    def below(self, name: str, target: int) -> list[str]:
        """The journeys whose own figure `name` is below `target` percent, lowest first."""
        if name == "journeys":
            return [j.id for j in self.journeys if not j.leader]
        mine = [(FIGURES_OF_JOURNEY[name](j), j.id) for j in self.journeys]
        low = [(figure.percent, ident) for figure, ident in mine if figure.percent < target]
        return [ident for _, ident in sorted(low)]


FIGURES: dict[str, Callable[[Coverage], Figure]] = {
    "touchpoints": lambda c: c.touchpoints,
    "moments_of_truth": lambda c: c.moments_of_truth,
    "journeys": lambda c: c.leaders,
}
FIGURES_OF_JOURNEY: dict[str, Callable[[JourneyCoverage], Figure]] = {
    "touchpoints": lambda j: j.touchpoints,
    "moments_of_truth": lambda j: j.moments_of_truth,
}
# How each figure reads in a sentence: "92% of touchpoints with an active accountable owner".
WORDING = {
    "touchpoints": "touchpoints with an active accountable owner",
    "moments_of_truth": "moments of truth owned and measured",
    "journeys": "journeys with an active experience leader",
}


def coverage(workspace: Workspace, people: People | None = None) -> Coverage:
    """The figures of every journey the workspace defines (a duplicated id counts once), and of
    all of them together."""
    people = people or People(workspace)
    on_journeys = [t for t in workspace.uses if t in workspace.touchpoints]
    touchpoints, moments, unowned = _count(workspace, people, on_journeys)
    return Coverage(
        [_journey(workspace, people, ident) for ident in workspace.journeys],
        touchpoints,
        moments,
        tuple(unowned),
    )


def _journey(workspace: Workspace, people: People, ident: str) -> JourneyCoverage:
    seen: dict[str, None] = {}
    for step in workspace.paths.get(ident, []):
        if step.touchpoint in workspace.touchpoints:  # an undefined one: integrity reports it
            seen.setdefault(step.touchpoint)
    touchpoints, moments, unowned = _count(workspace, people, list(seen))
    leader = people.answers_for(workspace.journeys[ident].entity.leader)
    return JourneyCoverage(ident, touchpoints, moments, leader, tuple(unowned))


def _count(
    workspace: Workspace, people: People, touchpoints: list[str]
) -> tuple[Figure, Figure, list[str]]:
    """Of the touchpoints `touchpoints` (defined ids, each once): how many are owned, how many
    of the moments of truth are owned and measured, and which are not owned."""
    moments = moments_kept = 0
    unowned: list[str] = []
    for tid in touchpoints:
        touchpoint = workspace.touchpoints[tid].entity
        answered = people.answers_for(touchpoint.owner)
        if not answered:
            unowned.append(tid)
        if touchpoint.moment_of_truth:
            moments += 1
            moments_kept += answered and bool(touchpoint.metrics)
    owned = Figure(len(touchpoints) - len(unowned), len(touchpoints))
    return owned, Figure(moments_kept, moments), unowned
