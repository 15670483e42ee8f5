"""The change briefing pack as values for the templates, from one impact analysis.

The templates get the impact as its versioned JSON document (the same facts `cxkit impact -f
json` prints), the waves with dates counted back from the release, one brief per team of the
second wave, a message per persona, an executive summary, the owner's notes for each page, the
facts of the pages in plain words (`plain`: names, not ids), and a map of each affected journey
with the changed touchpoints highlighted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cxkit.analysis.impact import Impact, TouchpointImpact
from cxkit.analysis.people import People
from cxkit.analysis.waves import wave_offset, wave_start
from cxkit.errors import CxkitError
from cxkit.model.records.generated import Touchpoint
from cxkit.render.content import Names, page_facts, what_changes, whom_to_ask
from cxkit.render.maps import JourneyMap, journey_map
from cxkit.render.summary import summary
from cxkit.render.words import metric_words
from cxkit.render.writer import unique_names
from cxkit.report.impact_json import CXKIT, Tool, document
from cxkit.workspace import Workspace

# Days before the release each wave starts: stakeholders, teams, informed, customers.
DEFAULT_OFFSETS: tuple[int, int, int, int] = (21, 14, 7, 0)
# The most days a wave may start before its release: the span of the calendar Python's dates
# hold, from 0001-01-01 to 9999-12-31.
MAX_OFFSET = (dt.date.max - dt.date.min).days


@dataclass(slots=True)
class TeamBrief:
    id: str
    file: str
    name: str
    contact: str | None
    lead: str | None
    items: list[dict[str, Any]]  # {touchpoint, name, role, how, why, ask}: one per role
    kind: str = "team"  # or "person": someone addressed in their own name
    # The owner's note for this team (several, joined, when notes name people who left and
    # this one took over from them); None when they wrote none.
    note: str | None = None
    # Each touchpoint once: {name, roles (words), changes (sentences), pain_points, metrics}
    touchpoints: list[dict[str, Any]] = field(default_factory=list)
    # Whom to ask: {name, contact, why}; never the team itself; None when nobody is named.
    ask: dict[str, Any] | None = None


@dataclass(slots=True)
class Briefing:
    impact: dict[str, Any]
    waves: list[dict[str, Any]]
    teams: list[TeamBrief]
    raci: dict[str, Any]
    # The file of each affected journey's map, in the impact's order.
    journey_files: dict[str, str]
    # The owner's notes for the stakeholders and informed pages: {stakeholders, informed}.
    notes: dict[str, str | None]
    # One message per persona on an affected journey: {name, journeys, message, own}.
    customers: list[dict[str, Any]]
    # The executive summary: {asks: [{what, who, by}], risks: [line], outcomes: [metric]}.
    summary: dict[str, Any]
    # The impact's facts in names and words, for the pages people read (see `_plain`).
    plain: dict[str, Any]
    # What a journey's map is drawn from. A map is the biggest value of a briefing and each is
    # drawn on one page: it is made when that page renders, in whichever process renders it.
    _workspace: Workspace = field(repr=False, compare=False)
    _highlight: dict[str, str] = field(repr=False, compare=False)
    # Who stands in for whom, worked out once for every map of the pack, not once a map.
    _people: People = field(repr=False, compare=False)
    _made: dict[str, JourneyMap] = field(default_factory=dict, repr=False, compare=False)
    # The owners the change's review says were engaged late, each with the affected
    # touchpoints whose RACI does not name them yet (for "Next time").
    late: list[dict[str, Any]] = field(default_factory=list)

    def map_of(self, ident: str) -> JourneyMap:
        """The map of one affected journey, its changed touchpoints highlighted."""
        made = self._made.get(ident)
        if made is None:
            file = self.journey_files.get(ident)
            if file is None:
                raise CxkitError(f"'{ident}' is not a journey this change affects")
            made = self._made[ident] = journey_map(
                self._workspace, ident, self._highlight, self._people
            )
            made.file = file
        return made

    @property
    def maps(self) -> list[JourneyMap]:
        """Every affected journey's map, for a template that shows them all."""
        return [self.map_of(ident) for ident in self.journey_files]


