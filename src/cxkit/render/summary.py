"""The executive summary that opens the overview and the stakeholders page: the decisions
needed (what, by whom, by when), the risks one line each, and the outcome metrics the change
should move, with today's values and targets."""

from __future__ import annotations

from typing import Any

from cxkit.analysis.impact import Impact
from cxkit.analysis.people import Contact
from cxkit.render.content import (
    MAX_OUTCOMES,
    Names,
    affected_journeys,
    capped,
    journeys_on,
    moment_risks,
    outcome_metrics,
    plain_gap,
)
from cxkit.render.words import listed


def summary(impact: Impact, names: Names, dates: dict[int, str | None]) -> dict[str, Any]:
    """The executive summary: the decisions needed (what, by whom, by when), the risks one line
    each, and the outcome metrics the change should move."""
    outcomes = outcome_metrics(impact, names)
    return {
        "asks": asks(impact, names, dates),
        "risks": risks(impact, names),
        "outcomes": outcomes[:MAX_OUTCOMES],
        "outcomes_omitted": max(0, len(outcomes) - MAX_OUTCOMES),
    }


def asks(impact: Impact, names: Names, dates: dict[int, str | None]) -> list[dict[str, Any]]:
    decider = (
        _with_lead(impact.decider, names)
        if impact.decider
        else "nobody yet: name an owner for the change"
    )
    teams_from = dates.get(2)
    direct = [t for t in impact.touchpoints if t.how == "direct"]
    asks: list[dict[str, Any]] = []
    reached = [names.people.reach(t.owner).who for t in direct if t.owner]
    owners = list(dict.fromkeys(_with_lead(c, names) for c in reached if c is not None))
    if direct:
        asks.append(
            {
                "what": f"Agree how {_these(len(direct))} will work after the change, and who"
                f" in each team does the work: {_named([t.name for t in direct])}",
                "who": listed(owners) or decider,
                "by": teams_from,
            }
        )
    gaps = [g for g in impact.gaps if g.kind in ("unowned", "inactive-owner")]
    if gaps:
        asks.append(
            {
                "what": f"Name an owner for {_these(len(gaps))}:"
                f" {_named([names.touchpoint(g.subject) for g in gaps])}",
                "who": decider,
                "by": teams_from,
            }
        )
    leaderless = [g for g in impact.gaps if g.kind in ("no-leader", "inactive-leader")]
    if leaderless:
        asks.append(
            {
                "what": "Name an experience leader for"
                f" {_few([names.journey(g.subject) for g in leaderless])}",
                "who": decider,
                "by": teams_from,
            }
        )
    if direct:
        written = (
            "Approve"
            if impact.change.customer_message or impact.change.notes.customers
            else "Write and approve"
        )
        asks.append(
            {"what": f"{written} what customers will be told", "who": decider, "by": dates.get(3)}
        )
    return asks


def _with_lead(who: Contact, names: Names) -> str:
    """A team with the person who answers for it: `Contact Centre (Sofia Marín)`."""
    lead = names.people.contact(who.lead) if who.kind == "team" and who.lead else None
    return f"{who.name} ({lead.name})" if lead else who.name


def _these(n: int) -> str:
    return "this touchpoint" if n == 1 else f"these {n} touchpoints"


def _named(items: list[str], most: int = 3) -> str:
    """Touchpoint names after a colon, kept apart by semicolons: a name is often a sentence of
    its own ("The email telling me my new bill is ready"), commas and capitals included."""
    shown = "; ".join(items[:most])
    return shown if len(items) <= most else f"{shown}; and {len(items) - most} more"


def _few(items: list[str], most: int = 3) -> str:
    if len(items) <= most:
        return listed(items)
    return f"{', '.join(items[:most])} and {len(items) - most} more"


def risks(impact: Impact, names: Names) -> list[str]:
    by_id = {t.id: t for t in impact.touchpoints}
    affected = affected_journeys(impact)
    lines = []
    for g in impact.gaps:
        line = plain_gap(g, names)
        t = by_id.get(g.subject)
        if t is not None and g.kind in ("unowned", "inactive-owner"):
            line = f"{line[:-1]}, {journeys_on(t, affected)}."
        lines.append(line)
    risks = capped(lines)
    risks.extend(capped(moment_risks(impact, names), noun="more moments of truth"))
    if any(t.how == "direct" for t in impact.touchpoints) and not (
        impact.change.customer_message or impact.change.notes.customers
    ):
        risks.append("Customers have no message yet.")
    return risks
