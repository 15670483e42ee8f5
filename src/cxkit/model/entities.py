"""The workspace entities: owners, personas, systems, touchpoints, journeys.

Field names, types and requirements follow the format contract exactly; descriptions feed
`cxkit schema` and editor hover text.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from cxkit.model.pydantic_base import Entity
from cxkit.model.scalars import stage_item_kind
from cxkit.model.types import Date, EmptyAsList, Flag, Handle, Id, Number, Ref, Score, Text


class Owner(Entity):
    """A team or person who owns touchpoints, systems and changes."""

    id: Id
    name: Text
    kind: Literal["team", "person"] = Field(description="`team` or `person`.")
    function: Text | None = Field(
        None,
        description="The business function: product, marketing, sales, operations, it, support,"
        " cx, legal, finance, ...",
    )
    team: Ref | None = Field(None, description="A person's team (must be a team).")
    lead: Ref | None = Field(None, description="A team's lead (must be a person).")
    contact: Text | None = Field(
        None, description="Email, chat channel or other way to reach them."
    )
    active: Flag = Field(True, description="`false` for someone who left or a dissolved team.")
    github: Handle | None = Field(
        None,
        description="Their handle on the code host (@user or @org/team), for the code-owner"
        " files `cxkit codeowners` writes.",
    )
    successor: Ref | None = Field(
        None,
        description="For an inactive owner: who took over what they held (an owner id; not the"
        " owner itself, and successors may not form a loop).",
    )


class Persona(Entity):
    """A customer a journey is for."""

    id: Id
    name: Text
    description: Text | None = None
    goals: list[Text] = Field(default_factory=list)


class System(Entity):
    """A platform, process or policy that touchpoints depend on."""

    id: Id
    name: Text
    owner: Ref | None = Field(None, description="Who runs it (an owner id).")
    description: Text | None = None


class Metric(Entity):
    """How a touchpoint or journey is measured."""

    name: Text = Field(description="csat, nps, ces, first_contact_resolution, conversion, ...")
    target: Number | None = None
    actual: Number | None = Field(None, description="The latest measured value.")
    better: Literal["higher", "lower"] = Field("higher", description="Which way is good.")
    unit: Text | None = None


class Touchpoint(Entity):
    """A moment where the customer meets the business."""

    id: Id
    name: Text = Field(description="What the customer experiences, in the customer's words.")
    description: Text | None = None
    channel: Text | None = Field(
        None, description="web, app, email, phone, chat, store, mail, sms, social, in-person, ..."
    )
    owner: Ref | None = Field(
        None, description="The one owner accountable for the touchpoint: the A of RACI."
    )
    responsible: list[Ref] = Field(default_factory=list, description="The R of RACI.")
    consulted: list[Ref] = Field(default_factory=list, description="The C of RACI.")
    informed: list[Ref] = Field(default_factory=list, description="The I of RACI.")
    systems: list[Ref] = Field(default_factory=list, description="What the touchpoint depends on.")
    moment_of_truth: Flag = Field(
        False, description="A moment where the customer is most easily delighted or lost."
    )
    emotion: Score | None = Field(
        None, description="How the customer feels: 1 very negative, 3 neutral, 5 delighted."
    )
    effort: Score | None = Field(None, description="Customer effort: 1 effortless, 5 very high.")
    pain_points: list[Text] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    tags: list[Text] = Field(default_factory=list)


StageItem = Annotated[
    Annotated[Ref, Tag("reference")] | Annotated[Touchpoint, Tag("definition")],
    Discriminator(stage_item_kind),
]


Path = Annotated[list[StageItem], Field(min_length=1)]


class Stage(Entity):
    """A step of a journey, as the customer lives it, along one path or one of several."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["touchpoints"]}, {"required": ["paths"]}]}
    )

    id: Id
    name: Text
    touchpoints: list[StageItem] | None = Field(
        None,
        description="In the order the customer meets them: a touchpoint id, or a definition."
        " A stage has `touchpoints` or `paths`, not both.",
    )
    paths: dict[Id, Path] | None = Field(
        None,
        description="Alternatives the customer chooses between (call, or chat): a path name"
        " (an id) -> its touchpoints in order, as in `touchpoints`. A stage has `touchpoints`"
        " or `paths`, not both.",
    )


class Journey(Entity):
    """A customer journey: stages in the order the customer lives them."""

    id: Id
    name: Text
    persona: Ref | None = Field(None, description="Who the customer is (a persona id).")
    leader: Ref | None = Field(
        None, description="The experience leader: one person responsible for the whole journey."
    )
    goal: Text | None = Field(None, description="The customer outcome the journey exists for.")
    description: Text | None = None
    metrics: list[Metric] = Field(default_factory=list)
    last_reviewed: Date | None = Field(
        None,
        description="When the journey was last walked through with the people who run it and"
        " checked against what customers live (YYYY-MM-DD).",
    )
    stages: list[Stage] = Field(min_length=1)
    tags: list[Text] = Field(default_factory=list)


class WorkspaceFile(BaseModel):
    """One workspace file: any of the sections, each a list (an empty section is an empty list)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    owners: Annotated[list[Owner], EmptyAsList] = Field(default_factory=list)
    personas: Annotated[list[Persona], EmptyAsList] = Field(default_factory=list)
    systems: Annotated[list[System], EmptyAsList] = Field(default_factory=list)
    touchpoints: Annotated[list[Touchpoint], EmptyAsList] = Field(default_factory=list)
    journeys: Annotated[list[Journey], EmptyAsList] = Field(default_factory=list)


SECTIONS: dict[str, type[Entity]] = {
    "owners": Owner,
    "personas": Persona,
    "systems": System,
    "touchpoints": Touchpoint,
    "journeys": Journey,
}
