"""A diff as JSON, in a versioned shape (`"version": 1`), documented in the README."""

from __future__ import annotations

import dataclasses
from typing import Any, TextIO

from cxkit.analysis.diff import WorkspaceDiff
from cxkit.analysis.diff_people import Ownership
from cxkit.report import jsondoc
from cxkit.report.coverage_json import coverage_document


def write(diff: WorkspaceDiff, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(diff), out)


def document(diff: WorkspaceDiff) -> dict[str, Any]:
    return {
        "version": 1,
        "kind": "diff",
        "tool": jsondoc.tool(),
        "old": diff.old_label,
        "new": diff.new_label,
        "summary": {
            "journeys_changed": diff.journeys_changed,
            "added": diff.count("+"),
            "changed": diff.count("~") + diff.count("→"),
            "removed": diff.count("-"),
            "risk": len(diff.classed("risk")),
            "notable": len(diff.classed("notable")),
            "info": len(diff.classed("info")),
            "journeys": [
                {"id": j.id, "changes": j.changes, "through": j.through} for j in diff.journeys
            ],
            "ownership": {
                "before": _ownership(diff.ownership_before),
                "after": _ownership(diff.ownership_after),
            },
            "coverage": {
                "before": coverage_document(diff.coverage_before),
                "after": coverage_document(diff.coverage_after),
            },
        },
        "changes": [
            {("class" if k == "cls" else k): v for k, v in dataclasses.asdict(d).items()}
            for d in diff.deltas
        ],
    }


def _ownership(figure: Ownership) -> dict[str, Any]:
    return {"owned": figure.owned, "total": figure.total, "percent": figure.percent}