def briefing(
    impact: Impact,
    workspace: Workspace,
    offsets: tuple[int, ...] = DEFAULT_OFFSETS,
    *,
    tool: Tool = CXKIT,
) -> Briefing:
    """The briefing pack's values for `impact`; `tool` is what wrote it, for a saved one."""
    plain = document(impact, tool)
    journeys = [j.id for j in impact.journeys if j.id in workspace.journeys]
    people = People(workspace)  # someone who left is shown as who took over from them
    names = Names(workspace, impact, people)
    waves = _dated_waves(impact, plain["waves"], offsets)
    dates = {w["number"]: w["date"] for w in waves}
    return Briefing(
        impact=plain,
        waves=waves,
        teams=_team_briefs(impact, workspace, people, names),
        raci=_raci_matrix(impact, workspace),
        journey_files=unique_names(journeys),
        notes={
            "stakeholders": impact.change.notes.stakeholders,
            "informed": impact.change.notes.informed,
        },
        customers=_persona_messages(impact, workspace),
        summary=summary(impact, names, dates),
        plain=page_facts(impact, names),
        _workspace=workspace,
        _highlight={t.id: t.how for t in impact.touchpoints},
        _people=people,
        late=_engaged_late(impact, workspace),
    )


def _engaged_late(impact: Impact, workspace: Workspace) -> list[dict[str, Any]]:
    """Each owner engaged late, by name, and the changed touchpoints to name them on."""
    from cxkit.analysis.release_review import late_owners

    direct = [t.id for t in impact.touchpoints if t.how == "direct"]
    changed = [ident for ident in direct if ident in workspace.touchpoints]
    return [
        {
            "id": owner.id,
            "name": owner.name,
            "add_to": [{"id": e.touchpoint, "name": e.touchpoint_name} for e in owner.edits],
        }
        for owner in late_owners(impact.change, workspace, changed)
    ]


def _dated_waves(
    impact: Impact, plain_waves: list[dict[str, Any]], offsets: tuple[int, ...]
) -> list[dict[str, Any]]:
    """Each wave as the document has it, with the day it starts, how many days before, and
    whether that day has come (`started`: a pack made late says which waves are under way)."""
    from cxkit.checks.policy import today

    day, now = impact.change.release, today()
    dated = []
    for wave, plain in zip(impact.waves, plain_waves, strict=True):
        offset = wave_offset(wave.number, offsets)
        start = wave_start(day, wave.number, offsets) if day else None
        dated.append(
            {
                **plain,
                "date": start.isoformat() if start else None,
                "days_before": offset,
                "started": start is not None and start <= now,
            }
        )
    return dated


# A team's brief lists what it owns as well as what it works on or is asked about.
_TEAM_ROLES = ("accountable", "responsible", "consulted")


def _team_briefs(
    impact: Impact, workspace: Workspace, people: People, names: Names
) -> list[TeamBrief]:
    wave_two = next((w for w in impact.waves if w.number == 2), None)
    if wave_two is None:
        return []
    touchpoints = {t.id: t for t in impact.touchpoints}
    files = unique_names([who.id for who in wave_two.audience])
    notes = _team_notes(impact, people)
    roles = _roles_by_team(impact, {who.id for who in wave_two.audience})
    briefs = []
    for who in wave_two.audience:
        held = [(touchpoints[i], r) for i, r in roles.get(who.id, {}).items() if i in touchpoints]
        ask = whom_to_ask(who, _askable(impact, [t for t, _ in held]), people)
        lead = workspace.owners.get(who.lead) if who.lead else None
        briefs.append(
            TeamBrief(
                who.id,
                files[who.id],
                who.name,
                who.contact,
                lead.entity.name if lead else who.lead,
                _items(held, ask.name if ask else "the change owner"),
                kind=who.kind,
                note=notes.get(who.id),
                touchpoints=[_team_touchpoint(t, r, impact, names) for t, r in held],
                ask=None
                if ask is None
                else {"name": ask.name, "contact": ask.contact, "why": ask.why},
            )
        )
    return briefs


def _team_notes(impact: Impact, people: People) -> dict[str, str]:
    """The owner's note for each page: a note naming someone who left goes to whoever took
    over from them (after that one's own note, if both have one)."""
    found: dict[str, list[str]] = {}
    written = impact.change.notes.teams
    for named in sorted(written, key=lambda n: people.reach(n).handed_over):
        who = people.reach(named).who
        if who is not None:
            found.setdefault(who.id, []).append(written[named].strip())
    return {ident: "\n\n".join(texts) for ident, texts in found.items()}


