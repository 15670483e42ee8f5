"""What each briefing page says, in plain words: the owner's notes where they wrote them, and
where they did not, what the workspace knows about each audience.

Pages show names, never ids; metric names in words and values with their unit; nobody who left
is addressed, and a team is never told to ask itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cxkit.analysis.impact import Gap, Impact, TouchpointImpact, for_the_author
from cxkit.analysis.people import Contact, People
from cxkit.render.words import changes, count, listed, metric_words, noun, sentence_start
from cxkit.workspace import Workspace

# At most this many lines of one kind in the executive summary: past it, a count.
MAX_SUMMARY_LINES = 8
MAX_OUTCOMES = 24


class Names:
    """Ids as the names people read, looked up in the workspace (the id when it has none)."""

    def __init__(self, workspace: Workspace, impact: Impact, people: People) -> None:
        self.workspace, self.people = workspace, people
        self._touchpoints = {t.id: t.name for t in impact.touchpoints}

    def touchpoint(self, ident: str) -> str:
        placed = self.workspace.touchpoints.get(ident)
        return placed.entity.name if placed else self._touchpoints.get(ident, ident)

    def journey(self, ident: str) -> str:
        placed = self.workspace.journeys.get(ident)
        return placed.entity.name if placed else ident

    def stage(self, journey: str, ident: str) -> str:
        placed = self.workspace.journeys.get(journey)
        for stage in placed.entity.stages if placed else []:
            if stage.id == ident:
                return stage.name
        return ident

    def system(self, ident: str) -> str:
        placed = self.workspace.systems.get(ident)
        return placed.entity.name if placed else ident

    def owner(self, ident: str) -> str:
        """An owner by name; someone who left, as who answers for them now."""
        return self.people.shown(ident)

    def any(self, ident: str) -> str:
        """An id of any kind a change's engagement names: touchpoint, journey or system."""
        for lookup in (self.workspace.touchpoints, self.workspace.journeys, self.workspace.systems):
            placed = lookup.get(ident)
            if placed is not None:
                return str(placed.entity.name)
        return self._touchpoints.get(ident, ident)


def what_changes(t: TouchpointImpact, impact: Impact, names: Names) -> list[str]:
    """What the change does to a touchpoint, in sentences a team can act on."""
    change = impact.change
    placed = names.workspace.touchpoints.get(t.id)
    entity = placed.entity if placed else None
    said: list[str] = []
    if t.how == "downstream":
        return [_downstream_words(t, names)]
    if t.id in change.affects.touchpoints:
        said.append(f"The change is made here: {sentence_start(change.title.strip())}.")
    systems = [s for s in entity.systems if s in change.affects.systems] if entity else []
    if systems:
        runs = listed([names.system(s) for s in systems])
        kind = "a system" if len(systems) == 1 else "systems"
        said.append(
            f"It runs on {runs}, {kind} this change alters: expect it to work differently once"
            " the change is live."
        )
    if entity and entity.channel and entity.channel in change.affects.channels:
        said.append(f"It is on the {entity.channel} channel, which this change covers as a whole.")
    held = _held_by_named_owners(entity, change.affects.owners) if entity else []
    if held:
        said.append(
            f"{listed([names.owner(o) for o in held])} hold a role here, and this change"
            " covers what they hold."
        )
    return said or [f"It changes with {sentence_start(change.title.strip())}."]


def _held_by_named_owners(entity: Any, owners: list[str]) -> list[str]:
    if not owners:
        return []
    roles = [entity.owner, *entity.responsible, *entity.consulted, *entity.informed]
    return [o for o in owners if o in roles]


def _downstream_words(t: TouchpointImpact, names: Names) -> str:
    after = "right after" if t.steps == 1 else f"{t.steps} steps after"
    return (
        f"Customers reach it {after} a touchpoint that changes, so they arrive here having met"
        " the new experience."
    )


def plain_gap(gap: Gap, names: Names) -> str:
    """A gap of the analysis in names, for a page (the analysis's message has ids)."""
    if gap.kind == "unowned":
        return f"{names.touchpoint(gap.subject)} has no accountable owner."
    if gap.kind == "inactive-owner":
        placed = names.workspace.touchpoints.get(gap.subject)
        owner = placed.entity.owner if placed else None
        who = names.people.contact(owner)
        left = who.name if who else (owner or "its owner")
        return f"{names.touchpoint(gap.subject)}: its owner {left} left, with no successor."
    if gap.kind == "no-leader":
        return f"{names.journey(gap.subject)} has no experience leader."
    if gap.kind == "inactive-leader":
        journey = names.workspace.journeys.get(gap.subject)
        leader = journey.entity.leader if journey else None
        who = names.people.contact(leader)
        left = who.name if who else (leader or "its leader")
        return (
            f"{names.journey(gap.subject)}: its experience leader {left} left, with no successor."
        )
    return _named(gap.message, names)


