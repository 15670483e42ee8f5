"""When each journey is next due for a review: its `last_reviewed` date plus the cadence.

A journey never reviewed is due now. Values only; the rule `journey-stale` and the reports use
them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cxkit.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Review:
    journey: str
    last: dt.date | None  # None: never reviewed
    due: dt.date | None  # None: never reviewed, so due now

    def overdue(self, today: dt.date) -> bool:
        return self.due is None or self.due < today


def reviews(workspace: Workspace, every_days: int, *, kept: bool = False) -> list[Review]:
    """Every journey's next review, soonest first (never reviewed first of all).

    None at all while the workspace keeps no review dates (no journey has `last_reviewed`) and
    `kept` is false (the config sets no cadence): `last_reviewed` is optional (format 1.1), and
    a workspace without it means what it meant before. Once a team records reviews, a journey
    never reviewed is one to review.
    """
    if not kept and all(p.entity.last_reviewed is None for p in workspace.journeys.values()):
        return []
    found = []
    for ident, placed in workspace.journeys.items():
        last = placed.entity.last_reviewed
        found.append(Review(ident, last, _due(last, every_days) if last else None))
    return sorted(found, key=lambda r: (r.due is not None, r.due or dt.date.min, r.journey))


def _due(last: dt.date, every_days: int) -> dt.date:
    try:
        return last + dt.timedelta(days=every_days)
    except OverflowError:  # a cadence past the year 9999: never due
        return dt.date.max
