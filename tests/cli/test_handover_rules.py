"""Hand-overs in `cxkit validate` (issue 18): `owner-inactive` names who took over, a moment of
truth whose owner left with nobody taking over is `moment-of-truth-unowned`, and an unowned
touchpoint says on how many journeys it sits.

Each test runs the real CLI on a workspace written for it, and reads the JSON report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, Run, write

WORKSPACE = """\
owners:
  - {id: cx, name: CX, kind: team, lead: ana}
  - {id: ana, name: Ana, kind: person, team: cx}
  - {id: raj, name: Raj, kind: person, team: cx}
  - {id: tom, name: Tom, kind: person, team: cx, active: false, successor: raj}
  - {id: bo, name: Bo, kind: person, active: false, successor: cy}
  - {id: cy, name: Cy, kind: person, active: false, successor: ana}
  - {id: old, name: Old timer, kind: person, active: false}
  - {id: lost, name: Lost, kind: person, active: false, successor: old}
touchpoints:
  - {id: ivr-menu, name: Phone menu}
  - {id: letter, name: Letter}
  - {id: call, name: Call, moment_of_truth: true, owner: old}
  - {id: chat, name: Chat, moment_of_truth: true, owner: lost}
  - {id: refund, name: Refund, moment_of_truth: true, owner: tom}
  - {id: survey, name: Survey, owner: ana, consulted: [bo], informed: [old]}
  - {id: pay, name: Pay, owner: tom}
journeys:
  - id: billing-dispute
    name: Dispute a bill
    leader: ana
    stages:
      - {id: s, name: S, touchpoints: [ivr-menu, letter, call, ivr-menu]}
  - id: moving-home
    name: Move home
    leader: ana
    stages:
      - {id: s, name: S, touchpoints: [ivr-menu, chat, refund]}
  - id: cancel-service
    name: Cancel
    leader: ana
    stages:
      - {id: s, name: S, touchpoints: [ivr-menu, survey, pay]}
  - id: report-fault
    name: Report a fault
    leader: ana
    stages:
      - {id: s, name: S, touchpoints: [ivr-menu]}
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    write(tmp_path / "ws", "ws.yaml", WORKSPACE)
    return tmp_path / "ws"


def validate(cxkit: Run, folder: Path) -> tuple[int, list[dict[str, Any]]]:
    result = cxkit("validate", folder, "--no-config", "-f", "json")
    assert result.code in (0, 1), result.err
    findings: list[dict[str, Any]] = json.loads(result.out)["findings"]
    return result.code, findings


def about(findings: list[dict[str, Any]], rule: str, entity: str) -> list[dict[str, Any]]:
    return [f for f in findings if f["rule"] == rule and f["entity"] == entity]


# --- owner-inactive names the successor ---------------------------------------------------------


def test_owner_inactive_names_the_successor_who_takes_over(cxkit: Run, workspace: Path) -> None:
    _, findings = validate(cxkit, workspace)
    [refund] = about(findings, "owner-inactive", "touchpoints:refund")
    assert refund["severity"] == "warning"
    assert refund["message"] == (
        "touchpoint 'refund': owner 'tom' is inactive (active: false);"
        " successor raj takes over: name raj here instead"
    )


def test_owner_inactive_follows_the_chain_of_successors(cxkit: Run, workspace: Path) -> None:
    _, findings = validate(cxkit, workspace)
    consulted = [
        f for f in about(findings, "owner-inactive", "touchpoints:survey") if "'bo'" in f["message"]
    ]
    assert [f["message"] for f in consulted] == [
        "touchpoint 'survey': consulted 'bo' is inactive (active: false);"
        " successor ana takes over, through inactive cy: name ana here instead"
    ]


def test_owner_inactive_says_when_nobody_takes_over(cxkit: Run, workspace: Path) -> None:
    _, findings = validate(cxkit, workspace)
    informed = [
        f["message"]
        for f in about(findings, "owner-inactive", "touchpoints:survey")
        if "'old'" in f["message"]
    ]
    assert informed == [
        "touchpoint 'survey': informed 'old' is inactive (active: false);"
        " no successor: hand this to someone who is here"
    ]
    [pay_owner] = about(findings, "owner-inactive", "touchpoints:pay")
    assert "successor raj takes over" in pay_owner["message"]


