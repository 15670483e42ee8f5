"""Change files and `cxkit impact --since`, end to end through the real CLI (issue 16).

A change file's errors are all reported in one run, undefined references beside field errors.
`--since` states no reason it was not given, and with no journey change since the revision it
says so and exits 0, in every format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxkit.report import IMPACT_REPORTERS
from tests.cli.test_diff import committed_repo, edit
from tests.conftest import Run, write

WORKSPACE = """\
owners:
  - {id: care, name: Care Team, kind: team}
systems:
  - {id: crm, name: CRM, owner: care}
touchpoints:
  - {id: chat, name: Chat, channel: chat, owner: care, systems: [crm]}
  - {id: call, name: Call, channel: phone, owner: care}
journeys:
  - {id: help, name: Get help, stages: [{id: ask, name: Asks, touchpoints: [chat, call]}]}
"""


def impact_of_change(cxkit: Run, tmp_path: Path, change: str, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `cxkit impact` on `change` against WORKSPACE."""
    write(tmp_path / "ws", "ws.yaml", WORKSPACE)
    write(tmp_path, "change.yaml", change)
    result = cxkit("impact", "change.yaml", "-w", "ws", *args, cwd=tmp_path)
    assert "Traceback" not in result.err
    return result.code, result.out, result.err


# --- every error of a change file, in one run --------------------------------------------------

# Field errors (a malformed id, an unknown reason, an impossible date, an unknown field, a
# scalar for a list, a mapping for a text) beside references to nothing (an owner, a touchpoint,
# a system, an owner in `affects`) and a channel no touchpoint is on.
MANY_ERRORS = """\
change:
  id: Bad Id
  title: Several things wrong
  reason: whim
  purpose: Show every error at once.
  owner: nobody
  release: 2026-02-30
  affects:
    touchpoints: [chat, nope, {id: x}]
    systems: [nosys]
    channels: [pigeon]
    owners: [ghost, care]
  colour: blue
"""


def test_every_error_of_a_change_file_is_reported_in_one_run(cxkit: Run, tmp_path: Path) -> None:
    code, out, err = impact_of_change(cxkit, tmp_path, MANY_ERRORS)
    assert code == 1
    assert out == ""
    found = [(line.split(" ")[0], line.rsplit(" ", 1)[-1]) for line in err.splitlines()]
    assert found == [
        ("change.yaml:2:7:", "(id-malformed)"),
        ("change.yaml:4:11:", "(invalid-value)"),  # reason
        ("change.yaml:6:10:", "(ref-undefined)"),  # owner
        ("change.yaml:7:12:", "(invalid-value)"),  # release
        ("change.yaml:9:25:", "(ref-undefined)"),  # touchpoint nope
        ("change.yaml:9:31:", "(invalid-value)"),  # {id: x} is a mapping, not a reference
        ("change.yaml:10:15:", "(ref-undefined)"),  # system
        ("change.yaml:11:16:", "(ref-undefined)"),  # channel (a warning)
        ("change.yaml:12:14:", "(ref-undefined)"),  # owner ghost
        ("change.yaml:13:3:", "(unknown-field)"),
    ]
    lines = err.splitlines()
    assert lines[2] == (
        "change.yaml:6:10: [error] owner 'nobody' is not defined in the workspace (ref-undefined)"
    )
    assert lines[4] == (
        "change.yaml:9:25: [error] touchpoint 'nope' is not defined in the workspace"
        " (ref-undefined)"
    )
    assert lines[6] == (
        "change.yaml:10:15: [error] system 'nosys' is not defined in the workspace (ref-undefined)"
    )
    assert lines[7] == (
        "change.yaml:11:16: [warning] no touchpoint is on channel 'pigeon' (ref-undefined)"
    )
    assert lines[8] == (
        "change.yaml:12:14: [error] owner 'ghost' is not defined in the workspace (ref-undefined)"
    )


def test_a_reference_in_the_wrong_shape_is_a_field_error_only(cxkit: Run, tmp_path: Path) -> None:
    # `owners: ghost` is a text where a list belongs, and `owner: [care]` a list where a text
    # belongs: each is one field error, not an undefined reference as well. The touchpoint
    # list beside them is still checked.
    change = MANY_ERRORS.replace("owners: [ghost, care]", "owners: ghost").replace(
        "owner: nobody", "owner: [nobody]"
    )
    code, _, err = impact_of_change(cxkit, tmp_path, change)
    assert code == 1
    lines = err.splitlines()
    assert [line for line in lines if line.startswith(("change.yaml:6:", "change.yaml:12:"))] == [
        "change.yaml:6:10: [error] owner: expected text, got a list (invalid-value)",
        "change.yaml:12:13: [error] owners: expected a list, got 'ghost' (invalid-value)",
    ]
    assert any("touchpoint 'nope' is not defined" in line for line in lines)


