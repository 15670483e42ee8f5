"""Journey maps as values for the templates: stages as columns, touchpoints as cards, the
emotion curve along the customer's path, ownership coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cxkit.model.records.generated import Touchpoint
from cxkit.render.writer import safe_name, unique_names
from cxkit.workspace import Workspace

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
    responsible: list[str]
    consulted: list[str]
    informed: list[str]
    moment_of_truth: bool
    emotion: int | None
    effort: int | None
    pain_points: list[str]
    metrics: list[dict[str, Any]]
    highlight: str = ""  # "", "direct" or "downstream"

    @property
    def unowned(self) -> bool:
        return self.owner_id is None


@dataclass(slots=True)
class MapStage:
    id: str
    name: str
    cards: list[Card]


@dataclass(slots=True)
class CurvePoint:
    x: int
    y: int
    emotion: int
    label: str


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
    curve: list[CurvePoint]
    curve_width: int
    curve_height: int = CURVE_HEIGHT
    owned: int = 0
    total: int = 0
    gaps: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> int:
        """Percent of the journey's touchpoints with an accountable owner."""
        return round(100 * self.owned / self.total) if self.total else 100

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.curve)


def _names(workspace: Workspace, ids: list[str]) -> list[str]:
    owners = workspace.owners
    return [owners[i].entity.name if i in owners else i for i in ids]


def _metric(m: Any) -> dict[str, Any]:
    return {
        "name": m.name,
        "target": m.target,
        "actual": m.actual,
        "better": m.better,
        "unit": m.unit or "",
        "off_target": m.off_target(),
    }


def _card(workspace: Workspace, t: Touchpoint, stage: str, highlight: str) -> Card:
    owner = workspace.owners.get(t.owner) if t.owner else None
    return Card(
        id=t.id,
        name=t.name,
        stage=stage,
        channel=t.channel,
        owner=owner.entity.name if owner else t.owner,
        owner_id=t.owner,
        owner_active=owner.entity.active if owner else True,
        responsible=_names(workspace, t.responsible),
        consulted=_names(workspace, t.consulted),
        informed=_names(workspace, t.informed),
        moment_of_truth=t.moment_of_truth,
        emotion=t.emotion,
        effort=t.effort,
        pain_points=list(t.pain_points),
        metrics=[_metric(m) for m in t.metrics],
        highlight=highlight,
    )


def journey_map(
    workspace: Workspace, ident: str, highlight: dict[str, str] | None = None
) -> JourneyMap:
    """The map of one journey; `highlight` marks touchpoints (id -> "direct"/"downstream")."""
    marks = highlight or {}
    journey = workspace.journeys[ident].entity
    stages = [MapStage(s.id, s.name, []) for s in journey.stages]
    by_stage = {s.id: s for s in stages}
    for step in workspace.paths.get(ident, []):
        placed = workspace.touchpoints.get(step.touchpoint)
        if placed is not None and step.stage in by_stage:
            by_stage[step.stage].cards.append(
                _card(workspace, placed.entity, step.stage, marks.get(step.touchpoint, ""))
            )
    cards = [c for s in stages for c in s.cards]
    persona = workspace.personas.get(journey.persona) if journey.persona else None
    leader = workspace.owners.get(journey.leader) if journey.leader else None
    unique = {c.id: c for c in cards}
    return JourneyMap(
        id=ident,
        file=safe_name(ident),
        name=journey.name,
        persona=persona.entity.name if persona else journey.persona,
        leader=leader.entity.name if leader else journey.leader,
        goal=journey.goal,
        description=journey.description,
        stages=stages,
        metrics=[_metric(m) for m in journey.metrics],
        curve=_curve(cards),
        curve_width=max(1, len(cards)) * CURVE_STEP + 2 * CURVE_PAD,
        owned=sum(1 for c in unique.values() if not c.unowned),
        total=len(unique),
        gaps=[f"{c.name} ({c.id}) has no owner" for c in unique.values() if c.unowned],
    )


def _curve(cards: list[Card]) -> list[CurvePoint]:
    """Points of the emotion curve: one per touchpoint that has an emotion, 5 at the top."""
    usable = CURVE_HEIGHT - 2 * CURVE_PAD
    return [
        CurvePoint(
            x=CURVE_PAD + i * CURVE_STEP + CURVE_STEP // 2,
            y=CURVE_PAD + round(usable * (5 - c.emotion) / 4),
            emotion=c.emotion,
            label=c.name,
        )
        for i, c in enumerate(cards)
        if c.emotion is not None
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
        return round(100 * self.owned / self.total) if self.total else 100


def all_maps(workspace: Workspace) -> MapIndex:
    maps = name_files([journey_map(workspace, ident) for ident in workspace.journeys])
    on_journeys = [
        workspace.touchpoints[t].entity for t in workspace.uses if t in workspace.touchpoints
    ]
    unowned = [t for t in on_journeys if not t.owner]
    return MapIndex(
        maps,
        len(on_journeys) - len(unowned),
        len(on_journeys),
        [f"{t.name} ({t.id})" for t in unowned],
    )
