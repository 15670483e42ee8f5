"""The config file's models: what `.cxkit.yaml` may say, with a line:col for every problem.

Imported only when a config file is read: pydantic is not needed to run with every default.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from cxkit.checks.findings import Severity
from cxkit.checks.rules import RULES
from cxkit.model.types import Integer, Text
from cxkit.source.globs import check_pattern

Setting = Literal["error", "warning", "info", "off"]
# The keys of a setting's schema that describe it rather than limit it: they stay outside the
# choice between its value and a null.
_NOTES = ("title", "description", "default")


def _empty_allowed(schema: dict[str, Any]) -> None:
    """Each setting's schema accepts a null too, as the reader takes it for the default."""
    properties = schema.get("properties", {})
    for name, accepted in properties.items():
        notes = {key: accepted.pop(key) for key in _NOTES if key in accepted}
        properties[name] = {**notes, "anyOf": [accepted, {"type": "null"}]}


class _Settings(BaseModel):
    """A mapping of the config: unknown keys rejected, types strict, a setting left empty
    (`workspace:` with nothing after it) takes its default."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=_empty_allowed
    )

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: Any) -> Any:
        if isinstance(data, dict) and None in data.values():
            return {key: value for key, value in data.items() if value is not None}
        return data


def _not_negative(days: int) -> int:
    if days < 0:
        raise ValueError(f"expected days before the release, 0 or more, got {days}")
    return days


DaysBefore = Annotated[
    Integer, AfterValidator(_not_negative), WithJsonSchema({"type": "integer", "minimum": 0})
]


class Waves(_Settings):
    """How many days before a change's release each wave of communication starts."""

    stakeholders: DaysBefore = Field(21, description="Wave 1: peers and stakeholders agree.")
    teams: DaysBefore = Field(14, description="Wave 2: the teams who do the work are briefed.")
    informed: DaysBefore = Field(7, description="Wave 3: those kept informed hear of it.")
    customers: DaysBefore = Field(0, description="Wave 4: customers are told.")

    @model_validator(mode="after")
    def _in_order(self) -> Waves:
        days = list(self.model_dump().items())
        for (earlier, first), (later, second) in itertools.pairwise(days):
            if first < second:
                raise ValueError(
                    f"waves start in order, but {earlier} ({first} days before) starts after"
                    f" {later} ({second} days before)"
                )
        return self


def waves_of(days: tuple[int, ...]) -> Waves:
    """The waves starting `days` before the release (stakeholders, teams, informed, customers,
    as `--offsets` gives them), checked as the config's `render.waves` are: ValueError with
    the config's own words when one is negative or they are out of order."""
    names = list(Waves.model_fields)
    if len(days) != len(names):
        raise ValueError(f"expected {len(names)} waves ({', '.join(names)}), got {len(days)}")
    try:
        return Waves.model_validate(dict(zip(names, days, strict=True)))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = "".join(f"{step}: " for step in error["loc"])  # the wave, if one is to blame
        raise ValueError(where + str(error.get("ctx", {}).get("error", error["msg"]))) from None


class RenderSettings(_Settings):
    """Settings of `cxkit render`."""

    waves: Waves = Field(default_factory=Waves)
    templates: Text | None = Field(
        None, description="A folder of templates that replace the built-in ones."
    )


def _percent(value: int) -> int:
    if not 0 <= value <= 100:
        raise ValueError(f"expected a percentage from 0 to 100, got {value}")
    return value


Percent = Annotated[
    Integer,
    AfterValidator(_percent),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 100}),
]


def _positive(days: int) -> int:
    if days < 1:
        raise ValueError(f"expected a number of days, 1 or more, got {days}")
    return days


Days = Annotated[
    Integer, AfterValidator(_positive), WithJsonSchema({"type": "integer", "minimum": 1})
]


class CoverageTargets(_Settings):
    """Minimum coverage figures, in percent; a figure below its minimum is a
    `coverage-below-target` finding. Each is optional."""

    touchpoints: Percent | None = Field(
        None, description="Touchpoints with an active accountable owner (each once per journey)."
    )
    moments_of_truth: Percent | None = Field(
        None, description="Moments of truth with an active accountable owner and a metric."
    )
    journeys: Percent | None = Field(None, description="Journeys with an active experience leader.")


class CalendarSettings(_Settings):
    """Settings of `cxkit calendar`."""

    conflict_days: Days = Field(
        14,
        description="Two changes that change the same touchpoint directly collide when their"
        " releases are at most this many days apart.",
    )


IgnorePattern = Annotated[Text, AfterValidator(check_pattern)]


class ConfigFile(_Settings):
    """A cxkit config file (`.cxkit.yaml`). Paths are relative to its folder."""

    workspace: Text | None = Field(
        None, description="The workspace folder `cxkit validate` checks by default."
    )
    rules: dict[Text, Setting] = Field(
        default_factory=dict,
        description="The severity of a rule (error, warning, info) or `off`. Format checks"
        " cannot be configured.",
        json_schema_extra={
            "propertyNames": {"enum": [r.id for r in RULES.values() if r.configurable]}
        },
    )
    ignore: list[IgnorePattern] = Field(
        default_factory=list,
        description="Files and folders not to read: globs like `journeys/archive/**`.",
    )
    fail_severity: Severity | None = Field(
        None, description="The lowest severity that fails `cxkit validate` (default error)."
    )
    render: RenderSettings = Field(default_factory=RenderSettings)
    coverage: CoverageTargets = Field(default_factory=CoverageTargets)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    review_every_days: Days = Field(
        180, description="How often each journey is reviewed, in days (rule journey-stale)."
    )
