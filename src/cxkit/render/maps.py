"""Journey maps as values for the templates: stages as columns, touchpoints as cards, the
emotion and effort curves in each stage's column (`curves`), ownership coverage.

A stage whose customers choose between paths (format 1.1's `paths`: call, or chat) has a lane
per path, each with its cards in order; a stage of one path has one lane without a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from cxkit.analysis.coverage import coverage
from cxkit.analysis.people import People
from cxkit.analysis.route import following
from cxkit.model.records.generated import Stage, Touchpoint
from cxkit.render.cards import card_html, metric_html
from cxkit.render.curves import COLOURS, MUTED, Band, Piece, bands, height, pieces, summary, svg
from cxkit.render.words import is_ratio, metric_name, shown_value
from cxkit.render.writer import safe_name, unique_names
from cxkit.workspace import Step, Workspace


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
    # The card's HTML id, unique on its page: `tp-<id>`, and `tp-<id>~2` for the second card
    # of a touchpoint met twice on the journey (on two paths, or listed twice).
    anchor: str = ""

    @property
    def unowned(self) -> bool:
        return not self.owned

    @property
    def html(self) -> Markup:
        """The card drawn (render/cards.py), for the shipped `cards` macro."""
        return card_html(self)


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
    number: int = 0  # the stage's place on the journey, from 1
    curves: list[Piece] = field(default_factory=list)  # each curve's piece in this stage
    curves_height: int = 0  # the height of the pieces, the same in every stage of a map

    @property
    def curves_said(self) -> str:
        """The stage's curves in words (for a screen reader)."""
        return f"Stage {self.number}, {self.name}: {summary(self.curves)}"

    @property
    def curves_svg(self) -> Markup:
        """The stage's pieces of the curves, drawn (empty when the journey has no scores)."""
        return svg(self.curves, self.curves_said, self.curves_height) if self.curves else Markup()

    @property
    def cards(self) -> list[Card]:
        """Every card of the stage, path after path."""
        if len(self.lanes) == 1:
            return self.lanes[0].cards
        return [card for lane in self.lanes for card in lane.cards]


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
    owned: int = 0
    total: int = 0
    gaps: list[str] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)  # the curves drawn: emotion, effort
    # The customer's route: (step, step after it) for each pair of cards, as `following` says.
    route: list[tuple[int, int]] = field(default_factory=list)

    @property
    def coverage(self) -> int:
        """Percent of the journey's touchpoints with an accountable owner."""
        return _percent(self.owned, self.total)

    @property
    def colours(self) -> dict[str, str]:
        """The colours of the curves (and `muted`, of their scales), for the legend."""
        return {**COLOURS, "muted": MUTED}

    @property
    def curve_height(self) -> int:
        """The height of each stage's piece of the curves, in pixels."""
        return height(self.bands)

    @property
    def branches(self) -> bool:
        """Whether customers choose between paths in any stage of the journey."""
        return any(stage.branches for stage in self.stages)


def _names(people: People, ids: list[str]) -> list[str]:
    return [people.shown(i) for i in ids]


def _metric(m: Any) -> dict[str, Any]:
    """A metric as the map shows it: its name in words, its values with their unit (a ratio
    as a percentage), and its state, `unmeasured` without an actual value (never "on")."""
    ratio = is_ratio(m.unit, [m.target, m.actual])
    off = m.off_target()
    shown = {
        "name": m.name,
        "label": metric_name(m.name),
        "target": m.target,
        "actual": m.actual,
        "today": shown_value(m.actual, m.unit, ratio),
        "target_text": None if m.target is None else shown_value(m.target, m.unit, ratio),
        "better": m.better,
        "unit": m.unit or "",
        "off_target": off,
        "state": "unmeasured" if m.actual is None else ("off" if off else "on"),
    }
    shown["html"] = metric_html(shown)
    return shown


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
    stages = [_stage(s, number) for number, s in enumerate(journey.stages, 1)]
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
    _anchor(cards)
    drawn_bands = _draw_curves(stages, cards)
    persona = workspace.personas.get(journey.persona) if journey.persona else None
    unique = {c.id: c for c in cards}
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
        owned=sum(1 for c in unique.values() if not c.unowned),
        total=len(unique),
        gaps=[_gap(c) for c in unique.values() if c.unowned],
        bands=drawn_bands,
        route=_route(steps, drawn),
    )


def _anchor(cards: list[Card]) -> None:
    """Give each card an HTML id of its own: a touchpoint met twice keeps `tp-<id>` for its
    first card, so links to it land there, and numbers the others (`~` is never in an id)."""
    met: dict[str, int] = {}
    for card in cards:
        met[card.id] = met.get(card.id, 0) + 1
        card.anchor = f"tp-{card.id}" if met[card.id] == 1 else f"tp-{card.id}~{met[card.id]}"


def _draw_curves(stages: list[MapStage], cards: list[Card]) -> list[Band]:
    """Put each curve the journey has scores for into its stages; the bands drawn."""
    names = [
        name
        for name, scored in (
            ("emotion", any(c.emotion is not None for c in cards)),
            ("effort", any(c.effort is not None for c in cards)),
        )
        if scored
    ]
    drawn = bands(names)
    for band in drawn:
        for stage, piece in zip(stages, pieces(stages, band), strict=True):
            stage.curves.append(piece)
    drawn_height = height(drawn)
    for stage in stages:
        stage.curves_height = drawn_height
    return drawn


def _gap(card: Card) -> str:
    if card.owner_id is None:
        return f"{card.name} has no owner"
    return f"{card.name}: its owner left and nobody took over"


def _stage(stage: Stage, number: int) -> MapStage:
    """A stage of the map, a lane for each of its paths, the cards still to be placed."""
    names = list(stage.lanes())
    lanes = [Lane(name, []) for name in names]
    return MapStage(stage.id, stage.name, lanes, any(names), number)


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
