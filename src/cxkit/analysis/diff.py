"""What changed between two versions of a workspace, in the terms reviewers care about.

`diff_workspaces` returns `Delta` values: entities added, removed, renamed and changed (field by
field; lists as lists), and journey structure (stages, their paths, the customer's path; see
diff_structure.py). Each delta has a class a reviewer can gate on: `risk`, `notable` or `info`,
and a message that says what follows from it (who takes over from an owner who leaves, see
diff_people.py). The diff also says which journeys changed, those reached only through a
touchpoint they share with a changed journey included, and the ownership figure before and
after. Nothing here prints.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cxkit.analysis.coverage import Coverage, coverage
from cxkit.analysis.delta import CLASS_RANK, Class, Delta
from cxkit.analysis.diff_people import (
    Ownership,
    inactive_note,
    is_inactive,
    leaving_note,
    losses,
    ownership,
)
from cxkit.analysis.diff_structure import structure
from cxkit.analysis.holdings import holdings
from cxkit.analysis.takeover import taker
from cxkit.model.records.base import Record
from cxkit.model.records.generated import Journey, Metric
from cxkit.model.vocabulary import RACI_FIELDS, REFERENCES, SECTION
from cxkit.workspace import Workspace

# The order kinds are reported in: what customers live first, then who and what serves them.
KINDS = ("journey", "touchpoint", "owner", "system", "persona")
# Fields whose change matters to owners and customers; the rest (names, texts, tags) are info.
_NOTABLE_FIELDS = frozenset(
    {
        *RACI_FIELDS,
        "systems",
        "channel",
        "moment_of_truth",
        "emotion",
        "effort",
        "pain_points",
        "leader",
        "persona",
        "kind",
        "team",
        "lead",
        "active",
        "successor",
        "metrics",
        "goal",
    }
)
# The fields, by kind, that name an owner who answers for the entity (or takes over from one).
_OWNER_FIELDS: dict[str, frozenset[str]] = {
    kind: frozenset(
        ref.field
        for ref in REFERENCES.get(SECTION[kind], ())
        if ref.names == "owners" and (ref.holds or ref.field == "successor")
    )
    for kind in KINDS
}


@dataclass(frozen=True, slots=True)
class JourneyChange:
    """A journey the diff changes: the changes shown under it, and the shared touchpoints
    whose changes, shown under another journey, reach it too."""

    id: str
    changes: int
    through: list[str]


@dataclass(slots=True)
class WorkspaceDiff:
    old_label: str
    new_label: str
    deltas: list[Delta] = field(default_factory=list)
    also_on: dict[str, list[str]] = field(default_factory=dict)  # touchpoint -> other journeys
    journeys: list[JourneyChange] = field(default_factory=list)
    # Touchpoints with an active accountable owner, in each version (diff_people.ownership).
    ownership_before: Ownership = field(default_factory=lambda: Ownership(0, 0))
    ownership_after: Ownership = field(default_factory=lambda: Ownership(0, 0))
    # The coverage figures of each version (analysis/coverage.py), as validate reports them.
    coverage_before: Coverage = field(default_factory=Coverage)
    coverage_after: Coverage = field(default_factory=Coverage)

    def count(self, op: str) -> int:
        return sum(1 for d in self.deltas if d.op == op)

    def classed(self, cls: str) -> list[Delta]:
        return [d for d in self.deltas if d.cls == cls]

    @property
    def journeys_changed(self) -> list[str]:
        return [j.id for j in self.journeys]

    @property
    def touchpoints_changed(self) -> list[str]:
        """Touchpoints added, changed, put on a journey or moved (not removed), for impact.

        A change of class info (a new measurement, a reworded name) changes nothing customers
        meet: it plans no release."""
        found = [
            d.id for d in self.deltas if d.kind == "touchpoint" and d.op != "-" and d.cls != "info"
        ]
        found += [
            d.field.removeprefix("path.")
            for d in self.deltas
            if d.field.startswith("path.") and d.op != "-"
        ]
        return list(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class _Sides:
    """Both versions, for what a change means: who an owner named is, who takes over."""

    old: Workspace
    new: Workspace


def diff_workspaces(
    old: Workspace, new: Workspace, old_label: str, new_label: str
) -> WorkspaceDiff:
    result = WorkspaceDiff(old_label, new_label)
    new_homes = _homes(new)
    home = new_homes | {k: v for k, v in _homes(old).items() if k not in new_homes}
    entities = {
        kind: (
            {i: p.entity for i, p in getattr(old, SECTION[kind]).items()},
            {i: p.entity for i, p in getattr(new, SECTION[kind]).items()},
        )
        for kind in KINDS
    }
    sides = _Sides(old, new)
    renamed = {kind: _renames(*entities[kind]) for kind in KINDS}
    for kind in KINDS:
        before, after = entities[kind]
        for delta in _compare(kind, before, after, renamed[kind], renamed["touchpoint"], sides):
            journey = delta.journey or (
                delta.id
                if kind == "journey"
                else home.get(delta.id, [""])[0]
                if kind == "touchpoint"
                else ""
            )
            result.deltas.append(_with_journey(delta, journey))
    result.also_on = {t: js[1:] for t, js in home.items() if len(js) > 1}
    result.deltas.sort(
        key=lambda d: (
            d.journey == "",
            d.journey,
            KINDS.index(d.kind),
            d.id,
            -CLASS_RANK[d.cls],
            d.message,
        )
    )
    result.journeys = _journeys_changed(result.deltas, home)
    result.ownership_before, result.ownership_after = ownership(old), ownership(new)
    result.coverage_before, result.coverage_after = coverage(old), coverage(new)
    return result


def _journeys_changed(deltas: list[Delta], home: dict[str, list[str]]) -> list[JourneyChange]:
    """Every journey a change reaches: those with changes shown under them, and those a changed
    touchpoint stands on (in the new version, or the old one if it is gone) besides the journey
    its change is shown under."""
    shown = Counter(d.journey for d in deltas if d.journey)
    through: dict[str, set[str]] = {}
    for delta in deltas:
        if delta.kind == "touchpoint":
            for journey in home.get(delta.id, [])[1:]:
                through.setdefault(journey, set()).add(delta.id)
    return [
        JourneyChange(j, shown[j], sorted(through.get(j, ())))
        for j in sorted(shown.keys() | through.keys())
    ]


def _with_journey(delta: Delta, journey: str) -> Delta:
    if delta.journey == journey:
        return delta
    return Delta(
        delta.kind,
        delta.id,
        delta.op,
        delta.cls,
        delta.message,
        delta.field,
        delta.old,
        delta.new,
        journey,
    )


def _homes(workspace: Workspace) -> dict[str, list[str]]:
    """For each touchpoint, the journeys it is on, in workspace order."""
    return {t: list(dict.fromkeys(s.journey for s in steps)) for t, steps in workspace.uses.items()}


def _content(entity: Record) -> str:
    body = entity.as_plain()
    body.pop("id", None)
    return json.dumps(body, sort_keys=True, default=str)  # dates (last_reviewed) as written


def _compare(
    kind: str,
    before: dict[str, Record],
    after: dict[str, Record],
    renamed: dict[str, str],
    renamed_touchpoints: dict[str, str],
    sides: _Sides,
) -> Iterator[Delta]:
    removed = [i for i in before if i not in after]
    added = [i for i in after if i not in before]
    for old_id, new_id in renamed.items():
        yield Delta(
            kind,
            new_id,
            "~",
            "notable",
            f"{kind} {old_id} renamed to {new_id}",
            "id",
            old_id,
            new_id,
        )
    for ident in removed:
        if ident not in renamed:
            yield _removed(kind, ident, before[ident])
    for ident in added:
        if ident not in renamed.values():
            yield Delta(kind, ident, "+", "notable", f"{kind} {ident} added")
    for ident in sorted(before.keys() & after.keys()):
        yield from _fields(kind, ident, before[ident], after[ident], sides)
        old_journey, new_journey = before[ident], after[ident]
        if isinstance(old_journey, Journey) and isinstance(new_journey, Journey):
            yield from structure(ident, old_journey, new_journey, renamed_touchpoints)


def _renames(before: dict[str, Record], after: dict[str, Record]) -> dict[str, str]:
    """Old id -> new id for entities whose id changed but whose content did not."""
    removed = [i for i in before if i not in after]
    added = [i for i in after if i not in before]
    if not removed or not added:
        return {}
    by_content: dict[str, list[str]] = {}
    for ident in added:
        by_content.setdefault(_content(after[ident]), []).append(ident)
    renames: dict[str, str] = {}
    for ident in removed:
        candidates = by_content.get(_content(before[ident]))
        if candidates:
            renames[ident] = candidates.pop(0)
    return renames


def _removed(kind: str, ident: str, entity: Record) -> Delta:
    if kind == "touchpoint" and getattr(entity, "moment_of_truth", False):
        return Delta(kind, ident, "-", "risk", f"moment of truth {ident} removed")
    return Delta(kind, ident, "-", "notable", f"{kind} {ident} removed")


def _fields(kind: str, ident: str, old: Record, new: Record, sides: _Sides) -> Iterator[Delta]:
    skip = {"id", "stages", "metrics"}
    for name in new.field_names():
        if name in skip:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if isinstance(before, list) and isinstance(after, list):
            yield _list_delta(kind, ident, name, before, after, sides.new)
            continue
        cls, note = _judge(kind, ident, name, before, after, old, sides)
        yield Delta(
            kind,
            ident,
            "~",
            cls,
            f"{kind} {ident}: {name} {_show(before)} → {_show(after)}{note}",
            name,
            before,
            after,
        )
    if hasattr(new, "metrics"):
        yield from _metrics(kind, ident, old.metrics, new.metrics)  # type: ignore[attr-defined]


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _judge(
    kind: str, ident: str, name: str, before: Any, after: Any, old: Record, sides: _Sides
) -> tuple[Class, str]:
    """A changed field's class, and the note that says what follows from the change."""
    new = sides.new
    if kind == "touchpoint" and name == "owner" and not after:
        mot = getattr(old, "moment_of_truth", False)
        return "risk", " (a moment of truth loses its owner)" if mot else " (loses its owner)"
    if kind == "touchpoint" and name == "moment_of_truth" and before and not after:
        return "risk", " (no longer a moment of truth)"
    if kind == "journey" and name == "leader" and not after:
        return "risk", " (loses its leader)"
    if kind == "owner" and name == "active" and before is True and after is False:
        return "risk", f" ({leaving_note(new, ident)})"
    if kind == "owner" and name == "successor" and is_inactive(new, ident):
        lost = _successor_lost(ident, sides)
        if lost:
            return "risk", f" ({lost})"
    cls: Class = "notable" if name in _NOTABLE_FIELDS else "info"
    if name in _OWNER_FIELDS[kind] and is_inactive(new, after):
        # Handing a touchpoint or a journey to someone who has left leaves it with nobody.
        if (kind, name) in (("touchpoint", "owner"), ("journey", "leader")):
            cls = "risk"
        return cls, f" ({inactive_note(new, after)})"
    return cls, ""


