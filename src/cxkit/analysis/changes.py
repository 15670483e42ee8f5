"""Read a change file and check it against the workspace, with file:line:col findings."""

from __future__ import annotations

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


def load_change(path: Path, workspace: Workspace) -> tuple[Change | None, list[Finding]]:
    """The change in `path` and every problem with it; None when it cannot be used at all."""
    raw = read_named(path, "change file")
    doc = read_yaml(path.as_posix(), raw)
    findings = list(doc.problems)
    if doc.data is None:
        return None, findings
    model, problems = validate_document(doc, ChangeFile)
    findings.extend(problems)
    if problems:
        return None, findings
    findings.extend(_dangling(doc, model.change, workspace))
    return model.change, findings


def change_since(
    revision: str, workspace_path: Path, ignore: Ignore | None = None
) -> tuple[PlannedChange, Workspace]:
    """What changed in the workspace since `revision`, as a change touching those touchpoints,
    and the workspace as it is now (read once, for the diff and for the analysis)."""
    from cxkit.analysis.diff import diff_workspaces
    from cxkit.analysis.impact import Affected, PlannedChange
    from cxkit.analysis.versions import find_version, load_both, working_tree

    old_version = find_version(revision, workspace_path, ignore)
    new_version = working_tree(workspace_path, ignore)
    old, new = load_both(old_version, new_version)
    diff = diff_workspaces(old, new, old_version.label, new_version.label)
    journeys = ", ".join(diff.journeys_changed) or "no journey"
    # Made from the diff, not a change file: it has no owner, and may touch nothing.
    change = PlannedChange(
        id=f"since-{revision}",
        title=f"Changes to the journeys since {revision}",
        reason="operational",
        purpose=f"{len(diff.deltas)} change(s) on {journeys}.",
        owner="",
        release=None,
        affects=Affected(touchpoints=diff.touchpoints_changed, systems=[], channels=[], owners=[]),
        customer_message=None,
    )
    return change, new


def _dangling(doc: YamlDocument, change: Change, workspace: Workspace) -> list[Finding]:
    findings: list[Finding] = []

    def report(path: tuple[str | int, ...], what: str, value: str) -> None:
        line, col = doc.position(path)
        hint = "" if is_valid_id(value) else f": it is not a valid id ({ID_RULE})"
        findings.append(
            Finding(
                Location(doc.path, line, col),
                "ref-undefined",
                f"{what} '{value}' is not defined in the workspace{hint}",
            )
        )

    if change.owner not in workspace.owners:
        report(("change", "owner"), "owner", change.owner)
    for field in _AFFECTS_KINDS:
        what = SINGULAR[field]
        index = getattr(workspace, field)
        for i, value in enumerate(getattr(change.affects, field)):
            if value not in index:
                report(("change", "affects", field, i), what, value)
    channels = {p.entity.channel for p in workspace.touchpoints.values()}
    for i, channel in enumerate(change.affects.channels):
        if channel not in channels:
            line, col = doc.position(("change", "affects", "channels", i))
            findings.append(
                Finding(
                    Location(doc.path, line, col),
                    "ref-undefined",
                    f"no touchpoint is on channel '{channel}'",
                    severity="warning",
                )
            )
    return findings
