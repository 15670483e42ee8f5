"""A diff for a reviewer at a terminal, in the spirit of `terraform plan`:
`+` added, `-` removed, `~` changed, `→` moved; grouped by journey, then other entities."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from cxkit.analysis.diff import Delta, WorkspaceDiff
from cxkit.report.escape import terminal

STYLE = {"+": "green", "-": "red", "~": "yellow", "→": "cyan"}
CLASS_STYLE = {"risk": "bold red", "notable": "", "info": "dim"}


def write(diff: WorkspaceDiff, out: TextIO, *, color: bool) -> None:
    lines = [(f"cxkit diff {diff.old_label} → {diff.new_label}", "bold"), ("", "")]
    for journey, group in groupby(diff.deltas, key=lambda d: d.journey):
        lines.append((f"journey {journey}" if journey else "owners, systems and personas", "bold"))
        for delta in group:
            lines.append(_line(delta, diff))
        lines.append(("", ""))
    lines.append((summary(diff), "bold"))
    # Labels, ids and messages hold what files and folder names say: shown, never acted on.
    lines = [(terminal(text), style) for text, style in lines]
    if not color:
        out.write("".join(text + "\n" for text, _ in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True, emoji=False)
    for text, style in lines:
        console.print(Text(text, style=style))


def _line(delta: Delta, diff: WorkspaceDiff) -> tuple[str, str]:
    also = diff.also_on.get(delta.id) if delta.kind == "touchpoint" else None
    suffix = f" (also on {', '.join(also)})" if also else ""
    tag = f"  [{delta.cls}]" if delta.cls == "risk" else ""
    style = "bold red" if delta.cls == "risk" else STYLE[delta.op]
    return f"  {delta.op} {delta.message}{suffix}{tag}", style


def summary(diff: WorkspaceDiff) -> str:
    if not diff.deltas:
        return "No changes."
    journeys = len(diff.journeys_changed)
    changed = diff.count("~") + diff.count("→")
    return (
        f"{journeys} journey{'s' if journeys != 1 else ''} changed: {diff.count('+')} added,"
        f" {changed} changed, {diff.count('-')} removed, {len(diff.classed('risk'))} risk,"
        f" {len(diff.classed('notable'))} notable"
    )
