"""`cxkit owner`: everything an owner holds, and for someone who left, who takes it over."""

from __future__ import annotations

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
from cxkit.report import OwnerFormat

if TYPE_CHECKING:
    from cxkit.analysis.holdings import FoundChange
    from cxkit.workspace import Workspace

EPILOG = """Examples:

  cxkit owner raj-patel          # all Raj holds, and what he took over

  cxkit owner tom-walsh          # someone who left: who takes over what

  cxkit owner contact-centre     # a team, and what its people hold

  cxkit owner tom-walsh -f markdown -o handover.md   # a hand-over note

  cxkit owner billing -w journeys --changes plans/

Change files are read from --changes DIR, by default the folder changes/ next to
the workspace (journeys/ -> changes/); a change file's `owner` owns it. Without
that folder, no change file is listed.

Exit codes: 0 done; 2 an id that is no owner (the nearest ids are suggested),
usage error, missing folder, workspace without files, or internal failure."""


_OwnerFormatOption = Annotated[
    OwnerFormat,
    typer.Option(
        "--format",
        "-f",
        help="text (for people), json, or markdown (for a hand-over note or an issue).",
        case_sensitive=False,
    ),
]


def command(
    ident: Annotated[str, typer.Argument(help="The owner's id: a team or a person.", metavar="ID")],
    workspace: WorkspaceOption = None,
    changes: Annotated[
        Path | None,
        typer.Option(
            "--changes",
            help="The folder of change files. Default: changes/ next to the workspace.",
        ),
    ] = None,
    config: ConfigOption = None,
    output_format: _OwnerFormatOption = OwnerFormat["text"],
    output: OutputOption = None,
    color: ColorOption = None,
) -> None:
    """Show everything an owner holds, in every role, and who takes it over when they leave."""
    from cxkit.analysis.holdings import owner_report
    from cxkit.cli.impact import workspace_errors
    from cxkit.report import OWNER_REPORTERS, reporter
    from cxkit.workspace import load_workspace

    settings, workspace_path = configured(config, workspace)
    ws = load_workspace(workspace_path, settings.ignore)
    _known(ident, ws)
    folder = changes if changes is not None else workspace_path.parent / "changes"
    found, warnings = _change_files(folder, ws, named=changes is not None)
    shown = folder.as_posix() if folder.is_dir() else None
    report = owner_report(ws, ident, found, shown)
    report.warnings.extend(warnings + workspace_errors(ws))
    write = reporter(output_format.value, OWNER_REPORTERS)
    emit(output, color, lambda out, colored: write(report, out, color=colored))


def _known(ident: str, ws: Workspace) -> None:
    """A usage error for an id that is no owner, naming the nearest owner ids."""
    import difflib

    from cxkit.model.vocabulary import SINGULAR
    from cxkit.report.escape import terminal

    if ident in ws.owners:
        return
    near = difflib.get_close_matches(ident, list(ws.owners), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    other = [SINGULAR[kind] for kind in SINGULAR if ident in getattr(ws, kind)]
    what = f" ('{terminal(ident)}' is a {other[0]})" if other else ""
    where = terminal(ws.root.as_posix())
    raise typer.BadParameter(
        f"no owner '{terminal(ident)}' in {where}{what}{hint}", param_hint="ID"
    )


def _change_files(
    folder: Path, ws: Workspace, *, named: bool
) -> tuple[list[FoundChange], list[str]]:
    """The change files in `folder`; a folder named on the command line must exist, the
    default one need not."""
    from cxkit.analysis.holdings import change_files
    from cxkit.errors import CxkitError

    if not folder.is_dir():
        if not named:
            return [], []
        if folder.exists():
            raise CxkitError(f"not a folder: {folder} (--changes names the folder of change files)")
        raise CxkitError(f"change files folder not found: {folder} (--changes)")
    return change_files(folder, ws)
