"""How a journey's structure changed: its stages, and the customer's path through them.

Stages are added, removed, renamed and reordered. Inside a stage the customer follows its one
path (`touchpoints`) or one of its `paths` (format 1.1); touchpoints are put on a path, taken off,
moved between stages or between the paths of a stage, and reordered along a path. A stage that
switches between one path and several says so once: the touchpoints it keeps are not moved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from cxkit.analysis.delta import Class, Delta, Op
from cxkit.model.records.generated import Journey, Stage

Lanes = dict[str, list[str]]  # a stage's paths by name ('' for a stage of one path) -> ids
Place = tuple[str, str]  # where a touchpoint stands: (stage, path)


def structure(ident: str, old: Journey, new: Journey, renamed: dict[str, str]) -> Iterator[Delta]:
    """Stages added, removed, renamed, reordered; touchpoints on the path added, removed, moved."""
    before = {s.id: s for s in old.stages}
    after = {s.id: s for s in new.stages}
    for sid, stage in before.items():
        if sid not in after:
            yield _stage_removed(ident, stage)
    for sid in after:
        if sid not in before:
            yield _journey_delta(ident, "+", "notable", f"stage {sid} added", f"stages.{sid}")
        elif before[sid].name != after[sid].name:
            yield _journey_delta(
                ident,
                "~",
                "info",
                f"stage {sid} renamed '{before[sid].name}' → '{after[sid].name}'",
                f"stages.{sid}.name",
                before[sid].name,
                after[sid].name,
            )
    common_old = [s for s in before if s in after]
    common_new = [s for s in after if s in before]
    if common_old != common_new:
        yield _journey_delta(
            ident,
            "→",
            "notable",
            f"stages reordered: {' → '.join(common_new)}",
            "stages",
            common_old,
            common_new,
        )
    yield from _path(ident, _stage_lanes(old, renamed), _stage_lanes(new, {}))


def _stage_removed(ident: str, stage: Stage) -> Delta:
    """A stage the customer met touchpoints in is a risk to lose; an empty one is tidying."""
    if any(stage.lanes().values()):
        return _journey_delta(ident, "-", "risk", f"stage {stage.id} removed", f"stages.{stage.id}")
    return _journey_delta(
        ident,
        "-",
        "info",
        f"stage {stage.id} removed (it had no touchpoints)",
        f"stages.{stage.id}",
    )


def _journey_delta(
    ident: str, op: Op, cls: Class, what: str, field: str, old: object = None, new: object = None
) -> Delta:
    return Delta("journey", ident, op, cls, f"journey {ident}: {what}", field, old, new, ident)


def _stage_lanes(journey: Journey, renamed: dict[str, str]) -> dict[str, Lanes]:
    """Each stage's paths and their touchpoint ids; renamed touchpoints under their new id."""
    return {
        s.id: {
            name: [renamed.get(i, i) for i in (t if isinstance(t, str) else t.id for t in lane)]
            for name, lane in s.lanes().items()
        }
        for s in journey.stages
    }


# --- how a stage present in both versions lines up ---------------------------------------------


@dataclass(slots=True)
class _Layout:
    """One stage in both versions: whether it switched between one path and several, and
    which of its paths were renamed (same touchpoints, in the same order, under a new name)."""

    old: Lanes
    new: Lanes
    switched: bool
    renamed: dict[str, str]  # old path name -> new


def _shape(lanes: Lanes) -> str:
    if set(lanes) == {""}:
        return "one"
    return "both" if "" in lanes else "paths"  # "both" is an error integrity reports


def _layout(old: Lanes, new: Lanes) -> _Layout:
    switched = {_shape(old), _shape(new)} == {"one", "paths"}
    renamed: dict[str, str] = {}
    if not switched:
        added = [n for n in new if n and n not in old]
        for name in (n for n in old if n and n not in new):
            match = next((a for a in added if old[name] and new[a] == old[name]), None)
            if match:
                renamed[name] = match
                added.remove(match)
    return _Layout(old, new, switched, renamed)


def _layout_deltas(ident: str, sid: str, layout: _Layout) -> Iterator[Delta]:
    field = f"stages.{sid}.paths"
    if layout.switched and "" in layout.old:
        names = list(layout.new)
        yield _journey_delta(
            ident,
            "~",
            "notable",
            f"stage {sid} now has paths {', '.join(names)}",
            field,
            None,
            names,
        )
    elif layout.switched:
        names = list(layout.old)
        yield _journey_delta(
            ident,
            "~",
            "notable",
            f"stage {sid} no longer has paths (was {', '.join(names)})",
            field,
            names,
            None,
        )
    for old_name, new_name in layout.renamed.items():
        yield _journey_delta(
            ident,
            "~",
            "info",
            f"stage {sid}: path {old_name} renamed to {new_name}",
            f"{field}.{old_name}",
            old_name,
            new_name,
        )


# --- the customer's path -------------------------------------------------------------------------


