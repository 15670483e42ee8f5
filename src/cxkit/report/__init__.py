"""Reporters: each turns one result value into one output format.

`REPORTERS` maps each `cxkit validate --format` name to the module that writes it, and
`IMPACT_REPORTERS` does the same for `cxkit impact`; every module has
`write(value, out, *, color)`. Adding a format is adding a module and a line here.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol, TextIO


class Reporter(Protocol):
    def __call__(self, value: Any, out: TextIO, *, color: bool) -> None: ...


# Modules are imported when used: the text reporter needs rich, the others do not.
REPORTERS: dict[str, str] = {
    "text": "cxkit.report.text",
    "parsable": "cxkit.report.parsable",
    "json": "cxkit.report.json",
    "sarif": "cxkit.report.sarif",
    "github": "cxkit.report.github",
    "junit": "cxkit.report.junit",
}


IMPACT_REPORTERS: dict[str, str] = {
    "text": "cxkit.report.impact_text",
    "json": "cxkit.report.impact_json",
    "markdown": "cxkit.report.impact_markdown",
}


DIFF_REPORTERS: dict[str, str] = {
    "text": "cxkit.report.diff_text",
    "json": "cxkit.report.diff_json",
    "markdown": "cxkit.report.diff_markdown",
}


def reporter(name: str, registry: dict[str, str] = REPORTERS) -> Reporter:
    writer: Reporter = importlib.import_module(registry[name]).write
    return writer
