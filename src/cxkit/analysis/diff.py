"""What changed between two versions of a workspace, in the terms reviewers care about.

`diff_workspaces` returns `Delta` values: entities added, removed, renamed and changed (field by
field; lists as lists), and journey structure (stages and the customer's path). Each delta has a
class a reviewer can gate on: `risk`, `notable` or `info`. Nothing here prints.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from cxkit.model.records.base import Record
from cxkit.model.records.generated import Journey, Metric
from cxkit.model.vocabulary import RACI_FIELDS, SECTION
from cxkit.workspace import Workspace

Op = Literal["+", "-", "~", "→"]
Class = Literal["risk", "notable", "info"]
CLASS_RANK: dict[str, int] = {"risk": 3, "notable": 2, "info": 1}
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
        "leader",
        "persona",
        "kind",
        "team",
        "lead",
        "active",
        "metrics",
        "goal",
    }
)


@dataclass(frozen=True, slots=True)
class Delta:
    kind: str
    id: str
    op: Op
    cls: Class
    message: str
    field: str = ""
    old: Any = None
    new: Any = None
    journey: str = ""  # the journey this delta is shown under ('' for other entities)


@dataclass(slots=True)
class WorkspaceDiff:
    old_label: str
    new_label: str
    deltas: list[Delta] = field(default_factory=list)
    also_on: dict[str, list[str]] = field(default_factory=dict)  # touchpoint -> other journeys

    def count(self, op: str) -> int:
        return sum(1 for d in self.deltas if d.op == op)

    def classed(self, cls: str) -> list[Delta]:
        return [d for d in self.deltas if d.cls == cls]

    @property
    def journeys_changed(self) -> list[str]:
        return list(dict.fromkeys(d.journey for d in self.deltas if d.journey))

    @property
    def touchpoints_changed(self) -> list[str]:
        """Touchpoints added, changed, put on a journey or moved (not removed), for impact."""
        found = [d.id for d in self.deltas if d.kind == "touchpoint" and d.op != "-"]
        found += [
            d.field.removeprefix("path.")
            for d in self.deltas
            if d.field.startswith("path.") and d.op != "-"
        ]
        return list(dict.fromkeys(found))


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
    renamed = {kind: _renames(*entities[kind]) for kind in KINDS}
    for kind in KINDS:
        before, after = entities[kind]
        for delta in _compare(kind, before, after, renamed[kind], renamed["touchpoint"], new):
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
    return result


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
    return json.dumps(body, sort_keys=True)


def _compare(
    kind: str,
    before: dict[str, Record],
    after: dict[str, Record],
    renamed: dict[str, str],
    renamed_touchpoints: dict[str, str],
    new: Workspace,
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
        yield from _fields(kind, ident, before[ident], after[ident], new)
        old_journey, new_journey = before[ident], after[ident]
        if isinstance(old_journey, Journey) and isinstance(new_journey, Journey):
            yield from _structure(ident, old_journey, new_journey, renamed_touchpoints)


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


def _fields(
    kind: str, ident: str, old: Record, new: Record, workspace: Workspace
) -> Iterator[Delta]:
    skip = {"id", "stages", "metrics"}
    for name in new.field_names():
        if name in skip:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        cls = _field_class(kind, name, before, after, old, workspace)
        if isinstance(before, list) and isinstance(after, list):
            yield _list_delta(kind, ident, name, before, after, cls)
        else:
            yield Delta(
                kind,
                ident,
                "~",
                cls,
                f"{kind} {ident}: {name} {_show(before)} → {_show(after)}"
                + _risk_note(kind, name, after, old),
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


def _field_class(
    kind: str, name: str, before: Any, after: Any, old: Record, workspace: Workspace
) -> Class:
    if kind == "touchpoint" and name == "owner" and before and not after:
        return "risk"
    if kind == "owner" and name == "active" and before and not after:
        return "risk"
    if (
        kind == "journey"
        and name == "leader"
        and (not after or (after in workspace.owners and not workspace.owners[after].entity.active))
    ):
        return "risk"
    return "notable" if name in _NOTABLE_FIELDS else "info"


def _risk_note(kind: str, name: str, after: Any, old: Record) -> str:
    if kind == "touchpoint" and name == "owner" and not after:
        mot = getattr(old, "moment_of_truth", False)
        return " (a moment of truth loses its owner)" if mot else " (loses its owner)"
    if name == "active" and after is False:
        return " (becomes inactive)"
    if kind == "journey" and name == "leader":
        return " (loses its leader)" if not after else ""
    return ""


def _list_delta(
    kind: str, ident: str, name: str, before: list[Any], after: list[Any], cls: Class
) -> Delta:
    gone = [x for x in before if x not in after]
    came = [x for x in after if x not in before]
    parts = [f"+{x}" for x in came] + [f"-{x}" for x in gone]
    if not parts:
        parts = ["reordered"]
    return Delta(
        kind, ident, "~", cls, f"{kind} {ident}: {name} {', '.join(parts)}", name, before, after
    )


def _metrics(kind: str, ident: str, before: list[Metric], after: list[Metric]) -> Iterator[Delta]:
    old = {m.name: m for m in before}
    new = {m.name: m for m in after}
    for name in sorted(old.keys() - new.keys()):
        yield Delta(
            kind,
            ident,
            "~",
            "notable",
            f"{kind} {ident}: metric {name} removed",
            f"metrics.{name}",
            old[name].as_plain(),
            None,
        )
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


def _weaker(metric: Metric, old: float | None, new: float | None) -> bool:
    """Whether a new target asks for less than the old one."""
    if old is None or new is None:
        return False
    return new < old if metric.better == "higher" else new > old


def _structure(ident: str, old: Journey, new: Journey, renamed: dict[str, str]) -> Iterator[Delta]:
    """Stages added, removed, renamed, reordered; touchpoints on the path added, removed, moved."""
    before = {s.id: s for s in old.stages}
    after = {s.id: s for s in new.stages}
    for sid in before:
        if sid not in after:
            yield Delta(
                "journey",
                ident,
                "-",
                "risk",
                f"journey {ident}: stage {sid} removed",
                f"stages.{sid}",
                journey=ident,
            )
    for sid in after:
        if sid not in before:
            yield Delta(
                "journey",
                ident,
                "+",
                "notable",
                f"journey {ident}: stage {sid} added",
                f"stages.{sid}",
                journey=ident,
            )
        elif before[sid].name != after[sid].name:
            yield Delta(
                "journey",
                ident,
                "~",
                "info",
                f"journey {ident}: stage {sid} renamed '{before[sid].name}' → '{after[sid].name}'",
                f"stages.{sid}.name",
                before[sid].name,
                after[sid].name,
                ident,
            )
    common_old = [s for s in before if s in after]
    common_new = [s for s in after if s in before]
    if common_old != common_new:
        yield Delta(
            "journey",
            ident,
            "→",
            "notable",
            f"journey {ident}: stages reordered: {' → '.join(common_new)}",
            "stages",
            common_old,
            common_new,
            ident,
        )
    yield from _path(ident, old, new, renamed)


def _items(journey: Journey, renamed: dict[str, str]) -> dict[str, list[str]]:
    """Each stage's touchpoint ids; renamed touchpoints under their new id."""
    return {
        s.id: [
            renamed.get(i, i)
            for lane in s.lanes().values()
            for i in (t if isinstance(t, str) else t.id for t in lane)
        ]
        for s in journey.stages
    }


