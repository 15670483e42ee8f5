"""Reporters: each turns one result value into one output format.

One registry per command maps each `--format` name to the module that writes it; every module
has `write(value, out, *, color)`. The commands' `--format` choices are made from these
registries, so a format is offered exactly when it is registered: adding one is adding a module
and a line here (CONTRIBUTING.md, "Adding an output format", lists the docs to update too).
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import Any, Protocol, TextIO


class Reporter(Protocol):
    def __call__(self, value: Any, out: TextIO, *, color: bool) -> None: ...


# Modules are imported when used: the text reporter needs rich, the others do not.
VALIDATE_REPORTERS: dict[str, str] = {
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


OWNER_REPORTERS: dict[str, str] = {
    "text": "cxkit.report.owner_text",
    "json": "cxkit.report.owner_json",
    "markdown": "cxkit.report.owner_markdown",
}


CALENDAR_REPORTERS: dict[str, str] = {
    "text": "cxkit.report.calendar_text",
    "json": "cxkit.report.calendar_json",
    "markdown": "cxkit.report.calendar_markdown",
    "ics": "cxkit.report.calendar_ics",
}


REVIEW_REPORTERS: dict[str, str] = {
    "text": "cxkit.report.release_review_text",
    "json": "cxkit.report.release_review_json",
    "markdown": "cxkit.report.release_review_markdown",
}


def _names(registry: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, name) for name in registry]


# Each command's `--format` choices, made from its registry (mypy cannot see members made at run
# time, hence the ignores; it checks the rest of each enum as usual).
ValidateFormat = StrEnum("ValidateFormat", _names(VALIDATE_REPORTERS))  # type: ignore[misc]
ImpactFormat = StrEnum("ImpactFormat", _names(IMPACT_REPORTERS))  # type: ignore[misc]
DiffFormat = StrEnum("DiffFormat", _names(DIFF_REPORTERS))  # type: ignore[misc]
OwnerFormat = StrEnum("OwnerFormat", _names(OWNER_REPORTERS))  # type: ignore[misc]
CalendarFormat = StrEnum("CalendarFormat", _names(CALENDAR_REPORTERS))  # type: ignore[misc]
ReviewFormat = StrEnum("ReviewFormat", _names(REVIEW_REPORTERS))  # type: ignore[misc]


def reporter(name: str, registry: dict[str, str]) -> Reporter:
    writer: Reporter = importlib.import_module(registry[name]).write
    return writer
