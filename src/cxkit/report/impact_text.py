"""The impact of a change for a person at a terminal: one screen, tables, colour on a terminal."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cxkit.impact import Contact, Impact, Wave, by_person

WIDTH = 120


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
    console.print(Text.assemble(("Change ", "bold"), (change.id, "bold cyan"), f": {change.title}"))
    console.print(f"  Why: {change.reason} — {' '.join(change.purpose.split())}", markup=False)
    release = change.release.isoformat() if change.release else "not set"
    decider = describe(impact.decider) if impact.decider else change.owner or "nobody named"
    console.print(f"  Decides: {decider}   Release: {release}", markup=False)
    t = impact.totals
    stages = sum(j.stages_total for j in impact.journeys)
    console.print(
        f"  Scope: {t.journeys} journeys, {t.stages} of {stages} stages,"
        f" {t.touchpoints_direct} touchpoints changed directly,"
        f" {t.touchpoints_downstream} downstream, {t.moments_of_truth} moments of truth",
        markup=False,
    )
    if impact.journeys:
        console.print(_start_table(impact))
    if impact.most_exposed:
        console.print(_exposed_table(impact))
    if impact.engage:
        console.print(_engage_table(impact))
    _waves(console, impact)
    _list(console, "Gaps to close before release", [g.message for g in impact.gaps], "red")
    _list(console, "Warnings", impact.warnings, "yellow")


def describe(c: Contact) -> str:
    """`Telephony (team, lead sam, #telephony)` or `Ana Rossi (person, team cx)`."""
    details = [c.kind]
    if c.kind == "team" and c.lead:
        details.append(f"lead {c.lead}")
    if c.kind == "person" and c.team:
        details.append(f"team {c.team}")
    if c.contact:
        details.append(c.contact)
    if not c.active:
        details.append("INACTIVE")
    return f"{c.name} ({', '.join(details)})"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _start_table(impact: Impact) -> Table:
    table = _table(
        "Where to start (simplest journey first)",
        "#",
        "journey",
        "stages",
        "touchpoints",
        "moments of truth",
        "first stage",
        "leader",
    )
    for rank, j in enumerate(impact.journeys, 1):
        table.add_row(
            str(rank),
            j.id,
            f"{len(j.stages_impacted)}/{j.stages_total}",
            f"{len(j.direct)} + {len(j.downstream)} downstream",
            str(len(j.moments_of_truth)),
            j.first_stage,
            describe(j.leader) if j.leader else "none",
        )
    return table


def _exposed_table(impact: Impact) -> Table:
    table = _table(
        "Most exposed touchpoints",
        "touchpoint",
        "how",
        "moment of truth",
        "emotion",
        "effort",
        "off target",
        "owner",
    )
    for t in impact.most_exposed:
        table.add_row(
            t.id,
            t.how,
            "yes" if t.moment_of_truth else "",
            _score(t.emotion),
            _score(t.effort),
            ", ".join(t.off_target),
            t.owner or "NONE",
        )
    return table


def _score(value: int | None) -> str:
    return "" if value is None else f"{value}/5"


def _engage_table(impact: Impact) -> Table:
    table = _table("Whom to engage (RACI)", "who", "role: for")
    for who, roles in by_person(impact.engage):
        table.add_row(describe(who), "\n".join(f"{e.role}: {', '.join(e.because)}" for e in roles))
    return table


def audience(wave: Wave) -> str:
    if wave.customers:
        return ", ".join(wave.customers)
    return ", ".join(c.name for c in wave.audience) or "nobody beyond the waves above"


def _waves(console: Console, impact: Impact) -> None:
    console.print(Text("Communication plan, in waves", style="bold"))
    for wave in impact.waves:
        console.print(Text.assemble((f"  {wave.number}. {wave.name}: ", "bold"), audience(wave)))
        console.print(Padding(Text(wave.message), (0, 0, 0, 5)))


def _list(console: Console, title: str, items: list[str], style: str) -> None:
    if not items:
        return
    console.print(Text(title, style=f"bold {style}"))
    for item in items:
        console.print(f"  - {item}", markup=False)
