"""The calendar of planned changes: when each one's waves and release fall, and where two
changes collide on the same touchpoint, moment of truth or team.

Definitions (README, "cxkit calendar"; `cxkit calendar --help`):

- A change's **window** runs from the day its first wave starts to its release day, both
  included. Each wave's day is the one `cxkit render` prints (render.waves in the config).
- A team's (or person's) **window** in a change runs from the day of the first wave that asks it
  to act (wave 1, peers and stakeholders, or wave 2, the teams who do the work) to the release.
- Two windows **overlap** when they share at least one day.

Conflicts between two changes that both have a release date:

- `same-touchpoint`: a touchpoint both change directly (the direct scope `cxkit impact`
  computes), with releases at most `conflict_days` apart;
- `moment-of-truth`: a moment of truth both reach (changed directly, or within the route
  `cxkit impact` follows by default), with the two changes' windows overlapping;
- `same-team`: a team or person both ask to act, with its two windows overlapping.

`read_changes` reads the change files; the rest computes, and nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import itertools
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import networkx as nx

from cxkit.analysis.impact import DEFAULT_DEPTH, Impact, PlannedChange, analyse
from cxkit.analysis.people import Contact
from cxkit.analysis.waves import wave_offset, wave_start
from cxkit.checks.findings import Finding, at_or_above
from cxkit.errors import CxkitError
from cxkit.source.discovery import Ignore, discover
from cxkit.workspace import Workspace

ConflictKind = Literal["same-touchpoint", "moment-of-truth", "same-team"]
# The order conflicts of one pair of changes are listed in.
CONFLICT_ORDER: tuple[ConflictKind, ...] = typing.get_args(ConflictKind)
# The waves whose audience is asked to act, not only told: 1 (agree) and 2 (do the work).
ACTING_WAVES = (1, 2)
DEFAULT_CONFLICT_DAYS = 14


@dataclass(frozen=True, slots=True)
class Window:
    """Days from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    def overlap(self, other: Window) -> Window | None:
        """The days both windows hold, or None when they share none."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Window(start, end) if start <= end else None


@dataclass(frozen=True, slots=True)
class DatedWave:
    number: int
    name: str
    date: dt.date | None  # None: the change has no release date
    days_before: int
    audience: list[Contact]


@dataclass(slots=True)
class ScheduledChange:
    """One change file's change as the calendar sees it."""

    change: PlannedChange
    file: str
    waves: list[DatedWave]
    direct: dict[str, str]  # touchpoint id -> name, changed directly
    moments: dict[str, str]  # moment of truth id -> name, changed directly or reached after
    asked: dict[str, tuple[Contact, int]]  # owner id -> who, and the first wave asking them

    @property
    def release(self) -> dt.date | None:
        return self.change.release

    @property
    def window(self) -> Window | None:
        """From the first wave's day to the release; None without a release date."""
        if self.release is None:
            return None
        days = [w.date for w in self.waves if w.date is not None]
        return Window(min([*days, self.release]), self.release)

    def window_of(self, owner: str) -> Window | None:
        """When `owner` is asked to act: from the first wave asking them to the release."""
        asked = self.asked.get(owner)
        dated = {w.number: w.date for w in self.waves}
        start = dated.get(asked[1]) if asked else None
        if start is None or self.release is None:
            return None
        return Window(start, self.release)


@dataclass(frozen=True, slots=True)
class Shared:
    """What two changes collide on: a touchpoint (a moment of truth) or an owner."""

    kind: str  # "touchpoint", "moment of truth", "team" or "person"
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    first: ScheduledChange  # the one released first (by id on the same day)
    second: ScheduledChange
    shared: Shared
    windows: tuple[Window, Window]  # the changes' windows, or the team's in each
    overlap: Window | None  # the days the two windows share

    @property
    def days_apart(self) -> int:
        assert self.first.release is not None and self.second.release is not None
        return (self.second.release - self.first.release).days


@dataclass(frozen=True, slots=True)
class Broken:
    """A change file that could not be used, and why (file:line:col findings, or one line)."""

    file: str
    findings: list[Finding]
    message: str = ""


@dataclass(slots=True)
class Calendar:
    folder: str
    conflict_days: int
    offsets: tuple[int, ...]
    changes: list[ScheduledChange]  # by release date, then id; those without one last
    conflicts: list[Conflict]
    broken: list[Broken] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def scheduled(self) -> list[ScheduledChange]:
        return [c for c in self.changes if c.release is not None]

    @property
    def unscheduled(self) -> list[ScheduledChange]:
        return [c for c in self.changes if c.release is None]


def schedule(
    change: PlannedChange,
    file: str,
    workspace: Workspace,
    graph: nx.DiGraph,
    offsets: tuple[int, ...],
) -> ScheduledChange:
    """`change` analysed as `cxkit impact` does, with its waves dated as `cxkit render` dates
    them; CxkitError when a wave would start before the first day a date can be."""
    impact = analyse(change, workspace, graph, DEFAULT_DEPTH)
    return ScheduledChange(
        change=change,
        file=file,
        waves=_dated_waves(impact, offsets),
        direct={t.id: t.name for t in impact.touchpoints if t.how == "direct"},
        moments={t.id: t.name for t in impact.touchpoints if t.moment_of_truth},
        asked=_asked(impact),
    )


