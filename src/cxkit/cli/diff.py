"""`cxkit diff`: what changed between two versions of the journeys, for reviewers."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxkit.cli.destination import emit
from cxkit.cli.options import (
    ColorOption,
    ConfigOption,
    DiffFormatOption,
    OutputOption,
    WorkspaceOption,
    configured,
)
from cxkit.report import DiffFormat

if TYPE_CHECKING:
    from cxkit.analysis.diff import WorkspaceDiff
    from cxkit.source.discovery import Ignore

EPILOG = """Examples:

  cxkit diff main                       # main's journeys/ against the working tree

  cxkit diff HEAD~1 HEAD                # the last commit

  cxkit diff v1.2:journeys old-copy/    # a tag against a folder

  cxkit diff origin/main -f markdown -o diff.md --fail-on risk   # in a pull request

A name that is both a folder and a git revision is an error that asks which:
./NAME (or NAME/) is the folder, REV:PATH (origin/main:journeys) the revision.
A REV:PATH whose PATH is not in REV, and a side without workspace files, are
errors too.

Exit codes: 0 done; 1 a change of the --fail-on class exists; 2 usage error,
unknown revision or path, a side without files, or internal failure."""


class DiffFailOn(StrEnum):
    risk = "risk"
    notable = "notable"


def command(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="A folder or git revision (REV or REV:path).")
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW",
            help="A folder or git revision; default: the working tree's workspace.",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    config: ConfigOption = None,
    output_format: DiffFormatOption = DiffFormat["text"],
    output: OutputOption = None,
    fail_on: Annotated[
        DiffFailOn | None,
        typer.Option(
            "--fail-on",
            metavar="CLASS",
            help="risk or notable: exit 1 when a change of this class (or worse) exists.",
        ),
    ] = None,
    color: ColorOption = None,
) -> None:
    """Show what changed between two versions of the journeys, and how risky it is."""
    from cxkit.analysis.delta import CLASS_RANK
    from cxkit.report import DIFF_REPORTERS, reporter

    settings, workspace_path = configured(config, workspace)
    diff = load_diff(old, new, workspace_path, settings.ignore)
    write = reporter(output_format.value, DIFF_REPORTERS)
    emit(output, color, lambda out, colored: write(diff, out, color=colored))
    if fail_on and any(CLASS_RANK[d.cls] >= CLASS_RANK[fail_on.value] for d in diff.deltas):
        raise typer.Exit(1)


def load_diff(
    old: str, new: str | None, workspace: Path, ignore: Ignore | None = None
) -> WorkspaceDiff:
    """Both versions loaded (their errors told on stderr) and compared; neither reads the files
    the config's `ignore` names."""
    from cxkit.analysis.diff import diff_workspaces
    from cxkit.analysis.versions import find_version, load_both, working_tree
    from cxkit.report.escape import terminal

    old_version = find_version(old, workspace, ignore)
    new_version = find_version(new, workspace, ignore) if new else working_tree(workspace, ignore)
    old_ws, new_ws = load_both(old_version, new_version)
    old_label, new_label = old_version.label, new_version.label
    for label, ws in ((old_label, old_ws), (new_label, new_ws)):
        errors = [f for f in ws.findings if f.severity == "error"]
        if errors:
            print(
                f"cxkit: {terminal(label)} has {len(errors)} error(s);"
                " comparing what could be read:",
                file=sys.stderr,
            )
            for f in errors:
                print(f"  {terminal(str(f.location))}: {f.message} ({f.rule})", file=sys.stderr)
    return diff_workspaces(old_ws, new_ws, old_label, new_label)
