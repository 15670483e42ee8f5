"""Journey maps as values for the templates: stages as columns, touchpoints as cards, the
emotion curve along the customer's path, ownership coverage.

A stage whose customers choose between paths (format 1.1's `paths`: call, or chat) has a lane
per path, each with its cards in order; a stage of one path has one lane without a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from cxkit.analysis.coverage import coverage
from cxkit.analysis.people import People
from cxkit.analysis.route import following
from cxkit.model.records.generated import Stage, Touchpoint
from cxkit.render.writer import safe_name, unique_names
from cxkit.workspace import Step, Workspace

CURVE_STEP = 90
CURVE_HEIGHT = 140
CURVE_PAD = 24


@dataclass(slots=True)
class Card:
    id: str
    name: str
    stage: str
    channel: str | None
    owner: str | None
    owner_id: str | None
    owner_active: bool
    owned: bool  # someone who is here answers for it: its owner, or who took over from them
    responsible: list[str]
    consulted: list[str]
    informed: list[str]
    moment_of_truth: bool
    emotion: int | None
    effort: int | None
    pain_points: list[str]
    metrics: list[dict[str, Any]]
    highlight: str = ""  # "", "direct" or "downstream"
    path: str = ""  # the stage's path the card is on; '' in a stage of one path
    step: int = 0  # the card's step on the journey (its place in the customer's route)

    @property
    def unowned(self) -> bool:
        return not self.owned


@dataclass(slots=True)
class Lane:
    """One path through a stage, its cards in the order the customer meets them."""

    name: str  # the path's name; '' for the one path of a stage of `touchpoints`
    cards: list[Card]


@dataclass(slots=True)
class MapStage:
    id: str
    name: str
    lanes: list[Lane]
    branches: bool = False  # whether customers choose between named paths here (`paths`)

    @property
    def cards(self) -> list[Card]:
        """Every card of the stage, path after path."""
        if len(self.lanes) == 1:
            return self.lanes[0].cards
        return [card for lane in self.lanes for card in lane.cards]


@dataclass(slots=True)
class CurvePoint:
    x: int
    y: int
    emotion: int
    label: str
    path: str = ""  # the stage's path the point is on; '' in a stage of one path
    # Where the curve writes the name of the point's path (at a named path's first point only).
    label_y: int | None = None


@dataclass(slots=True)
class CurveBranch:
    """A path of a stage other than its first, drawn apart on the emotion curve: it leaves
    the curve at the last point before the stage and joins it again at the first one after."""

    path: str
    points: list[CurvePoint]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(slots=True)
class JourneyMap:
    id: str
    file: str
    name: str
    persona: str | None
    leader: str | None
    goal: str | None
    description: str | None
    stages: list[MapStage]
    metrics: list[dict[str, Any]]
    curve: list[CurvePoint]  # every point, stage by stage and path by path
    curve_width: int
    curve_height: int = CURVE_HEIGHT
    owned: int = 0
    total: int = 0
    gaps: list[str] = field(default_factory=list)
    # The emotion curve's line along each stage's first path, and a branch for each other path.
    curve_line: list[CurvePoint] = field(default_factory=list)
    curve_branches: list[CurveBranch] = field(default_factory=list)
    curve_labels: list[CurvePoint] = field(default_factory=list)  # the first point of each path
    # The customer's route: (step, step after it) for each pair of cards, as `following` says.
    route: list[tuple[int, int]] = field(default_factory=list)

    @property
    def coverage(self) -> int:
        """Percent of the journey's touchpoints with an accountable owner."""
        return _percent(self.owned, self.total)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.curve_line)

    @property
    def branches(self) -> bool:
        """Whether customers choose between paths in any stage of the journey."""
        return any(stage.branches for stage in self.stages)


def _names(people: People, ids: list[str]) -> list[str]:
    return [people.shown(i) for i in ids]


def _metric(m: Any) -> dict[str, Any]:
    return {
        "name": m.name,
        "target": m.target,
        "actual": m.actual,
        "better": m.better,
        "unit": m.unit or "",
        "off_target": m.off_target(),
    }


