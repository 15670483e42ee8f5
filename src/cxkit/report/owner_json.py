"""What an owner holds, as JSON in a versioned shape (`"kind": "owner", "version": 1`),
documented in the README."""

from __future__ import annotations

from typing import Any, TextIO

from cxkit.analysis.holdings import Handover, Held, Holder, OwnerReport
from cxkit.analysis.people import Contact
from cxkit.report import jsondoc


def write(report: OwnerReport, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(report), out)


def document(report: OwnerReport) -> dict[str, Any]:
    return {
        "version": 1,
        "kind": "owner",
        "tool": jsondoc.tool(),
        "changes_folder": report.changes_folder,
        **_holder(report.holder),
        "members": [_holder(member) for member in report.members],
        "warnings": report.warnings,
    }


def _holder(holder: Holder) -> dict[str, Any]:
    return {
        "owner": _owner(holder.owner),
        "handover": _handover(holder.handover),
        "holds": [_held(h) for h in holder.held],
    }


def _owner(owner: Contact) -> dict[str, Any]:
    return {
        "id": owner.id,
        "name": owner.name,
        "kind": owner.kind,
        "active": owner.active,
        "function": owner.function,
        "team": owner.team,
        "lead": owner.lead,
        "lead_for": owner.lead_for,
        "contact": owner.contact,
    }


def _handover(handover: Handover | None) -> dict[str, Any] | None:
    if handover is None:
        return None
    return {
        "successor": handover.successor,
        "to": handover.to.id if handover.to else None,
        "through": list(handover.taker.through),
        "reach_through_team": handover.team,
    }


def _held(held: Held) -> dict[str, Any]:
    shown: dict[str, Any] = {"kind": held.kind, "id": held.id, "name": held.name, "role": held.role}
    if held.kind == "touchpoint":
        shown |= {"moment_of_truth": held.moment_of_truth, "journeys": list(held.journeys)}
    if held.kind == "change":
        shown |= {"file": held.file, "release": held.release}
    return shown | {"taken_from": list(held.taken_from)}
