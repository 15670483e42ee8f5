"""The readable default: findings grouped by file, then one summary line. Colour only on a
terminal, never with NO_COLOR."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from cxkit.lint import ValidationResult

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    for path, group in groupby(result.findings, key=lambda f: f.path):
        console.print(f"[bold underline]{escape(path)}[/]")
        for f in group:
            place = f"{f.line}:{f.column}"
            console.print(
                f"  [dim]{place:<8}[/] [{STYLE[f.severity]}]{f.severity:<7}[/] {escape(f.message)}"
                f"  [dim]{f.rule}[/]"
            )
        console.print()
    console.print(summary_line(result, markup=True))


def summary_line(result: ValidationResult, *, markup: bool = False) -> str:
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
    text = f"{files} file{'s' if files != 1 else ''} checked: {', '.join(parts)}; {verdict}"
    if not markup:
        return text
    mark = "[bold red]✗[/]" if failing else "[bold green]✓[/]"
    return f"{mark} {escape(text)}"