def _card(people: People, t: Touchpoint, step: Step, highlight: str) -> Card:
    owner = people.contact(t.owner)
    return Card(
        id=t.id,
        name=t.name,
        stage=step.stage,
        channel=t.channel,
        owner=people.shown(t.owner) if t.owner else None,
        owner_id=t.owner,
        owner_active=owner.active if owner else True,
        owned=people.answers_for(t.owner),
        responsible=_names(people, t.responsible),
        consulted=_names(people, t.consulted),
        informed=_names(people, t.informed),
        moment_of_truth=t.moment_of_truth,
        emotion=t.emotion,
        effort=t.effort,
        pain_points=list(t.pain_points),
        metrics=[_metric(m) for m in t.metrics],
        highlight=highlight,
        path=step.path,
        step=step.index,
    )


def journey_map(
    workspace: Workspace,
    ident: str,
    highlight: dict[str, str] | None = None,
    people: People | None = None,
) -> JourneyMap:
    """The map of one journey; `highlight` marks touchpoints (id -> "direct"/"downstream").
    People who left are shown as whoever took over from them (`people`, made once per map set)."""
    marks = highlight or {}
    people = people or People(workspace)
    journey = workspace.journeys[ident].entity
    stages = [_stage(s) for s in journey.stages]
    lanes = {(stage.id, lane.name): lane for stage in stages for lane in stage.lanes}
    steps = workspace.paths.get(ident, [])
    drawn: set[int] = set()
    for step in steps:
        placed = workspace.touchpoints.get(step.touchpoint)
        lane = lanes.get((step.stage, step.path))
        if placed is not None and lane is not None:
            lane.cards.append(_card(people, placed.entity, step, marks.get(step.touchpoint, "")))
            drawn.add(step.index)
    cards = [c for s in stages for c in s.cards]
    persona = workspace.personas.get(journey.persona) if journey.persona else None
    unique = {c.id: c for c in cards}
    curve = _Curve(stages)
    return JourneyMap(
        id=ident,
        file=safe_name(ident),
        name=journey.name,
        persona=persona.entity.name if persona else journey.persona,
        leader=people.shown(journey.leader) if journey.leader else None,
        goal=journey.goal,
        description=journey.description,
        stages=stages,
        metrics=[_metric(m) for m in journey.metrics],
        curve=curve.points,
        curve_width=max(1, curve.slots) * CURVE_STEP + 2 * CURVE_PAD,
        owned=sum(1 for c in unique.values() if not c.unowned),
        total=len(unique),
        gaps=[_gap(c) for c in unique.values() if c.unowned],
        curve_line=curve.line,
        curve_branches=curve.branches,
        curve_labels=curve.labels,
        route=_route(steps, drawn),
    )


def _gap(card: Card) -> str:
    if card.owner_id is None:
        return f"{card.name} ({card.id}) has no owner"
    return f"{card.name} ({card.id}): its owner left and nobody took over"


def _stage(stage: Stage) -> MapStage:
    """A stage of the map, a lane for each of its paths, the cards still to be placed."""
    names = list(stage.lanes())
    return MapStage(stage.id, stage.name, [Lane(name, []) for name in names], any(names))


def _route(steps: list[Step], drawn: set[int]) -> list[tuple[int, int]]:
    """Which card comes right after which: along a path, and from the end of each path to the
    start of every path of the next stage that has a card. A step without a card (its
    touchpoint undefined) is passed over, as the map passes over it."""
    kept = steps
    if len(drawn) < len(steps):  # `following` finds a step by its index: number them anew
        kept = [step for step in steps if step.index in drawn]
        steps = [replace(step, index=number) for number, step in enumerate(kept)]
    return [
        (kept[number].index, kept[after.index].index)
        for number, nexts in enumerate(following(steps))
        for after in nexts
    ]


