"""Findings: the one value every check produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cxkit.report.escape import terminal

Severity = Literal["error", "warning", "info"]

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a workspace file: a workspace-relative path, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place. Sorts by file, line, column, then rule."""

    location: Location
    rule: str
    message: str
    severity: Severity = "error"
    # `kind:id` of the entity the finding is about, where there is one: it identifies a finding
    # across edits that move lines (baselines match on it).
    entity: str = field(default="", compare=False)
    related: tuple[Location, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # Messages quote what users wrote; a key or value holding ESC or a line break must not
        # reach a terminal or a CI log raw. isprintable() is the cheap common case. (A file's
        # name may hold them too: reports escape paths for their medium, `cxkit.report.escape`.)
        if not self.message.isprintable():
            object.__setattr__(self, "message", terminal(self.message))

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def with_severity(self, severity: Severity) -> Finding:
        """This finding at another severity: what dataclasses.replace does at about half the
        cost, which counts when a large workspace's tens of thousands of findings are stamped."""
        return Finding(self.location, self.rule, self.message, severity, self.entity, self.related)


def sort_key(finding: Finding) -> tuple[str, int, int, str, str, str]:
    """The order findings compare in (file, line, column, rule, message, severity) as one
    tuple: sorting by it is several times cheaper than comparing findings pairwise."""
    where = finding.location
    return (where.path, where.line, where.column, finding.rule, finding.message, finding.severity)


def at_or_above(findings: list[Finding], threshold: Severity) -> list[Finding]:
    """The findings whose severity reaches `threshold`."""
    floor = SEVERITY_RANK[threshold]
    return [f for f in findings if SEVERITY_RANK[f.severity] >= floor]


def count_by_severity(findings: list[Finding]) -> dict[Severity, int]:
    counts: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