def _named(message: str, names: Names) -> str:
    """A message of the analysis with each quoted id ('ivr-menu') given as its name."""
    out = []
    for i, part in enumerate(message.split("'")):
        out.append(names.any(part) if i % 2 == 1 and part not in ("",) else part)
    text = "".join(out)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def plain_handover(owner: str, to: Contact | None, impact: Impact, names: Names) -> str:
    """Who left, who answers instead, and for what: in names."""
    left = names.people.contact(owner)
    who = left.name if left else owner
    held = [
        names.touchpoint(t.id)
        for t in impact.touchpoints
        if t.how == "direct" and _holds(names, t.id, owner)
    ]
    for_what = f" for {listed(held)}" if held else ""
    if to is None:
        return f"{who} left{for_what}, and nobody took over."
    return f"{who} left; {to.name} answers instead{for_what}."


def _holds(names: Names, touchpoint: str, owner: str) -> bool:
    placed = names.workspace.touchpoints.get(touchpoint)
    if placed is None:
        return False
    return owner in _held_by_named_owners(placed.entity, [owner])


@dataclass(frozen=True, slots=True)
class Asker:
    """Whom a team asks: a person (or a team without a lead), with how to reach them."""

    name: str
    contact: str | None
    why: str


def whom_to_ask(
    team: Contact, candidates: Iterable[tuple[str, str]], people: People
) -> Asker | None:
    """The first of `candidates` (owner id, why they are asked) who is neither the team itself
    nor its own lead, as a person: a team is asked through its active lead."""
    for ident, why in candidates:
        reached = people.reach(ident).who
        if reached is None:
            continue
        person = people.contact(reached.lead) if reached.kind == "team" and reached.lead else None
        asked = person or reached
        if team.id in (reached.id, asked.id) or asked.id == team.lead:
            continue
        if person is not None:
            return Asker(person.name, person.contact, f"lead of {reached.name}, which {why}")
        return Asker(asked.name, asked.contact, why)
    return None


def journeys_on(t: TouchpointImpact, affected: frozenset[str]) -> str:
    """`on 2 of 3 journeys`: how many of the affected journeys (their ids) meet this touchpoint."""
    on = sum(1 for j in t.journeys if j in affected)
    return f"on {on} of {count(len(affected), 'journey')}"


def affected_journeys(impact: Impact) -> frozenset[str]:
    return frozenset(j.id for j in impact.journeys)


def moment_risks(impact: Impact, names: Names) -> list[str]:
    """One line per moment of truth the change hits, those it changes first."""
    affected = affected_journeys(impact)
    lines = []
    for t in sorted(impact.touchpoints, key=lambda t: (t.how != "direct", t.steps)):
        if not t.moment_of_truth:
            continue
        how = "changes" if t.how == "direct" else "comes right after a change"
        if t.how == "downstream" and t.steps > 1:
            how = f"comes {t.steps} steps after a change"
        lines.append(f"{t.name}, a moment of truth, {how}, {journeys_on(t, affected)}.")
    return lines


def capped(lines: list[str], most: int = MAX_SUMMARY_LINES, noun: str = "more") -> list[str]:
    if len(lines) <= most:
        return lines
    return [*lines[:most], f"And {len(lines) - most} {noun}."]


def outcome_metrics(impact: Impact, names: Names) -> list[dict[str, str]]:
    """The journeys' outcome metrics, then the changed touchpoints' metrics off target or not
    measured: what the change should move, with today's value and the target."""
    rows = []
    for j in impact.journeys:
        placed = names.workspace.journeys.get(j.id)
        for m in placed.entity.metrics if placed else []:
            rows.append(metric_words(j.name, m))
    for t in impact.touchpoints:
        if t.how != "direct":
            continue
        touchpoint = names.workspace.touchpoints.get(t.id)
        for m in touchpoint.entity.metrics if touchpoint else []:
            if m.actual is None or m.off_target():
                rows.append(metric_words(t.name, m))
    return rows


