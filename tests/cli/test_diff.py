"""`cxkit diff` and `cxkit impact --since` end to end, on real git repositories made in tmp_path.

Each test starts from one committed workspace (`journeys/`), edits it (in the working tree, or in a
second commit), and reads the JSON report back: every change kind, every class, every input form.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, git, write

OWNERS = """\
owners:
  - {id: cx, name: Customer Experience, kind: team, lead: ana}
  - {id: ana, name: Ana Rossi, kind: person, team: cx}
  - {id: bob, name: Bob Stone, kind: person, team: cx}
  - {id: support, name: Support, kind: team}
  - {id: telephony, name: Telephony, kind: team}
systems:
  - {id: phone-platform, name: Phone platform, owner: telephony}
personas:
  - {id: caller, name: Caller}
"""

TOUCHPOINTS = """\
touchpoints:
  - id: bill-email
    name: Bill email
    channel: email
    owner: cx
    tags: [billing, email]
  - id: ivr
    name: Phone menu
    channel: phone
    owner: support
    responsible: [support]
    systems: [phone-platform]
    moment_of_truth: true
    metrics:
      - {name: csat, target: 0.8, actual: 0.6}
      - {name: wait, target: 60, actual: 90, better: lower, unit: s}
  - id: agent
    name: Speaks with an agent
    owner: support
    channel: chat
"""

JOURNEY = """\
journeys:
  - id: billing
    name: Dispute a bill
    persona: caller
    leader: ana
    stages:
      - {id: notice, name: Notices a charge, touchpoints: [bill-email]}
      - {id: contact, name: Gets in touch, touchpoints: [ivr, agent]}
      - {id: settle, name: Settles, touchpoints: []}
"""

FILES = {"owners.yaml": OWNERS, "touchpoints.yaml": TOUCHPOINTS, "billing/billing.yaml": JOURNEY}


# --- helpers ---------------------------------------------------------------------------------


def commit(repo: Path, message: str = "edit") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(repo: Path, name: str, old: str, new: str, folder: str = "journeys") -> None:
    """Replace `old` (which must occur exactly once) by `new` in a workspace file."""
    path = repo / folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return committed_repo(tmp_path)


def committed_repo(tmp_path: Path) -> Path:
    """A git repository with the workspace in `journeys/`, committed once."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for name, text in FILES.items():
        write(root / "journeys", name, text)
    commit(root, "base")
    return root


def diff_json(cxkit: Run, repo: Path, *args: str) -> dict[str, Any]:
    """`cxkit diff ARGS -f json` in `repo` (default: HEAD against the working tree), parsed."""
    result = cxkit("diff", *(args or ("HEAD",)), "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    doc: dict[str, Any] = json.loads(result.out)
    return doc


def pick(doc: dict[str, Any], **want: Any) -> list[dict[str, Any]]:
    """The changes whose fields have the wanted values (`cls` stands for `class`)."""
    if "cls" in want:
        want["class"] = want.pop("cls")
    return [c for c in doc["changes"] if all(c.get(k) == v for k, v in want.items())]


def one(doc: dict[str, Any], **want: Any) -> dict[str, Any]:
    found = pick(doc, **want)
    assert len(found) == 1, (want, doc["changes"])
    return found[0]


# --- entities: added, removed, changed ---------------------------------------------------------


def test_no_changes(cxkit: Run, repo: Path) -> None:
    doc = diff_json(cxkit, repo)
    assert doc["version"] == 1
    assert doc["kind"] == "diff"
    assert doc["changes"] == []
    assert doc["summary"]["journeys_changed"] == []
    assert doc["summary"]["risk"] == doc["summary"]["notable"] == doc["summary"]["info"] == 0


def test_entity_added(cxkit: Run, repo: Path) -> None:
    edit(
        repo, "owners.yaml", "systems:\n", "  - {id: carol, name: Carol, kind: person}\nsystems:\n"
    )
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="owner", id="carol")
    assert (change["op"], change["class"], change["journey"]) == ("+", "notable", "")
    assert doc["summary"]["added"] == 1
    assert doc["summary"]["journeys_changed"] == []


