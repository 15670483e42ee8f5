"""The waves and releases of the planned changes as an iCalendar file (RFC 5545), for people to
import into their calendars: one all-day event on the day each wave starts and on each release
day. Changes with no release date have no event.

What RFC 5545 asks, and how: lines end in CRLF and are folded to at most 75 octets, never
inside a character's UTF-8 bytes (3.1); text values are escaped (3.3.11, `escape.icalendar_text`);
each event has a UID that stays the same from run to run (the change id and the wave), so a
calendar app updates an event imported before instead of adding it twice, and a DTSTAMP (3.8.7.2):
the time the file is written, or midnight UTC of `CXKIT_TODAY` when it is set, so CI can make
the same file twice.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TextIO

from cxkit import __version__
from cxkit.analysis.calendar import Calendar, Event, timeline
from cxkit.report.escape import icalendar_text

LINE_OCTETS = 75
PRODID = f"-//cxkit//cxkit {__version__}//EN"


def write(found: Calendar, out: TextIO, *, color: bool) -> None:
    stamp = _stamp()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for event in timeline(found):
        lines += _event(event, stamp)
    lines.append("END:VCALENDAR")
    out.write("".join(fold(line) + "\r\n" for line in lines))


def _stamp() -> str:
    from cxkit.checks.policy import TODAY_VARIABLE, today

    if os.environ.get(TODAY_VARIABLE, "").strip():
        return f"{_date(today())}T000000Z"
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(event: Event, stamp: str) -> list[str]:
    change = event.change.change
    if event.wave is None:
        uid = f"{change.id}-release"
        summary = f"Release: {change.title}"
        asked = event.change.asked.get(change.owner)
        about = [f"Owner: {asked[0].name if asked else change.owner}"]
    else:
        wave = event.wave
        uid = f"{change.id}-wave-{wave.number}"
        summary = f"Wave {wave.number} ({wave.name}): {change.title}"
        audience = ", ".join(who.name for who in wave.audience)
        about = [f"Audience: {audience}"] if audience else []
        about.append(
            f"On the release day, {change.release}"
            if wave.days_before == 0
            else f"{_days(wave.days_before)} before the release on {change.release}"
        )
    description = "\n".join([f"Change {change.id} ({event.change.file})", *about])
    lines = [
        "BEGIN:VEVENT",
        f"UID:{icalendar_text(uid)}@cxkit",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(event.date)}",
    ]
    if event.date < dt.date.max:  # else it lasts one day without it (RFC 5545, 3.6.1)
        lines.append(f"DTEND;VALUE=DATE:{_date(event.date + dt.timedelta(days=1))}")
    return [
        *lines,
        f"SUMMARY:{icalendar_text(summary)}",
        f"DESCRIPTION:{icalendar_text(description)}",
        "TRANSP:TRANSPARENT",  # a day's reminder, not time taken: free/busy stays free
        "END:VEVENT",
    ]


def _date(day: dt.date) -> str:
    """`YYYYMMDD`, four digits of year even before year 1000."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def fold(line: str) -> str:
    """`line` folded as RFC 5545 (3.1) asks: no line longer than 75 octets, each continuation
    starting with a space, and a fold never between the UTF-8 bytes of one character."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for ch in line:
        octets = len(ch.encode("utf-8", "surrogatepass"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space is one octet
        current.append(ch)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)