def page_facts(impact: Impact, names: Names) -> dict[str, Any]:
    """The impact's facts as pages show them: names, not ids; counts with their nouns."""
    return {
        "facts": _facts(impact),
        "journeys": {
            j.id: {
                "first_stage": names.stage(j.id, j.first_stage),
                "downstream": [names.stage(j.id, s) for s in j.stages_downstream],
                "stages": f"{len(j.stages_changed)} of {j.stages_total}",
                "touchpoints": f"{len(j.direct)} + {len(j.downstream)} after",
            }
            for j in impact.journeys
        },
        "most_exposed": [x.name for x in impact.most_exposed],
        "gaps": [plain_gap(g, names) for g in impact.gaps],
        # The impact's warnings, but those asking the change file's author to write something:
        # the overview says once that notes are missing, the customers page the message.
        "warnings": [w for w in impact.warnings if not for_the_author(w)],
        "handovers": [
            plain_handover(h.owner, names.people.reach(h.owner).who, impact, names)
            for h in impact.handovers
        ],
        "why": {x.id: " ".join(what_changes(x, impact, names)) for x in impact.touchpoints},
        "owners": {x.id: names.owner(x.owner) if x.owner else None for x in impact.touchpoints},
        "informed": _informed(impact, names),
        # each wave's message cut into text and ISO dates, so a page can keep a date on one line
        "messages": [_with_dates(w.message) for w in impact.waves],
    }


def _facts(impact: Impact) -> list[dict[str, str]]:
    """The change's scope in figures, each with its words: the same on every page and format."""
    t = impact.totals
    stages = sum(j.stages_total for j in impact.journeys)
    return [
        {"value": str(t.journeys), "label": noun(t.journeys, "journey")},
        {
            "value": f"{t.stages_changed} of {stages}",
            "label": f"{noun(stages, 'stage')} {changes(t.stages_changed)}",
        },
        {
            "value": str(t.touchpoints_direct),
            "label": f"{noun(t.touchpoints_direct, 'touchpoint')} {changes(t.touchpoints_direct)}",
        },
        {
            "value": str(t.touchpoints_downstream),
            "label": (
                f"right after {'it' if t.touchpoints_direct == 1 else 'them'}"
                if impact.depth == 1
                else "downstream"
            ),
        },
        {
            "value": str(t.moments_of_truth),
            "label": f"{noun(t.moments_of_truth, 'moment')} of truth",
        },
    ]


def _informed(impact: Impact, names: Names) -> list[dict[str, str]]:
    """Each one kept informed (wave 3), and why they hear of it, in names."""
    wave = next((w for w in impact.waves if w.number == 3), None)
    told = {c.id for c in wave.audience} if wave else set()
    found = []
    for e in impact.engage:
        if e.role not in ("informed", "downstream") or e.who.id not in told:
            continue
        if e.role == "informed":
            why = f"informed on {listed([names.any(i) for i in e.because])}"
        else:
            held = [*_stood_in_for(e.notes), e.who.id]
            why = "; ".join(
                f"{listed(_roles_on(names, i, held)) or 'a role'} on {names.touchpoint(i)}"
                for i in e.because
            )
            why += ", which customers meet right after a touchpoint that changes"
        stands_in = [c for c in (names.people.contact(n) for n in _stood_in_for(e.notes)) if c]
        if stands_in:
            why += f" (for {listed([c.name for c in stands_in])}, who left)"
        found.append({"name": e.who.name, "why": why})
    return found


_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _with_dates(text: str) -> list[dict[str, Any]]:
    """`text` as pieces: {text, date}, where `date` says the piece is an ISO date."""
    return [
        {"text": piece, "date": i % 2 == 1}
        for i, piece in enumerate(_ISO_DATE.split(text))
        if piece
    ]


def _roles_on(names: Names, touchpoint: str, who: list[str]) -> list[str]:
    """The RACI roles any of `who` hold on a touchpoint, in words."""
    placed = names.workspace.touchpoints.get(touchpoint)
    if placed is None:
        return []
    t = placed.entity
    held = [
        ("accountable", [t.owner] if t.owner else []),
        ("responsible", t.responsible),
        ("consulted", t.consulted),
        ("informed", t.informed),
    ]
    return [role for role, ids in held if set(ids) & set(who)]


def _stood_in_for(notes: list[str]) -> list[str]:
    """The ids of those who left that a note like "takes over from a → b (inactive)" names."""
    prefix, suffix = "takes over from ", " (inactive)"
    found = []
    for note in notes:
        if note.startswith(prefix) and note.endswith(suffix):
            found.extend(note[len(prefix) : -len(suffix)].split(" → "))
    return found
