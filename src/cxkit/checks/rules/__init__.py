"""The checks cxkit runs, by id: the format's own, and the ownership rules.

Adding a rule is adding one module (ID, SEVERITY, a docstring that is its user documentation,
and `check(workspace)` yielding findings) and one line in `_RULE_MODULES`. A rule whose `check`
is None is made by the engine itself (the suppression rules, from the findings of the others).
The README's table of rules and `schema/config.schema.json` are checked against this registry by
tests; CONTRIBUTING.md ("Adding a rule") lists every edit.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from cxkit.checks.findings import Finding, Severity
from cxkit.checks.rules.format import FORMAT_CHECKS
from cxkit.workspace import Workspace

Check = Callable[[Workspace], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    doc: str
    check: Check | None  # None: made while reading (format checks) or by the engine
    configurable: bool
    graded: bool = False  # its findings each carry their own severity unless the config sets one

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


# The modules of this package that are rules, one line each, in the order `cxkit rules` lists them.
_RULE_MODULES = (
    "touchpoint_unowned",
    "moment_of_truth_unowned",
    "owner_inactive",
    "journey_no_leader",
    "touchpoint_orphan",
    "touchpoint_unmeasured",
    "journey_unmeasured",
    "metric_off_target",
    "team_no_lead",
    "system_unowned",
    "journey_stale",
    "coverage_below_target",
    "suppression_unused",
    "suppression_invalid",
)


def _from_module(name: str) -> Rule:
    module = importlib.import_module(f"{__name__}.{name}")
    return Rule(
        module.ID,
        cast(Severity, module.SEVERITY),
        module.__doc__ or "",
        module.check,
        True,
        getattr(module, "GRADED", False),
    )


RULES: dict[str, Rule] = {
    **{rule_id: Rule(rule_id, "error", doc, None, False) for rule_id, doc in FORMAT_CHECKS.items()},
    **{rule.id: rule for rule in map(_from_module, _RULE_MODULES)},
}
