"""`file:line:col: [severity] message (rule)`, one finding a line: for editors and grep."""

from __future__ import annotations

from typing import TextIO

from cxkit.checks.engine import ValidationResult
from cxkit.checks.findings import Finding
from cxkit.report.escape import terminal


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    for f in result.findings:
        out.write(line(f) + "\n")


def line(f: Finding) -> str:
    """One finding as `file:line:col: [severity] message (rule)`."""
    return f"{terminal(str(f.location))}: [{f.severity}] {_one_line(f.message)} ({f.rule})"


def _one_line(text: str) -> str:
    return " ".join(text.split())
