"""Change files: a planned change, for `cxkit impact` and `cxkit render`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from cxkit.model.pydantic_base import Entity
from cxkit.model.types import Date, Id, Ref, Text

Reason = Literal["financial", "market", "technology", "regulatory", "customer", "operational"]


class Affects(Entity):
    """What the change touches; at least one list must be non-empty."""

    touchpoints: list[Ref] = Field(
        default_factory=list, description="Touchpoints changed directly."
    )
    systems: list[Ref] = Field(
        default_factory=list, description="Every touchpoint depending on these is changed."
    )
    channels: list[Text] = Field(
        default_factory=list, description="Every touchpoint on these channels is changed."
    )
    owners: list[Ref] = Field(
        default_factory=list,
        description="Every touchpoint these owners hold, in any RACI role, is changed.",
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Affects:
        if not (self.touchpoints or self.systems or self.channels or self.owners):
            raise ValueError(
                "names nothing: list at least one touchpoint, system, channel or owner"
            )
        return self


class Notes(Entity):
    """What each audience needs to hear, in the owner's words (format 1.1)."""

    stakeholders: Text | None = Field(
        None, description="For the peers and stakeholders of wave 1: the decision needed."
    )
    teams: dict[Ref, Text] = Field(
        default_factory=dict, description="Owner id -> what changes for that team."
    )
    informed: Text | None = Field(None, description="For those kept informed.")
    customers: dict[Ref, Text] = Field(
        default_factory=dict,
        description="Persona id -> the message for that persona (else `customer_message`).",
    )


class Review(Entity):
    """Written after the release, for next time (format 1.1)."""

    date: Date | None = Field(None, description="When the review was held, YYYY-MM-DD.")
    went_well: list[Text] = Field(default_factory=list, description="What went well.")
    do_differently: list[Text] = Field(
        default_factory=list, description="What to do differently next time."
    )
    engaged_late: list[Ref] = Field(
        default_factory=list, description="Owners who were engaged too late (owner ids)."
    )


class Change(Entity):
    """A planned change to the customer experience."""

    id: Id
    title: Text
    reason: Reason = Field(description="Why it changes.")
    purpose: Text = Field(description="What the change is for, in a sentence or two.")
    owner: Ref = Field(description="Who owns the change and settles disagreements.")
    release: Date | None = Field(None, description="The release date, YYYY-MM-DD.")
    affects: Affects
    customer_message: Text | None = Field(
        None, description="What customers will be told, once the teams are ready."
    )
    notes: Notes = Field(
        default_factory=Notes, description="What each audience needs to hear (format 1.1)."
    )
    review: Review | None = Field(
        None, description="Written after the release, for next time (format 1.1)."
    )


class ChangeFile(Entity):
    """A change file: one `change` mapping."""

    change: Change