def test_the_example_names_who_took_over_from_tom_walsh(cxkit: Run) -> None:
    _, findings = validate(cxkit, EXAMPLE)
    [ivr] = about(findings, "owner-inactive", "touchpoints:ivr-menu")
    assert ivr["message"].endswith(
        "consulted 'tom-walsh' is inactive (active: false);"
        " successor raj-patel takes over: name raj-patel here instead"
    )


# --- a moment of truth whose owner left with nobody is unowned -----------------------------------


def test_a_moment_of_truth_whose_owner_left_with_no_successor_is_unowned(
    cxkit: Run, workspace: Path
) -> None:
    code, findings = validate(cxkit, workspace)
    assert code == 1  # an error, not a warning among many
    [call] = about(findings, "moment-of-truth-unowned", "touchpoints:call")
    assert call["severity"] == "error"
    assert call["message"] == (
        "moment of truth 'call' has no owner who is here: owner 'old' is inactive"
        " (active: false) with no successor; it sits on 1 journey (billing-dispute):"
        " hand it to someone who is here"
    )
    assert (call["line"], call["column"]) == (13, 58)  # at the owner it names
    assert about(findings, "owner-inactive", "touchpoints:call") == []  # said once, as the error


def test_a_moment_of_truth_whose_successors_all_left_is_unowned(
    cxkit: Run, workspace: Path
) -> None:
    _, findings = validate(cxkit, workspace)
    [chat] = about(findings, "moment-of-truth-unowned", "touchpoints:chat")
    assert (
        "owner 'lost' is inactive (active: false) and successor old is inactive too"
        in (chat["message"])
    )
    assert about(findings, "owner-inactive", "touchpoints:chat") == []


def test_a_moment_of_truth_with_an_active_successor_is_owned(cxkit: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "ws",
        "ws.yaml",
        """\
owners:
  - {id: raj, name: Raj, kind: person}
  - {id: tom, name: Tom, kind: person, active: false, successor: raj}
touchpoints:
  - {id: refund, name: Refund, moment_of_truth: true, owner: tom, metrics: [{name: csat}]}
journeys:
  - id: j
    name: J
    leader: raj
    metrics: [{name: nps}]
    stages: [{id: s, name: S, touchpoints: [refund]}]
""",
    )
    code, findings = validate(cxkit, tmp_path / "ws")
    assert code == 0
    assert [f["rule"] for f in findings] == ["owner-inactive"]
    assert "successor raj takes over" in findings[0]["message"]


def test_a_moment_of_truth_with_no_owner_says_where_it_sits(cxkit: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "ws",
        "ws.yaml",
        """\
touchpoints:
  - {id: call, name: Call, moment_of_truth: true}
journeys:
  - {id: a, name: A, stages: [{id: s, name: S, touchpoints: [call]}]}
  - {id: b, name: B, stages: [{id: s, name: S, touchpoints: [call]}]}
""",
    )
    _, findings = validate(cxkit, tmp_path / "ws")
    [call] = about(findings, "moment-of-truth-unowned", "touchpoints:call")
    assert call["message"] == (
        "moment of truth 'call' has no owner: it sits on 2 journeys (a, b); a touchpoint where"
        " customers are won or lost needs one accountable owner"
    )


# --- an unowned touchpoint says on how many journeys it sits -------------------------------------


def test_an_unowned_touchpoint_says_on_how_many_journeys_it_sits(
    cxkit: Run, workspace: Path
) -> None:
    _, findings = validate(cxkit, workspace)
    [ivr] = about(findings, "touchpoint-unowned", "touchpoints:ivr-menu")
    assert ivr["severity"] == "warning"  # the severity stays; the message says what is at stake
    assert ivr["message"] == (
        "touchpoint 'ivr-menu' has no owner: it sits on 4 journeys (billing-dispute,"
        " moving-home, cancel-service and 1 more); name the one owner accountable for it"
    )
    [letter] = about(findings, "touchpoint-unowned", "touchpoints:letter")
    assert "it sits on 1 journey (billing-dispute);" in letter["message"]


def test_a_touchpoint_on_no_journey_says_so(cxkit: Run, tmp_path: Path) -> None:
    write(tmp_path / "ws", "ws.yaml", "touchpoints:\n  - {id: leftover, name: Leftover}\n")
    _, findings = validate(cxkit, tmp_path / "ws")
    [leftover] = about(findings, "touchpoint-unowned", "touchpoints:leftover")
    assert "has no owner: it sits on no journey;" in leftover["message"]