def test_entity_removed(cxkit: Run, repo: Path) -> None:
    agent = TOUCHPOINTS[TOUCHPOINTS.index("  - id: agent\n") :]
    edit(repo, "touchpoints.yaml", agent, "")
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[ivr]")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="touchpoint", id="agent")
    assert (change["op"], change["class"], change["journey"]) == ("-", "notable", "billing")
    assert one(doc, kind="journey", field="path.agent")["op"] == "-"


def test_changed_field_has_old_and_new_values(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    edit(repo, "touchpoints.yaml", "name: Bill email", "name: Monthly bill email")
    doc = diff_json(cxkit, repo)
    channel = one(doc, kind="touchpoint", id="agent", field="channel")
    assert channel["op"] == "~"
    assert (channel["old"], channel["new"]) == ("chat", "phone")
    assert channel["class"] == "notable"
    assert channel["journey"] == "billing"
    name = one(doc, kind="touchpoint", id="bill-email", field="name")
    assert (name["old"], name["new"], name["class"]) == ("Bill email", "Monthly bill email", "info")
    assert doc["summary"]["changed"] == 2
    assert doc["summary"]["journeys_changed"] == ["billing"]


def test_lists_are_compared_as_lists(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "responsible: [support]", "responsible: [telephony, cx]")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="touchpoint", id="ivr", field="responsible")
    assert change["op"] == "~"
    assert (change["old"], change["new"]) == (["support"], ["telephony", "cx"])
    assert "+telephony" in change["message"]
    assert "+cx" in change["message"]
    assert "-support" in change["message"]
    assert change["class"] == "notable"


def test_list_reordered(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "tags: [billing, email]", "tags: [email, billing]")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="touchpoint", id="bill-email", field="tags")
    assert (change["old"], change["new"]) == (["billing", "email"], ["email", "billing"])
    assert "reordered" in change["message"]
    assert change["class"] == "info"


# --- metrics ------------------------------------------------------------------------------------


def test_target_lowered_is_a_risk_for_better_higher(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "target: 0.8", "target: 0.7")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="touchpoint", id="ivr", field="metrics.csat.target")
    assert (change["op"], change["class"]) == ("~", "risk")
    assert (change["old"], change["new"]) == (0.8, 0.7)


def test_target_raised_is_a_risk_for_better_lower(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "target: 60", "target: 120")
    doc = diff_json(cxkit, repo)
    change = one(doc, field="metrics.wait.target")
    assert (change["old"], change["new"], change["class"]) == (60, 120, "risk")


def test_a_stricter_target_is_notable_not_a_risk(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "target: 0.8", "target: 0.9")
    edit(repo, "touchpoints.yaml", "target: 60", "target: 30")
    doc = diff_json(cxkit, repo)
    assert one(doc, field="metrics.csat.target")["class"] == "notable"
    assert one(doc, field="metrics.wait.target")["class"] == "notable"
    assert doc["summary"]["risk"] == 0


def test_actual_change_is_info(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "actual: 0.6", "actual: 0.65")
    doc = diff_json(cxkit, repo)
    change = one(doc, field="metrics.csat.actual")
    assert (change["old"], change["new"], change["class"]) == (0.6, 0.65, "info")
    assert doc["summary"]["info"] == 1
    assert doc["summary"]["notable"] == doc["summary"]["risk"] == 0


def test_metrics_are_matched_by_name(cxkit: Run, repo: Path) -> None:
    # Swapping the two metrics' order is no change; renaming one is a removal and an addition.
    edit(
        repo,
        "touchpoints.yaml",
        "      - {name: csat, target: 0.8, actual: 0.6}\n"
        "      - {name: wait, target: 60, actual: 90, better: lower, unit: s}\n",
        "      - {name: wait, target: 60, actual: 90, better: lower, unit: s}\n"
        "      - {name: nps, target: 0.8, actual: 0.6}\n",
    )
    doc = diff_json(cxkit, repo)
    assert {c["field"] for c in doc["changes"]} == {"metrics.csat", "metrics.nps"}
    removed = one(doc, field="metrics.csat")
    assert removed["old"]["name"] == "csat" and removed["new"] is None
    added = one(doc, field="metrics.nps")
    assert added["old"] is None and added["new"]["target"] == 0.8


# --- renames -----------------------------------------------------------------------------------


