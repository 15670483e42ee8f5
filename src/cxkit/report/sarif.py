"""SARIF 2.1.0, for code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers).

Every rule cxkit has goes in `tool.driver.rules` with its help text; each result names its rule
by index, and points at its file with `startLine`/`startColumn`.

A file inside the folder cxkit runs in has a `uri` relative to it, with `uriBaseId` `%SRCROOT%`,
which `originalUriBaseIds` gives as that folder (SARIF 2.1.0 §3.4.4, §3.14.14). Code scanning
on GitHub ignores `uriBaseId` and reads a relative `uri` from the repository root (so validate
runs from there), and an absolute one as a file of the checkout; so a file outside the folder
is an absolute `file:` URI, without `uriBaseId`, which the specification requires of it.
"""

from __future__ import annotations

import hashlib
import os
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
BASE_ID = "%SRCROOT%"


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    # Compact, and in one piece: SARIF is read by tools, and both the indenting encoder and
    # json.dump (which writes piece by piece) run in pure Python, ten times slower.
    out.write(jsondoc.encode(document(result)))
    out.write("\n")


def document(result: ValidationResult) -> dict[str, Any]:
    rule_ids = list(RULES)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    here = Path.cwd()
    uris = _Uris(here)
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
                "originalUriBaseIds": {BASE_ID: _base(here)},
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


def _base(here: Path) -> dict[str, Any]:
    """The base id's value: an absolute URI that ends in `/`, as a folder's must."""
    uri = here.as_uri()
    return {
        "uri": uri if uri.endswith("/") else f"{uri}/",
        "description": {"text": "The folder cxkit ran in (the repository root in CI)."},
    }


class _Uris(dict[str, dict[str, str]]):
    """Each path's artifact location, worked out once: tens of thousands of findings share a
    few files."""

    def __init__(self, here: Path) -> None:
        super().__init__()
        self.here = here

    def __missing__(self, path: str) -> dict[str, str]:
        location = self[path] = _artifact(path, self.here)
        return location


def _location(location: Location, uris: _Uris) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": uris[location.path],
            "region": {"startLine": location.line, "startColumn": location.column},
        }
    }


def _artifact(path: str, here: Path) -> dict[str, str]:
    """Where `path` is: relative to `here` as a URI reference (RFC 3986: `a b#1.yaml` is
    `a%20b%231.yaml`) with the base id; outside it, an absolute `file:` URI on its own."""
    # abspath, not resolve: a path reached through a link inside the folder stays inside it.
    absolute = Path(os.path.abspath(path))
    try:
        inside = absolute.relative_to(here)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": uri_path(inside.as_posix()), "uriBaseId": BASE_ID}


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
