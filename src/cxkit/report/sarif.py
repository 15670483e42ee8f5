"""SARIF 2.1.0, for code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers).

Every rule cxkit has goes in `tool.driver.rules` with its help text; each result names its rule
by index, and points at a workspace-relative `uri` with `startLine`/`startColumn`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, TextIO

from cxkit import __version__
from cxkit.checks.engine import ValidationResult
from cxkit.checks.findings import Finding, Location
from cxkit.checks.rules import RULES
from cxkit.report import jsondoc
from cxkit.report.coverage_json import coverage_document
from cxkit.report.escape import uri_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/cxkit/cxkit"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    # Compact, and in one piece: SARIF is read by tools, and both the indenting encoder and
    # json.dump (which writes piece by piece) run in pure Python, ten times slower.
    out.write(jsondoc.encode(document(result)))
    out.write("\n")


def document(result: ValidationResult) -> dict[str, Any]:
    rule_ids = list(RULES)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    uris = _Uris()
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cxkit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule_id) for rule_id in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "results": [_result(f, index[f.rule], uris) for f in result.findings],
                "properties": {"coverage": coverage_document(result.coverage)},
            }
        ],
    }


def _rule(rule_id: str) -> dict[str, Any]:
    rule = RULES[rule_id]
    body = rule.doc.strip().split("\n", 1)
    full = " ".join(body[1].split()) if len(body) > 1 else rule.summary
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": f"{rule.summary}\n\n{full}"},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["cxkit", "format" if not rule.configurable else "ownership"]},
    }


class _Uris(dict[str, str]):
    """Each path's URI, worked out once: tens of thousands of findings share a few files."""

    def __missing__(self, path: str) -> str:
        uri = self[path] = _uri(path)
        return uri


def _location(location: Location, uris: _Uris) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uris[location.path], "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": location.line, "startColumn": location.column},
        }
    }


def _uri(path: str) -> str:
    """A path relative to the current folder (the repository root in CI), as the URI reference
    SARIF wants (RFC 3986): `a b#1.yaml` is `a%20b%231.yaml`."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_uri()
    return uri_path(candidate.as_posix())


def _result(f: Finding, rule_index: int, uris: _Uris) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f.location, uris)],
        "partialFingerprints": {"cxkitFinding/v1": _fingerprint(f)},
    }
    if f.related:
        result["relatedLocations"] = [
            {"id": i, **_location(loc, uris), "message": {"text": "also defined here"}}
            for i, loc in enumerate(f.related)
        ]
    return result


def _fingerprint(f: Finding) -> str:
    """Stable across edits that move lines: rule, file, entity and message, never the line."""
    key = f"{f.rule}\0{f.path}\0{f.entity}\0{f.message}"
    # surrogatepass: a file name that is not UTF-8 holds surrogates (see `jsondoc`).
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