def test_a_malformed_reference_says_so_beside_field_errors(cxkit: Run, tmp_path: Path) -> None:
    code, _, err = impact_of_change(cxkit, tmp_path, MANY_ERRORS.replace("nosys", "No Sys"))
    assert code == 1
    assert (
        "change.yaml:10:15: [error] system 'No Sys' is not defined in the workspace:"
        " it is not a valid id" in err
    )


GOOD_CHANGE = """\
change:
  id: chat-bot
  title: A bot answers first
  reason: customer
  purpose: Answers at night.
  owner: care
  affects:
    touchpoints: [chat, call, chat]
    channels: [chat, chat]
"""


def test_an_id_listed_twice_in_affects_is_a_warning(cxkit: Run, tmp_path: Path) -> None:
    # Listing an id twice changes nothing in the analysis, but is often a slip for another id:
    # it is shown with the report's warnings, where it stands, and fails nothing.
    code, out, err = impact_of_change(cxkit, tmp_path, GOOD_CHANGE, "-f", "json")
    assert code == 0, err
    warnings = json.loads(out)["warnings"]
    assert (
        "change.yaml:8:31: touchpoint 'chat' is listed twice in affects.touchpoints"
        " (first at line 8, column 19)" in warnings
    )
    assert (
        "change.yaml:9:22: channel 'chat' is listed twice in affects.channels"
        " (first at line 9, column 16)" in warnings
    )


def test_an_id_listed_twice_beside_an_error_is_listed_with_it(cxkit: Run, tmp_path: Path) -> None:
    code, _, err = impact_of_change(cxkit, tmp_path, GOOD_CHANGE.replace("customer", "whim"))
    assert code == 1
    assert err.splitlines()[1:3] == [
        "change.yaml:8:31: [warning] touchpoint 'chat' is listed twice in affects.touchpoints"
        " (first at line 8, column 19) (ref-repeated)",
        "change.yaml:9:22: [warning] channel 'chat' is listed twice in affects.channels"
        " (first at line 9, column 16) (ref-repeated)",
    ]


def test_a_change_file_still_needs_a_reason(cxkit: Run, tmp_path: Path) -> None:
    code, _, err = impact_of_change(
        cxkit, tmp_path, GOOD_CHANGE.replace("  reason: customer\n", "").replace(", chat]", "]")
    )
    assert code == 1
    assert err == "change.yaml:2:3: [error] missing required field 'reason' (missing-field)\n"


# --- impact --since ---------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the workspace of test_diff in `journeys/`, committed once."""
    return committed_repo(tmp_path)


NOTHING_SAID = {
    "text": "No journey changes since HEAD.\n",
    "markdown": "No journey changes since `HEAD`.\n",
}


@pytest.mark.parametrize("output_format", IMPACT_REPORTERS)
def test_no_change_since_says_so_and_exits_0(cxkit: Run, repo: Path, output_format: str) -> None:
    result = cxkit("impact", "--since", "HEAD", "-f", output_format, cwd=repo)
    assert result.code == 0, result.err
    if output_format == "json":
        assert json.loads(result.out) == {
            "version": 1,
            "kind": "no-journey-changes",
            "since": "HEAD",
            "journey_changes": 0,
            "other_changes": 0,
            "warnings": [],
        }
    else:
        assert result.out == NOTHING_SAID[output_format]
    assert "owns the change" not in result.out


@pytest.mark.parametrize("output_format", IMPACT_REPORTERS)
def test_changes_that_reach_no_touchpoint_are_no_journey_change(
    cxkit: Run, repo: Path, output_format: str
) -> None:
    # A team renamed and a system's owner changed: nothing a customer meets changed.
    edit(repo, "owners.yaml", "name: Support,", "name: Customer Support,")
    edit(repo, "owners.yaml", "owner: telephony}", "owner: support}")
    result = cxkit(
        "impact", "--since", "HEAD", "-f", output_format, "--fail-on", "unowned", cwd=repo
    )
    assert result.code == 0, result.err
    if output_format == "json":
        doc = json.loads(result.out)
        assert (doc["kind"], doc["journey_changes"], doc["other_changes"]) == (
            "no-journey-changes",
            0,
            2,
        )
    else:
        first, second, *_ = [line for line in result.out.splitlines() if line]
        assert first == NOTHING_SAID[output_format].strip()
        assert second.startswith("2 other changes since ")
        assert second.endswith(" reach no touchpoint a customer meets; cxkit diff lists them.")


def test_no_change_since_keeps_the_workspace_warning(cxkit: Run, repo: Path) -> None:
    # A broken file may hide a change: the answer says the workspace has errors.
    write(repo / "journeys", "broken.yaml", "owners: [{id: x}]\n")
    result = cxkit("impact", "--since", "HEAD", cwd=repo)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "No journey changes since HEAD."
    assert "the workspace has 2 errors, so this analysis may be incomplete" in result.out


