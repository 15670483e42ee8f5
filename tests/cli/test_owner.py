"""`cxkit owner ID` (issue 18, hand-overs): everything an owner holds, in every role; for a team
also through its people; for someone who left, who takes it over or that nobody does.

Every test runs the real CLI on real files: the example workspace (with its changes/ folder), or
a small workspace written for the test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cxkit import report
from tests.conftest import EXAMPLE, Run, write

WORKSPACE = """\
owners:
  - {id: ops, name: Operations, kind: team, function: support, lead: old, contact: "#ops"}
  - {id: cx, name: CX, kind: team, lead: ana}
  - {id: ana, name: Ana Rossi, kind: person, team: cx}
  - {id: kim, name: Kim, kind: person, team: ops}
  - {id: old, name: Old Timer, kind: person, team: ops, active: false}
  - {id: gone, name: Gone Too, kind: person, team: ops, active: false, successor: old}
  - {id: bo, name: Bo, kind: person, active: false, successor: cy}
  - {id: cy, name: Cy, kind: person, active: false, successor: ana}
systems:
  - {id: ivr, name: IVR, owner: old}
  - {id: crm, name: CRM, owner: ops}
touchpoints:
  - {id: call, name: Call, moment_of_truth: true, owner: old, responsible: [ops, kim]}
  - {id: chat, name: Chat, owner: gone, consulted: [bo], informed: [ops]}
  - {id: letter, name: Letter, owner: ops}
journeys:
  - id: help
    name: Get help
    leader: old
    stages:
      - {id: ask, name: Ask, paths: {phone: [call], web: [chat]}}
  - id: pay
    name: Pay
    leader: bo
    stages:
      - {id: s, name: S, touchpoints: [call, letter, call]}
"""

CHANGE = """\
change:
  id: {id}
  title: {title}
  reason: technology
  purpose: Shorter queues.
  owner: {owner}
  release: 2026-12-15
  affects: {{touchpoints: [call]}}
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace folder with a changes/ folder next to it."""
    write(tmp_path / "journeys", "ws.yaml", WORKSPACE)
    write(
        tmp_path / "changes",
        "callback.yaml",
        CHANGE.format(id="callback", title="Callback", owner="ops"),
    )
    write(
        tmp_path / "changes", "retire.yaml", CHANGE.format(id="retire", title="Retire", owner="old")
    )
    return tmp_path / "journeys"


def owner(cxkit: Run, ident: str, *args: str | Path) -> dict[str, Any]:
    result = cxkit("owner", ident, *args, "-f", "json")
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


def held(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(kind, id, role) of each thing held, in the report's order."""
    return [(h["kind"], h["id"], h["role"]) for h in document["holds"]]


# --- everything an owner holds, in every role ---------------------------------------------------


def test_an_owner_is_shown_in_every_role_they_hold(cxkit: Run, workspace: Path) -> None:
    doc = owner(cxkit, "ops", "-w", workspace)
    assert (doc["version"], doc["kind"]) == (1, "owner")
    assert doc["owner"]["id"] == "ops" and doc["owner"]["lead_for"] == "old"
    assert held(doc) == [
        ("touchpoint", "letter", "accountable"),
        ("touchpoint", "call", "responsible"),
        ("touchpoint", "chat", "informed"),
        ("system", "crm", "owner"),
        ("change", "callback", "owner"),
    ]
    call = doc["holds"][1]
    assert call["moment_of_truth"] is True
    assert call["journeys"] == ["help", "pay"]  # each journey once, however often it is met
    change = doc["holds"][4]
    assert change["file"] == (workspace.parent / "changes" / "callback.yaml").as_posix()
    assert change["release"] == "2026-12-15"


def test_a_person_leads_journeys_and_teams_and_runs_systems(cxkit: Run, workspace: Path) -> None:
    doc = owner(cxkit, "old", "-w", workspace)
    assert held(doc) == [
        ("touchpoint", "call", "accountable"),
        ("journey", "help", "experience leader"),
        ("system", "ivr", "owner"),
        ("team", "ops", "lead"),
        ("change", "retire", "owner"),
    ]


