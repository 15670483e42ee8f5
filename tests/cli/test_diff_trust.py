"""`cxkit diff` a CX lead can trust (issue 16, "Diff risk"): the risk classes, the consequences
of people leaving, journeys changed through a shared touchpoint, the ownership figure, Markdown
that carries what text carries, and stage paths; then the golden diff of a realistic workspace.

Each focused test writes one small workspace twice (`old/`, `new/`), edits `new/` and runs
`cxkit diff old new` as a user does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from cxkit import __version__
from tests.conftest import DATA, Run, write

OWNERS = """\
owners:
  - {id: cx, name: Customer Experience, kind: team, lead: ana}
  - {id: billing, name: Billing, kind: team, lead: dan}
  - {id: support, name: Support, kind: team}
  - {id: ana, name: Ana Rossi, kind: person, team: cx}
  - {id: dan, name: Dan Okafor, kind: person, team: billing}
  - {id: raj, name: Raj Patel, kind: person, team: billing}
  - {id: tom, name: Tom Walsh, kind: person, team: billing, active: false, successor: raj}
systems:
  - {id: billing-platform, name: Billing platform, owner: dan}
"""

TOUCHPOINTS = """\
touchpoints:
  - id: bill-email
    name: Bill email
    channel: email
    owner: dan
    responsible: [billing]
    pain_points: [Shows only the total]
    metrics:
      - {name: open_rate, target: 55, actual: 58, unit: "%"}
  - id: ivr
    name: Phone menu
    channel: phone
    owner: support
    consulted: [dan]
    moment_of_truth: true
    metrics:
      - {name: csat, target: 80, actual: 62, unit: "%"}
      - {name: wait, target: 3, actual: 9.2, better: lower, unit: minutes}
  - {id: chat, name: Web chat, channel: chat, owner: support}
  - {id: agent, name: Agent call, channel: phone, owner: support}
"""

JOURNEYS = """\
journeys:
  - id: billing
    name: Dispute a bill
    leader: ana
    stages:
      - {id: notice, name: Notices a charge, touchpoints: [bill-email]}
      - id: raise
        name: Gets in touch
        paths:
          phone: [ivr, agent]
          chat: [chat]
      - {id: settle, name: Settles, touchpoints: []}
  - id: leaving
    name: Leave
    leader: dan
    stages:
      - {id: ask, name: Asks to leave, touchpoints: [chat, ivr]}
  - id: moving
    name: Move home
    leader: ana
    stages:
      - {id: tell-us, name: Tells us, touchpoints: [ivr, agent]}
"""

FILES = {"owners.yaml": OWNERS, "touchpoints.yaml": TOUCHPOINTS, "journeys.yaml": JOURNEYS}


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """A folder with the workspace in `old/` and the same in `new/`, for a test to edit."""
    for side in ("old", "new"):
        for name, text in FILES.items():
            write(tmp_path / side, name, text)
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace `old` (which must occur exactly once) by `new` in `new/NAME`."""
    path = root / "new" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def diff_json(cxkit: Run, root: Path) -> dict[str, Any]:
    result = cxkit("diff", "old", "new", "-f", "json", cwd=root)
    assert result.code == 0, result.err
    assert result.err == ""
    doc: dict[str, Any] = json.loads(result.out)
    return doc


def one(doc: dict[str, Any], **want: Any) -> dict[str, Any]:
    """The one change whose fields have the wanted values (`cls` stands for `class`)."""
    if "cls" in want:
        want["class"] = want.pop("cls")
    found = [c for c in doc["changes"] if all(c.get(k) == v for k, v in want.items())]
    assert len(found) == 1, (want, doc["changes"])
    return found[0]


def text_lines(cxkit: Run, root: Path, *args: str) -> list[str]:
    result = cxkit("diff", "old", "new", *args, cwd=root)
    assert result.code == 0, result.err
    return result.out.splitlines()


# --- 1. risk classes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('      - {name: csat, target: 80, actual: 62, unit: "%"}\n', "(62%, target 80%)"),
        (
            "      - {name: wait, target: 3, actual: 9.2, better: lower, unit: minutes}\n",
            "(9.2 minutes, target 3 minutes)",
        ),
    ],
)
def test_removing_a_metric_that_misses_its_target_is_a_risk(
    cxkit: Run, pair: Path, line: str, shown: str
) -> None:
    # Deleting the measure that shows a miss hides it, as lowering the target would.
    edit(pair, "touchpoints.yaml", line, "")
    doc = diff_json(cxkit, pair)
    name = re.search(r"name: (\w+)", line)
    assert name
    change = one(doc, id="ivr", field=f"metrics.{name[1]}")
    assert change["class"] == "risk"
    assert change["message"] == (
        f"touchpoint ivr: metric {name[1]} removed while it misses its target {shown}"
    )
    assert cxkit("diff", "old", "new", "--fail-on", "risk", cwd=pair).code == 1


