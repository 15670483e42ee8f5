"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

GitHub shows only the first few annotations of a step, so when `GITHUB_STEP_SUMMARY` is set the
whole list also goes to the job summary as a Markdown table.
"""

from __future__ import annotations

import os
from typing import TextIO

from cxkit.checks.engine import ValidationResult
from cxkit.checks.findings import Finding
from cxkit.errors import CxkitError
from cxkit.report.coverage_text import coverage_table
from cxkit.report.escape import markdown, markdown_code, terminal, workflow_data, workflow_property
from cxkit.report.text import hidden_note

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def annotation(f: Finding) -> str:
    # Line and column are numbers, which hold nothing to escape. A file name holding a control
    # character is shown escaped, so its annotation names a path GitHub cannot attach it to:
    # better than a raw escape sequence in the log.
    properties = (
        f"file={workflow_property(terminal(f.path))},line={f.line},col={f.column},"
        f"title={workflow_property(f.rule)}"
    )
    return f"::{COMMAND[f.severity]} {properties}::{workflow_data(f.message)}\n"


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    for f in result.findings:
        out.write(annotation(f))
    counts = result.counts
    hidden = hidden_note(result)
    out.write(
        f"cxkit: {len(result.files)} files, {counts['error']} errors,"
        f" {counts['warning']} warnings, {counts['info']} info{'; ' + hidden if hidden else ''}\n"
    )
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        _append(summary, job_summary(result))


def _append(path: str, text: str) -> None:
    """Add `text` to the job summary at `path`; a path that cannot take it is a fault of the
    machine, named in one line. Opened without blocking: a named pipe no one reads would
    otherwise keep cxkit waiting for ever."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(path, flags, 0o666), "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CxkitError(
            f"cannot write the job summary (GITHUB_STEP_SUMMARY) {path}: {exc.strerror or exc}"
        ) from None


def job_summary(result: ValidationResult) -> str:
    """The findings as Markdown, which GitHub renders with HTML: every value escaped for it."""
    counts = result.counts
    lines = [
        "## cxkit validate",
        "",
        f"{len(result.files)} files in {markdown_code(result.root)}: **{counts['error']} errors**,"
        f" {counts['warning']} warnings, {counts['info']} info.",
        "",
    ]
    hidden = hidden_note(result)
    if hidden:
        lines += [f"Not shown: {hidden}.", ""]
    lines += coverage_table(result.coverage)
    if result.findings:
        lines += ["| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {f.severity} | {markdown_code(str(f.location), cell=True)}"
            f" | {markdown_code(f.rule, cell=True)} | {markdown(f.message)} |"
            for f in result.findings
        ]
    return "\n".join(lines) + "\n"
