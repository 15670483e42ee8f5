"""`file:line:col: [severity] message (rule)`, one finding a line: for editors and grep.

The coverage figures are no finding: they go to standard error, one line, so that what an
editor or grep reads stays one finding a line while a person running it still sees them.
"""

from __future__ import annotations

import sys
from typing import TextIO

from cxkit.checks.engine import ValidationResult
from cxkit.checks.findings import Finding
from cxkit.report.escape import terminal


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    from cxkit.report.coverage_text import coverage_line

    for f in result.findings:
        out.write(line(f) + "\n")
    figures = coverage_line(result.coverage)
    if figures:
        print(figures, file=sys.stderr)


def line(f: Finding) -> str:
    """One finding as `file:line:col: [severity] message (rule)`."""
    return f"{terminal(str(f.location))}: [{f.severity}] {_one_line(f.message)} ({f.rule})"


def _one_line(text: str) -> str:
    return " ".join(text.split())