def _dated_waves(impact: Impact, offsets: tuple[int, ...]) -> list[DatedWave]:
    release = impact.change.release
    return [
        DatedWave(
            number=wave.number,
            name=wave.name,
            date=wave_start(release, wave.number, offsets) if release else None,
            days_before=wave_offset(wave.number, offsets),
            audience=wave.audience,
        )
        for wave in impact.waves
    ]


def _asked(impact: Impact) -> dict[str, tuple[Contact, int]]:
    """Each owner a wave asks to act, with the first such wave."""
    asked: dict[str, tuple[Contact, int]] = {}
    for wave in impact.waves:
        if wave.number in ACTING_WAVES:
            for who in wave.audience:
                asked.setdefault(who.id, (who, wave.number))
    return asked


@dataclass(slots=True)
class ChangeFiles:
    """What a folder of change files held: the usable changes, scheduled, and the rest."""

    changes: list[ScheduledChange] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_changes(
    folder: Path,
    workspace: Workspace,
    graph: nx.DiGraph,
    offsets: tuple[int, ...],
    ignore: Ignore | None = None,
) -> ChangeFiles:
    """Every change file below `folder` (found as a workspace's files are), each read and
    checked as `cxkit impact` reads one: a broken file is kept with its findings, and hides
    no other."""
    from cxkit.analysis.changes import load_change

    read = ChangeFiles()
    listing = discover(folder, ignore)
    read.warnings += [f"{skip.display}: {skip.reason}" for skip in listing.skipped]
    for source in listing.files:
        try:
            change, findings = load_change(Path(source.display), workspace)
            if change is None or at_or_above(findings, "error"):
                read.broken.append(Broken(source.display, sorted(findings)))
                continue
            planned = PlannedChange.of(change)
            read.changes.append(schedule(planned, source.display, workspace, graph, offsets))
        except CxkitError as exc:  # unreadable, or dated before the calendar starts
            read.broken.append(Broken(source.display, [], str(exc)))
            continue
        read.warnings += [f"{f.location}: {f.message}" for f in sorted(findings)]
    return read


def calendar(
    folder: str,
    changes: list[ScheduledChange],
    conflict_days: int,
    offsets: tuple[int, ...],
    broken: list[Broken] | None = None,
) -> Calendar:
    """The calendar of `changes`, with every conflict between two of them."""
    ordered = sorted(changes, key=_by_release)
    conflicts = [
        conflict
        for first, second in itertools.combinations(ordered, 2)
        for conflict in _conflicts(first, second, conflict_days)
    ]
    found = Calendar(folder, conflict_days, offsets, ordered, conflicts, broken or [])
    found.warnings += _same_ids(ordered)
    return found


def _same_ids(changes: list[ScheduledChange]) -> list[str]:
    """A warning for each change id that several files use: their conflicts and calendar
    events could not be told apart."""
    files: dict[str, list[str]] = {}
    for c in changes:
        files.setdefault(c.change.id, []).append(c.file)
    return [
        f"change id '{ident}' is used by {len(used)} files ({', '.join(sorted(used))}):"
        " give each change an id of its own"
        for ident, used in files.items()
        if len(used) > 1
    ]


def _by_release(change: ScheduledChange) -> tuple[bool, dt.date, str, str]:
    release = change.release
    return (release is None, release or dt.date.min, change.change.id, change.file)


def _conflicts(
    first: ScheduledChange, second: ScheduledChange, conflict_days: int
) -> list[Conflict]:
    """Every conflict between two changes, `first` released no later than `second`."""
    one, two = first.window, second.window
    if one is None or two is None:  # a change without a release date collides with nothing
        return []
    found: list[Conflict] = []
    assert first.release is not None and second.release is not None
    if (second.release - first.release).days <= conflict_days:
        for ident in _common(first.direct, second.direct):
            shared = Shared("touchpoint", ident, first.direct[ident])
            overlap = one.overlap(two)
            found.append(Conflict("same-touchpoint", first, second, shared, (one, two), overlap))
    both = one.overlap(two)
    if both is not None:
        for ident in _common(first.moments, second.moments):
            shared = Shared("moment of truth", ident, first.moments[ident])
            found.append(Conflict("moment-of-truth", first, second, shared, (one, two), both))
    for ident in _common(first.asked, second.asked):
        mine, theirs = first.window_of(ident), second.window_of(ident)
        overlap = mine.overlap(theirs) if mine and theirs else None
        if mine and theirs and overlap:
            who = first.asked[ident][0]
            shared = Shared(who.kind, who.id, who.name)
            found.append(Conflict("same-team", first, second, shared, (mine, theirs), overlap))
    return found


def _common(first: Mapping[str, object], second: Mapping[str, object]) -> list[str]:
    """The keys both hold, in `first`'s order."""
    return [key for key in first if key in second]


@dataclass(frozen=True, slots=True)
class Event:
    """One day on the timeline: a wave starting (`wave` set) or a release (`wave` None)."""

    date: dt.date
    change: ScheduledChange
    wave: DatedWave | None


def timeline(found: Calendar) -> list[Event]:
    """Every wave start and release of the scheduled changes, by day; on one day, in the
    order of the changes, each change's waves before its release."""
    events: list[tuple[dt.date, int, int, Event]] = []
    for rank, scheduled in enumerate(found.scheduled):
        release = scheduled.release
        assert release is not None
        for wave in scheduled.waves:
            assert wave.date is not None
            events.append((wave.date, rank, wave.number, Event(wave.date, scheduled, wave)))
        events.append((release, rank, len(scheduled.waves) + 1, Event(release, scheduled, None)))
    return [event for *_, event in sorted(events, key=lambda e: e[:3])]
