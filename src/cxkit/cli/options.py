"""Options shared by commands (config, workspace, output, colour) and their helpers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cxkit.report import DiffFormat, ImpactFormat

if TYPE_CHECKING:
    from cxkit.analysis.impact import PlannedChange
    from cxkit.checks.findings import Finding
    from cxkit.config import Config
    from cxkit.workspace import Workspace


def _document_format() -> Any:
    """The `--format` option of impact and diff; its choices are the command's reporters."""
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="text (for people), json, or markdown (for a pull request).",
        case_sensitive=False,
    )


ImpactFormatOption = Annotated[ImpactFormat, _document_format()]
DiffFormatOption = Annotated[DiffFormat, _document_format()]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file."),
]
ColorOption = Annotated[
    bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        envvar="CXKIT_CONFIG",
        show_envvar=True,
        help="The config file. Default: the nearest .cxkit.yaml above the workspace.",
    ),
]
DepthOption = Annotated[
    int,
    typer.Option(
        "--depth",
        min=0,
        metavar="N",
        help="How many steps past each changed touchpoint to follow the customer's route"
        " (0: the changed touchpoints only).",
    ),
]
WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        metavar="FOLDER",
        help="The workspace folder. Default: `workspace` in the config, else journeys.",
    ),
]


def configured(config: Path | None, workspace: Path | None) -> tuple[Config, Path]:
    """The config in force and the workspace folder to use (option, config, or journeys)."""
    from cxkit.config import resolve_config

    settings = resolve_config(config, workspace)
    return settings, workspace or settings.workspace or Path("journeys")


def usable_change(change_file: Path, workspace: Workspace) -> tuple[PlannedChange, list[Finding]]:
    """The change in `change_file` and its warnings; with an error, every finding goes to
    stderr (as `file:line:col: ...`) and the command exits 1."""
    from cxkit.analysis.changes import load_change
    from cxkit.analysis.impact import PlannedChange
    from cxkit.checks.findings import at_or_above
    from cxkit.report.parsable import line

    change, findings = load_change(change_file, workspace)
    if change is None or at_or_above(findings, "error"):
        for f in sorted(findings):
            print(line(f), file=sys.stderr)
        raise typer.Exit(1)
    return PlannedChange.of(change), findings
