"""What every record of the workspace shares, and the methods some records carry.

The records themselves are generated (`records.py`); what they do beyond holding fields is
written here, once.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any


class Record:
    """A frozen record of the format: an owner, a touchpoint, a metric, a journey, ..."""

    __slots__ = ()

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The fields in the order the format lists them."""
        return tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]

    def as_plain(self) -> dict[str, Any]:
        """The fields as plain JSON-ready data (records within become mappings)."""
        return {name: _plain(getattr(self, name)) for name in self.field_names()}


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_plain()
    if isinstance(value, list):
        return [_plain(item) for item in value]
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
