"""`cxkit validate`: check a workspace in CI and on every commit."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cxkit.cli.options import emit

EPILOG = """Examples:

  cxkit validate                          # checks ./journeys

  cxkit validate path/to/journeys --fail-severity warning

  cxkit validate -f sarif -o cxkit.sarif  # for code scanning

  cxkit validate -f github                # annotations in GitHub Actions

Exit codes: 0 nothing at or above the failing severity, 1 findings that fail,
2 usage error, missing workspace or internal failure."""


class Format(StrEnum):
    text = "text"
    parsable = "parsable"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def command(
    path: Annotated[Path, typer.Argument(help="The workspace folder.", show_default=True)] = Path(
        "journeys"
    ),
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: text, or github inside GitHub Actions.",
            case_sensitive=False,
        ),
    ] = None,
    fail_severity: Annotated[
        Level, typer.Option("--fail-severity", help="Exit 1 when a finding reaches this severity.")
    ] = Level.error,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Report only findings that make the run fail.")
    ] = False,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")
    ] = None,
) -> None:
    """Check a workspace: the format, every reference, and ownership gaps."""
    from cxkit.lint import validate
    from cxkit.report import reporter

    result = validate(path, fail_severity=fail_severity.value)
    if quiet:
        result.findings = result.failing
    name = (
        output_format.value
        if output_format
        else "github"
        if os.environ.get("GITHUB_ACTIONS") == "true"
        else "text"
    )
    write = reporter(name)
    emit(output, color, lambda out, colored: write(result, out, color=colored))
    if result.failing:
        raise typer.Exit(1)
