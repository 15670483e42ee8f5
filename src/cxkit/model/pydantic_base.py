"""The strict base of every pydantic model of the format: workspace entities, change files."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from cxkit.model.scalars import NULL


class Entity(BaseModel):
    """A mapping of the format: unknown keys rejected, scalars strictly typed, nulls refused.

    Optional fields are typed `X | None` with a None default for absence; a null the user wrote
    (`description:` with nothing after it) is an error, so it is swapped for a marker that no
    field type accepts.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _written_null_is_an_error(cls, data: Any) -> Any:
        if isinstance(data, dict) and None in data.values():
            return {key: NULL if value is None else value for key, value in data.items()}
        return data