def test_the_text_report_lists_each_role_with_the_journeys(cxkit: Run) -> None:
    result = cxkit("owner", "contact-centre", "-w", EXAMPLE)
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Owner contact-centre: Contact Centre\n")
    for section in (
        "Accountable (A) for 4",
        "Responsible (R) for 5",
        "Consulted (C) on 2",
        "Informed (I) of 9",
    ):
        assert f"\n{section} touchpoints\n" in out
    assert (
        "  ivr-menu (Getting through the phone menu): moment of truth;"
        " on 3 journeys: billing-dispute, cancel-service, moving-home\n"
    ) in out


def test_change_files_are_read_next_to_the_workspace(cxkit: Run) -> None:
    """The example's changes/ folder stands next to journeys/: the default."""
    doc = owner(cxkit, "telephony", "-w", EXAMPLE)
    assert ("change", "ivr-callback", "owner") in held(doc)
    assert doc["changes_folder"] == (EXAMPLE.parent / "changes").as_posix()


def test_changes_may_be_read_from_another_folder(
    cxkit: Run, workspace: Path, tmp_path: Path
) -> None:
    write(tmp_path / "plans", "q3.yml", CHANGE.format(id="q3", title="Q3", owner="kim"))
    doc = owner(cxkit, "kim", "-w", workspace, "--changes", tmp_path / "plans")
    assert ("change", "q3", "owner") in held(doc)
    missing = cxkit("owner", "kim", "-w", workspace, "--changes", tmp_path / "nowhere")
    assert missing.code == 2
    assert "change files folder not found" in missing.err and "Traceback" not in missing.err
    a_file = cxkit("owner", "kim", "-w", workspace, "--changes", tmp_path / "plans" / "q3.yml")
    assert a_file.code == 2
    assert "not a folder" in a_file.err and "Traceback" not in a_file.err


def test_without_a_changes_folder_no_change_file_is_listed(cxkit: Run, tmp_path: Path) -> None:
    write(tmp_path / "journeys", "ws.yaml", WORKSPACE)
    result = cxkit("owner", "ops", "-w", tmp_path / "journeys")
    assert result.code == 0, result.err
    assert "No change files folder, so no change file is listed." in result.out


def test_a_broken_change_file_is_a_warning_and_the_others_are_read(
    cxkit: Run, workspace: Path
) -> None:
    write(workspace.parent / "changes", "broken.yaml", "change: [not, a, change\n")
    doc = owner(cxkit, "ops", "-w", workspace)
    assert ("change", "callback", "owner") in held(doc)
    assert len(doc["warnings"]) == 1 and "broken.yaml" in doc["warnings"][0]


# --- what someone who left held: who takes it over, or nobody -----------------------------------


def test_someone_who_left_passes_everything_to_their_successor(cxkit: Run) -> None:
    doc = owner(cxkit, "tom-walsh", "-w", EXAMPLE)
    assert doc["owner"]["active"] is False
    assert doc["handover"] == {
        "successor": "raj-patel",
        "to": "raj-patel",
        "through": [],
        "reach_through_team": None,
    }
    text = cxkit("owner", "tom-walsh", "-w", EXAMPLE).out
    assert (
        "Left (active: false): everything below passes to raj-patel (Raj Patel), their successor."
        in text
    )


def test_the_successor_shows_what_they_took_over(cxkit: Run) -> None:
    doc = owner(cxkit, "raj-patel", "-w", EXAMPLE)
    [ivr] = [h for h in doc["holds"] if h["id"] == "ivr-menu"]
    assert (ivr["role"], ivr["taken_from"]) == ("consulted", ["tom-walsh"])
    text = cxkit("owner", "raj-patel", "-w", EXAMPLE).out
    assert "taken over from tom-walsh, who left" in text


def test_the_chain_of_successors_is_followed(cxkit: Run, workspace: Path) -> None:
    doc = owner(cxkit, "bo", "-w", workspace)
    assert doc["handover"]["to"] == "ana" and doc["handover"]["through"] == ["cy"]
    ana = owner(cxkit, "ana", "-w", workspace)
    taken = {(h["id"], h["role"]): h["taken_from"] for h in ana["holds"] if h["taken_from"]}
    assert taken == {
        ("chat", "consulted"): ["bo", "cy"],
        ("pay", "experience leader"): ["bo", "cy"],
    }


def test_what_someone_who_left_with_no_successor_held_has_nobody(
    cxkit: Run, workspace: Path
) -> None:
    doc = owner(cxkit, "old", "-w", workspace)
    assert doc["handover"] == {
        "successor": None,
        "to": None,
        "through": [],
        "reach_through_team": "ops",
    }
    text = cxkit("owner", "old", "-w", workspace).out
    assert "Left (active: false); no successor: nobody holds what is below." in text
    assert "Meanwhile, reach them through team ops." in text
    gone = cxkit("owner", "gone", "-w", workspace).out
    assert "successor old is inactive too: nobody holds what is below" in gone