def _successor_lost(owner: str, sides: _Sides) -> str:
    """For an inactive owner whose successor changed: what nobody takes over any more, if the
    old successor chain reached someone active and the new one does not."""
    held = holdings(sides.new, owner)
    now = taker(sides.new, owner)
    if not held or now.active or not taker(sides.old, owner).active:
        return ""
    lost = losses(held)
    return f"{now.phrase()}: {'; '.join(lost)}" if lost else f"{now.phrase()}: nobody takes over"


def _list_delta(
    kind: str, ident: str, name: str, before: list[Any], after: list[Any], new: Workspace
) -> Delta:
    gone = [x for x in before if x not in after]
    came = [x for x in after if x not in before]
    names_owners = name in _OWNER_FIELDS[kind]
    parts = [f"+{x}{_inactive_item(new, x) if names_owners else ''}" for x in came]
    parts += [f"-{x}" for x in gone]
    if not parts:
        parts = ["reordered"]
    cls: Class = "notable" if name in _NOTABLE_FIELDS else "info"
    return Delta(
        kind, ident, "~", cls, f"{kind} {ident}: {name} {', '.join(parts)}", name, before, after
    )


def _inactive_item(workspace: Workspace, owner: Any) -> str:
    """` (inactive; successor raj-patel takes over)` after an inactive owner added to a list."""
    if not isinstance(owner, str) or not is_inactive(workspace, owner):
        return ""
    return f" (inactive; {taker(workspace, owner).phrase()})"