def _path(ident: str, before: dict[str, Lanes], after: dict[str, Lanes]) -> Iterator[Delta]:
    """Touchpoints put on, taken off, moved between and reordered within stages and paths.

    A touchpoint may stand on a journey more than once, so places are compared as multisets:
    a touchpoint that stands once on each side, somewhere else, has moved; otherwise each place
    that gained or lost an occurrence says so. In a stage that switched between one path and
    several, a touchpoint it keeps stands where it stood.
    """
    layouts = {sid: _layout(before[sid], after[sid]) for sid in before if sid in after}
    for sid, layout in layouts.items():
        yield from _layout_deltas(ident, sid, layout)
    old_at = _places(before, {sid: lay.renamed for sid, lay in layouts.items()})
    new_at = _places(after, {})
    switched = {sid for sid, layout in layouts.items() if layout.switched}
    for t in dict.fromkeys([*old_at, *new_at]):
        was, now = old_at.get(t, []), new_at.get(t, [])
        gone, came = _unmatched(was, now, switched)
        if len(was) == len(now) == 1 and gone and came:
            yield _moved(ident, t, gone[0], came[0])
            continue
        again = " again" if was else ""
        for place in came:
            yield _path_delta(ident, t, "+", f"put on {_where(place)}{again}", None, place)
        for place in gone:
            yield _path_delta(ident, t, "-", f"taken off {_where(place)}", place, None)
    for sid, layout in layouts.items():
        yield from _reordered(ident, sid, layout)


def _places(stages: dict[str, Lanes], renamed: dict[str, dict[str, str]]) -> dict[str, list[Place]]:
    """Where each touchpoint stands, once per occurrence; renamed paths under their new name."""
    found: dict[str, list[Place]] = {}
    for sid, lanes in stages.items():
        names = renamed.get(sid, {})
        for lane, ids in lanes.items():
            for t in ids:
                found.setdefault(t, []).append((sid, names.get(lane, lane)))
    return found


def _unmatched(
    was: list[Place], now: list[Place], switched: set[str]
) -> tuple[list[Place], list[Place]]:
    """The places a touchpoint left and the places it came to: what stands in the same place on
    both sides matches, and so does what stays in a stage that switched its layout."""
    came = list(now)
    left = []
    for place in was:
        if place in came:
            came.remove(place)
        else:
            left.append(place)
    gone = []
    for sid, lane in left:
        same_stage = next((p for p in came if p[0] == sid), None) if sid in switched else None
        if same_stage:
            came.remove(same_stage)
        else:
            gone.append((sid, lane))
    return gone, came


def _where(place: Place) -> str:
    sid, lane = place
    return f"path {lane} in stage {sid}" if lane else f"stage {sid}"


def _value(place: Place | None) -> str | None:
    """A place in the JSON report: `stage`, or `stage/path` on one of a stage's paths."""
    if place is None:
        return None
    sid, lane = place
    return f"{sid}/{lane}" if lane else sid


def _moved(ident: str, touchpoint: str, old: Place, new: Place) -> Delta:
    if old[0] == new[0] and old[1] and new[1]:
        what = f"moved from path {old[1]} to {new[1]} in stage {old[0]}"
    elif not old[1] and not new[1]:
        what = f"moved from stage {old[0]} to {new[0]}"
    else:
        what = f"moved from {_where(old)} to {_where(new)}"
    return _path_delta(ident, touchpoint, "→", what, old, new)


def _path_delta(
    ident: str, touchpoint: str, op: Op, what: str, old: Place | None, new: Place | None
) -> Delta:
    return _journey_delta(
        ident,
        op,
        "notable",
        f"touchpoint {touchpoint} {what}",
        f"path.{touchpoint}",
        _value(old),
        _value(new),
    )


def _reordered(ident: str, sid: str, layout: _Layout) -> Iterator[Delta]:
    """Each path whose touchpoints, those it kept, come in another order. In a stage that
    switched layout, each new path is held against the old one path (or the new one path
    against each old path)."""
    if layout.switched and "" in layout.old:
        pairs = [("", name) for name in layout.new]
    elif layout.switched:
        pairs = [(name, "") for name in layout.old]
    else:
        pairs = [(o, layout.renamed.get(o, o)) for o in layout.old]
    told = set()
    for old_name, new_name in pairs:
        if new_name not in layout.new or new_name in told:
            continue
        kept_old, kept_new = _common_order(layout.old[old_name], layout.new[new_name])
        if kept_old != kept_new:
            told.add(new_name)
            where = f"path {new_name} in stage {sid}" if new_name else f"stage {sid}"
            field = f"stages.{sid}.paths.{new_name}" if new_name else f"stages.{sid}.touchpoints"
            yield _journey_delta(
                ident,
                "→",
                "notable",
                f"{where} reordered: {' → '.join(kept_new)}",
                field,
                kept_old,
                kept_new,
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
