"""`cxkit validate` once its options are read: shared by the Typer command and the fast path.

Nothing here imports Typer, pydantic or rich: validate runs on every commit and editor save, and
on a clean workspace its whole run should cost little more than starting Python.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cxkit.cli.destination import emit
from cxkit.report import ValidateFormat


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass(frozen=True, slots=True)
class ValidateRequest:
    """The options of one `cxkit validate` run, as given (None: not given)."""

    path: Path | None = None
    output_format: ValidateFormat | None = None
    fail_severity: Level | None = None
    output: Path | None = None
    quiet: bool = False
    color: bool | None = None
    config: Path | None = None
    no_config: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    allow_empty: bool = False


def run_validate(request: ValidateRequest) -> int:
    """Check the workspace and report; the exit code (0 clean, 1 findings that fail)."""
    from cxkit.checks.baseline import load_baseline, write_baseline
    from cxkit.checks.engine import validate
    from cxkit.config import resolve_config
    from cxkit.report import VALIDATE_REPORTERS, reporter

    settings = resolve_config(request.config, request.path, isolated=request.no_config)
    fail_severity = request.fail_severity
    result = validate(
        request.path or settings.workspace or Path("journeys"),
        severities=settings.severities,
        fail_severity=fail_severity.value if fail_severity else settings.fail_severity or "error",
        ignore=settings.ignore,
        baseline=load_baseline(request.baseline) if request.baseline else None,
        allow_empty=request.allow_empty,
        policy=settings.policy(),
    )
    if request.write_baseline is not None:
        recorded = [*result.findings, *result.known]
        write_baseline(request.write_baseline, recorded)
        print(f"cxkit: recorded {len(recorded)} findings in {request.write_baseline}")
        sys.stdout.flush()
        return 0
    if request.quiet:
        result.findings = result.failing
    write = reporter(_format_name(request.output_format), VALIDATE_REPORTERS)
    emit(request.output, request.color, lambda out, colored: write(result, out, color=colored))
    return 1 if result.failing else 0


def _format_name(output_format: ValidateFormat | None) -> str:
    if output_format is not None:
        return output_format.value
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
