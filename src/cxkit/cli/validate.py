"""`cxkit validate`: check a workspace in CI and on every commit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cxkit.cli.options import ColorOption, ConfigOption, OutputOption, WorkspaceOption
from cxkit.cli.validate_run import Level, ValidateRequest, run_validate
from cxkit.report import VALIDATE_REPORTERS, ValidateFormat

_FORMATS = ", ".join(list(VALIDATE_REPORTERS)[:-1]) + f" or {list(VALIDATE_REPORTERS)[-1]}"

EPILOG = """Examples:

  cxkit validate                          # checks ./journeys

  cxkit validate path/to/journeys --fail-severity warning

  cxkit validate journeys/owners.yaml     # one file, checked in its workspace

  cat draft.yaml | cxkit validate - --stdin-filename journeys/owners.yaml

  cxkit validate -f sarif -o cxkit.sarif  # for code scanning

  cxkit validate -f github                # annotations in GitHub Actions

  cxkit validate --write-baseline known.json   # record today's findings

  cxkit validate --baseline known.json    # then fail only on new ones

Files are checked with the other files of their workspace (references cross
files) and their findings alone are reported; the exit code is theirs. Their
workspace is -w, else the config's `workspace`, else journeys beside the
config file. A file outside it is an error; so is a folder among files.

Settings come from --config FILE, else CXKIT_CONFIG, else the nearest
.cxkit.yaml above the workspace (or the files; up to the repository root);
options given here override them.

Exit codes: 0 nothing at or above the failing severity, 1 findings that fail,
2 usage error, missing workspace or one without files (unless --allow-empty),
a file not in the workspace, broken config or baseline, or internal failure."""


def command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="The workspace folder; or files of one workspace, to check in it and report"
            " alone; or - for a file's text on standard input (with --stdin-filename)."
            " Default: the workspace of -w, else `workspace` in the config, else journeys.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    stdin_filename: Annotated[
        Path | None,
        typer.Option(
            "--stdin-filename",
            metavar="PATH",
            help="The workspace file whose text - reads from standard input (an editor's"
            " unsaved text): it stands in for the file, or adds it; findings carry PATH.",
        ),
    ] = None,
    failing_elsewhere: Annotated[
        bool,
        typer.Option(
            "--failing-elsewhere",
            help="With files: also report the findings in other files that fail the run (a"
            " change to owners.yaml can break references in other files). The pre-commit"
            " hook uses it.",
        ),
    ] = False,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"{_FORMATS}. Default: text, or github inside GitHub Actions.",
            case_sensitive=False,
        ),
    ] = None,
    fail_severity: Annotated[
        Level | None,
        typer.Option(
            "--fail-severity",
            metavar="SEVERITY",
            help="error, warning or info: exit 1 when a finding reaches it. Default: the"
            " config's, else error.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="List only the findings that make the run fail (the counts stay whole).",
        ),
    ] = False,
    color: ColorOption = None,
    config: ConfigOption = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Use no config file: every default.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report only findings this baseline file does not know.",
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record every finding in this baseline file, report nothing, exit 0.",
        ),
    ] = None,
    allow_empty: Annotated[
        bool,
        typer.Option(
            "--allow-empty",
            help="Pass a workspace without files. Default: no files is exit 2, so a wrong"
            " path or an ignore that leaves out everything cannot keep CI green.",
        ),
    ] = False,
) -> None:
    """Check a workspace, or files in it: the format, every reference, and ownership gaps."""
    _refuse_config_with_no_config(ctx, no_config)
    request = ValidateRequest(
        paths=tuple(paths or ()),
        workspace=workspace,
        stdin_filename=stdin_filename,
        failing_elsewhere=failing_elsewhere,
        output_format=output_format,
        fail_severity=fail_severity,
        output=output,
        quiet=quiet,
        color=color,
        config=config,
        no_config=no_config,
        baseline=baseline,
        write_baseline=write_baseline,
        allow_empty=allow_empty,
    )
    code = run_validate(request)
    if code:
        raise typer.Exit(code)


def _refuse_config_with_no_config(ctx: typer.Context, no_config: bool) -> None:
    """--config and --no-config contradict each other; CXKIT_CONFIG gives way to --no-config."""
    source = ctx.get_parameter_source("config")
    if no_config and source is not None and source.name == "COMMANDLINE":
        raise typer.BadParameter("give --config or --no-config, not both", param_hint="--config")
