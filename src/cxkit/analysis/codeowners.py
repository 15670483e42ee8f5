"""Who reviews each workspace file: the code-host handles of the owners accountable for what
the file defines, for `cxkit codeowners`.

A file's owners are the accountable owners of what it defines: each touchpoint's `owner`, each
journey's `leader`, each system's `owner`, in that order of weight: the owners of moments of
truth first, then journey leaders, then the other touchpoints' owners, then systems' owners.

Each owner named is reviewed for by a handle (`github`, format 1.1):

- someone who left is replaced by their successor, the first active one down the chain
  (`first_active`), and the successor's handle is used;
- whoever answers without a handle of their own has a stand-in: a person's team, a team's lead
  (one step: the stand-in's own stand-in is not looked for);
- a person who left with no successor is reached through their team, as everywhere in cxkit
  (`People.reach`), and the team's handle (else its lead's) is used;
- a team that left with no successor, or an owner not defined, has nobody.

Every owner whose review goes to someone else's handle, or to nobody, is a gap: the file lacks
their own review. A successor's handle is no gap: it is the hand-over working.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cxkit.analysis.people import Contact, People, first_active
from cxkit.workspace import Workspace

# Why an owner's review does not go to their own handle.
GapKind = Literal["no-handle", "left", "undefined"]
# Who stands in for them: their team, their lead, or their team's lead.
StandIn = Literal["team", "lead", "team's lead"]

# The file a gap of the default reviewers is noted against: the whole workspace folder.
DEFAULT_RULE = ""

# The weight of each accountable role, which orders a file's handles (lowest first).
_MOMENT_OF_TRUTH, _LEADER, _TOUCHPOINT, _SYSTEM = range(4)


@dataclass(frozen=True, slots=True)
class Review:
    """Who reviews for one owner named as accountable: `handle` (None: nobody), and the gap
    when that is not the handle of whoever answers for the owner now."""

    handle: str | None
    gap: Gap | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    """An owner whose own review cannot be asked for, and who stands in (`stand_in`, an owner
    id, as `role`, with `handle`), if anyone does.

    `owner` is the one without a handle: whoever answers now (an active successor included)
    for `no-handle`; the owner named, for `left` and `undefined`."""

    owner: str
    kind: GapKind
    stand_in: str | None = None
    role: StandIn | None = None
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class FileOwners:
    """One workspace file: its reviewers' handles, in order (moments of truth's first), and the
    moments of truth it defines."""

    file: str  # the file's path as the workspace shows it
    handles: tuple[str, ...]
    moments_of_truth: tuple[str, ...]
    accountable: bool  # whether it defines anything with an accountable owner


@dataclass(frozen=True, slots=True)
class GapFiles:
    """A gap and the files it leaves without that owner's own review."""

    gap: Gap
    name: str | None  # the owner's name, when defined
    files: tuple[str, ...]


@dataclass(slots=True)
class CodeOwners:
    """What a code-owner file says of a workspace: the default reviewers of the whole folder,
    each file's reviewers (in the workspace's file order) and the gaps."""

    default: tuple[str, ...]
    files: list[FileOwners] = field(default_factory=list)
    gaps: list[GapFiles] = field(default_factory=list)


def code_owners(workspace: Workspace, default: Sequence[str] = ()) -> CodeOwners:
    """Each file's reviewers, and the gaps; `default` names the reviewers of the whole
    workspace folder: owner ids (reviewed for as any other owner) or handles (`@...`)."""
    reviews = _Reviews(People(workspace))
    gaps: dict[Gap, list[str]] = {}
    result = CodeOwners(default=_handles(reviews, default, DEFAULT_RULE, gaps))
    roles = _roles_by_file(workspace)
    for doc in workspace.documents:
        named = sorted(roles.get(doc.path, []), key=lambda role: role[0])
        handles = _handles(reviews, [owner for _, owner, _ in named], doc.path, gaps)
        moments = tuple(dict.fromkeys(t for rank, _, t in named if rank == _MOMENT_OF_TRUTH))
        result.files.append(FileOwners(doc.path, handles, moments, bool(named)))
    result.gaps = [
        GapFiles(gap, reviews.name(gap.owner), tuple(dict.fromkeys(files)))
        for gap, files in sorted(gaps.items(), key=lambda item: item[0].owner)
    ]
    return result


