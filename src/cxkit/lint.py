"""Validation: load a workspace, run every check, stamp severities, sort the findings."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cxkit.findings import Finding, Severity, at_or_above, count_by_severity
from cxkit.integrity import check_integrity
from cxkit.rules import RULES
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
) -> ValidationResult:
    """Check the workspace at `root` against the format and every enabled rule."""
    workspace = load_workspace(root)
    found = list(workspace.findings)
    found.extend(check_integrity(workspace))
    settings = dict(severities or {})
    for rule in RULES.values():
        if rule.check is not None and settings.get(rule.id, rule.severity) != "off":
            found.extend(rule.check(workspace))
    findings = sorted(
        _stamp(f, settings)
        for f in found
        if settings.get(f.rule) != "off" or not RULES[f.rule].configurable
    )
    return ValidationResult(
        root=root.as_posix(),
        files=[doc.path for doc in workspace.documents],
        findings=findings,
        fail_severity=fail_severity,
        workspace=workspace,
    )


def _stamp(finding: Finding, settings: Mapping[str, Setting]) -> Finding:
    rule = RULES[finding.rule]
    wanted = settings.get(rule.id, rule.severity) if rule.configurable else rule.severity
    severity: Severity = rule.severity if wanted == "off" else wanted
    if severity == finding.severity:
        return finding
    return dataclasses.replace(finding, severity=severity)