def test_rename_is_one_delta_not_a_remove_and_an_add(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "  - id: agent\n", "  - id: agent-call\n")
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[ivr, agent-call]")
    doc = diff_json(cxkit, repo)
    assert len(doc["changes"]) == 1, doc["changes"]
    change = doc["changes"][0]
    assert (change["kind"], change["id"], change["op"], change["field"]) == (
        "touchpoint",
        "agent-call",
        "~",
        "id",
    )
    assert (change["old"], change["new"]) == ("agent", "agent-call")
    assert change["journey"] == "billing"
    assert not [c for c in doc["changes"] if c["field"].startswith("path.")]


def test_rename_with_a_content_change_is_a_remove_and_an_add(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "  - id: agent\n", "  - id: agent-call\n")
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[ivr, agent-call]")
    doc = diff_json(cxkit, repo)
    assert one(doc, kind="touchpoint", id="agent")["op"] == "-"
    assert one(doc, kind="touchpoint", id="agent-call")["op"] == "+"


# --- journey structure -------------------------------------------------------------------------


def test_stage_added(cxkit: Run, repo: Path) -> None:
    edit(
        repo,
        "billing/billing.yaml",
        "touchpoints: []}\n",
        "touchpoints: []}\n      - {id: review, name: Reviews, touchpoints: []}\n",
    )
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="journey", id="billing", field="stages.review")
    assert (change["op"], change["class"], change["journey"]) == ("+", "notable", "billing")


NOTICE = "      - {id: notice, name: Notices a charge, touchpoints: [bill-email]}\n"


def test_stage_removed_is_a_risk(cxkit: Run, repo: Path) -> None:
    # A stage the customer met a touchpoint in (removing an empty one is info: test_diff_trust).
    edit(repo, "billing/billing.yaml", NOTICE, "")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="journey", field="stages.notice")
    assert (change["op"], change["class"], change["journey"]) == ("-", "risk", "billing")
    assert doc["summary"]["removed"] == 2  # the stage, and bill-email taken off it
    assert doc["summary"]["risk"] == 1


def test_stage_renamed_is_info(cxkit: Run, repo: Path) -> None:
    edit(repo, "billing/billing.yaml", "name: Settles", "name: Gets it settled")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="journey", field="stages.settle.name")
    assert (change["op"], change["class"]) == ("~", "info")
    assert (change["old"], change["new"]) == ("Settles", "Gets it settled")


def test_stages_reordered(cxkit: Run, repo: Path) -> None:
    notice = "      - {id: notice, name: Notices a charge, touchpoints: [bill-email]}\n"
    edit(repo, "billing/billing.yaml", notice, "")
    edit(repo, "billing/billing.yaml", "touchpoints: []}\n", "touchpoints: []}\n" + notice)
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="journey", field="stages")
    assert (change["op"], change["class"]) == ("→", "notable")
    assert change["old"] == ["notice", "contact", "settle"]
    assert change["new"] == ["contact", "settle", "notice"]
    assert not [c for c in doc["changes"] if c["field"].startswith("path.")]


def test_touchpoint_put_on_a_stage(cxkit: Run, repo: Path) -> None:
    edit(repo, "billing/billing.yaml", "[]", "[{id: refund, name: Refund issued, owner: support}]")
    doc = diff_json(cxkit, repo)
    put_on = one(doc, kind="journey", field="path.refund")
    assert (put_on["op"], put_on["old"], put_on["new"]) == ("+", None, "settle")
    added = one(doc, kind="touchpoint", id="refund")
    assert (added["op"], added["journey"]) == ("+", "billing")


def test_touchpoint_taken_off_a_stage(cxkit: Run, repo: Path) -> None:
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[ivr]")
    doc = diff_json(cxkit, repo)
    assert len(doc["changes"]) == 1, doc["changes"]
    change = one(doc, kind="journey", field="path.agent")
    assert (change["op"], change["old"], change["new"]) == ("-", "contact", None)
    assert change["class"] == "notable"


def test_touchpoint_moved_between_stages(cxkit: Run, repo: Path) -> None:
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[ivr]")
    edit(repo, "billing/billing.yaml", "[]", "[agent]")
    doc = diff_json(cxkit, repo)
    assert len(doc["changes"]) == 1, doc["changes"]
    change = one(doc, kind="journey", field="path.agent")
    assert (change["op"], change["old"], change["new"]) == ("→", "contact", "settle")


