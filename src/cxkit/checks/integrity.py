"""The format's whole-workspace checks: ids defined once, every reference defined, kinds right."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from cxkit.checks.findings import Finding, Location
from cxkit.model.scalars import ID_RULE, is_valid_id
from cxkit.model.vocabulary import REFERENCES, SINGULAR, Reference, Section
from cxkit.workspace import Placed, Workspace

# Suggesting a near id costs a scan of all ids of that kind; enough for real typos.
_MAX_SUGGESTIONS = 200


def check_integrity(workspace: Workspace) -> list[Finding]:
    checker = _References(workspace)
    findings = list(_duplicate_ids(workspace))
    findings.extend(_duplicate_stages(workspace))
    findings.extend(_stage_layouts(workspace))
    findings.extend(checker.all())
    findings.extend(_successor_loops(workspace))
    return findings


def _duplicate_ids(workspace: Workspace) -> Iterator[Finding]:
    for kind, by_id in workspace.definitions.items():
        for ident, places in by_id.items():
            if len(places) > 1:
                yield from _each_place(
                    [p.location("id") for p in places],
                    f"{SINGULAR[kind]} id '{ident}' is defined {len(places)} times",
                    f"{kind}:{ident}",
                )


def _duplicate_stages(workspace: Workspace) -> Iterator[Finding]:
    """Stage ids used twice in one journey, in every definition of every journey."""
    for journey in workspace.definitions_of("journeys"):
        journey_id = getattr(journey.entity, "id", "")
        for stage_id, indexes in _stage_indexes(journey).items():
            if len(indexes) > 1:
                # Positions cost a walk of the file's data: only duplicates pay for theirs.
                locations = [journey.location("stages", s, "id") for s in indexes]
                yield from _each_place(
                    locations,
                    f"stage id '{stage_id}' is used {len(locations)} times in journey"
                    f" '{journey_id}'",
                    f"journeys:{journey_id}",
                )


def _stage_indexes(journey: Placed[Any]) -> dict[str, list[int]]:
    """Where each stage id stands in a journey's stages."""
    indexes: dict[str, list[int]] = {}
    for s, stage in enumerate(getattr(journey.entity, "stages", [])):
        if stage.id:
            indexes.setdefault(stage.id, []).append(s)
    return indexes


def _stage_layouts(workspace: Workspace) -> Iterator[Finding]:
    """A stage has `touchpoints` or `paths`: one of them, not both."""
    for journey in workspace.definitions_of("journeys"):
        entity = f"journeys:{getattr(journey.entity, 'id', '')}"
        for s, stage in enumerate(getattr(journey.entity, "stages", [])):
            if stage.touchpoints is None and stage.paths is None:
                yield Finding(
                    journey.location("stages", s),
                    "missing-field",
                    f"stage '{stage.id}' needs 'touchpoints' (one path) or 'paths' (several)",
                    entity=entity,
                )
            elif stage.touchpoints is not None and stage.paths is not None:
                yield Finding(
                    journey.location("stages", s, "paths", key=True),
                    "invalid-value",
                    f"stage '{stage.id}' has both 'touchpoints' and 'paths': keep one (put the"
                    " touchpoints on a path of their own)",
                    entity=entity,
                )


def _successor_loops(workspace: Workspace) -> Iterator[Finding]:
    """Successors that lead back to where they started: who would take over is never settled."""
    owners = workspace.owners
    reported: set[str] = set()
    for start, placed in owners.items():
        chain = [start]
        nxt = placed.entity.successor
        while nxt in owners and nxt not in chain and nxt not in reported:
            chain.append(nxt)
            nxt = owners[nxt].entity.successor
        if nxt != start:
            continue
        reported.update(chain)
        loop = " → ".join([*chain, start])
        message = (
            f"owner '{start}' names itself as its successor"
            if len(chain) == 1
            else f"successors form a loop: {loop}; one of them must be active or name someone"
            " outside it"
        )
        yield Finding(
            placed.location("successor"), "successor-loop", message, entity=f"owners:{start}"
        )


def _each_place(locations: list[Location], message: str, entity: str) -> Iterator[Finding]:
    """One finding at each place a duplicate stands, naming the others."""
    for here in locations:
        others = tuple(loc for loc in locations if loc is not here)
        where = ", ".join(str(o) for o in others)
        yield Finding(
            here, "id-duplicate", f"{message} (also at {where})", entity=entity, related=others
        )


class _References:
    """Checks every reference of every entity against the index."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.suggested = 0
        self.findings: list[Finding] = []
        self.defined: dict[Section, dict[str, Placed[Any]]] = {
            "owners": workspace.owners,
            "personas": workspace.personas,
            "systems": workspace.systems,
            "touchpoints": workspace.touchpoints,
        }

    def all(self) -> list[Finding]:
        ws = self.ws
        for kind, references in REFERENCES.items():
            for placed in ws.definitions_of(kind):
                self.references_of(placed, references)
        for step in ws.all_steps():
            if step.touchpoint not in ws.touchpoints:
                self.undefined(
                    step.place.location(*step.item),
                    "touchpoints",
                    "touchpoint",
                    step.touchpoint,
                    f"journeys:{step.journey}",
                )
        return self.findings

    def references_of(self, placed: Placed[Any], references: tuple[Reference, ...]) -> None:
        """Check one entity's references. Nearly all are to defined ids of the right kind, so
        only the others go on to `check`: a workspace has a hundred thousand references."""
        entity = placed.entity
        for ref in references:
            defined = self.defined[ref.names]
            if ref.is_list:
                for i, value in enumerate(getattr(entity, ref.field, ())):
                    if value not in defined:
                        self.check(placed, (ref.field, i), ref.field, value, ref.names, "")
            else:
                value = getattr(entity, ref.field, None)
                if value and (ref.must_be or value not in defined):
                    self.check(placed, (ref.field,), ref.field, value, ref.names, ref.must_be)

    def check(
        self,
        placed: Placed[Any],
        path: tuple[str | int, ...],
        field: str,
        value: str,
        kind: Section,
        must_be: str,
    ) -> None:
        entity = f"{placed.path[0]}:{placed.entity.id}"
        target = self.defined[kind].get(value)
        if target is None:
            self.undefined(placed.location(*path), kind, field, value, entity)
        elif must_be and target.entity.kind not in (must_be, None):
            self.findings.append(
                Finding(
                    placed.location(*path),
                    "ref-wrong-kind",
                    f"{field} '{value}' is a {target.entity.kind},"
                    f" but a {field} must be a {must_be}",
                    entity=entity,
                )
            )

    def undefined(
        self, where: Location, kind: Section, field: str, value: str, entity: str
    ) -> None:
        if not is_valid_id(value):
            message = f"{field} '{value}' is not defined: it is not a valid id ({ID_RULE})"
            lowered = value.strip().lower().replace(" ", "-")
            if lowered in getattr(self.ws, kind):
                message += f"; did you mean '{lowered}'?"
        else:
            message = f"{field} '{value}' is not a defined {SINGULAR[kind]}"
            message += self.suggestion(kind, value)
        self.findings.append(Finding(where, "ref-undefined", message, entity=entity))

    def suggestion(self, kind: Section, value: str) -> str:
        if self.suggested >= _MAX_SUGGESTIONS:
            return ""
        self.suggested += 1
        close = difflib.get_close_matches(value, list(getattr(self.ws, kind)), n=1, cutoff=0.75)
        return f" (did you mean '{close[0]}'?)" if close else ""