def _handles(
    reviews: _Reviews, named: Sequence[str], file: str, gaps: dict[Gap, list[str]]
) -> tuple[str, ...]:
    """The distinct handles reviewing for `named`, in order; each gap met noted for `file`."""
    handles: list[str] = []
    for owner in named:
        review = reviews.of(owner)
        if review.gap is not None:
            gaps.setdefault(review.gap, []).append(file)
        if review.handle is not None and review.handle not in handles:
            handles.append(review.handle)
    return tuple(handles)


def _roles_by_file(workspace: Workspace) -> dict[str, list[tuple[int, str, str]]]:
    """For each file, the accountable owners named in it: (weight, owner id, what they own)."""
    roles: dict[str, list[tuple[int, str, str]]] = {}
    for weight, owner, place, what in _accountable(workspace):
        roles.setdefault(place, []).append((weight, owner, what))
    return roles


def _accountable(workspace: Workspace) -> Iterator[tuple[int, str, str, str]]:
    """Every accountable owner named: (weight, owner id, file, id of what they own).

    Every definition counts, a duplicate's too: it is written in its file all the same.
    """
    for placed in workspace.definitions_of("touchpoints"):
        touchpoint = placed.entity
        owner = getattr(touchpoint, "owner", None)
        if owner:
            moment = getattr(touchpoint, "moment_of_truth", False)
            weight = _MOMENT_OF_TRUTH if moment else _TOUCHPOINT
            yield weight, owner, placed.doc.path, getattr(touchpoint, "id", "")
    for placed in workspace.definitions_of("journeys"):
        leader = getattr(placed.entity, "leader", None)
        if leader:
            yield _LEADER, leader, placed.doc.path, getattr(placed.entity, "id", "")
    for placed in workspace.definitions_of("systems"):
        owner = getattr(placed.entity, "owner", None)
        if owner:
            yield _SYSTEM, owner, placed.doc.path, getattr(placed.entity, "id", "")


class _Reviews:
    """Whom to ask to review for each owner, looked up once."""

    def __init__(self, people: People) -> None:
        self.people = people
        self._found: dict[str, Review] = {}

    def of(self, named: str) -> Review:
        found = self._found.get(named)
        if found is None:
            found = self._found[named] = self._review(named)
        return found

    def name(self, ident: str) -> str | None:
        contact = self.people.contact(ident)
        return contact.name if contact is not None else None

    def _review(self, named: str) -> Review:
        if named.startswith("@"):  # a handle given as a default reviewer
            return Review(named)
        reach = self.people.reach(named)
        who = reach.who
        if who is None:
            kind: GapKind = "left" if named in self.people.owners else "undefined"
            return Review(None, Gap(named, kind))
        if reach.through_team:  # a person who left with no successor: their team stands in
            return self._stood_in(Gap(named, "left"), [(who.id, "team"), (who.lead, "team's lead")])
        own = self._handle(who.id)
        if own is not None:
            return Review(own)
        return self._stood_in(Gap(who.id, "no-handle"), [self._stand_in_for(who)])

    def _stood_in(self, gap: Gap, candidates: list[tuple[str | None, StandIn]]) -> Review:
        """The first candidate with a handle stands in; with none, nobody reviews."""
        for candidate, role in candidates:
            handle = self._handle(candidate)
            if handle is not None:
                return Review(handle, Gap(gap.owner, gap.kind, candidate, role, handle))
        if gap.kind == "no-handle":  # say whom else the review could not go to
            return Review(None, Gap(gap.owner, gap.kind, *candidates[0]))
        return Review(None, gap)

    def _stand_in_for(self, who: Contact) -> tuple[str | None, StandIn]:
        """A person's team (whoever answers for it now), a team's lead (the same)."""
        if who.kind == "person":
            team = first_active(self.people.owners, who.team)[0] if who.team else None
            return team, "team"
        return who.lead, "lead"

    def _handle(self, ident: str | None) -> str | None:
        """The handle of an active owner, if they have one."""
        placed = self.people.owners.get(ident or "")
        if placed is None or not placed.entity.active:
            return None
        return placed.entity.github or None
