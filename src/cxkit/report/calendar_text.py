"""The calendar of planned changes, for a person at a terminal: each change's window, the
timeline of waves and releases, the changes with no release date, then every conflict.

The phrases are made here once: the Markdown report says the same."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.calendar import Calendar, Conflict, Event, Window, timeline
from cxkit.report.styled import write_styled

KIND_WORDS = {
    "same-touchpoint": "same touchpoint",
    "moment-of-truth": "moment of truth",
    "same-team": "same team",
}


def write(found: Calendar, out: TextIO, *, color: bool) -> None:
    if not found.changes and not found.broken:
        write_styled([(nothing_found(found), "bold")], out, color=color)
        _warnings(found, out, color)
        return
    lines: list[tuple[str, str]] = [(headline(found), "bold")]
    if found.scheduled:
        lines += [("", ""), (WINDOWS_HEADING, "bold")]
        width = max(len(c.change.id) for c in found.scheduled)
        for c in found.scheduled:
            assert c.window is not None
            lines.append((f"  {c.change.id:<{width}}  {span(c.window)}  {c.change.title}", ""))
        lines += [("", ""), ("Timeline", "bold")]
        lines += [
            (f"  {e.date.isoformat()}  {e.change.change.id:<{width}}  {what(e)}", "")
            for e in timeline(found)
        ]
    if found.unscheduled:
        lines += [("", ""), (UNSCHEDULED_HEADING, "bold")]
        lines += [
            (f"  {unscheduled(c.change.id, c.change.title, c.file)}", "") for c in found.unscheduled
        ]
    lines.append(("", ""))
    if found.conflicts:
        lines.append((conflicts_heading(found), "bold red"))
        lines += [(f"  {message(c, found.conflict_days)}", "red") for c in found.conflicts]
    else:
        lines.append(("No conflicts.", "bold green"))
    if found.broken:
        lines += [("", ""), (broken(found), "bold red")]
    write_styled(lines, out, color=color)
    _warnings(found, out, color)


def _warnings(found: Calendar, out: TextIO, color: bool) -> None:
    write_styled([(f"warning: {text}", "yellow") for text in found.warnings], out, color=color)


# --- phrases, shared with the Markdown report -------------------------------------------------

WINDOWS_HEADING = "Windows (from the first wave to the release, both days included)"
UNSCHEDULED_HEADING = "Unscheduled (no release date, so in no date-based conflict)"


def nothing_found(found: Calendar) -> str:
    return f"No change files in {found.folder}."


def headline(found: Calendar) -> str:
    """`Calendar of changes: 3 changes, 1 unscheduled; 5 conflicts`."""
    said = f"Calendar of {found.folder}: {count(len(found.changes), 'change')}"
    if found.unscheduled:
        said += f", {len(found.unscheduled)} unscheduled"
    return f"{said}; {count(len(found.conflicts), 'conflict')}"


def span(window: Window) -> str:
    return f"{window.start.isoformat()} to {window.end.isoformat()}"


def what(event: Event) -> str:
    """`wave 2 starts: Teams who do the work`, or `release: <title>`."""
    if event.wave is None:
        return f"release: {event.change.change.title}"
    return f"wave {event.wave.number} starts: {event.wave.name}"


def unscheduled(ident: str, title: str, file: str) -> str:
    return f"{ident}: {title} ({file})"


def conflicts_heading(found: Calendar) -> str:
    return f"Conflicts ({len(found.conflicts)})"


def message(c: Conflict, conflict_days: int) -> str:
    """One conflict: its kind, both changes, what they share and the dates."""
    a, b = c.first.change.id, c.second.change.id
    shared = f"{c.shared.kind} {c.shared.id} ({c.shared.name})"
    if c.kind == "same-touchpoint":
        assert c.first.release is not None and c.second.release is not None
        said = (
            f"{a} and {b} both change {shared} directly; releases"
            f" {c.first.release.isoformat()} and {c.second.release.isoformat()},"
            f" {count(c.days_apart, 'day')} apart (at most {conflict_days} collide)"
        )
    elif c.kind == "moment-of-truth":
        assert c.overlap is not None
        said = (
            f"{a} and {b} both reach {shared}; their windows ({span(c.windows[0])},"
            f" {span(c.windows[1])}) overlap from {span(c.overlap)}"
        )
    else:
        assert c.overlap is not None
        said = (
            f"{a} and {b} both ask {shared} to act: {a} from {span(c.windows[0])},"
            f" {b} from {span(c.windows[1])}; overlapping from {span(c.overlap)}"
        )
    kind = "same person" if c.shared.kind == "person" else KIND_WORDS[c.kind]
    return f"{kind}: {said}"


def broken(found: Calendar) -> str:
    files = ", ".join(b.file for b in found.broken)
    n = len(found.broken)
    return (
        f"{count(n, 'change file')} could not be read, so {'it is' if n == 1 else 'they are'}"
        f" not in this calendar: {files} (the problems are on standard error)"
    )


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
