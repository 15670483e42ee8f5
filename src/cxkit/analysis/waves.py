"""The day each wave of communication starts: one reckoning for the briefing (`cxkit render`)
and the calendar (`cxkit calendar`), so the two never disagree."""

from __future__ import annotations

import datetime as dt

from cxkit.errors import CxkitError


def wave_offset(number: int, offsets: tuple[int, ...]) -> int:
    """How many days before the release wave `number` starts: a wave past the last offset
    given starts with the last."""
    return offsets[min(number, len(offsets)) - 1]


def wave_start(release: dt.date, number: int, offsets: tuple[int, ...]) -> dt.date:
    """The day wave `number` starts for a release on `release`."""
    return _days_before(release, wave_offset(number, offsets), number)


def _days_before(day: dt.date, offset: int, wave: int) -> dt.date:
    """The day `offset` days before `day`, or an error when the calendar does not reach it."""
    if offset > (day - dt.date.min).days:
        raise CxkitError(
            f"wave {wave} would start {offset} days before the release on {day.isoformat()},"
            f" before {dt.date.min.isoformat()}, the first day a date can be;"
            " give fewer days (render.waves in the config, or render's --offsets)"
        )
    return day - dt.timedelta(days=offset)
