"""A diff for a reviewer at a terminal, in the spirit of `terraform plan`:
`+` added, `-` removed, `~` changed, `→` moved; grouped by journey, then other entities.

The lines and the closing figures are made here once: the Markdown report carries the same."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from cxkit.analysis.delta import Delta
from cxkit.analysis.diff import WorkspaceDiff
from cxkit.analysis.diff_people import Ownership
from cxkit.analysis.lists import few
from cxkit.report.coverage_text import coverage_change
from cxkit.report.styled import write_styled

STYLE = {"+": "green", "-": "red", "~": "yellow", "→": "cyan"}
CLASS_STYLE = {"risk": "bold red", "notable": "", "info": "dim"}


def write(diff: WorkspaceDiff, out: TextIO, *, color: bool) -> None:
    lines = [(f"cxkit diff {diff.old_label} → {diff.new_label}", "bold"), ("", "")]
    for journey, group in groupby(diff.deltas, key=lambda d: d.journey):
        lines.append((f"journey {journey}" if journey else "owners, systems and personas", "bold"))
        for delta in group:
            style = "bold red" if delta.cls == "risk" else STYLE[delta.op]
            lines.append((f"  {line(delta, diff)}", style))
        lines.append(("", ""))
    if diff.deltas:
        lines.append((coverage_change(diff.coverage_before, diff.coverage_after), ""))
        lines.append((ownership(diff), ""))
    lines.append((summary(diff), "bold"))
    write_styled(lines, out, color=color)


def line(delta: Delta, diff: WorkspaceDiff) -> str:
    """One change as a reviewer reads it: its marker, what it says, and `[risk]`."""
    tag = f"  [{delta.cls}]" if delta.cls == "risk" else ""
    return f"{delta.op} {described(delta, diff)}{tag}"


def described(delta: Delta, diff: WorkspaceDiff) -> str:
    """A change's message, and the other journeys a changed touchpoint stands on."""
    also = diff.also_on.get(delta.id) if delta.kind == "touchpoint" else None
    return f"{delta.message} (also on {', '.join(also)})" if also else delta.message


def summary(diff: WorkspaceDiff) -> str:
    if not diff.deltas:
        return "No changes."
    journeys = len(diff.journeys)
    changed = diff.count("~") + diff.count("→")
    return (
        f"{journeys} journey{'s' if journeys != 1 else ''} changed{_through(diff)}:"
        f" {diff.count('+')} added, {changed} changed, {diff.count('-')} removed,"
        f" {len(diff.classed('risk'))} risk, {len(diff.classed('notable'))} notable,"
        f" {len(diff.classed('info'))} info"
    )


def _through(diff: WorkspaceDiff) -> str:
    """` (2 through shared touchpoint ivr-menu)`: the journeys with no change shown under them,
    changed only by a touchpoint they share with a journey that shows it."""
    only = [j for j in diff.journeys if not j.changes]
    if not only:
        return ""
    touchpoints = sorted({t for j in only for t in j.through})
    noun = "touchpoint" if len(touchpoints) == 1 else "touchpoints"
    return f" ({len(only)} through shared {noun} {few(touchpoints)})"


def ownership(diff: WorkspaceDiff) -> str:
    """`ownership 82% → 79% (23/28 → 22/28 touchpoints with an active accountable owner)`."""
    before, after = diff.ownership_before, diff.ownership_after
    what = "touchpoints with an active accountable owner"
    if before == after:
        return f"ownership {_percent(after)} ({after.owned}/{after.total} {what}), unchanged"
    return (
        f"ownership {_percent(before)} → {_percent(after)}"
        f" ({before.owned}/{before.total} → {after.owned}/{after.total} {what})"
    )


def _percent(figure: Ownership) -> str:
    return "n/a" if figure.percent is None else f"{figure.percent}%"
