"""Read a change file and check it against the workspace, with file:line:col findings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxkit.checks.findings import Finding, Location
from cxkit.model.change import Change, ChangeFile
from cxkit.model.scalars import ID_RULE, is_valid_id
from cxkit.model.validation import validate_document
from cxkit.model.vocabulary import SINGULAR
from cxkit.source.discovery import Ignore
from cxkit.source.document import YamlDocument
from cxkit.source.files import read_named
from cxkit.source.yamlreader import read_yaml
from cxkit.workspace import Workspace

if TYPE_CHECKING:
    from cxkit.analysis.impact import PlannedChange

# The kinds a change's `affects` names by id (channels are names, checked on their own).
_AFFECTS_KINDS = ("touchpoints", "systems", "owners")
# What one item of each list of `affects` is, as a message names it.
_ITEM = {**{kind: SINGULAR[kind] for kind in _AFFECTS_KINDS}, "channels": "channel"}


@dataclass(frozen=True, slots=True)
class NoJourneyChanges:
    """Since a revision, no touchpoint a customer meets was added, changed or moved: there is
    no change to plan. `other_changes` counts what did change (owners, systems, ...)."""

    since: str
    other_changes: int
    warnings: list[str] = field(default_factory=list)


def load_change(path: Path, workspace: Workspace) -> tuple[Change | None, list[Finding]]:
    """The change in `path` and every problem with it; None when it cannot be used at all."""
    raw = read_named(path, "change file")
    doc = read_yaml(path.as_posix(), raw)
    findings = list(doc.problems)
    if doc.data is None:
        return None, findings
    model, problems = validate_document(doc, ChangeFile)
    findings.extend(problems)
    # References are read from the data as written, not from the model, so that an undefined
    # id shows in the same run as a field error elsewhere: no error hides another.
    findings.extend(_references(doc, workspace))
    return (None if problems else model.change), findings


def change_since(
    revision: str, workspace_path: Path, ignore: Ignore | None = None
) -> tuple[PlannedChange | NoJourneyChanges, Workspace]:
    """What changed in the workspace since `revision`, as a change touching those touchpoints
    (or NoJourneyChanges when none did), and the workspace as it is now (read once, for the
    diff and for the analysis)."""
    from cxkit.analysis.diff import diff_workspaces
    from cxkit.analysis.impact import Affected, PlannedChange
    from cxkit.analysis.versions import find_version, load_both, working_tree

    old_version = find_version(revision, workspace_path, ignore)
    new_version = working_tree(workspace_path, ignore)
    old, new = load_both(old_version, new_version)
    diff = diff_workspaces(old, new, old_version.label, new_version.label)
    if not any(t in new.touchpoints for t in diff.touchpoints_changed):
        return NoJourneyChanges(revision, len(diff.deltas)), new
    journeys = ", ".join(diff.journeys_changed) or "no journey"
    # Made from the diff, not a change file: nobody stated a reason or owns it.
    change = PlannedChange(
        id=f"since-{revision}",
        title=f"Changes to the journeys since {revision}",
        reason=None,
        purpose=f"These are the journey changes since {revision}, not a planned change:"
        f" {len(diff.deltas)} change(s) on {journeys}.",
        owner="",
        release=None,
        affects=Affected(touchpoints=diff.touchpoints_changed, systems=[], channels=[], owners=[]),
        customer_message=None,
    )
    return change, new


def _references(doc: YamlDocument, workspace: Workspace) -> Iterator[Finding]:
    """A finding for each reference of the change that names nothing in the workspace, and
    for each id `affects` lists twice: wherever a value is text in its place, whatever else
    is wrong (a value of the wrong type is a field error already)."""
    change = _value(doc.data, "change")
    owner = _value(change, "owner")
    if isinstance(owner, str) and owner not in workspace.owners:
        yield _undefined(doc, ("change", "owner"), "owner", owner)
    affects = _value(change, "affects")
    for kind in _AFFECTS_KINDS:
        defined = getattr(workspace, kind)
        for i, ident in _texts(_value(affects, kind)):
            if ident not in defined:
                yield _undefined(doc, ("change", "affects", kind, i), SINGULAR[kind], ident)
    used = {p.entity.channel for p in workspace.touchpoints.values()}
    for i, channel in _texts(_value(affects, "channels")):
        if channel not in used:
            yield Finding(
                _at(doc, ("change", "affects", "channels", i)),
                "ref-undefined",
                f"no touchpoint is on channel '{channel}'",
                severity="warning",
            )
    for kind in _ITEM:
        yield from _repeats(doc, kind, _texts(_value(affects, kind)))
    yield from _audiences(doc, workspace, change)


def _audiences(doc: YamlDocument, workspace: Workspace, change: object) -> Iterator[Finding]:
    """Undefined references of format 1.1's `notes` and `review`: a team note's key that is no
    owner, a customer note's key that is no persona (both at the key), and an owner engaged
    late that is not defined."""
    notes = _value(change, "notes")
    for section, kind, defined in (
        ("teams", "owner", workspace.owners),
        ("customers", "persona", workspace.personas),
    ):
        written = _value(notes, section)
        if not isinstance(written, dict):
            continue
        for key in written:
            if isinstance(key, str) and key not in defined:
                path = ("change", "notes", section, key)
                line, column = doc.position(path, key=True)
                yield _undefined_at(Location(doc.path, line, column), kind, key)
    review = _value(change, "review")
    for i, ident in _texts(_value(review, "engaged_late")):
        if ident not in workspace.owners:
            yield _undefined(doc, ("change", "review", "engaged_late", i), "owner", ident)


def _undefined(doc: YamlDocument, path: tuple[str | int, ...], what: str, ident: str) -> Finding:
    return _undefined_at(_at(doc, path), what, ident)


def _undefined_at(where: Location, what: str, ident: str) -> Finding:
    hint = "" if is_valid_id(ident) else f": it is not a valid id ({ID_RULE})"
    return Finding(
        where, "ref-undefined", f"{what} '{ident}' is not defined in the workspace{hint}"
    )


def _repeats(doc: YamlDocument, kind: str, items: list[tuple[int, str]]) -> Iterator[Finding]:
    """A warning at each item of `affects.<kind>` that an earlier item names already: harmless
    to the analysis, but often a slip for another id that was meant."""
    first: dict[str, int] = {}
    for i, value in items:
        if value not in first:
            first[value] = i
            continue
        line, column = doc.position(("change", "affects", kind, first[value]))
        yield Finding(
            _at(doc, ("change", "affects", kind, i)),
            "ref-repeated",
            f"{_ITEM[kind]} '{value}' is listed twice in affects.{kind}"
            f" (first at line {line}, column {column})",
            severity="warning",
        )


def _at(doc: YamlDocument, path: tuple[str | int, ...]) -> Location:
    line, column = doc.position(path)
    return Location(doc.path, line, column)


def _value(mapping: object, key: str) -> object:
    """The value at `key` of `mapping`, or None when `mapping` is no mapping or lacks it."""
    return mapping.get(key) if isinstance(mapping, dict) else None


def _texts(items: object) -> list[tuple[int, str]]:
    """(index, text) of each item of `items` that is text, when `items` is a list."""
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, str)]
