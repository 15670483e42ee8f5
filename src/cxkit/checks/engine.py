"""Validation: load a workspace, run every check, apply suppressions and the baseline, stamp
severities, sort the findings.

The order matters: rules turned off make no findings; comments then hide what they name (and
the comments that hide nothing are findings themselves); a baseline takes out the findings it
knows; last, with files named (`cxkit.checks.scope`), the findings elsewhere are set aside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cxkit.analysis.coverage import Coverage, coverage
from cxkit.analysis.reviews import Review, reviews
from cxkit.checks.baseline import Baseline
from cxkit.checks.findings import (
    SEVERITY_RANK,
    Finding,
    Severity,
    at_or_above,
    count_by_severity,
    sort_key,
)
from cxkit.checks.integrity import check_integrity
from cxkit.checks.policy import Policy
from cxkit.checks.rules import RULES, Rule, coverage_below_target, journey_stale
from cxkit.checks.scope import NamedFiles, select
from cxkit.checks.suppressions import apply_suppressions
from cxkit.runtime.keep import keep
from cxkit.source.discovery import Ignore
from cxkit.workspace import Workspace, build_workspace, load_workspace

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
    # Findings counted but not listed: those below the failing severity, with --quiet.
    unlisted: list[Finding] = field(default_factory=list)
    # With files named: how many files the workspace has, and the findings in the others.
    workspace_files: int | None = None
    elsewhere: int = 0
    left_out: list[tuple[str, str]] = field(default_factory=list)  # named, not read: (path, why)
    coverage: Coverage = field(default_factory=Coverage)  # the coverage figures
    reviews: list[Review] = field(default_factory=list)  # journeys' next reviews, soonest first
    today: dt.date | None = None  # the date reviews were judged against

    @property
    def failing(self) -> list[Finding]:
        return at_or_above(self.findings, self.fail_severity)

    @property
    def counts(self) -> dict[Severity, int]:
        """Findings by severity, the unlisted ones included: hiding is no fixing."""
        counts = count_by_severity(self.findings)
        for f in self.unlisted:
            counts[f.severity] += 1
        return counts

    def list_only_failing(self) -> None:
        """Keep out of the listing the findings that do not fail the run (--quiet)."""
        floor = SEVERITY_RANK[self.fail_severity]
        self.unlisted += [f for f in self.findings if SEVERITY_RANK[f.severity] < floor]
        self.findings = self.failing


def validate(
    root: Path,
    *,
    severities: Mapping[str, Setting] | None = None,
    fail_severity: Severity = "error",
    ignore: Ignore | None = None,
    baseline: Baseline | None = None,
    allow_empty: bool = False,
    named: NamedFiles | None = None,
    failing_elsewhere: bool = False,
    policy: Policy | None = None,
) -> ValidationResult:
    """Check the workspace at `root` against the format and every enabled rule.

    `severities` sets rules' severities or turns them off; `ignore` leaves files unread;
    `baseline` takes out the findings it knows (they are kept in `known`). A workspace without
    files is an error (a wrong path must not pass), unless `allow_empty`. `policy` holds the
    coverage minimums and the review cadence (default: no minimums, every 180 days).

    With `named` files, the result reports those alone (and, with `failing_elsewhere`, the
    findings in other files that fail the run): the whole workspace is read all the same.
    """
    selection = None if named is None else select(root, named, ignore)
    if selection is None:
        workspace = load_workspace(root, ignore, allow_empty=allow_empty)
    else:
        workspace = build_workspace(root, selection.sources, selection.notes)
    policy = policy or Policy()
    figures = coverage(workspace)
    settings = dict(severities or {})
    off = frozenset(rule for rule, setting in settings.items() if setting == "off")
    found = _run_checks(workspace, settings)
    found += _policy_checks(workspace, figures, policy, off)
    found = _enabled(found, off)
    outcome = apply_suppressions(found, workspace.documents, off)
    in_force = _severities_in_force(settings)
    findings = [_stamp(f, in_force) for f in [*outcome.kept, *_enabled(outcome.problems, off)]]
    findings.sort(key=sort_key)
    keep(findings)
    result = ValidationResult(
        root=root.as_posix(),
        files=[doc.path for doc in workspace.documents],
        findings=findings,
        fail_severity=fail_severity,
        workspace=workspace,
        suppressed=outcome.suppressed,
        coverage=figures,
        reviews=reviews(workspace, policy.review_every_days, kept=policy.cadence_set),
        today=policy.today,
    )
    if baseline is not None:
        split = baseline.split(findings)
        result.findings, result.known, result.fixed = split.new, split.known, split.fixed
    if selection is not None:
        _report_on(result, selection.shown, failing_elsewhere)
        result.left_out = selection.left_out
    return result


def _report_on(result: ValidationResult, files: list[str], failing_elsewhere: bool) -> None:
    """Narrow `result` to the findings in `files` (and those elsewhere that fail the run, with
    `failing_elsewhere`): a file's findings, counts and exit code are its own."""
    named = frozenset(files)
    floor = SEVERITY_RANK[result.fail_severity]

    def reported(f: Finding) -> bool:
        return f.path in named or (failing_elsewhere and SEVERITY_RANK[f.severity] >= floor)

    listed = [f for f in result.findings if reported(f)]
    result.elsewhere = len(result.findings) - len(listed)
    result.findings = listed
    result.known = [f for f in result.known if f.path in named]
    result.workspace_files = len(result.files)
    result.files = sorted(files)


def _run_checks(workspace: Workspace, settings: Mapping[str, Setting]) -> list[Finding]:
    found = list(workspace.findings)
    found.extend(check_integrity(workspace))
    for rule in RULES.values():
        if rule.check is not None and settings.get(rule.id, rule.severity) != "off":
            found.extend(rule.check(workspace))
    return found


def _policy_checks(
    workspace: Workspace, figures: Coverage, policy: Policy, off: frozenset[str]
) -> list[Finding]:
    """The rules that need the config's policy as well as the workspace."""
    found: list[Finding] = []
    if journey_stale.ID not in off:
        found.extend(journey_stale.stale(workspace, policy))
    if coverage_below_target.ID not in off:
        found.extend(coverage_below_target.below_target(figures, policy))
    return found


def _enabled(findings: Iterable[Finding], off: frozenset[str]) -> list[Finding]:
    """The findings of rules that are on (format checks always are); `off` holds the rules the
    config turns off."""
    if not off:  # the usual case: no need to look at each of tens of thousands of findings
        return list(findings)
    return [f for f in findings if f.rule not in off or not RULES[f.rule].configurable]


def _severities_in_force(settings: Mapping[str, Setting]) -> dict[str, Severity | None]:
    """Each rule's severity: the config's where it sets one for a configurable rule. None: a
    graded rule the config leaves alone, whose findings keep the severity each was made with."""
    return {
        rule_id: None
        if rule.graded and rule_id not in settings
        else _severity_in_force(rule, settings)
        for rule_id, rule in RULES.items()
    }


def _severity_in_force(rule: Rule, settings: Mapping[str, Setting]) -> Severity:
    wanted = settings.get(rule.id, rule.severity) if rule.configurable else rule.severity
    return rule.severity if wanted == "off" else wanted


def _stamp(finding: Finding, in_force: Mapping[str, Severity | None]) -> Finding:
    severity = in_force[finding.rule]
    if severity is None or severity == finding.severity:
        return finding
    return finding.with_severity(severity)
