"""The tables of an impact report as plain rows, shared by the text and Markdown reporters."""

from __future__ import annotations

from cxkit.analysis.impact import Impact, Wave, by_person
from cxkit.analysis.people import Contact

Table = tuple[tuple[str, ...], list[list[str]]]


def describe(c: Contact) -> str:
    """`Telephony (team, lead sam, #telephony)` or `Ana Rossi (person, team cx)`."""
    details = [c.kind]
    if c.kind == "team" and c.lead:
        details.append(f"lead {c.lead}" + (f", for {c.lead_for}" if c.lead_for else ""))
    elif c.kind == "team" and c.lead_for:
        details.append(f"lead {c.lead_for} left")
    if c.kind == "person" and c.team:
        details.append(f"team {c.team}")
    if c.contact:
        details.append(c.contact)
    if not c.active:
        details.append("INACTIVE")
    return f"{c.name} ({', '.join(details)})"


def decider(impact: Impact) -> str:
    if impact.decider:
        return describe(impact.decider)
    owner = impact.change.owner
    if any(gap.subject == owner for gap in impact.gaps):  # they left, and nobody took over
        return f"nobody: {owner} left with no successor"
    return owner or "nobody named"


def audience(wave: Wave) -> str:
    if wave.customers:  # a persona's name may hold commas: "Sam, the busy bill-payer"
        return "; ".join(wave.customers)
    return ", ".join(c.name for c in wave.audience) or "nobody beyond the waves above"


def where_to_start(impact: Impact) -> Table:
    header = (
        "#",
        "journey",
        "stages changed",
        "downstream stages",
        "touchpoints changed + downstream",
        "moments of truth",
        "first stage",
        "leader",
    )
    rows = [
        [
            str(rank),
            j.id,
            f"{len(j.stages_changed)}/{j.stages_total}",
            ", ".join(j.stages_downstream) or "none",
            f"{len(j.direct)} + {len(j.downstream)}",
            str(len(j.moments_of_truth)),
            j.first_stage,
            j.leader.name if j.leader else "none",
        ]
        for rank, j in enumerate(impact.journeys, 1)
    ]
    return header, rows


def most_exposed(impact: Impact, separator: str) -> Table:
    header = ("touchpoint", "how", "score", "exposed because", "owner")
    rows = [
        [
            t.id,
            how(t.steps),
            str(t.exposure),
            separator.join(f"{e.reason} (+{e.points})" for e in t.exposed) or "no particular risk",
            t.owner or "NONE",
        ]
        for t in impact.most_exposed
    ]
    return header, rows


# The touchpoint table lists this many; the rest are counted (JSON has them all).
MOST_LISTED = 40


def touchpoints(impact: Impact, separator: str) -> tuple[Table, int]:
    """Every touchpoint the change reaches, changed ones first, then by steps; and how many
    were left out past MOST_LISTED."""
    ordered = sorted(impact.touchpoints, key=lambda t: (t.steps, t.id))
    rows = [[t.id, how(t.steps), separator.join(t.why)] for t in ordered[:MOST_LISTED]]
    return (("touchpoint", "how", "why"), rows), max(0, len(ordered) - MOST_LISTED)


def how(steps: int) -> str:
    """`direct`, or how far downstream."""
    if steps == 0:
        return "direct"
    return f"downstream, {steps} step{'s' if steps != 1 else ''}"


def whom_to_engage(impact: Impact, separator: str) -> Table:
    """One row per team or person: who, each role with what puts them there, and notes."""
    rows = [
        [
            describe(who),
            separator.join(_role(e.role, e.because, e.notes) for e in roles),
        ]
        for who, roles in by_person(impact.engage)
    ]
    return ("who", "role: for"), rows


def _role(role: str, because: list[str], notes: list[str]) -> str:
    said = f"{role}: {', '.join(because)}"
    return f"{said} ({'; '.join(notes)})" if notes else said


def reason(impact: Impact) -> str:
    """The change's reason and purpose, as one line."""
    change = impact.change
    purpose = " ".join(change.purpose.split())
    # A change made from a diff (--since) has no reason: say so rather than invent one.
    return f"{change.reason} — {purpose}" if change.reason else f"not stated. {purpose}"


def scope(impact: Impact) -> tuple[str, str]:
    """What the change reaches: its journeys and stages, then its touchpoints."""
    t = impact.totals
    stages = sum(j.stages_total for j in impact.journeys)
    further = "right after a change" if impact.depth == 1 else f"up to {impact.depth} steps after"
    downstream = f", {t.touchpoints_downstream} downstream ({further})" if impact.depth else ""
    return (
        f"{_n(t.journeys, 'journey')}; {t.stages_changed} of their {_n(stages, 'stage')}"
        f" changed, {t.stages_downstream} more reached downstream",
        f"{t.touchpoints_direct} changed directly{downstream};"
        f" {_n(t.moments_of_truth, 'moment')} of truth",
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