def test_removing_a_metric_on_target_stays_notable(cxkit: Run, pair: Path) -> None:
    edit(
        pair,
        "touchpoints.yaml",
        '    metrics:\n      - {name: open_rate, target: 55, actual: 58, unit: "%"}\n',
        "    metrics: []\n",
    )
    doc = diff_json(cxkit, pair)
    change = one(doc, id="bill-email", field="metrics.open_rate")
    assert (change["class"], change["message"]) == (
        "notable",
        "touchpoint bill-email: metric open_rate removed",
    )
    assert cxkit("diff", "old", "new", "--fail-on", "risk", cwd=pair).code == 0


def test_a_moment_of_truth_that_stops_being_one_is_a_risk(cxkit: Run, pair: Path) -> None:
    edit(pair, "touchpoints.yaml", "    moment_of_truth: true\n", "")
    edit(
        pair,
        "touchpoints.yaml",
        "channel: phone, owner: support}",
        "channel: phone, owner: support, moment_of_truth: true}",
    )
    doc = diff_json(cxkit, pair)
    lost = one(doc, id="ivr", field="moment_of_truth")
    assert (lost["class"], lost["old"], lost["new"]) == ("risk", True, False)
    assert lost["message"] == (
        "touchpoint ivr: moment_of_truth true → false (no longer a moment of truth)"
    )
    gained = one(doc, id="agent", field="moment_of_truth")  # a new one is notable, as before
    assert (gained["class"], gained["old"], gained["new"]) == ("notable", False, True)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("[]", "touchpoint bill-email: pain_points -Shows only the total"),
        (
            "[Shows only the total, No link to the breakdown]",
            "touchpoint bill-email: pain_points +No link to the breakdown",
        ),
    ],
    ids=["removed", "added"],
)
def test_a_pain_point_removed_or_added_is_notable(
    cxkit: Run, pair: Path, new: str, message: str
) -> None:
    edit(pair, "touchpoints.yaml", "pain_points: [Shows only the total]", f"pain_points: {new}")
    change = one(diff_json(cxkit, pair), id="bill-email", field="pain_points")
    assert (change["class"], change["message"]) == ("notable", message)
    assert cxkit("diff", "old", "new", "--fail-on", "notable", cwd=pair).code == 1


def test_removing_a_stage_without_touchpoints_is_info(cxkit: Run, pair: Path) -> None:
    edit(pair, "journeys.yaml", "      - {id: settle, name: Settles, touchpoints: []}\n", "")
    doc = diff_json(cxkit, pair)
    change = one(doc, field="stages.settle")
    assert (change["op"], change["class"]) == ("-", "info")
    assert change["message"] == "journey billing: stage settle removed (it had no touchpoints)"
    assert cxkit("diff", "old", "new", "--fail-on", "notable", cwd=pair).code == 0


def test_removing_a_stage_of_paths_is_still_a_risk(cxkit: Run, pair: Path) -> None:
    raise_stage = JOURNEYS[
        JOURNEYS.index("      - id: raise\n") : JOURNEYS.index("      - {id: settle")
    ]
    edit(pair, "journeys.yaml", raise_stage, "")
    doc = diff_json(cxkit, pair)
    change = one(doc, field="stages.raise")
    assert (change["class"], change["message"]) == ("risk", "journey billing: stage raise removed")
    taken_off = {c["message"] for c in doc["changes"] if c["field"].startswith("path.")}
    assert taken_off == {
        "journey billing: touchpoint ivr taken off path phone in stage raise",
        "journey billing: touchpoint agent taken off path phone in stage raise",
        "journey billing: touchpoint chat taken off path chat in stage raise",
    }


# --- 2. consequences: who leaves, what they hold, who takes it over ---------------------------

DAN = "Dan Okafor, kind: person, team: billing}"
DAN_HOLDS = (
    "leads team billing; experience leader of leaving; accountable for bill-email;"
    " consulted on ivr; runs billing-platform"
)
DAN_LOSES = (
    "team billing loses its lead; journey leaving loses its experience leader;"
    " 1 touchpoint loses its accountable owner; system billing-platform loses its owner"
)


