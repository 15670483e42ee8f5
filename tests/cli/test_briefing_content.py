"""The briefing pack says what each audience needs, in plain words (issue 20).

Every test runs `cxkit render CHANGE -w WS -o DIR` (or `cxkit impact`) on real files: the example
workspace with its change files, or a small workspace written here; pages are read as HTML
(html5lib) and as Markdown.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.cli.test_render import BILLING, IVR
from tests.conftest import EXAMPLE, Run, write


def without_notes(tmp_path: Path, change: Path = IVR) -> Path:
    data = yaml.safe_load(change.read_text(encoding="utf-8"))
    data["change"].pop("notes", None)
    return write(tmp_path, "plain.yaml", yaml.safe_dump(data, sort_keys=False))


# --- 3. impact warns of audiences the notes leave out --------------------------------------------


def test_impact_warns_of_teams_and_personas_without_a_note(cxkit: Run) -> None:
    result = cxkit("impact", BILLING, "-w", EXAMPLE, "-f", "json")
    warnings = json.loads(result.out)["warnings"]
    teams = [w for w in warnings if w.startswith("notes.teams has no note for")]
    assert len(teams) == 1 and "Digital Channels (digital)" in teams[0]
    assert "Billing Operations (billing)" not in teams[0]  # it has a note
    personas = [w for w in warnings if w.startswith("notes.customers has no message for")]
    assert len(personas) == 1
    assert "Margaret, a long-standing customer (long-standing-customer)" in personas[0]
    assert "busy-household" not in personas[0]
    # every audience of the ivr-callback change has its note: nothing to say
    full = json.loads(cxkit("impact", IVR, "-w", EXAMPLE, "-f", "json").out)["warnings"]
    assert not [w for w in full if w.startswith("notes.")]


def test_impact_says_nothing_of_notes_to_a_change_without_them(cxkit: Run, tmp_path: Path) -> None:
    result = cxkit("impact", without_notes(tmp_path), "-w", EXAMPLE, "-f", "json")
    assert not [w for w in json.loads(result.out)["warnings"] if "note" in w]