def _roles_by_team(impact: Impact, teams: set[str]) -> dict[str, dict[str, list[str]]]:
    """team id -> touchpoint id -> the team's roles on it, in the order of the roles."""
    found: dict[str, dict[str, list[str]]] = {}
    for e in impact.engage:
        if e.who.id not in teams or e.role not in _TEAM_ROLES:
            continue
        on = found.setdefault(e.who.id, {})
        for ident in e.because:
            held = on.setdefault(ident, [])
            if e.role not in held:
                held.append(e.role)
    return found


def _askable(impact: Impact, held: list[TouchpointImpact]) -> Iterator[tuple[str, str]]:
    """Whom a team may ask, best first: the change's owner, then the accountable owner of each
    touchpoint the team works on, then the leaders of the affected journeys. Made as asked for:
    nearly every team takes the first."""
    if impact.decider is not None:
        yield impact.decider.id, "owns this change and settles disagreements"
    for t in held:
        if t.owner:
            yield t.owner, f"is accountable for {t.name}"
    for j in impact.journeys:
        if j.leader is not None:
            yield j.leader.id, f"leads the journey {j.name}"


def _items(held: list[tuple[TouchpointImpact, list[str]]], ask: str) -> list[dict[str, Any]]:
    """One item per touchpoint and role, as templates written for earlier cxkit read them."""
    return [
        {"touchpoint": t.id, "name": t.name, "role": role, "how": t.how, "why": t.why, "ask": ask}
        for t, roles in held
        for role in roles
    ]


def _team_touchpoint(
    t: TouchpointImpact, roles: list[str], impact: Impact, names: Names
) -> dict[str, Any]:
    placed = names.workspace.touchpoints.get(t.id)
    metrics = placed.entity.metrics if placed else []
    return {
        "name": t.name,
        "roles": roles,
        "how": t.how,
        "changes": what_changes(t, impact, names),
        "pain_points": list(placed.entity.pain_points) if placed else [],
        "metrics": [metric_words(t.name, m) for m in metrics if m.actual is None or m.off_target()],
        "moment_of_truth": t.moment_of_truth,
    }


def _persona_messages(impact: Impact, workspace: Workspace) -> list[dict[str, Any]]:
    """Each persona on an affected journey, its journeys and its message: the owner's note for
    it, else the change's customer message. Customers of journeys without a persona get the
    customer message too. Nothing when no touchpoint changes: customers are not told."""
    if not any(t.how == "direct" for t in impact.touchpoints):
        return []
    change = impact.change
    journeys: dict[str | None, list[str]] = {}
    for j in impact.journeys:
        placed = workspace.journeys.get(j.id)
        persona = placed.entity.persona if placed else None
        known = persona if persona in workspace.personas else None
        journeys.setdefault(known, []).append(j.name)
    messages = []
    for persona, on in journeys.items():
        note = change.notes.customers.get(persona) if persona else None
        message = (note or change.customer_message or "").strip() or None
        name = workspace.personas[persona].entity.name if persona else None
        messages.append({"name": name, "journeys": on, "message": message, "own": bool(note)})
    return messages


# A matrix people can read; a change touching thousands of touchpoints lists the rest by count.
MAX_RACI_ROWS = 200


def _raci_matrix(impact: Impact, workspace: Workspace) -> dict[str, Any]:
    """Touchpoints x owners, each cell R, A, C, I (or several); rows also in column order.

    Direct touchpoints come first; past MAX_RACI_ROWS the rest are counted, not drawn.
    """
    rows: list[dict[str, Any]] = []
    columns: dict[str, str] = {}
    people = People(workspace)  # someone who left is shown as who took over from them
    ordered = sorted(impact.touchpoints, key=lambda t: t.how != "direct")
    for t in ordered[:MAX_RACI_ROWS]:
        placed = workspace.touchpoints.get(t.id)
        cells: dict[str, str] = {}
        for letter, ids in _raci_letters(placed.entity) if placed else []:
            for ident in ids:
                cells[ident] = cells.get(ident, "") + letter
                columns[ident] = people.shown(ident)
        rows.append({"id": t.id, "name": t.name, "how": t.how, "cells": cells})
    for row in rows:
        row["letters"] = [row["cells"].get(ident, "") for ident in columns]
    return {"columns": columns, "rows": rows, "omitted": max(0, len(ordered) - MAX_RACI_ROWS)}


def _raci_letters(t: Touchpoint) -> list[tuple[str, list[str]]]:
    return [
        ("A", [t.owner] if t.owner else []),
        ("R", t.responsible),
        ("C", t.consulted),
        ("I", t.informed),
    ]