@pytest.mark.parametrize(
    ("fields", "after"),
    [
        (", successor: raj", "successor raj takes them over"),
        (", successor: tom", "successor raj takes them over, through inactive tom"),
        ("", f"no successor: {DAN_LOSES}"),
    ],
    ids=["successor", "chain", "none"],
)
def test_an_owner_who_leaves_says_what_they_hold_and_who_takes_it_over(
    cxkit: Run, pair: Path, fields: str, after: str
) -> None:
    edit(pair, "owners.yaml", DAN, f"{DAN[:-1]}, active: false{fields}}}")
    doc = diff_json(cxkit, pair)
    change = one(doc, id="dan", field="active")
    assert change["class"] == "risk"
    assert change["message"] == (
        f"owner dan: active true → false (becomes inactive: {DAN_HOLDS}; {after})"
    )
    lines = text_lines(cxkit, pair)
    assert f"  ~ {change['message']}  [risk]" in lines


def test_a_chain_of_successors_that_ends_with_nobody_says_so(cxkit: Run, pair: Path) -> None:
    edit(pair, "owners.yaml", DAN, f"{DAN[:-1]}, active: false, successor: tom}}")
    edit(
        pair,
        "owners.yaml",
        "Raj Patel, kind: person, team: billing}",
        "Raj Patel, kind: person, team: billing, active: false}",
    )
    doc = diff_json(cxkit, pair)
    assert one(doc, id="dan", field="active")["message"].endswith(
        f"; successors tom, raj are inactive too: {DAN_LOSES})"
    )


def test_an_owner_who_leaves_holding_nothing(cxkit: Run, pair: Path) -> None:
    edit(
        pair,
        "owners.yaml",
        "Raj Patel, kind: person, team: billing}",
        "Raj Patel, kind: person, team: billing, active: false}",
    )
    change = one(diff_json(cxkit, pair), id="raj", field="active")
    assert change["message"] == "owner raj: active true → false (becomes inactive; holds no role)"
    assert change["class"] == "risk"


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "journeys.yaml",
            "    name: Dispute a bill\n    leader: ana\n",
            "    name: Dispute a bill\n    leader: tom\n",
            "journey billing: leader ana → tom (tom is inactive; successor raj takes over)",
        ),
        (
            "touchpoints.yaml",
            "{id: agent, name: Agent call, channel: phone, owner: support}",
            "{id: agent, name: Agent call, channel: phone, owner: tom}",
            "touchpoint agent: owner support → tom (tom is inactive; successor raj takes over)",
        ),
    ],
    ids=["journey leader", "touchpoint owner"],
)
def test_handing_a_journey_or_touchpoint_to_someone_inactive_is_a_risk_that_says_so(
    cxkit: Run, pair: Path, name: str, old: str, new: str, message: str
) -> None:
    edit(pair, name, old, new)
    change = one(diff_json(cxkit, pair), field=message.split(":")[1].split()[0])
    assert (change["class"], change["message"]) == ("risk", message)
    # To someone active, it is notable, with nothing to add.
    edit(pair, name, new, new.replace("tom", "raj"))
    change = one(diff_json(cxkit, pair), field=change["field"])
    assert change["class"] == "notable"
    assert change["message"].endswith("→ raj")


def test_someone_inactive_added_to_a_raci_list_is_named_as_such(cxkit: Run, pair: Path) -> None:
    edit(pair, "touchpoints.yaml", "consulted: [dan]", "consulted: [dan, tom]")
    change = one(diff_json(cxkit, pair), id="ivr", field="consulted")
    assert change["message"] == (
        "touchpoint ivr: consulted +tom (inactive; successor raj takes over)"
    )
    assert change["class"] == "notable"


def test_a_successor_change_that_leaves_roles_with_nobody_is_a_risk(cxkit: Run, pair: Path) -> None:
    for side in ("old", "new"):
        text = (pair / side / "touchpoints.yaml").read_text(encoding="utf-8")
        text = text.replace(
            "name: Agent call, channel: phone, owner: support",
            "name: Agent call, channel: phone, owner: tom",
        )
        (pair / side / "touchpoints.yaml").write_text(text, encoding="utf-8")
    edit(pair, "owners.yaml", "active: false, successor: raj}", "active: false}")
    change = one(diff_json(cxkit, pair), id="tom", field="successor")
    assert change["class"] == "risk"
    assert change["message"] == (
        "owner tom: successor raj → (none) (no successor: 1 touchpoint loses its accountable owner)"
    )


