"""`cxkit impact`: before a release, what a planned change touches and whom to engage."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxkit.cli.destination import emit
from cxkit.cli.options import (
    ColorOption,
    ConfigOption,
    DepthOption,
    ImpactFormatOption,
    OutputOption,
    WorkspaceOption,
    configured,
    usable_change,
)
from cxkit.report import ImpactFormat

if TYPE_CHECKING:
    from cxkit.workspace import Workspace

EPILOG = """Examples:

  cxkit impact changes/ivr-callback.yaml

  cxkit impact changes/ivr-callback.yaml -f markdown -o impact.md   # for a pull request

  cxkit impact changes/ivr-callback.yaml --fail-on unowned          # gate a release in CI

  cxkit impact changes/ivr-callback.yaml --depth 3   # follow customers 3 steps further

  cxkit impact --since origin/main -f markdown   # what this pull request changes, whom to engage

--since reads its revision as cxkit diff does: a name that is also a folder is
an error that asks which (./NAME the folder, REV:PATH the revision), and so is a
REV:PATH whose PATH is not in REV. The journey changes since REV have no stated
reason ("Why: not stated"; "reason": null in JSON). With no touchpoint added,
changed or moved since REV, it says "No journey changes since REV." and exits 0;
-f json then writes, instead of an impact document:

  {"version": 1, "kind": "no-journey-changes", "since": "REV",
   "journey_changes": 0, "other_changes": N, "warnings": [...]}

(other_changes: changes since REV that reach no touchpoint; cxkit diff lists them).

Exit codes: 0 done; 1 the change file has errors, or a --fail-on gap exists;
2 usage error, missing file, workspace without files, or internal failure."""


class FailOn(StrEnum):
    unowned = "unowned"
    inactive = "inactive"


_GAPS_FOR = {
    FailOn.unowned: {"unowned", "no-leader"},
    FailOn.inactive: {"inactive-owner", "inactive-leader", "inactive-party"},
}


def command(
    change_file: Annotated[
        Path | None, typer.Argument(help="The change file (YAML).", metavar="CHANGE")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Instead of a change file: take what changed in the"
            " workspace since this git revision as the change.",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    config: ConfigOption = None,
    output_format: ImpactFormatOption = ImpactFormat["text"],
    output: OutputOption = None,
    fail_on: Annotated[
        list[FailOn] | None,
        typer.Option(
            "--fail-on",
            metavar="GAP",
            help="Exit 1 when an affected touchpoint or journey has this"
            " gap: unowned (no owner or leader), inactive (someone in the change's scope"
            " left with no successor). Repeatable.",
        ),
    ] = None,
    depth: DepthOption = 1,
    color: ColorOption = None,
) -> None:
    """Show what a planned change touches, whom to engage and in what order to communicate."""
    from cxkit.analysis.changes import NoJourneyChanges, change_since
    from cxkit.analysis.graph import build_graph
    from cxkit.analysis.impact import PlannedChange, analyse
    from cxkit.checks.findings import Finding
    from cxkit.report import IMPACT_REPORTERS, no_journey_changes, reporter
    from cxkit.workspace import load_workspace

    if (change_file is None) == (since is None):
        raise typer.BadParameter(
            "give a change file or --since REV (one of them)", param_hint="CHANGE"
        )
    settings, workspace_path = configured(config, workspace)
    change: PlannedChange | NoJourneyChanges
    findings: list[Finding] = []
    if since is not None:  # the working tree is read once, for the diff and the analysis
        change, ws = change_since(since, workspace_path, settings.ignore)
    else:
        assert change_file is not None
        ws = load_workspace(workspace_path, settings.ignore)
        change, findings = usable_change(change_file, ws)
    warnings = [f"{f.location}: {f.message}" for f in findings] + workspace_errors(ws)
    if isinstance(change, NoJourneyChanges):  # nothing to plan: say so, and that is no failure
        change.warnings.extend(warnings)
        say = no_journey_changes.WRITERS[output_format.value]
        emit(output, color, lambda out, colored: say(change, out))
        return
    impact = analyse(change, ws, build_graph(ws), depth)
    impact.warnings.extend(warnings)
    write = reporter(output_format.value, IMPACT_REPORTERS)
    emit(output, color, lambda out, colored: write(impact, out, color=colored))
    wanted = set().union(*(_GAPS_FOR[f] for f in fail_on or []))
    if any(gap.kind in wanted for gap in impact.gaps):
        raise typer.Exit(1)


def workspace_errors(ws: Workspace) -> list[str]:
    """A warning when the workspace has errors: what was read of it may not be all of it."""
    from cxkit.checks.findings import at_or_above
    from cxkit.checks.integrity import check_integrity

    errors = len(at_or_above([*ws.findings, *check_integrity(ws)], "error"))
    if not errors:
        return []
    said = "1 error" if errors == 1 else f"{errors} errors"
    return [f"the workspace has {said}, so this analysis may be incomplete: run cxkit validate"]