def _metrics(kind: str, ident: str, before: list[Metric], after: list[Metric]) -> Iterator[Delta]:
    old = {m.name: m for m in before}
    new = {m.name: m for m in after}
    for name in sorted(old.keys() - new.keys()):
        yield _metric_removed(kind, ident, old[name])
    for name in sorted(new.keys() - old.keys()):
        yield Delta(
            kind,
            ident,
            "~",
            "notable",
            f"{kind} {ident}: metric {name} added",
            f"metrics.{name}",
            None,
            new[name].as_plain(),
        )
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name], new[name]
        for attr in ("target", "actual", "better", "unit"):
            x, y = getattr(a, attr), getattr(b, attr)
            if x == y:
                continue
            lowered = attr == "target" and _weaker(a, x, y)
            cls: Class = "risk" if lowered else "info" if attr in ("actual", "unit") else "notable"
            note = " (target lowered)" if lowered else ""
            yield Delta(
                kind,
                ident,
                "~",
                cls,
                f"{kind} {ident}: {name}.{attr} {_show(x)} → {_show(y)}{note}",
                f"metrics.{name}.{attr}",
                x,
                y,
            )


def _metric_removed(kind: str, ident: str, metric: Metric) -> Delta:
    """Deleting a metric that misses its target hides the miss, as lowering the target would:
    a risk. Deleting one that is on target, or unmeasured, is notable."""
    if metric.off_target():
        unit = metric.unit or ""
        unit = unit if unit in ("", "%") else f" {unit}"
        cls: Class = "risk"
        note = (
            f" while it misses its target ({_show(metric.actual)}{unit},"
            f" target {_show(metric.target)}{unit})"
        )
    else:
        cls, note = "notable", ""
    return Delta(
        kind,
        ident,
        "~",
        cls,
        f"{kind} {ident}: metric {metric.name} removed{note}",
        f"metrics.{metric.name}",
        metric.as_plain(),
        None,
    )


def _weaker(metric: Metric, old: float | None, new: float | None) -> bool:
    """Whether a new target asks for less than the old one."""
    if old is None or new is None:
        return False
    return new < old if metric.better == "higher" else new > old