# --- 3. journeys changed through a shared touchpoint ---------------------------------------------


def test_a_change_to_a_shared_touchpoint_changes_every_journey_it_stands_on(
    cxkit: Run, pair: Path
) -> None:
    edit(pair, "touchpoints.yaml", "target: 80, actual: 62", "target: 80, actual: 70")
    doc = diff_json(cxkit, pair)
    assert doc["summary"]["journeys_changed"] == ["billing", "leaving", "moving"]
    assert doc["summary"]["journeys"] == [
        {"id": "billing", "changes": 1, "through": []},
        {"id": "leaving", "changes": 0, "through": ["ivr"]},
        {"id": "moving", "changes": 0, "through": ["ivr"]},
    ]
    summary = (
        "3 journeys changed (2 through shared touchpoint ivr):"
        " 0 added, 1 changed, 0 removed, 0 risk, 0 notable, 1 info"
    )
    assert text_lines(cxkit, pair)[-1] == summary
    assert f"**{summary}**" in cxkit("diff", "old", "new", "-f", "markdown", cwd=pair).out


def test_journeys_say_each_shared_touchpoint_that_reached_them(cxkit: Run, pair: Path) -> None:
    edit(
        pair,
        "touchpoints.yaml",
        "channel: phone, owner: support}",
        "channel: voice, owner: support}",
    )
    edit(pair, "touchpoints.yaml", "{id: chat, name: Web chat,", "{id: chat, name: Online chat,")
    edit(pair, "journeys.yaml", "name: Asks to leave", "name: Asks to cancel")
    doc = diff_json(cxkit, pair)
    assert doc["summary"]["journeys"] == [
        {"id": "billing", "changes": 2, "through": []},
        {"id": "leaving", "changes": 1, "through": ["chat"]},  # its own change, and chat's
        {"id": "moving", "changes": 0, "through": ["agent"]},
    ]
    assert text_lines(cxkit, pair)[-1].startswith(
        "3 journeys changed (1 through shared touchpoint agent):"
    )


# --- 4. the ownership figure ----------------------------------------------------------------------

WHAT = "touchpoints with an active accountable owner"


@pytest.mark.parametrize(
    ("owner", "before", "after", "figure"),
    [
        ("", (4, 100), (3, 75), f"ownership 100% → 75% (4/4 → 3/4 {WHAT})"),
        # An inactive owner whose successor is active still has someone answering for it.
        (", owner: tom", (4, 100), (4, 100), f"ownership 100% (4/4 {WHAT}), unchanged"),
    ],
    ids=["unowned", "inactive with a successor"],
)
def test_the_ownership_figure_before_and_after(
    cxkit: Run,
    pair: Path,
    owner: str,
    before: tuple[int, int],
    after: tuple[int, int],
    figure: str,
) -> None:
    edit(pair, "touchpoints.yaml", "channel: phone, owner: support}", f"channel: phone{owner}}}")
    doc = diff_json(cxkit, pair)
    assert doc["summary"]["ownership"] == {
        "before": {"owned": before[0], "total": 4, "percent": before[1]},
        "after": {"owned": after[0], "total": 4, "percent": after[1]},
    }
    assert text_lines(cxkit, pair)[-2] == figure
    markdown = cxkit("diff", "old", "new", "-f", "markdown", cwd=pair).out
    assert f"\n{figure}\n" in markdown


def test_an_owner_leaving_without_a_successor_lowers_the_figure(cxkit: Run, pair: Path) -> None:
    edit(pair, "owners.yaml", DAN, f"{DAN[:-1]}, active: false}}")
    doc = diff_json(cxkit, pair)
    assert doc["summary"]["ownership"]["after"] == {"owned": 3, "total": 4, "percent": 75}
    assert text_lines(cxkit, pair)[-2] == f"ownership 100% → 75% (4/4 → 3/4 {WHAT})"


# --- 5. Markdown carries what text carries -------------------------------------------------------


