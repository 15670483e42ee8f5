"""After a release: how the metrics of what a change touched moved, and what to do next time.

`review_release` compares the workspace as it was released ("then", read from git history)
with the workspace now, for the touchpoints the change changed directly (the scope `cxkit
impact` calls direct) and the journeys they are on. Touchpoints downstream are left out: the
change did not change them, their metrics move for reasons of their own, and what the customer
lives end to end is measured by the journeys' metrics, which are in.

It then reads the change's `review` block (format 1.1): for each owner engaged late, the
affected touchpoints whose RACI does not name them, as an edit to make. Nothing here prints or
reads files. (analysis/reviews.py is another thing: when each journey is due to be walked
through again.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from cxkit.analysis.impact import PlannedChange, changed_directly
from cxkit.analysis.people import People
from cxkit.checks.findings import Location
from cxkit.model.records.generated import Journey, Metric, Touchpoint
from cxkit.model.vocabulary import RACI
from cxkit.workspace import Placed, Workspace

# How a metric moved between the release and now, in the direction its `better` wants.
Moved = Literal[
    "improved",
    "worsened",
    "unchanged",
    "not-measured-then",  # no value at the release, one now
    "not-measured-now",  # a value at the release, none now
    "not-measured",  # no value then or now
    "added",  # the metric (or what it measures) is new since the release
    "removed",  # the metric (or what it measures) is gone since the release
]
Kind = Literal["touchpoint", "journey"]
# What has metrics, kept where the files define it.
Measured = Placed[Touchpoint] | Placed[Journey]
Index = Mapping[str, Placed[Touchpoint]] | Mapping[str, Placed[Journey]]
# Where a subject is: in both versions, only at the release, or only now.
Present = Literal["both", "then", "now"]
# The RACI field an owner engaged late is suggested for: consulted, so that the next change
# asks them before it is made.
SUGGESTED_FIELD = "consulted"


@dataclass(frozen=True, slots=True)
class MetricReview:
    """One metric at the release and now, and how it moved."""

    name: str
    unit: str | None
    better: str  # "higher" or "lower": which way is good
    then: float | None
    now: float | None
    change: float | None  # now - then, when both are known
    moved: Moved
    target: float | None  # now's target (the release's, for a metric removed since)
    on_target: bool | None  # now's value against the target; None when either is unknown


@dataclass(frozen=True, slots=True)
class SubjectReview:
    """A touchpoint or journey in the review's scope, and its metrics."""

    kind: Kind
    id: str
    name: str
    present: Present
    metrics: list[MetricReview]


@dataclass(frozen=True, slots=True)
class SuggestedEdit:
    """Name an owner engaged late in a touchpoint's RACI, where the file defines it."""

    owner: str  # whom to add: the owner engaged late, or who took over from them
    owner_name: str
    engaged_late: str  # the owner the review names
    touchpoint: str
    touchpoint_name: str
    field: str  # the RACI field to add them to
    location: Location  # the field's line, or the touchpoint's when it has no such field


@dataclass(frozen=True, slots=True)
class LateOwner:
    """An owner the review says was engaged late, and where to name them for next time."""

    id: str
    name: str
    handover: str  # how someone who left is stood in for ('' for someone who is here)
    edits: list[SuggestedEdit]
    already_named: list[str]  # affected touchpoints whose RACI names them already


@dataclass(frozen=True, slots=True)
class Totals:
    improved: int = 0
    worsened: int = 0
    unchanged: int = 0
    not_compared: int = 0  # added, removed or without a value then or now
    on_target: int = 0
    off_target: int = 0


@dataclass(slots=True)
class ReleaseReview:
    change: PlannedChange
    then: str  # the label of the workspace at the release: `a1b2c3d:journeys`
    now: str  # the label of the workspace now
    commit: str | None  # the short hash of the commit read as the release, None for a folder
    committed: dt.date | None  # the day that commit was made
    from_release: bool  # True: chosen as the last commit on or before the release date
    touchpoints: list[SubjectReview]
    journeys: list[SubjectReview]
    late: list[LateOwner]
    totals: Totals = field(default_factory=Totals)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Baseline:
    """The workspace as it was at the release, and how it was found."""

    workspace: Workspace
    label: str
    commit: str | None
    committed: dt.date | None
    from_release: bool


def review_release(
    change: PlannedChange, then: Baseline, now: Workspace, now_label: str
) -> ReleaseReview:
    """How the metrics in the change's scope moved from `then` to `now`, and what the change's
    review block asks for next time."""
    old = then.workspace
    direct = _in_order(changed_directly(change, now), changed_directly(change, old))
    journeys = _in_order(_journeys_of(direct, now), _journeys_of(direct, old))
    touchpoints = [_subject("touchpoint", i, old.touchpoints, now.touchpoints) for i in direct]
    on_journeys = [_subject("journey", i, old.journeys, now.journeys) for i in journeys]
    review = ReleaseReview(
        change=change,
        then=then.label,
        now=now_label,
        commit=then.commit,
        committed=then.committed,
        from_release=then.from_release,
        touchpoints=touchpoints,
        journeys=on_journeys,
        late=late_owners(change, now, [i for i in direct if i in now.touchpoints]),
    )
    review.totals = _totals([*touchpoints, *on_journeys])
    if not direct:
        review.warnings.append("the change touches no touchpoint of this workspace, then or now")
    return review


