"""`cxkit impact --since REV` when no touchpoint a customer meets changed since REV: one
sentence in each of impact's formats, in place of an empty plan.

JSON gets a small document of its own kind, so a script can tell it from an impact document
without reading further:

    {"version": 1, "kind": "no-journey-changes", "since": "REV", "journey_changes": 0,
     "other_changes": 2, "warnings": []}

`other_changes` counts what did change since REV without reaching a touchpoint (owners,
systems, personas, a journey's leader): `cxkit diff` lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from cxkit.analysis.changes import NoJourneyChanges
from cxkit.report import jsondoc
from cxkit.report.escape import markdown, markdown_code, terminal

KIND = "no-journey-changes"
VERSION = 1


def _others(nothing: NoJourneyChanges, since: str) -> str:
    """What did change since the revision, or '' when nothing did."""
    n = nothing.other_changes
    if not n:
        return ""
    change, reaches = ("change", "reaches") if n == 1 else ("changes", "reach")
    return (
        f"{n} other {change} since {since} {reaches} no touchpoint a customer meets;"
        " cxkit diff lists them."
    )


def write_text(nothing: NoJourneyChanges, out: TextIO) -> None:
    since = terminal(nothing.since)
    lines = [f"No journey changes since {since}."]
    if others := _others(nothing, since):
        lines.append(others)
    if nothing.warnings:
        lines += ["Warnings", *(f"  - {terminal(w)}" for w in nothing.warnings)]
    out.write("\n".join(lines) + "\n")


def write_markdown(nothing: NoJourneyChanges, out: TextIO) -> None:
    since = markdown_code(nothing.since)
    lines = [f"No journey changes since {since}.", ""]
    if others := _others(nothing, since):
        lines += [others, ""]
    if nothing.warnings:
        lines += ["### Warnings", "", *(f"- {markdown(w)}" for w in nothing.warnings), ""]
    out.write("\n".join(lines))


def write_json(nothing: NoJourneyChanges, out: TextIO) -> None:
    jsondoc.dump(
        {
            "version": VERSION,
            "kind": KIND,
            "since": nothing.since,
            "journey_changes": 0,
            "other_changes": nothing.other_changes,
            "warnings": nothing.warnings,
        },
        out,
    )


# One writer for each format of `cxkit impact` (report.IMPACT_REPORTERS).
WRITERS: dict[str, Callable[[NoJourneyChanges, TextIO], None]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
}