class _Curve:
    """The emotion curve of a map: a point per card that has an emotion, 5 at the top.

    With alternatives the curve cannot be one line, and drawing only one path would hide the
    others' highs and lows; so it splits. Each stage takes as many places along the curve as
    its longest path. The line runs along each stage's first path; each other path is a
    branch of its own, leaving the line at its last point before the stage and joining it at
    its first point after. A touchpoint on two paths is a point on each. A journey without
    paths is one line, a place per card, as before paths existed.
    """

    def __init__(self, stages: list[MapStage]) -> None:
        self.points: list[CurvePoint] = []
        self.line: list[CurvePoint] = []
        self.branches: list[CurveBranch] = []
        self.labels: list[CurvePoint] = []  # the points by which a path's name is written
        self.slots = 0
        self._waiting: list[CurveBranch] = []  # branches still to join the line
        for stage in stages:
            self._add(stage)

    def _add(self, stage: MapStage) -> None:
        before = self.line[-1:]  # where the stage's branches leave the line
        lanes = [lane for lane in stage.lanes if lane.cards]
        firsts: list[CurvePoint] = []
        for number, lane in enumerate(lanes):
            points = self._points(lane)
            if points and lane.name:
                firsts.append(points[0])
            if number == 0:
                self._extend_line(points)
            elif points:
                self._waiting.append(CurveBranch(lane.name, [*before, *points]))
                self.branches.append(self._waiting[-1])
        self._name_paths(firsts)
        self.slots += max((len(lane.cards) for lane in lanes), default=0)

    def _extend_line(self, points: list[CurvePoint]) -> None:
        """Carry the line on; branches waiting for it join it at its next point."""
        if points:
            for branch in self._waiting:
                branch.points.append(points[0])
            self._waiting = []
        self.line.extend(points)

    def _name_paths(self, firsts: list[CurvePoint]) -> None:
        """Write each path's name by its first point: above the highest, below the others, so
        names of paths that start at the same place do not overlap."""
        for number, point in enumerate(sorted(firsts, key=lambda p: p.y)):
            point.label_y = point.y - 10 if number == 0 else point.y + 18
        self.labels.extend(firsts)

    def _points(self, lane: Lane) -> list[CurvePoint]:
        usable = CURVE_HEIGHT - 2 * CURVE_PAD
        made = [
            CurvePoint(
                x=CURVE_PAD + (self.slots + i) * CURVE_STEP + CURVE_STEP // 2,
                y=CURVE_PAD + round(usable * (5 - c.emotion) / 4),
                emotion=c.emotion,
                label=f"{c.name} ({lane.name})" if lane.name else c.name,
                path=lane.name,
            )
            for i, c in enumerate(lane.cards)
            if c.emotion is not None
        ]
        self.points.extend(made)
        return made


def name_files(maps: list[JourneyMap]) -> list[JourneyMap]:
    """Give each map a file name of its own, even where ids read alike once made safe."""
    names = unique_names([m.id for m in maps])
    for m in maps:
        m.file = names[m.id]
    return maps


@dataclass(slots=True)
class MapIndex:
    journeys: list[JourneyMap]
    owned: int  # touchpoints on any journey with an accountable owner, each counted once
    total: int
    gaps: list[str]

    @property
    def coverage(self) -> int:
        return _percent(self.owned, self.total)


def _percent(owned: int, total: int) -> int:  # as analysis/coverage.py Figure.percent
    """Rounded down, as `cxkit diff` says it: 100% means every touchpoint."""
    return 100 * owned // total if total else 100


def all_maps(workspace: Workspace) -> MapIndex:
    people = People(workspace)
    maps = name_files(
        [journey_map(workspace, ident, people=people) for ident in workspace.journeys]
    )
    figures = coverage(workspace, people)  # the same figures `cxkit validate` reports
    unowned = [workspace.touchpoints[t].entity for t in figures.unowned]
    return MapIndex(
        maps,
        figures.touchpoints.owned,
        figures.touchpoints.total,
        [f"{t.name} ({t.id})" for t in unowned],
    )