def test_touchpoints_reordered_within_a_stage(cxkit: Run, repo: Path) -> None:
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[agent, ivr]")
    doc = diff_json(cxkit, repo)
    assert len(doc["changes"]) == 1, doc["changes"]
    change = one(doc, kind="journey", field="stages.contact.touchpoints")
    assert (change["op"], change["old"], change["new"]) == ("→", ["ivr", "agent"], ["agent", "ivr"])


@pytest.mark.parametrize(
    ("old", "new", "stage"),
    [
        ("[]", "[agent]", "settle"),  # agent stays on `contact` and is also put on `settle`
        ("[ivr, agent]", "[ivr, agent, ivr]", "contact"),  # ivr a second time on `contact`
    ],
)
def test_a_second_visit_to_a_touchpoint_is_put_on_not_moved_or_reordered(
    cxkit: Run, repo: Path, old: str, new: str, stage: str
) -> None:
    # The format lets a touchpoint appear more than once in one journey: nothing moved, nothing
    # was taken off, the touchpoints already there kept their order; one visit was put on.
    edit(repo, "billing/billing.yaml", old, new)
    doc = diff_json(cxkit, repo)
    assert [(c["kind"], c["op"], c["new"]) for c in doc["changes"]] == [("journey", "+", stage)], (
        doc["changes"]
    )


# --- classes -----------------------------------------------------------------------------------


def test_touchpoint_losing_its_owner_is_a_risk(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "    owner: support\n    channel: chat\n", "    channel: chat\n")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="touchpoint", id="agent", field="owner")
    assert (change["old"], change["new"], change["class"]) == ("support", None, "risk")
    assert "loses its owner" in change["message"]


def test_moment_of_truth_losing_its_owner_is_a_risk(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "    owner: support\n    responsible", "    responsible")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="touchpoint", id="ivr", field="owner")
    assert change["class"] == "risk"
    assert "a moment of truth loses its owner" in change["message"]


def test_moment_of_truth_removed_is_a_risk(cxkit: Run, repo: Path) -> None:
    start = TOUCHPOINTS.index("  - id: ivr\n")
    end = TOUCHPOINTS.index("  - id: agent\n")
    edit(repo, "touchpoints.yaml", TOUCHPOINTS[start:end], "")
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[agent]")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="touchpoint", id="ivr")
    assert (change["op"], change["class"]) == ("-", "risk")
    assert "moment of truth" in change["message"]


def test_owner_becoming_inactive_is_a_risk(cxkit: Run, repo: Path) -> None:
    edit(
        repo,
        "owners.yaml",
        "Bob Stone, kind: person, team: cx}",
        "Bob Stone, kind: person, team: cx, active: false}",
    )
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="owner", id="bob", field="active")
    assert (change["old"], change["new"], change["class"]) == (True, False, "risk")
    assert change["journey"] == ""


def test_journey_losing_its_leader_is_a_risk(cxkit: Run, repo: Path) -> None:
    edit(repo, "billing/billing.yaml", "    leader: ana\n", "")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="journey", id="billing", field="leader")
    assert (change["old"], change["new"], change["class"]) == ("ana", None, "risk")
    assert change["journey"] == "billing"


def test_leader_handed_to_an_inactive_owner_is_a_risk(cxkit: Run, repo: Path) -> None:
    edit(
        repo,
        "owners.yaml",
        "Bob Stone, kind: person, team: cx}",
        "Bob Stone, kind: person, team: cx, active: false}",
    )
    edit(repo, "billing/billing.yaml", "leader: ana", "leader: bob")
    doc = diff_json(cxkit, repo)
    assert one(doc, kind="journey", field="leader")["class"] == "risk"


def test_leader_handed_to_an_active_owner_is_notable(cxkit: Run, repo: Path) -> None:
    edit(repo, "billing/billing.yaml", "leader: ana", "leader: bob")
    doc = diff_json(cxkit, repo)
    change = one(doc, kind="journey", field="leader")
    assert (change["old"], change["new"], change["class"]) == ("ana", "bob", "notable")