# --- a team, through its people ------------------------------------------------------------------


def test_a_team_shows_what_its_people_hold_as_theirs(cxkit: Run, workspace: Path) -> None:
    doc = owner(cxkit, "ops", "-w", workspace)
    members = {m["owner"]["id"]: m for m in doc["members"]}
    assert list(members) == ["kim", "old", "gone"]
    assert held(members["kim"]) == [("touchpoint", "call", "responsible")]
    assert members["old"]["handover"]["to"] is None
    text = cxkit("owner", "ops", "-w", workspace).out
    assert "Through its people: what its 3 members hold\n  kim: Kim\n" in text
    assert "Its people hold 1 role more." in text  # only those here hold anything in practice


def test_a_person_has_no_people_section(cxkit: Run, workspace: Path) -> None:
    assert owner(cxkit, "kim", "-w", workspace)["members"] == []
    assert "Through its people" not in cxkit("owner", "kim", "-w", workspace).out


# --- formats, and what a file may hold -----------------------------------------------------------


@pytest.mark.parametrize("name", report.OWNER_REPORTERS)
def test_every_registered_format_writes_a_report(cxkit: Run, name: str) -> None:
    result = cxkit("owner", "raj-patel", "-w", EXAMPLE, "-f", name)
    assert result.code == 0, result.err
    assert "raj-patel" in result.out


def test_markdown_escapes_what_files_hold(cxkit: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "ws",
        "ws.yaml",
        """\
owners:
  - {id: ana, name: "Ana <b>*bold*</b> @team", kind: person, contact: "[x](http://evil)"}
touchpoints:
  - {id: t, name: "# Heading | pipe `code`", owner: ana}
""",
    )
    result = cxkit("owner", "ana", "-w", tmp_path / "ws", "-f", "markdown")
    assert result.code == 0, result.err
    out = result.out
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert "\\*bold\\*" in out
    assert "@\u2060team" in out  # no mention
    assert "\\[x\\](http://evil)" in out
    assert "- `t` \\# Heading \\| pipe \\`code\\`" in out


def test_text_shows_control_characters_as_escapes(cxkit: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "ws",
        "ws.yaml",
        'owners:\n  - {id: ana, name: "Ana\\e[31m", kind: person}\n',
    )
    result = cxkit("owner", "ana", "-w", tmp_path / "ws")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "Ana\\x1b[31m" in result.out


def test_the_report_can_be_written_to_a_file(cxkit: Run, tmp_path: Path) -> None:
    target = tmp_path / "handover.md"
    result = cxkit("owner", "tom-walsh", "-w", EXAMPLE, "-f", "markdown", "-o", target)
    assert result.code == 0 and result.out == ""
    assert target.read_text(encoding="utf-8").startswith("## Owner `tom-walsh`: Tom Walsh\n")


def test_a_workspace_with_errors_is_said(cxkit: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "ws", "ws.yaml", "owners:\n  - {id: ana, name: Ana, kind: person, team: nope}\n"
    )
    doc = owner(cxkit, "ana", "-w", tmp_path / "ws")
    assert doc["warnings"] == [
        "the workspace has 1 error, so this analysis may be incomplete: run cxkit validate"
    ]


# --- usage -------------------------------------------------------------------------------------


def test_an_unknown_id_is_a_usage_error_naming_the_nearest_ids(cxkit: Run) -> None:
    result = cxkit("owner", "raj-patle", "-w", EXAMPLE)
    assert result.code == 2
    assert "no owner 'raj-patle'" in result.err and "did you mean raj-patel?" in result.err
    assert "Traceback" not in result.err and result.out == ""


def test_an_id_of_another_kind_says_what_it_is(cxkit: Run) -> None:
    result = cxkit("owner", "ivr-menu", "-w", EXAMPLE)
    assert result.code == 2
    assert "('ivr-menu' is a touchpoint)" in result.err


def test_help_has_examples_and_says_where_change_files_are_read(cxkit: Run) -> None:
    result = cxkit("owner", "--help")
    assert result.code == 0
    assert "cxkit owner tom-walsh" in result.out
    assert "--changes" in result.out and "changes/ next to" in result.out
