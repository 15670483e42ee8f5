"""The checks cxkit runs, by id: the format's own, and the ownership rules.

Adding a rule is adding one module (ID, SEVERITY, a docstring that is its user documentation,
and `check(workspace)` yielding findings) and one line in `_RULE_MODULES`. A rule whose `check`
is None is made by the engine itself (the suppression rules, from the findings of the others).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import cast

from cxkit.findings import Finding, Severity
from cxkit.rules import (
    journey_no_leader,
    journey_unmeasured,
    metric_off_target,
    moment_of_truth_unowned,
    owner_inactive,
    suppression_invalid,
    suppression_unused,
    system_unowned,
    team_no_lead,
    touchpoint_orphan,
    touchpoint_unmeasured,
    touchpoint_unowned,
)
from cxkit.rules.format import FORMAT_CHECKS
from cxkit.workspace import Workspace

Check = Callable[[Workspace], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    doc: str
    check: Check | None  # None: made while reading (format checks) or by the engine
    configurable: bool

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


_RULE_MODULES: tuple[ModuleType, ...] = (
    touchpoint_unowned,
    moment_of_truth_unowned,
    owner_inactive,
    journey_no_leader,
    touchpoint_orphan,
    touchpoint_unmeasured,
    journey_unmeasured,
    metric_off_target,
    team_no_lead,
    system_unowned,
    suppression_unused,
    suppression_invalid,
)


def _from_module(module: ModuleType) -> Rule:
    return Rule(
        module.ID, cast(Severity, module.SEVERITY), module.__doc__ or "", module.check, True
    )


RULES: dict[str, Rule] = {
    **{rule_id: Rule(rule_id, "error", doc, None, False) for rule_id, doc in FORMAT_CHECKS.items()},
    **{module.ID: _from_module(module) for module in _RULE_MODULES},
}
