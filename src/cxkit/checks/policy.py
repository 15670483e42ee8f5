"""What a team asks of its workspace beyond the format: coverage minimums and a review cadence.

Read from the config (`coverage`, `review_every_days`); "today" from `CXKIT_TODAY` when set (a
`YYYY-MM-DD` date, for tests and reproducible CI runs), else the machine's date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from cxkit.checks.findings import Location
from cxkit.errors import CxkitError

REVIEW_EVERY_DAYS = 180
TODAY_VARIABLE = "CXKIT_TODAY"


@dataclass(frozen=True, slots=True)
class Policy:
    """`targets`: a figure's name (touchpoints, moments_of_truth, journeys) -> its minimum, in
    percent; `where`: the place in the config file each target is written, for its finding."""

    targets: dict[str, int] = field(default_factory=dict)
    where: dict[str, Location] = field(default_factory=dict)
    review_every_days: int = REVIEW_EVERY_DAYS
    cadence_set: bool = False  # the config names `review_every_days`: reviews are kept here
    today: dt.date = field(default_factory=lambda: today())


def today() -> dt.date:
    """`CXKIT_TODAY` when set, else the machine's date; a value that is no date is an error."""
    written = os.environ.get(TODAY_VARIABLE, "").strip()
    if not written:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(written) if len(written) == 10 else _no_date(written)
    except ValueError:
        return _no_date(written)


def _no_date(written: str) -> dt.date:
    raise CxkitError(f"{TODAY_VARIABLE} is {written!r}, not a date: write it as YYYY-MM-DD")
