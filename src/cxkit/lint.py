"""Validation: load a workspace, run every check, apply suppressions and the baseline, stamp
severities, sort the findings.

The order matters: rules turned off make no findings; comments then hide what they name (and
the comments that hide nothing are findings themselves); a baseline last takes out the findings
it knows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cxkit.baseline import Baseline
from cxkit.findings import Finding, Severity, at_or_above, count_by_severity
from cxkit.integrity import check_integrity
from cxkit.rules import RULES
from cxkit.source.discovery import Ignore
from cxkit.suppress import apply_suppressions
from cxkit.workspace import Workspace, load_workspace

Setting = Severity | Literal["off"]


@dataclass(slots=True)
class ValidationResult:
    """What `cxkit validate` found in a workspace, ready for any reporter."""

    root: str
    files: list[str]
    findings: list[Finding]
    fail_severity: Severity = "error"
    workspace: Workspace | None = field(default=None, repr=False)
    suppressed: int = 0  # findings hidden by suppression comments
    known: list[Finding] = field(default_factory=list)  # findings the baseline knows
    fixed: int = 0  # baseline entries no longer found

    @property
    def failing(self) -> list[Finding]:
        return at_or_above(self.findings, self.fail_severity)

    @property
    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.findings)


def validate(
    root: Path,
    *,
    severities: Mapping[str, Setting] | None = None,
    fail_severity: Severity = "error",
    ignore: Ignore | None = None,
    baseline: Baseline | None = None,
) -> ValidationResult:
    """Check the workspace at `root` against the format and every enabled rule.

    `severities` sets rules' severities or turns them off; `ignore` leaves files unread;
    `baseline` takes out the findings it knows (they are kept in `known`).
    """
    workspace = load_workspace(root, ignore)
    settings = dict(severities or {})
    found = _enabled(_run_checks(workspace, settings), settings)
    off = frozenset(rule for rule, setting in settings.items() if setting == "off")
    outcome = apply_suppressions(found, workspace.documents, off)
    findings = sorted(
        _stamp(f, settings) for f in [*outcome.kept, *_enabled(outcome.problems, settings)]
    )
    result = ValidationResult(
        root=root.as_posix(),
        files=[doc.path for doc in workspace.documents],
        findings=findings,
        fail_severity=fail_severity,
        workspace=workspace,
        suppressed=outcome.suppressed,
    )
    if baseline is not None:
        split = baseline.split(findings)
        result.findings, result.known, result.fixed = split.new, split.known, split.fixed
    return result


def _run_checks(workspace: Workspace, settings: Mapping[str, Setting]) -> list[Finding]:
    found = list(workspace.findings)
    found.extend(check_integrity(workspace))
    for rule in RULES.values():
        if rule.check is not None and settings.get(rule.id, rule.severity) != "off":
            found.extend(rule.check(workspace))
    return found


def _enabled(findings: Iterable[Finding], settings: Mapping[str, Setting]) -> list[Finding]:
    """The findings of rules that are on (format checks always are)."""
    return [f for f in findings if settings.get(f.rule) != "off" or not RULES[f.rule].configurable]


def _stamp(finding: Finding, settings: Mapping[str, Setting]) -> Finding:
    rule = RULES[finding.rule]
    wanted = settings.get(rule.id, rule.severity) if rule.configurable else rule.severity
    severity: Severity = rule.severity if wanted == "off" else wanted
    if severity == finding.severity:
        return finding
    return dataclasses.replace(finding, severity=severity)