def test_markdown_carries_every_marker_and_suffix_of_the_text_report(
    cxkit: Run, pair: Path
) -> None:
    edit(pair, "journeys.yaml", "      - {id: settle, name: Settles, touchpoints: []}\n", "")  # -
    edit(pair, "journeys.yaml", "phone: [ivr, agent]", "phone: [agent, ivr]")  # →
    edit(pair, "touchpoints.yaml", "target: 80, actual: 62", "target: 70, actual: 62")  # ~ risk
    edit(pair, "owners.yaml", "systems:\n", "  - {id: eve, name: Eve, kind: person}\nsystems:\n")
    text = [line.removeprefix("  ") for line in text_lines(cxkit, pair) if line.startswith("  ")]
    assert {line[0] for line in text} == {"+", "-", "~", "→"}
    assert any("(also on leaving, moving)  [risk]" in line for line in text)
    markdown = cxkit("diff", "old", "new", "-f", "markdown", cwd=pair).out
    fenced = re.findall(r"```diff\n(.*?)\n```", markdown, re.S)
    assert [line for block in fenced for line in block.splitlines()] == text
    risks = markdown.split("### Risks", 1)[1]
    assert "touchpoint ivr: csat.target 80 → 70 (target lowered) (also on leaving, moving)" in risks


# --- 6. paths ------------------------------------------------------------------------------------


def only_change(doc: dict[str, Any]) -> dict[str, Any]:
    assert len(doc["changes"]) == 1, doc["changes"]
    change: dict[str, Any] = doc["changes"][0]
    return change


def test_a_touchpoint_moved_between_the_paths_of_a_stage(cxkit: Run, pair: Path) -> None:
    edit(
        pair,
        "journeys.yaml",
        "phone: [ivr, agent]\n          chat: [chat]",
        "phone: [ivr]\n          chat: [chat, agent]",
    )
    change = only_change(diff_json(cxkit, pair))
    assert (change["op"], change["field"], change["old"], change["new"]) == (
        "→",
        "path.agent",
        "raise/phone",
        "raise/chat",
    )
    assert (
        change["message"]
        == "journey billing: touchpoint agent moved from path phone to chat in stage raise"
    )


def test_a_touchpoint_moved_from_a_stage_onto_a_path(cxkit: Run, pair: Path) -> None:
    edit(pair, "journeys.yaml", "touchpoints: [bill-email]}", "touchpoints: []}")
    edit(pair, "journeys.yaml", "chat: [chat]", "chat: [chat, bill-email]")
    change = only_change(diff_json(cxkit, pair))
    assert (change["old"], change["new"]) == ("notice", "raise/chat")
    assert change["message"] == (
        "journey billing: touchpoint bill-email moved from stage notice to path chat in stage raise"
    )


def test_reordering_is_told_per_path(cxkit: Run, pair: Path) -> None:
    edit(pair, "journeys.yaml", "phone: [ivr, agent]", "phone: [agent, ivr]")
    change = only_change(diff_json(cxkit, pair))
    assert (change["op"], change["field"], change["old"], change["new"]) == (
        "→",
        "stages.raise.paths.phone",
        ["ivr", "agent"],
        ["agent", "ivr"],
    )
    assert change["message"] == "journey billing: path phone in stage raise reordered: agent → ivr"


def test_a_stage_that_splits_into_paths_is_one_change(cxkit: Run, pair: Path) -> None:
    # Not every touchpoint taken off and put on again: the customer meets the same ones.
    edit(
        pair,
        "journeys.yaml",
        "{id: tell-us, name: Tells us, touchpoints: [ivr, agent]}",
        "{id: tell-us, name: Tells us, paths: {phone: [ivr, agent], chat: [chat]}}",
    )
    doc = diff_json(cxkit, pair)
    assert [(c["op"], c["message"]) for c in doc["changes"] if c["journey"] == "moving"] == [
        ("~", "journey moving: stage tell-us now has paths phone, chat"),
        ("+", "journey moving: touchpoint chat put on path chat in stage tell-us"),
    ]
    split = one(doc, field="stages.tell-us.paths")
    assert (split["old"], split["new"], split["class"]) == (None, ["phone", "chat"], "notable")


def test_a_stage_whose_paths_merge_into_one_is_one_change(cxkit: Run, pair: Path) -> None:
    edit(
        pair,
        "journeys.yaml",
        "        paths:\n          phone: [ivr, agent]\n          chat: [chat]\n",
        "        touchpoints: [ivr, agent, chat]\n",
    )
    change = only_change(diff_json(cxkit, pair))
    assert (change["field"], change["old"], change["new"]) == (
        "stages.raise.paths",
        ["phone", "chat"],
        None,
    )
    assert change["message"] == "journey billing: stage raise no longer has paths (was phone, chat)"


