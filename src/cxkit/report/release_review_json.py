"""A release review as JSON, in a versioned shape (`"kind": "release-review", "version": 1`),
documented in the README."""

from __future__ import annotations

from typing import Any, TextIO

from cxkit.analysis.release_review import (
    LateOwner,
    ReleaseReview,
    SubjectReview,
    SuggestedEdit,
)
from cxkit.report import jsondoc
from cxkit.report.jsondoc import plain

KIND = "release-review"


def write(review: ReleaseReview, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(review), out)


def document(review: ReleaseReview) -> dict[str, Any]:
    c = review.change
    t = review.totals
    return {
        "version": 1,
        "kind": KIND,
        "tool": jsondoc.tool(),
        "change": {
            "id": c.id,
            "title": c.title,
            "owner": c.owner,
            "release": c.release.isoformat() if c.release else None,
        },
        "then": {
            "label": review.then,
            "commit": review.commit,
            "date": review.committed.isoformat() if review.committed else None,
            "from_release": review.from_release,
        },
        "now": review.now,
        "totals": {
            "improved": t.improved,
            "worsened": t.worsened,
            "unchanged": t.unchanged,
            "not_compared": t.not_compared,
            "on_target": t.on_target,
            "off_target": t.off_target,
        },
        "touchpoints": [_subject(s) for s in review.touchpoints],
        "journeys": [_subject(s) for s in review.journeys],
        "review": plain(c.review),
        "engaged_late": [_late(owner) for owner in review.late],
        "warnings": review.warnings,
    }


def _subject(s: SubjectReview) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "present": s.present,
        "metrics": plain(s.metrics),
    }


def _late(owner: LateOwner) -> dict[str, Any]:
    return {
        "owner": owner.id,
        "name": owner.name,
        "handover": owner.handover or None,
        "edits": [_edit(e) for e in owner.edits],
        "already_named": owner.already_named,
    }


def _edit(e: SuggestedEdit) -> dict[str, Any]:
    return {
        "add": e.owner,
        "field": e.field,
        "touchpoint": e.touchpoint,
        "touchpoint_name": e.touchpoint_name,
        "file": e.location.path,
        "line": e.location.line,
    }