def _path(ident: str, old: Journey, new: Journey, renamed: dict[str, str]) -> Iterator[Delta]:
    """Touchpoints put on, taken off, moved between and reordered within stages.

    A touchpoint may stand on a journey more than once, so stages are compared as multisets:
    a touchpoint that stands once on each side, in another stage, has moved; otherwise each
    stage that gained or lost an occurrence says so.
    """
    before, after = _items(old, renamed), _items(new, {})
    for t in dict.fromkeys([*_flat(before), *_flat(after)]):
        was = Counter(sid for sid, ts in before.items() for x in ts if x == t)
        now = Counter(sid for sid, ts in after.items() for x in ts if x == t)
        if was == now:
            continue
        if was.total() == now.total() == 1:
            (old_stage,), (new_stage,) = was, now
            yield _path_delta(
                ident, t, "→", f"moved from stage {old_stage} to {new_stage}", old_stage, new_stage
            )
            continue
        for sid in dict.fromkeys([*was, *now]):
            if now[sid] > was[sid]:
                again = " again" if was.total() else ""
                yield _path_delta(ident, t, "+", f"put on stage {sid}{again}", None, sid)
            elif now[sid] < was[sid]:
                yield _path_delta(ident, t, "-", f"taken off stage {sid}", sid, None)
    for sid in sorted(before.keys() & after.keys()):
        kept_old, kept_new = _common_order(before[sid], after[sid])
        if kept_old != kept_new:
            yield Delta(
                "journey",
                ident,
                "→",
                "notable",
                f"journey {ident}: stage {sid} reordered: {' → '.join(kept_new)}",
                f"stages.{sid}.touchpoints",
                kept_old,
                kept_new,
                ident,
            )


def _flat(stages: dict[str, list[str]]) -> list[str]:
    return [t for ts in stages.values() for t in ts]


def _path_delta(
    ident: str, touchpoint: str, op: Op, what: str, old: str | None, new: str | None
) -> Delta:
    return Delta(
        "journey",
        ident,
        op,
        "notable",
        f"journey {ident}: touchpoint {touchpoint} {what}",
        f"path.{touchpoint}",
        old,
        new,
        ident,
    )


def _common_order(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Both lists cut to the occurrences they share, each in its own order."""
    shared = Counter(old) & Counter(new)

    def keep(items: list[str]) -> list[str]:
        left = Counter(shared)
        kept = []
        for item in items:
            if left[item] > 0:
                left[item] -= 1
                kept.append(item)
        return kept

    return keep(old), keep(new)
