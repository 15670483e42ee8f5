"""Reporters: each turns a ValidationResult into one output format.

`REPORTERS` maps each `--format` name to the module that writes it; every module has
`write(result, out, *, color)`. Adding a format is adding a module and a line here.
"""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from cxkit.lint import ValidationResult


class Reporter(Protocol):
    def __call__(self, result: ValidationResult, out: TextIO, *, color: bool) -> None: ...


# Modules are imported when used: the text reporter needs rich, the others do not.
REPORTERS: dict[str, str] = {
    "text": "cxkit.report.text",
    "parsable": "cxkit.report.parsable",
    "json": "cxkit.report.json",
    "sarif": "cxkit.report.sarif",
    "github": "cxkit.report.github",
    "junit": "cxkit.report.junit",
}


def reporter(name: str) -> Reporter:
    writer: Reporter = importlib.import_module(REPORTERS[name]).write
    return writer
