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


class ChangeFile(Entity):
    """A change file: one `change` mapping."""

    change: Change
