"""What every record of the workspace shares, and the methods some records carry.

The records themselves are generated (`generated.py`); what they do beyond holding fields is
written here, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from cxkit.model.records.generated import Touchpoint


class Record:
    """A record of the format: an owner, a touchpoint, a metric, a journey, ...

    Records are treated as immutable once built; equality compares every field.
    """

    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The fields in the order the format lists them."""
        return cls.FIELDS

    def as_plain(self) -> dict[str, Any]:
        """The fields as plain JSON-ready data (records within become mappings)."""
        return {name: _plain(getattr(self, name)) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.FIELDS)

    __hash__ = None  # type: ignore[assignment]  # records hold lists: never keys

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({fields})"


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_plain()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


class MetricMethods:
    """What a metric can tell about itself."""

    __slots__ = ()

    if TYPE_CHECKING:
        target: float | None
        actual: float | None
        better: str

    def off_target(self) -> bool:
        """Whether the latest value misses the target (False when either is unknown)."""
        if self.target is None or self.actual is None:
            return False
        if self.better == "higher":
            return self.actual < self.target
        return self.actual > self.target


class StageMethods:
    """How a stage's touchpoints are laid out."""

    __slots__ = ()

    if TYPE_CHECKING:
        touchpoints: list[str | Touchpoint] | None
        paths: dict[str, list[str | Touchpoint]] | None

    def lanes(self) -> dict[str, list[str | Touchpoint]]:
        """The stage's paths by name, each in the order the customer meets it; a stage of one
        path (`touchpoints`) has one, named ''. A stage that wrongly has both keeps both, so
        what each holds is still read (the error is integrity's)."""
        lanes: dict[str, list[str | Touchpoint]] = {}
        if self.touchpoints is not None or self.paths is None:
            lanes[""] = self.touchpoints or []
        lanes.update(self.paths or {})
        return lanes

    def lane_field(self, lane: str) -> tuple[str | int, ...]:
        """Where a lane's list stands inside the stage."""
        return ("paths", lane) if lane else ("touchpoints",)
