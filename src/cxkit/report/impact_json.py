"""The impact of a change as JSON, in a versioned shape (`"version": 1`) that `cxkit render`
also reads. Documented in the README."""

from __future__ import annotations

import dataclasses
from typing import Any, TextIO

from cxkit import __version__
from cxkit.impact import Impact
from cxkit.report import jsondoc

VERSION = 1


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(impact), out)


def document(impact: Impact) -> dict[str, Any]:
    body = dataclasses.asdict(impact)
    body["change"] = impact.change.model_dump(mode="json")
    body["most_exposed"] = [t.id for t in impact.most_exposed]
    return {
        "version": VERSION,
        "kind": "impact",
        "tool": {"name": "cxkit", "version": __version__},
        **body,
    }
