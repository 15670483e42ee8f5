"""Baselines: today's findings, recorded so that a run fails only on new ones.

A baseline is a JSON file (versioned) of finding keys with counts. A key is the rule, the file
(relative to the baseline's folder, so the baseline works from any current folder) and the id of
the entity the finding is about; a finding about no entity is keyed by its message instead, with
line numbers masked. Lines are never part of a key, so edits that move a finding keep it known.
Counts make a second finding of the same key new: a touchpoint that gains another problem of a
kind it already had is reported.

    {"version": 1, "tool": "cxkit", "findings": [
      {"rule": "touchpoint-unowned", "path": "journeys/touchpoints.yaml",
       "entity": "touchpoints:ivr-menu", "count": 1},
      {"rule": "yaml-duplicate-key", "path": "journeys/owners.yaml",
       "message": "duplicate key 'name' (first on line N); ...", "count": 1}]}
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxkit.checks.findings import Finding
from cxkit.errors import CxkitError
from cxkit.report.jsondoc import escape_surrogates
from cxkit.runtime.atomic import write_atomically
from cxkit.source.files import read_named

VERSION = 1
# rule, path, entity or "", message or "" (the message only when there is no entity)
Key = tuple[str, str, str, str]
# Where a message names a place (`first on line 12`, `also at a.yaml:3:5`): masked in keys.
_LINE_NUMBER = re.compile(r"\bline \d+|:\d+:\d+\b")


@dataclass(slots=True)
class Split:
    """Findings divided by a baseline: new ones, known ones, and how many known ones are gone."""

    new: list[Finding]
    known: list[Finding] = field(default_factory=list)
    fixed: int = 0


@dataclass(frozen=True, slots=True)
class Baseline:
    """The known findings (by key, with counts) of a baseline file in `folder`."""

    folder: Path
    counts: Counter[Key]

    def split(self, findings: list[Finding]) -> Split:
        """Which findings the baseline knows; each known key is used up to its count."""
        left = Counter(self.counts)
        result = Split(new=[])
        for finding, key in zip(findings, finding_keys(findings, self.folder), strict=True):
            if left[key] > 0:
                left[key] -= 1
                result.known.append(finding)
            else:
                result.new.append(finding)
        result.fixed = sum(left.values())
        return result


def finding_keys(findings: list[Finding], folder: Path) -> list[Key]:
    """The key of each finding, for a baseline file in `folder`."""
    base = os.path.abspath(folder)
    relative: dict[str, str] = {}  # a workspace has far fewer files than findings
    keys: list[Key] = []
    for f in findings:
        path = relative.get(f.path)
        if path is None:
            path = Path(os.path.relpath(os.path.abspath(f.path), base)).as_posix()
            relative[f.path] = path
        message = "" if f.entity else _LINE_NUMBER.sub(_mask, f.message)
        keys.append((f.rule, path, f.entity, message))
    return keys


def _mask(match: re.Match[str]) -> str:
    return "line N" if match.group().startswith("line") else ":N:N"


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; CxkitError when it is missing or not one."""
    raw = read_named(
        path, "baseline file", missing_hint=f" (record one with --write-baseline {path})"
    )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CxkitError(f"cannot read the baseline file {path}: {exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CxkitError(
            f"{path}:{exc.lineno}:{exc.colno}: the baseline file is not valid JSON: {exc.msg}"
        ) from None
    except RecursionError:  # json reads nested lists and objects by recursion
        raise CxkitError(
            f"{path}: the baseline file nests lists or objects too deeply to read"
            f" (a cxkit baseline nests three levels); record it again with"
            f" --write-baseline {path}"
        ) from None
    except ValueError:  # Python converts integers of at most 4,300 digits
        raise CxkitError(
            f"{path}: the baseline file holds a number too long to read (a cxkit baseline"
            f" holds small counts); record it again with --write-baseline {path}"
        ) from None
    return Baseline(path.parent, _counts(path, document))


def _counts(path: Path, document: Any) -> Counter[Key]:
    if not isinstance(document, dict) or document.get("version") != VERSION:
        found = document.get("version") if isinstance(document, dict) else None
        raise CxkitError(
            f"{path} is not a cxkit baseline of version {VERSION} (version: {found!r});"
            f" record it again with --write-baseline {path}"
        )
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise CxkitError(f"{path}: 'findings' must be a list")
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        counts[_entry_key(path, index, entry)] += _entry_count(path, index, entry)
    return counts


def _entry_key(path: Path, index: int, entry: Any) -> Key:
    if not isinstance(entry, dict):
        raise CxkitError(f"{path}: findings[{index}] must be an object")
    rule, where, entity, message = (
        entry.get(name) or "" for name in ("rule", "path", "entity", "message")
    )
    texts = (rule, where, entity, message)
    if not all(isinstance(part, str) for part in texts) or not (rule and where):
        raise CxkitError(
            f"{path}: findings[{index}] needs a 'rule' and a 'path', and text for"
            " 'entity' or 'message'"
        )
    return (rule, where, entity, "" if entity else message)


def _entry_count(path: Path, index: int, entry: dict[str, Any]) -> int:
    count = entry.get("count", 1)
    if type(count) is not int or count < 1:
        raise CxkitError(f"{path}: findings[{index}].count must be a whole number above 0")
    return count


def baseline_text(findings: list[Finding], folder: Path) -> str:
    """The baseline file that knows `findings`, for a file in `folder`; stable for diffs."""
    counts = Counter(finding_keys(findings, folder))
    entries = [
        {
            "rule": rule,
            "path": path,
            **({"entity": entity} if entity else {"message": message}),
            "count": count,
        }
        for (rule, path, entity, message), count in sorted(counts.items())
    ]
    document = {
        "version": VERSION,
        "tool": "cxkit",
        "about": "Known findings: `cxkit validate --baseline FILE` fails only on others."
        " Record it again with `cxkit validate --write-baseline FILE`.",
        "findings": entries,
    }
    return escape_surrogates(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def write_baseline(path: Path, findings: list[Finding]) -> None:
    """Record `findings` as the baseline at `path`, atomically."""
    try:
        write_atomically(path, baseline_text(findings, path.parent))
    except OSError as exc:
        raise CxkitError(f"cannot write the baseline file {path}: {exc.strerror}") from None
