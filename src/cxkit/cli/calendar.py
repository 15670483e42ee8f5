"""`cxkit calendar`: when every planned change's waves and release fall, and which collide."""

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
    OutputOption,
    WorkspaceOption,
    configured,
)
from cxkit.report import CalendarFormat

if TYPE_CHECKING:
    from cxkit.analysis.calendar import Broken

EPILOG = """Examples:

  cxkit calendar                          # the changes in changes/, and their conflicts

  cxkit calendar plans/ -w journeys --fail-on conflict   # in CI: exit 1 on any conflict

  cxkit calendar -f ics -o changes.ics    # the waves and releases, for a calendar app

  cxkit calendar -f markdown -o calendar.md   # for a pull request or a wiki page

Each wave starts on the day cxkit render gives it: the release date minus
render.waves in the config (21, 14, 7 and 0 days by default). A change's window
runs from the day its first wave starts to its release day, both included; a
team's (or person's) window in a change runs from the first wave that asks it to
act (wave 1, peers and stakeholders, or wave 2, the teams who do the work) to
the release day. Two windows overlap when they share a day.

Two changes collide when:
  same-touchpoint  both change one touchpoint directly (as cxkit impact counts
                   it: named, or on a named system, channel or owner) and their
                   releases are at most calendar.conflict_days apart (default 14);
  moment-of-truth  a moment of truth is in both changes' scope (changed, or right
                   after a changed touchpoint) and their windows overlap;
  same-team        a team or person is asked to act by both, in windows that
                   overlap.
A change with no release date is listed as unscheduled and collides with nothing.

-f ics writes an iCalendar file (RFC 5545): an all-day event on the day each
wave starts and on each release day.

Exit codes: 0 done (conflicts are shown); 1 a change file is broken (each
problem on stderr as file:line:col, the other files still read), or a conflict
with --fail-on conflict; 2 usage error, missing folder, workspace without files,
or internal failure."""


class FailOn(StrEnum):
    conflict = "conflict"


_CalendarFormatOption = Annotated[
    CalendarFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="text (for people), json, markdown (for a pull request), or ics (iCalendar, for"
        " a calendar app).",
        case_sensitive=False,
    ),
]


def command(
    folder: Annotated[
        Path,
        typer.Argument(
            help="The folder of change files (*.yaml, *.yml, below it). Default: changes.",
            metavar="FOLDER",
        ),
    ] = Path("changes"),
    workspace: WorkspaceOption = None,
    config: ConfigOption = None,
    output_format: _CalendarFormatOption = CalendarFormat["text"],
    output: OutputOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            metavar="WHAT",
            help="conflict: exit 1 when any two changes collide (for CI).",
        ),
    ] = None,
    color: ColorOption = None,
) -> None:
    """Show when each planned change's waves and release fall, and the changes that collide."""
    from cxkit.analysis.calendar import calendar, read_changes
    from cxkit.analysis.graph import build_graph
    from cxkit.cli.impact import workspace_errors
    from cxkit.report import CALENDAR_REPORTERS, reporter
    from cxkit.workspace import load_workspace

    _usable(folder)
    settings, workspace_path = configured(config, workspace)
    offsets = tuple(settings.waves.values())
    ws = load_workspace(workspace_path, settings.ignore)
    read = read_changes(folder, ws, build_graph(ws), offsets, settings.ignore)
    _say(read.broken)
    found = calendar(folder.as_posix(), read.changes, settings.conflict_days, offsets, read.broken)
    found.warnings += read.warnings + workspace_errors(ws)
    write = reporter(output_format.value, CALENDAR_REPORTERS)
    emit(output, color, lambda out, colored: write(found, out, color=colored))
    if found.broken or (fail_on is FailOn.conflict and found.conflicts):
        raise typer.Exit(1)


def _usable(folder: Path) -> None:
    """A usage error for a folder that is not there, or is no folder."""
    if not folder.exists():
        raise typer.BadParameter(f"folder not found: {folder.as_posix()}", param_hint="FOLDER")
    if not folder.is_dir():
        raise typer.BadParameter(
            f"not a folder: {folder.as_posix()} (give the folder that holds the change files)",
            param_hint="FOLDER",
        )


def _say(broken: list[Broken]) -> None:
    """Each broken change file's problems on stderr, as `cxkit impact` gives them."""
    from cxkit.report.escape import terminal
    from cxkit.report.parsable import line

    for file in broken:
        for finding in file.findings:
            print(line(finding), file=sys.stderr)
        if file.message:
            print(f"{terminal(file.file)}: [error] {terminal(file.message)}", file=sys.stderr)
