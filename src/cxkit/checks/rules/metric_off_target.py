"""A metric whose latest value misses its target.

Compares `actual` with `target` in the direction `better` says (`higher` by default). A reminder,
not a defect in the files: it is `info` by default; raise it to `warning` to keep it in view.
"""

from collections.abc import Iterator
from typing import Any

from cxkit.checks.findings import Finding
from cxkit.model.records.generated import Metric
from cxkit.workspace import Placed, Workspace

ID = "metric-off-target"
SEVERITY = "info"


def check(workspace: Workspace) -> Iterator[Finding]:
    for kind, index in (("touchpoint", workspace.touchpoints), ("journey", workspace.journeys)):
        for ident, placed in index.items():
            # A generator per entity would cost more than the check: tens of thousands of them.
            for i, metric in enumerate(placed.entity.metrics):
                if metric.off_target():
                    yield _off_target(kind, ident, placed, i, metric)


def _off_target(kind: str, ident: str, placed: Placed[Any], i: int, metric: Metric) -> Finding:
    unit = "" if not metric.unit else metric.unit if metric.unit == "%" else f" {metric.unit}"
    return Finding(
        placed.location("metrics", i, "actual"),
        ID,
        f"{kind} '{ident}': {metric.name} is {metric.actual:g}{unit} against a"
        f" target of {metric.target:g}{unit} ({metric.better} is better)",
        entity=f"{kind}s:{ident}",
    )
