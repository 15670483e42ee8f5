"""The readable default: findings grouped by file, then one summary line.

Colour (through rich) only on a terminal, never with NO_COLOR. Without colour the lines are
written directly: a CI log of thousands of findings should not pay for styling it never shows.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from cxkit.checks.engine import ValidationResult
from cxkit.report.escape import terminal

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# A line is a list of (text, style) segments; style "" is unstyled.
Line = list[tuple[str, str]]


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    lines = list(_lines(result))
    if not color:
        out.write("".join("".join([text for text, _ in line]) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True, emoji=False)
    for line in lines:
        console.print(Text.assemble(*line))


def _lines(result: ValidationResult) -> list[Line]:
    lines: list[Line] = []
    for path, group in groupby(result.findings, key=lambda f: f.path):
        lines.append([(terminal(path), "bold underline")])
        for f in group:
            lines.append(
                [
                    ("  ", ""),
                    (f"{f.line}:{f.column}".ljust(8), "dim"),
                    (" ", ""),
                    (f.severity.ljust(7), STYLE[f.severity]),
                    (f" {f.message}  ", ""),
                    (f.rule, "dim"),
                ]
            )
        lines.append([])
    lines.extend([(text, "")] for text in _closing_notes(result))
    failing = bool(result.failing)
    mark = ("✗ ", "bold red") if failing else ("✓ ", "bold green")
    lines.append([mark, (summary_line(result), "")])
    return lines


def _closing_notes(result: ValidationResult) -> list[str]:
    """The coverage figures and the next reviews due, above the summary line."""
    from cxkit.report.coverage_text import coverage_line, reviews_line

    notes = [coverage_line(result.coverage), reviews_line(result.reviews, result.today)]
    return [note for note in notes if note]


def summary_line(result: ValidationResult) -> str:
    counts = result.counts
    files = len(result.files)
    parts = [
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}",
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}",
        f"{counts['info']} info",
    ]
    failing = len(result.failing)
    verdict = (
        f"fails: {failing} at or above {result.fail_severity}"
        if failing
        else f"passes (fails on {result.fail_severity})"
    )
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if result.workspace_files is not None:
        checked += f" (of {result.workspace_files} read in the workspace)"
    line = f"{checked}: {', '.join(parts)}; {verdict}"
    hidden = hidden_note(result)
    return f"{line}; {hidden}" if hidden else line


def hidden_note(result: ValidationResult) -> str:
    """What was left out of the report: `3 below error not listed (--quiet), 2 suppressed by
    comments, 5 known in the baseline`."""
    notes = []
    if result.unlisted:
        notes.append(f"{len(result.unlisted)} below {result.fail_severity} not listed (--quiet)")
    if result.elsewhere:
        notes.append(
            f"{result.elsewhere} finding{'s' if result.elsewhere != 1 else ''} in other files"
            " not listed"
        )
    if result.suppressed:
        notes.append(f"{result.suppressed} suppressed by comments")
    if result.known:
        notes.append(f"{len(result.known)} known in the baseline")
    if result.fixed:
        notes.append(
            f"{result.fixed} baseline entr{'ies' if result.fixed != 1 else 'y'} fixed"
            " (record the baseline again to drop them)"
        )
    return ", ".join(notes)
