"""Format 1.1's owner `github` and journey `last_reviewed` read, compare and render like any
other field (the checks that use them come with their rules and commands)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run, write

JOURNEY = """\
owners:
  - {{id: ana, name: Ana, kind: person{handle}}}
journeys:
  - id: {ident}
    name: Pay a bill
    leader: ana
    last_reviewed: {reviewed}
    stages: [{{id: s, name: S, touchpoints: [{{id: t, name: T, owner: ana}}]}}]
"""


def workspace(folder: Path, ident: str, reviewed: str, handle: str = "") -> Path:
    text = JOURNEY.format(ident=ident, reviewed=reviewed, handle=handle)
    return write(folder, "ws.yaml", text).parent


def test_a_renamed_journey_with_a_review_date_is_a_rename(cxkit: Run, tmp_path: Path) -> None:
    old = workspace(tmp_path / "old", "pay", "2026-06-01")
    new = workspace(tmp_path / "new", "pay-bill", "2026-06-01")
    result = cxkit("diff", old, new, "-f", "json")
    assert result.code == 0, result.err
    (change,) = json.loads(result.out)["changes"]
    assert (change["op"], change["old"], change["new"]) == ("~", "pay", "pay-bill")


def test_a_review_date_and_a_handle_changed_are_shown_as_written(
    cxkit: Run, tmp_path: Path
) -> None:
    old = workspace(tmp_path / "old", "pay", "2026-06-01")
    new = workspace(tmp_path / "new", "pay", "2026-11-20", ', github: "@ana-r"')
    result = cxkit("diff", old, new)
    assert result.code == 0, result.err
    assert "  ~ journey pay: last_reviewed 2026-06-01 → 2026-11-20\n" in result.out
    assert "  ~ owner ana: github (none) → @ana-r\n" in result.out
    document = json.loads(cxkit("diff", old, new, "-f", "json").out)
    reviewed = next(c for c in document["changes"] if c["field"] == "last_reviewed")
    assert (reviewed["old"], reviewed["new"]) == ("2026-06-01", "2026-11-20")
