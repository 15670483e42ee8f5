"""The calendar of planned changes as JSON in a versioned shape (`"kind": "calendar",
"version": 1`), documented in the README."""

from __future__ import annotations

from typing import Any, TextIO

from cxkit.analysis.calendar import Broken, Calendar, Conflict, DatedWave, ScheduledChange, Window
from cxkit.report import jsondoc
from cxkit.report.calendar_text import message


def write(found: Calendar, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(found), out)


def document(found: Calendar) -> dict[str, Any]:
    return {
        "version": 1,
        "kind": "calendar",
        "tool": jsondoc.tool(),
        "folder": found.folder,
        "conflict_days": found.conflict_days,
        "changes": [_change(c) for c in found.changes],
        "conflicts": [_conflict(c, found.conflict_days) for c in found.conflicts],
        "broken": [_broken(b) for b in found.broken],
        "warnings": found.warnings,
    }


def _window(window: Window | None) -> dict[str, str] | None:
    if window is None:
        return None
    return {"start": window.start.isoformat(), "end": window.end.isoformat()}


def _change(c: ScheduledChange) -> dict[str, Any]:
    return {
        "id": c.change.id,
        "title": c.change.title,
        "owner": c.change.owner,
        "file": c.file,
        "release": c.release.isoformat() if c.release else None,
        "window": _window(c.window),
        "waves": [_wave(w) for w in c.waves],
    }


def _wave(wave: DatedWave) -> dict[str, Any]:
    return {
        "number": wave.number,
        "name": wave.name,
        "date": wave.date.isoformat() if wave.date else None,
        "days_before": wave.days_before,
        "audience": [who.id for who in wave.audience],
    }


def _conflict(c: Conflict, conflict_days: int) -> dict[str, Any]:
    assert c.first.release is not None and c.second.release is not None
    return {
        "kind": c.kind,
        "changes": [c.first.change.id, c.second.change.id],
        "shared": {"kind": c.shared.kind, "id": c.shared.id, "name": c.shared.name},
        "releases": [c.first.release.isoformat(), c.second.release.isoformat()],
        "days_apart": c.days_apart,
        "windows": [_window(w) for w in c.windows],
        "overlap": _window(c.overlap),
        "message": message(c, conflict_days),
    }


def _broken(b: Broken) -> dict[str, Any]:
    problems = [
        {
            "file": f.location.path,
            "line": f.location.line,
            "column": f.location.column,
            "severity": f.severity,
            "rule": f.rule,
            "message": f.message,
        }
        for f in b.findings
    ]
    if b.message:
        unplaced = {"file": b.file, "line": None, "column": None, "severity": "error"}
        problems.append({**unplaced, "rule": None, "message": b.message})
    return {"file": b.file, "problems": problems}