def test_a_renamed_path_is_one_change(cxkit: Run, pair: Path) -> None:
    edit(pair, "journeys.yaml", "chat: [chat]", "web: [chat]")
    change = only_change(diff_json(cxkit, pair))
    assert (change["class"], change["message"]) == (
        "info",
        "journey billing: stage raise: path chat renamed to web",
    )


def test_impact_since_takes_a_touchpoint_moved_between_paths(cxkit: Run, pair: Path) -> None:
    """Moving to another path changes what comes next for the customer: `impact --since`, which
    is made from the diff, counts the touchpoint as changed."""
    import subprocess

    repo = pair / "new"
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "-m",
            "base",
        ],
        cwd=repo,
        check=True,
    )
    edit(
        pair,
        "journeys.yaml",
        "phone: [ivr, agent]\n          chat: [chat]",
        "phone: [ivr]\n          chat: [chat, agent]",
    )
    result = cxkit("impact", "--since", "HEAD", "-w", ".", "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    assert json.loads(result.out)["change"]["affects"]["touchpoints"] == ["agent"]


# --- 7. the golden diff of a realistic workspace -------------------------------------------------

GOLDEN = DATA / "diff"
FORMATS = {"json": "expected.json", "text": "expected.txt", "markdown": "expected.md"}


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    """The two versions (`old/`, `new/`) copied out, so no config or git around them counts."""
    for side in ("old", "new"):
        shutil.copytree(GOLDEN / side, tmp_path / side)
    return tmp_path


def test_both_versions_of_the_golden_workspace_are_valid(cxkit: Run, versions: Path) -> None:
    for side in ("old", "new"):
        result = cxkit("validate", side, cwd=versions)
        assert result.code == 0, result.out


@pytest.mark.parametrize("output_format", list(FORMATS))
def test_golden_diff(cxkit: Run, versions: Path, output_format: str) -> None:
    """`cxkit diff old new` as the checked-in file says; CXKIT_UPDATE_GOLDEN=1 rewrites it."""
    result = cxkit("diff", "old", "new", "-f", output_format, cwd=versions)
    assert (result.code, result.err) == (0, "")
    # The version of cxkit that wrote the report is not part of what it says.
    got = result.out.replace(f'"version": "{__version__}"', '"version": "VERSION"')
    expected = GOLDEN / FORMATS[output_format]
    if os.environ.get("CXKIT_UPDATE_GOLDEN") == "1":
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


def test_the_golden_diff_covers_every_point(cxkit: Run, versions: Path) -> None:
    """What the golden workspace is there to show, so that rewriting it cannot lose a case."""
    doc = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))
    by_field = {(c["id"], c["field"]): c for c in doc["changes"]}
    classes = {
        ("ivr-menu", "metrics.average_wait"): "risk",  # a metric missing its target deleted
        ("agent-call", "moment_of_truth"): "risk",
        ("help-centre", "pain_points"): "notable",
        ("bill-email", "pain_points"): "notable",
        ("cancel-service", "stages.come-back"): "info",  # an empty stage removed
        ("cancel-service", "stages.after"): "risk",
        ("raj-patel", "active"): "risk",  # leaves, with a successor
        ("sofia-marin", "active"): "risk",  # leaves, with nobody
        ("billing-dispute", "leader"): "risk",  # handed to someone inactive (a chain)
        ("dispute-logged-sms", "owner"): "risk",  # handed to someone inactive
        ("billing-dispute", "stages.self-help.paths"): "notable",  # one path to several
        ("billing-dispute", "stages.raise.paths.phone"): "notable",  # reordered on a path
        ("cancel-service", "path.early-exit-fee-quote"): "notable",  # moved between paths
    }
    assert {key: by_field[key]["class"] for key in classes} == classes
    assert "successor hannah-berg takes them over" in by_field[("raj-patel", "active")]["message"]
    assert "no successor:" in by_field[("sofia-marin", "active")]["message"]
    through = {j["id"]: j["through"] for j in doc["summary"]["journeys"] if not j["changes"]}
    assert through == {"moving-home": ["agent-call", "ivr-menu"]}
    ownership = doc["summary"]["ownership"]
    assert ownership["before"]["percent"] > ownership["after"]["percent"]
    markdown = (GOLDEN / "expected.md").read_text(encoding="utf-8")
    assert "(also on cancel-service, moving-home)" in markdown
    assert {line[:2] for line in markdown.splitlines()} >= {"+ ", "- ", "~ ", "→ "}
