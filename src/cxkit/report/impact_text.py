"""The impact of a change for a person at a terminal: one screen, tables, colour on a terminal.

Everything from the files is printed as rich `Text`, never as console markup (a name holding
`[/]` or `[link=...]` is shown as written), and escaped for a terminal first.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cxkit.analysis.impact import Impact
from cxkit.report import impact_rows as rows
from cxkit.report.escape import terminal

WIDTH = 120
_IDS = frozenset({"journey", "touchpoint", "first stage"})


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        width=None if color else WIDTH,
    )
    change = impact.change
    console.print(
        Text.assemble(
            ("Change ", "bold"), (terminal(change.id), "bold cyan"), _shown(f": {change.title}")
        )
    )
    console.print(_shown(f"  Why: {rows.reason(impact)}"))
    release = change.release.isoformat() if change.release else "not set"
    console.print(_shown(f"  Decides: {rows.decider(impact)}   Release: {release}"))
    stages, touchpoints = rows.scope(impact)
    console.print(f"  Scope: {stages}", markup=False)
    console.print(f"  Touchpoints: {touchpoints}", markup=False)
    if impact.journeys:
        console.print(
            _table("Where to start (simplest journey first)", rows.where_to_start(impact))
        )
    if impact.touchpoints:
        listed, left_out = rows.touchpoints(impact, "\n")
        console.print(_table("Touchpoints reached, changed ones first", listed))
        if left_out:
            console.print(f"  ... and {left_out} more (all of them: -f json)", markup=False)
    if impact.most_exposed:
        console.print(
            _table(
                f"The {len(impact.most_exposed)} most exposed touchpoints",
                rows.most_exposed(impact, "\n"),
            )
        )
    if impact.engage:
        console.print(_table("Whom to engage (RACI)", rows.whom_to_engage(impact, "\n")))
    _waves(console, impact)
    _list(console, "Handed over (inactive owners)", [h.message for h in impact.handovers], "")
    _list(console, "Gaps to close before release", [g.message for g in impact.gaps], "red")
    _list(console, "Warnings", impact.warnings, "yellow")


def _table(title: str, content: rows.Table) -> Table:
    header, body = content
    table = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for column in header:
        # An id is read and searched for whole: never folded across lines.
        table.add_column(column, overflow="fold", no_wrap=column in _IDS)
    for row in body:
        table.add_row(*map(_shown, row))
    return table


def _waves(console: Console, impact: Impact) -> None:
    console.print(Text("Communication plan, in waves", style="bold"))
    for wave in impact.waves:
        console.print(
            Text.assemble(
                (terminal(f"  {wave.number}. {wave.name}: "), "bold"), _shown(rows.audience(wave))
            )
        )
        console.print(Padding(_shown(wave.message), (0, 0, 0, 5)))


def _list(console: Console, title: str, items: list[str], style: str) -> None:
    if not items:
        return
    console.print(Text(title, style=f"bold {style}".strip()))
    for item in items:
        console.print(_shown(f"  - {item}"))


def _shown(text: str) -> Text:
    """Text from the files as rich prints it: as written, with nothing a terminal acts on but
    line breaks (a cell lists roles a line each; a message may have paragraphs)."""
    return Text("\n".join(terminal(line) for line in text.split("\n")))
