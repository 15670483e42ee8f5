"""The tables of an impact report as plain rows, shared by the text and Markdown reporters."""

from __future__ import annotations

from cxkit.analysis.impact import Contact, Impact, Wave, by_person

Table = tuple[tuple[str, ...], list[list[str]]]


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


def decider(impact: Impact) -> str:
    return describe(impact.decider) if impact.decider else impact.change.owner or "nobody named"


def audience(wave: Wave) -> str:
    if wave.customers:
        return ", ".join(wave.customers)
    return ", ".join(c.name for c in wave.audience) or "nobody beyond the waves above"


def where_to_start(impact: Impact) -> Table:
    header = ("#", "journey", "stages", "touchpoints", "moments of truth", "first stage", "leader")
    rows = [
        [
            str(rank),
            j.id,
            f"{len(j.stages_impacted)}/{j.stages_total}",
            f"{len(j.direct)} + {len(j.downstream)} downstream",
            str(len(j.moments_of_truth)),
            j.first_stage,
            describe(j.leader) if j.leader else "none",
        ]
        for rank, j in enumerate(impact.journeys, 1)
    ]
    return header, rows


def most_exposed(impact: Impact) -> Table:
    header = ("touchpoint", "how", "moment of truth", "emotion", "effort", "off target", "owner")
    rows = [
        [
            t.id,
            t.how,
            "yes" if t.moment_of_truth else "",
            _score(t.emotion),
            _score(t.effort),
            ", ".join(t.off_target),
            t.owner or "NONE",
        ]
        for t in impact.most_exposed
    ]
    return header, rows


def whom_to_engage(impact: Impact, separator: str) -> Table:
    """One row per team or person: who, and each role with what puts them there."""
    rows = [
        [describe(who), separator.join(f"{e.role}: {', '.join(e.because)}" for e in roles)]
        for who, roles in by_person(impact.engage)
    ]
    return ("who", "role: for"), rows


def _score(value: int | None) -> str:
    return "" if value is None else f"{value}/5"