def test_summary_counts(cxkit: Run, repo: Path) -> None:
    edit(
        repo, "owners.yaml", "systems:\n", "  - {id: carol, name: Carol, kind: person}\nsystems:\n"
    )
    edit(repo, "billing/billing.yaml", NOTICE, "")
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[agent, ivr]")
    edit(repo, "touchpoints.yaml", "actual: 0.6", "actual: 0.7")
    doc = diff_json(cxkit, repo)
    assert set(doc["summary"].pop("coverage")) == {"before", "after"}  # tests/cli/test_coverage.py
    assert doc["summary"] == {
        "journeys_changed": ["billing"],
        "added": 1,
        "changed": 2,
        "removed": 2,
        "risk": 1,
        "notable": 3,
        "info": 1,
        "journeys": [{"id": "billing", "changes": 4, "through": []}],
        "ownership": {
            "before": {"owned": 3, "total": 3, "percent": 100},
            "after": {"owned": 3, "total": 3, "percent": 100},
        },
    }


@pytest.mark.parametrize(
    ("old", "new", "on_risk", "on_notable"),
    [
        ("name: Bill email", "name: Monthly bill email", 0, 0),  # info only
        ("channel: chat", "channel: phone", 0, 1),  # notable
        ("target: 0.8", "target: 0.5", 1, 1),  # risk
    ],
)
def test_fail_on(cxkit: Run, repo: Path, old: str, new: str, on_risk: int, on_notable: int) -> None:
    edit(repo, "touchpoints.yaml", old, new)
    assert cxkit("diff", "HEAD", cwd=repo).code == 0
    assert cxkit("diff", "HEAD", "--fail-on", "risk", cwd=repo).code == on_risk
    assert cxkit("diff", "HEAD", "--fail-on", "notable", cwd=repo).code == on_notable


def test_fail_on_with_no_changes_exits_0(cxkit: Run, repo: Path) -> None:
    assert cxkit("diff", "HEAD", "--fail-on", "notable", cwd=repo).code == 0


# --- inputs ------------------------------------------------------------------------------------