def touchpoint_changed(repo: Path) -> None:
    """The phone menu gains a team responsible for it: a change people and customers meet."""
    edit(repo, "touchpoints.yaml", "responsible: [support]", "responsible: [support, cx]")


def test_a_change_since_states_no_reason(cxkit: Run, repo: Path) -> None:
    touchpoint_changed(repo)
    text = cxkit("impact", "--since", "HEAD", cwd=repo)
    assert text.code == 0, text.err
    assert "operational" not in text.out
    why = next(line for line in text.out.splitlines() if "Why:" in line)
    assert why.strip().startswith(
        "Why: not stated. These are the journey changes since HEAD, not a planned change:"
    )
    markdown = cxkit("impact", "--since", "HEAD", "-f", "markdown", cwd=repo)
    assert "operational" not in markdown.out
    assert "**Why:** not stated. These are the journey changes since HEAD" in markdown.out
    document = cxkit("impact", "--since", "HEAD", "-f", "json", cwd=repo)
    change = json.loads(document.out)["change"]
    assert change["reason"] is None
    assert change["affects"]["touchpoints"] == ["ivr"]


def test_a_saved_change_since_renders_without_a_reason(cxkit: Run, repo: Path) -> None:
    touchpoint_changed(repo)
    saved = repo / "impact.json"
    assert cxkit("impact", "--since", "HEAD", "-f", "json", "-o", saved, cwd=repo).code == 0
    result = cxkit("render", saved, "-o", repo / "pack", cwd=repo)
    assert result.code == 0, result.err
    index = (repo / "pack" / "index.md").read_text(encoding="utf-8")
    assert "reason: not stated" in index
    assert "operational" not in index
    assert "reason: None" not in index


def test_a_saved_no_change_answer_is_no_briefing(cxkit: Run, repo: Path) -> None:
    saved = repo / "impact.json"
    assert cxkit("impact", "--since", "HEAD", "-f", "json", "-o", saved, cwd=repo).code == 0
    result = cxkit("render", saved, "-o", repo / "pack", cwd=repo)
    assert result.code == 2
    assert result.err == (
        f"cxkit: error: {saved} says there were no journey changes since 'HEAD': nothing to brief\n"
    )
    assert not (repo / "pack").exists()


# --- format 1.1: notes and review --------------------------------------------------------------

NOTES_AND_REVIEW = """\
change:
  id: callback
  title: Callback offer
  reason: customer
  purpose: Offer a callback instead of the queue.
  owner: care
  affects: {touchpoints: [call]}
  notes:
    stakeholders: We need your yes by Friday.
    teams:
      care: Callbacks arrive in a new queue.
      ghost: Nobody by that id.
    customers:
      nobody-persona: A persona that is not defined.
  review:
    date: 2027-03-15
    went_well: [Take-up twice the forecast]
    engaged_late: [care, phantom]
"""


def test_notes_and_review_name_only_what_the_workspace_defines(cxkit: Run, tmp_path: Path) -> None:
    code, _, err = impact_of_change(cxkit, tmp_path, NOTES_AND_REVIEW)
    assert code == 1
    undefined = "is not defined in the workspace (ref-undefined)"
    assert err.splitlines()[:3] == [
        f"change.yaml:12:7: [error] owner 'ghost' {undefined}",
        f"change.yaml:14:7: [error] persona 'nobody-persona' {undefined}",
        f"change.yaml:18:26: [error] owner 'phantom' {undefined}",
    ]


def test_notes_and_review_travel_through_the_impact_document(cxkit: Run, tmp_path: Path) -> None:
    valid = NOTES_AND_REVIEW.replace("      ghost: Nobody by that id.\n", "")
    valid = valid.replace(
        "    customers:\n      nobody-persona: A persona that is not defined.\n", ""
    )
    valid = valid.replace("[care, phantom]", "[care]")
    code, out, err = impact_of_change(cxkit, tmp_path, valid, "-f", "json")
    assert code == 0, err
    change = json.loads(out)["change"]
    assert change["notes"] == {
        "stakeholders": "We need your yes by Friday.",
        "teams": {"care": "Callbacks arrive in a new queue."},
        "informed": None,
        "customers": {},
    }
    assert change["review"] == {
        "date": "2027-03-15",
        "went_well": ["Take-up twice the forecast"],
        "do_differently": [],
        "engaged_late": ["care"],
    }
    (tmp_path / "impact.json").write_text(out, encoding="utf-8")
    again = cxkit("render", "impact.json", "-w", "ws", "-o", "brief", cwd=tmp_path)
    assert again.code == 0, again.err