def _in_order(now: Iterable[str], then: Iterable[str]) -> list[str]:
    """The ids of both, now's first, each once."""
    return list(dict.fromkeys([*now, *then]))


def _journeys_of(touchpoints: list[str], workspace: Workspace) -> Iterator[str]:
    """The journeys the touchpoints are on, in the workspace's order."""
    wanted = set(touchpoints)
    for journey, steps in workspace.paths.items():
        if any(step.touchpoint in wanted for step in steps):
            yield journey


def _subject(kind: Kind, ident: str, then: Index, now: Index) -> SubjectReview:
    old, new = then.get(ident), now.get(ident)
    present: Present = "both" if old and new else "now" if new else "then"
    shown = new or old
    assert shown is not None  # the id comes from one of them
    return SubjectReview(
        kind=kind,
        id=ident,
        name=shown.entity.name,
        present=present,
        metrics=_metrics(_by_name(old), _by_name(new)),
    )


def _by_name(placed: Measured | None) -> dict[str, Metric]:
    """A subject's metrics by name, the first of a name kept (metrics are matched by name)."""
    if placed is None:
        return {}
    found: dict[str, Metric] = {}
    for metric in placed.entity.metrics:
        found.setdefault(metric.name, metric)
    return found


def _metrics(then: dict[str, Metric], now: dict[str, Metric]) -> list[MetricReview]:
    return [_metric(name, then.get(name), now.get(name)) for name in _in_order(now, then)]


def _metric(name: str, then: Metric | None, now: Metric | None) -> MetricReview:
    shown = now or then
    assert shown is not None  # the name comes from one of them
    before = then.actual if then else None
    after = now.actual if now else None
    change = None if before is None or after is None else _tidy(after - before)
    return MetricReview(
        name=name,
        unit=shown.unit,
        better=shown.better,
        then=before,
        now=after,
        change=change,
        moved=_moved(then, now, change, shown.better),
        target=shown.target,
        on_target=None
        if now is None or now.actual is None or now.target is None
        else not now.off_target(),
    )


def _tidy(difference: float) -> float:
    """A difference without the noise of binary fractions (72.1 - 70 is not 2.0999999)."""
    rounded = round(difference, 9)
    return int(rounded) if rounded == int(rounded) else rounded


def _moved(then: Metric | None, now: Metric | None, change: float | None, better: str) -> Moved:
    if then is None:
        return "added"
    if now is None:
        return "removed"
    if change is None:
        if then.actual is None and now.actual is None:
            return "not-measured"
        return "not-measured-then" if then.actual is None else "not-measured-now"
    if change == 0:
        return "unchanged"
    return "improved" if (change > 0) == (better == "higher") else "worsened"


_COMPARED = {"improved", "worsened", "unchanged"}


def _totals(subjects: list[SubjectReview]) -> Totals:
    metrics = [m for s in subjects for m in s.metrics]
    return Totals(
        improved=sum(m.moved == "improved" for m in metrics),
        worsened=sum(m.moved == "worsened" for m in metrics),
        unchanged=sum(m.moved == "unchanged" for m in metrics),
        not_compared=sum(m.moved not in _COMPARED for m in metrics),
        on_target=sum(m.on_target is True for m in metrics),
        off_target=sum(m.on_target is False for m in metrics),
    )


# --- engaged late ------------------------------------------------------------------------------


def late_owners(change: PlannedChange, now: Workspace, touchpoints: list[str]) -> list[LateOwner]:
    """For each owner the review says was engaged late, the affected touchpoints (as they are
    now) whose RACI does not name them. Someone who left is replaced by who took over (never
    is someone inactive named); with nobody to take over, no edit is suggested."""
    if change.review is None:
        return []
    people = People(now)
    late = []
    for ident in dict.fromkeys(change.review.engaged_late):
        reach = people.reach(ident)
        who = (reach.who.id if reach.who else None) if reach.handed_over else ident
        edits, named = _edits(who, ident, touchpoints, now, people) if who else ([], [])
        late.append(LateOwner(ident, people.shown(ident), reach.note(), edits, named))
    return late


def _edits(
    who: str, late: str, touchpoints: list[str], now: Workspace, people: People
) -> tuple[list[SuggestedEdit], list[str]]:
    """An edit for each touchpoint whose RACI does not name `who`; and those that do."""
    edits: list[SuggestedEdit] = []
    named: list[str] = []
    for t in touchpoints:
        placed = now.touchpoints[t]
        if who in _named_in_raci(placed):
            named.append(t)
        else:
            edits.append(_edit(who, people.shown(who), late, t, placed))
    return edits, named


def _named_in_raci(placed: Placed[Touchpoint]) -> set[str]:
    t = placed.entity
    named: set[str] = set()
    for raci in RACI:
        value = getattr(t, raci.field)
        named.update(value if raci.is_list else [value] if value else [])
    return named


def _edit(who: str, name: str, late: str, ident: str, placed: Placed[Touchpoint]) -> SuggestedEdit:
    has_field = bool(getattr(placed.entity, SUGGESTED_FIELD))
    return SuggestedEdit(
        owner=who,
        owner_name=name,
        engaged_late=late,
        touchpoint=ident,
        touchpoint_name=placed.entity.name,
        field=SUGGESTED_FIELD,
        location=placed.location(SUGGESTED_FIELD, key=True) if has_field else placed.location(),
    )