def test_two_commits(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    commit(repo)
    doc = diff_json(cxkit, repo, "HEAD~1", "HEAD")
    assert (doc["old"], doc["new"]) == ("HEAD~1:journeys", "HEAD:journeys")
    assert [(c["id"], c["field"]) for c in doc["changes"]] == [("agent", "channel")]


def test_revision_against_the_working_tree(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    doc = diff_json(cxkit, repo, "HEAD")
    assert doc["old"] == "HEAD:journeys"
    assert doc["new"].startswith("working tree")
    assert [(c["id"], c["field"]) for c in doc["changes"]] == [("agent", "channel")]


def test_revisions_do_not_read_the_working_tree(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    commit(repo)
    edit(repo, "touchpoints.yaml", "name: Bill email", "name: Uncommitted")
    write(repo / "journeys", "new.yaml", "owners:\n  - {id: dan, name: Dan, kind: person}\n")
    status = git(repo, "status", "--porcelain")
    doc = diff_json(cxkit, repo, "HEAD~1", "HEAD")
    assert [(c["id"], c["field"]) for c in doc["changes"]] == [("agent", "channel")]
    assert git(repo, "status", "--porcelain") == status
    assert "name: Uncommitted" in (repo / "journeys" / "touchpoints.yaml").read_text()


def test_revision_with_a_path(cxkit: Run, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for name, text in FILES.items():
        write(root / "cx" / "maps", name, text)
    commit(root, "base")
    edit(root, "billing/billing.yaml", "leader: ana", "leader: bob", folder="cx/maps")
    commit(root)
    doc = diff_json(cxkit, root, "HEAD~1:cx/maps", "HEAD:cx/maps")
    assert (doc["old"], doc["new"]) == ("HEAD~1:cx/maps", "HEAD:cx/maps")
    assert [(c["id"], c["field"]) for c in doc["changes"]] == [("billing", "leader")]
    # A revision and a folder; and -w for the path inside revisions and the working tree.
    assert diff_json(cxkit, root, "HEAD~1:cx/maps", "cx/maps")["changes"] == doc["changes"]
    assert diff_json(cxkit, root, "HEAD~1", "-w", "cx/maps")["changes"] == doc["changes"]


def test_other_workspace_folder(cxkit: Run, repo: Path) -> None:
    git(repo, "mv", "journeys", "maps")
    commit(repo, "move")
    edit(repo, "billing/billing.yaml", "name: Settles", "name: Settled", folder="maps")
    doc = diff_json(cxkit, repo, "HEAD", "-w", "maps")
    assert doc["old"] == "HEAD:maps"
    assert [c["field"] for c in doc["changes"]] == ["stages.settle.name"]
    result = cxkit("diff", "HEAD", cwd=repo)  # the default `journeys/` is gone
    assert result.code == 2
    assert "cxkit: error:" in result.err


def test_two_folders_without_git(cxkit: Run, tmp_path: Path) -> None:
    for name, text in FILES.items():
        write(tmp_path / "old", name, text)
        write(tmp_path / "new", name, text.replace("leader: ana", "leader: bob"))
    doc = diff_json(cxkit, tmp_path, "old", "new")
    assert (doc["old"], doc["new"]) == ("old", "new")
    assert [(c["id"], c["field"]) for c in doc["changes"]] == [("billing", "leader")]


def test_unknown_revision_exits_2_without_a_traceback(cxkit: Run, repo: Path) -> None:
    result = cxkit("diff", "no-such-branch", "HEAD", cwd=repo)
    assert result.code == 2
    assert "cxkit: error:" in result.err
    assert "no-such-branch" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def test_broken_file_on_one_side(cxkit: Run, repo: Path) -> None:
    write(repo / "journeys", "extra.yaml", "owners:\n  - {id: carol, name: Carol\n")
    commit(repo, "broken")
    write(repo / "journeys", "extra.yaml", "owners:\n  - {id: carol, name: Carol, kind: person}\n")
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    commit(repo, "fixed")
    result = cxkit("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert result.code == 0
    assert "HEAD~1:journeys" in result.err
    assert re.search(r"HEAD~1:journeys/extra\.yaml:\d+:\d+", result.err), result.err
    assert "Traceback" not in result.err
    doc = json.loads(result.out)
    assert one(doc, kind="touchpoint", id="agent", field="channel")["new"] == "phone"
    assert one(doc, kind="owner", id="carol")["op"] == "+"


def test_a_refused_file_in_the_old_version_is_told_at_its_position(cxkit: Run, repo: Path) -> None:
    """The old version is read in a second process, which sends back no positions: a file the
    models refuse is read again, so its problems still point at line and column."""
    line = "  - {id: carol, name: Carol, kind: robot}"
    write(repo / "journeys", "extra.yaml", f"owners:\n{line}\n")
    commit(repo, "refused")
    write(repo / "journeys", "extra.yaml", "owners:\n  - {id: carol, name: Carol, kind: person}\n")
    result = cxkit("diff", "HEAD", "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    assert f"HEAD:journeys/extra.yaml:2:{line.index('robot') + 1}:" in result.err, result.err
    assert "working tree" not in result.err  # the new version has no errors
    assert one(json.loads(result.out), kind="owner", id="carol", field="kind")["new"] == "person"


# --- text and markdown -------------------------------------------------------------------------


def everything(repo: Path) -> None:
    """Edits that give one change of each marker, a risk, and one owner change."""
    edit(
        repo, "owners.yaml", "systems:\n", "  - {id: carol, name: Carol, kind: person}\nsystems:\n"
    )
    edit(repo, "billing/billing.yaml", NOTICE, "")
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[agent, ivr]")
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")


def test_text_output(cxkit: Run, repo: Path) -> None:
    everything(repo)
    result = cxkit("diff", "HEAD", cwd=repo)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("cxkit diff HEAD:journeys → working tree")
    assert lines.index("journey billing") < lines.index("owners, systems and personas")
    assert "  + owner carol added" in lines
    assert any(line.startswith("  - ") and "stage notice removed" in line for line in lines)
    assert any(line.startswith("  ~ ") and "channel chat → phone" in line for line in lines)
    assert any(line.startswith("  → ") and "stage contact reordered" in line for line in lines)
    assert "[risk]" in result.out
    assert (
        lines[-1] == "1 journey changed: 1 added, 2 changed, 2 removed, 1 risk, 4 notable, 0 info"
    )
    assert "\x1b[" not in result.out


def test_text_summary_counts_journeys(cxkit: Run, repo: Path) -> None:
    second = JOURNEY.replace("id: billing", "id: moving").replace("Dispute a bill", "Move home")
    write(repo / "journeys", "moving.yaml", second)
    commit(repo)
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    edit(repo, "moving.yaml", "name: Settles", "name: Settled")
    result = cxkit("diff", "HEAD", cwd=repo)
    assert "journey billing" in result.out.splitlines()
    assert "journey moving" in result.out.splitlines()
    assert "(also on moving)" in result.out
    assert result.out.splitlines()[-1].startswith("2 journeys changed: 0 added, 2 changed")


def test_text_no_changes(cxkit: Run, repo: Path) -> None:
    result = cxkit("diff", "HEAD", "HEAD", cwd=repo)
    assert result.code == 0
    assert result.out.splitlines()[0] == "cxkit diff HEAD:journeys → HEAD:journeys"
    assert result.out.splitlines()[-1] == "No changes."


def test_markdown_output(cxkit: Run, repo: Path) -> None:
    everything(repo)
    result = cxkit("diff", "HEAD", "-f", "markdown", cwd=repo)
    assert result.code == 0
    assert "```diff\n" in result.out
    assert "+ owner carol added" in result.out
    assert "### Risks" in result.out
    risks = result.out.split("### Risks", 1)[1]
    assert "stage notice removed" in risks
    assert "channel" not in risks


def test_markdown_without_risks_has_no_risks_section(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "channel: chat", "channel: phone")
    result = cxkit("diff", "HEAD", "-f", "markdown", cwd=repo)
    assert "```diff" in result.out
    assert "Risks" not in result.out


def test_output_file(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "target: 0.8", "target: 0.5")
    result = cxkit("diff", "HEAD", "-f", "json", "-o", "diff.json", "--fail-on", "risk", cwd=repo)
    assert result.code == 1
    assert result.out == ""
    doc = json.loads((repo / "diff.json").read_text(encoding="utf-8"))
    assert doc["summary"]["risk"] == 1


# --- the config's ignore ----------------------------------------------------------------------

DRAFT = """\
touchpoints:
  - {id: draft-tp, name: Draft touchpoint, channel: chat, owner: cx}
"""


@pytest.fixture
def drafts(repo: Path) -> Path:
    """The repo with journeys/drafts/ ignored by its config, a draft committed in HEAD~1 and
    changed in HEAD and again in the working tree; and the agent touchpoint changed likewise."""
    write(repo, ".cxkit.yaml", "ignore: [journeys/drafts/]\n")
    write(repo / "journeys" / "drafts", "wip.yaml", DRAFT)
    commit(repo, "a draft")
    edit(repo, "drafts/wip.yaml", "name: Draft touchpoint", "name: Second draft")
    edit(repo, "touchpoints.yaml", "name: Speaks with an agent", "name: Talks to an agent")
    commit(repo, "drafts move on")
    edit(repo, "drafts/wip.yaml", "channel: chat", "channel: phone")
    edit(
        repo,
        "touchpoints.yaml",
        "    owner: support\n    channel",
        "    owner: telephony\n    channel",
    )
    return repo


def changed_ids(cxkit: Run, repo: Path, *args: str) -> set[str]:
    return {c["id"] for c in diff_json(cxkit, repo, *args)["changes"]}


def test_the_configs_ignore_leaves_files_out_of_every_version(cxkit: Run, drafts: Path) -> None:
    """validate never reads an ignored file; nor does diff, on either side, in any form."""
    assert changed_ids(cxkit, drafts, "HEAD") == {"agent"}  # against the working tree
    assert changed_ids(cxkit, drafts, "HEAD~1", "HEAD") == {"agent"}  # two revisions
    shutil.copytree(drafts / "journeys", drafts / "kept")  # a copy kept elsewhere: same files
    assert changed_ids(cxkit, drafts, "HEAD~1", "kept") == {"agent"}
    # Without the config, the draft's changes are there to see.
    (drafts / ".cxkit.yaml").unlink()
    assert changed_ids(cxkit, drafts, "HEAD") == {"agent", "draft-tp"}
    assert changed_ids(cxkit, drafts, "HEAD~1", "kept") == {"agent", "draft-tp"}


def test_ignore_holds_however_the_workspace_is_named(cxkit: Run, drafts: Path) -> None:
    """git lists files relative to the current folder, tidied: an absolute or roundabout
    workspace path, or one the config gives from another folder, leaves out the same files."""
    for workspace in (str(drafts / "journeys"), "journeys/../journeys", "./journeys"):
        assert changed_ids(cxkit, drafts, "HEAD", "-w", workspace) == {"agent"}, workspace
    (drafts / "sub").mkdir()
    write(drafts, ".cxkit.yaml", "workspace: journeys\nignore: [journeys/drafts/]\n")
    doc = diff_json(
        cxkit, drafts / "sub", "HEAD"
    )  # the config found above, its workspace `../journeys`
    assert {c["id"] for c in doc["changes"]} == {"agent"}


@pytest.mark.parametrize("pattern", ["journeys/drafts/**/", "drafts/", "journeys/drafts"])
def test_folder_patterns_leave_out_a_revisions_files_too(
    cxkit: Run, repo: Path, pattern: str
) -> None:
    """A pattern that names folders only leaves out, in a git revision, the files below them."""
    write(repo / "journeys" / "drafts" / "deep", "wip.yaml", DRAFT)
    write(repo, ".cxkit.yaml", f"ignore: [{pattern!r}]\n")
    commit(repo, "a draft, deep down")
    assert changed_ids(cxkit, repo, "HEAD") == set()
    shutil.rmtree(repo / "journeys" / "drafts")
    assert changed_ids(cxkit, repo, "HEAD") == set()  # gone from the disk, left out of HEAD


def test_impact_since_leaves_ignored_files_out(cxkit: Run, drafts: Path) -> None:
    result = cxkit("impact", "--since", "HEAD", "-f", "json", cwd=drafts)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["change"]["affects"]["touchpoints"] == ["agent"]
    assert "draft-tp" not in {t["id"] for t in doc["touchpoints"]}
    (drafts / ".cxkit.yaml").unlink()
    result = cxkit("impact", "--since", "HEAD", "-f", "json", cwd=drafts)
    assert json.loads(result.out)["change"]["affects"]["touchpoints"] == ["agent", "draft-tp"]


# --- impact --since ----------------------------------------------------------------------------


def test_impact_since_takes_the_changed_touchpoints(cxkit: Run, repo: Path) -> None:
    edit(
        repo,
        "touchpoints.yaml",
        "    owner: support\n    channel",
        "    owner: telephony\n    channel",
    )
    result = cxkit("impact", "--since", "HEAD", "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["change"]["affects"]["touchpoints"] == ["agent"]
    how = {t["id"]: t["how"] for t in doc["touchpoints"]}
    assert how["agent"] == "direct"
    engaged = {(e["role"], e["who"]["id"]) for e in doc["engage"]}
    assert ("accountable", "telephony") in engaged
    assert ("leader", "ana") in engaged


def test_impact_since_with_no_changes_touches_nothing(cxkit: Run, repo: Path) -> None:
    # No empty plan: a document that says so (tests/cli/test_change_files.py has the rest).
    result = cxkit("impact", "--since", "HEAD", "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert (doc["kind"], doc["journey_changes"]) == ("no-journey-changes", 0)


def test_impact_since_unknown_revision_exits_2(cxkit: Run, repo: Path) -> None:
    result = cxkit("impact", "--since", "no-such-branch", cwd=repo)
    assert result.code == 2
    assert "cxkit: error:" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("args", [(), ("change.yaml", "--since", "HEAD")])
def test_impact_needs_a_change_file_or_since(cxkit: Run, repo: Path, args: tuple[str, ...]) -> None:
    write(repo, "change.yaml", "change: {}\n")
    result = cxkit("impact", *args, cwd=repo)
    assert result.code == 2
    assert "--since" in result.err


def test_impact_since_takes_a_touchpoint_moved_on_a_journey(cxkit: Run, repo: Path) -> None:
    # The customer meets agent at another stage now: that is a change to agent for impact,
    # as `WorkspaceDiff.touchpoints_changed` promises ("added, changed or moved").
    edit(repo, "billing/billing.yaml", "[ivr, agent]", "[ivr]")
    edit(repo, "billing/billing.yaml", "[]", "[agent]")
    result = cxkit("impact", "--since", "HEAD", "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["change"]["affects"]["touchpoints"] == ["agent"]
    assert {t["id"]: t["how"] for t in doc["touchpoints"]}.get("agent") == "direct"
