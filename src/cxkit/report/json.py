"""Findings as JSON, in a versioned shape (`"version": 1`) documented in the README.

{"version": 1, "tool": {...}, "workspace": str, "files": [str],
 "summary": {"error": n, "warning": n, "info": n, "failing": n, "fail_severity": str,
             "suppressed": n, "baselined": n, "baseline_fixed": n, "hidden_by_quiet": n,
             "in_other_files": n},
 "findings": [{"path", "line", "column", "severity", "rule", "message", "entity", "related"}],
 "coverage": {...}}  (report/coverage_json.py)
"""

from __future__ import annotations

from typing import Any, TextIO

from cxkit.checks.engine import ValidationResult
from cxkit.checks.findings import Finding, Location
from cxkit.report import jsondoc
from cxkit.report.coverage_json import coverage_document

VERSION = 1


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(result), out)


def document(result: ValidationResult) -> dict[str, Any]:
    return {
        "version": VERSION,
        "tool": jsondoc.tool(),
        "workspace": result.root,
        "files": result.files,
        "summary": {
            **result.counts,
            "failing": len(result.failing),
            "fail_severity": result.fail_severity,
            "suppressed": result.suppressed,
            "baselined": len(result.known),
            "baseline_fixed": result.fixed,
            "hidden_by_quiet": len(result.unlisted),
            "in_other_files": result.elsewhere,
        },
        "findings": [_finding(f) for f in result.findings],
        "coverage": coverage_document(result.coverage),
    }


def _location(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "column": location.column}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        **_location(f.location),
        "severity": f.severity,
        "rule": f.rule,
        "message": f.message,
        "entity": f.entity or None,
        "related": [_location(r) for r in f.related],
    }
