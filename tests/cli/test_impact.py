"""`cxkit impact` end to end: scope, downstream, ranking, RACI, waves, gaps, bad change files.

Every test runs the real CLI on real files: small workspaces written into tmp_path, and the
example workspace in journeys/ with the change files in changes/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHANGES, EXAMPLE, ROOT, Run, write

# A small shop. Paths, in the order the customer lives them:
#   pay:  find [web-page, app-login] -> pay [pay-form, receipt-email]
#   help: ask [web-page, chat] -> call [phone-call] -> fix [fix-visit]
SHOP = """\
owners:
  - {id: cx, name: Customer Experience, kind: team, lead: ana}
  - {id: ana, name: Ana Rossi, kind: person, team: cx}
  - {id: bo, name: Bo Berg, kind: person, team: cx}
  - {id: web, name: Web Team, kind: team}
  - {id: it, name: IT Team, kind: team}
  - {id: care, name: Care Team, kind: team}
  - {id: legal, name: Legal Team, kind: team}
  - {id: comms, name: Comms Team, kind: team}
personas:
  - {id: pat, name: Pat the payer}
  - {id: hal, name: Hal who needs help}
systems:
  - {id: site, name: Website, owner: web}
  - {id: crm, name: CRM, owner: it}
  - {id: archive, name: Old archive, owner: it}
touchpoints:
  - {id: web-page, name: Web page, channel: web, owner: web, informed: [comms], systems: [site]}
  - {id: app-login, name: App login, channel: app, owner: it, systems: [crm]}
  - id: pay-form
    name: Payment form
    channel: web
    owner: web
    responsible: [it]
    consulted: [legal]
    systems: [site, crm]
    moment_of_truth: true
  - {id: receipt-email, name: Receipt, channel: email, owner: care, informed: [comms, web]}
  - {id: chat, name: Chat, channel: chat, owner: care, responsible: [care], consulted: [cx]}
  - {id: phone-call, name: Phone call, channel: phone, owner: care, moment_of_truth: true}
  - {id: fix-visit, name: Engineer visit, channel: in-person, owner: care}
journeys:
  - id: pay
    name: Pay a bill
    persona: pat
    leader: ana
    stages:
      - {id: find, name: Finds the bill, touchpoints: [web-page, app-login]}
      - {id: pay, name: Pays, touchpoints: [pay-form, receipt-email]}
  - id: help
    name: Get help
    persona: hal
    leader: bo
    stages:
      - {id: ask, name: Asks, touchpoints: [web-page, chat]}
      - {id: call, name: Calls, touchpoints: [phone-call]}
      - {id: fix, name: Gets it fixed, touchpoints: [fix-visit]}
"""

CUSTOMER_MESSAGE = "From December you pay in one step."


def change_text(
    affects: str,
    *,
    owner: str = "cx",
    customer_message: str | None = CUSTOMER_MESSAGE,
) -> str:
    text = f"""\
change:
  id: test-change
  title: Test change
  reason: technology
  purpose: Check what the change touches.
  owner: {owner}
  release: 2026-12-15
  affects: {affects}
"""
    if customer_message is not None:
        text += f"  customer_message: {customer_message}\n"
    return text


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return write(tmp_path / "ws", "shop.yaml", SHOP).parent


def analyse(cxkit: Run, workspace: Path, change: str, *args: str) -> dict[str, Any]:
    """Run `cxkit impact -f json` on a change file written next to the workspace."""
    path = write(workspace.parent, "change.yaml", change)
    result = cxkit("impact", path, "-w", workspace, "-f", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def touchpoints(document: dict[str, Any], how: str | None = None) -> dict[str, list[str]]:
    """Touchpoint id -> why, for those changed `how` (all when None)."""
    return {t["id"]: t["why"] for t in document["touchpoints"] if how in (None, t["how"])}


def engage(document: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    return [(e["role"], e["who"]["id"], e["because"]) for e in document["engage"]]


def audiences(document: dict[str, Any]) -> list[list[str]]:
    return [[c["id"] for c in w["audience"]] for w in document["waves"]]


# --- scope: each `affects` kind on its own ------------------------------------------------


def test_named_touchpoint_is_direct_because_named(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [app-login]}"))
    assert touchpoints(document, "direct") == {"app-login": ["named in the change"]}


def test_system_changes_every_touchpoint_depending_on_it(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{systems: [site]}"))
    assert touchpoints(document, "direct") == {
        "web-page": ["depends on system site"],
        "pay-form": ["depends on system site"],
    }


def test_channel_changes_every_touchpoint_on_it(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{channels: [web]}"))
    assert touchpoints(document, "direct") == {
        "web-page": ["on channel web"],
        "pay-form": ["on channel web"],
    }


@pytest.mark.parametrize(
    ("owner", "expected"),
    [
        ("it", {"app-login": ["it is accountable"], "pay-form": ["it is responsible"]}),
        (
            "care",
            {t: ["care is accountable"] for t in ("receipt-email", "phone-call", "fix-visit")}
            | {"chat": ["care is accountable", "care is responsible"]},
        ),
        ("legal", {"pay-form": ["legal is consulted"]}),
        ("comms", {"web-page": ["comms is informed"], "receipt-email": ["comms is informed"]}),
    ],
    ids=["accountable-and-responsible", "accountable", "consulted", "informed"],
)
def test_owner_changes_every_touchpoint_held_in_any_raci_role(
    cxkit: Run, shop: Path, owner: str, expected: dict[str, list[str]]
) -> None:
    document = analyse(cxkit, shop, change_text(f"{{owners: [{owner}]}}"))
    assert touchpoints(document, "direct") == expected


def test_reasons_add_up_when_several_kinds_reach_one_touchpoint(cxkit: Run, shop: Path) -> None:
    affects = "{touchpoints: [pay-form], systems: [crm], channels: [web], owners: [legal]}"
    document = analyse(cxkit, shop, change_text(affects))
    assert touchpoints(document, "direct")["pay-form"] == [
        "named in the change",
        "depends on system crm",
        "on channel web",
        "legal is consulted",
    ]


def test_system_nothing_depends_on_touches_nothing(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{systems: [archive]}"))
    assert document["touchpoints"] == []
    assert document["journeys"] == []
    assert [w["number"] for w in document["waves"]] == [1, 2, 3]  # no customer wave
    assert "the change touches no touchpoint of this workspace" in document["warnings"]


def test_unknown_channel_is_a_warning_not_an_error(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [chat], channels: [pigeon]}"))
    assert any("no touchpoint is on channel 'pigeon'" in w for w in document["warnings"])
    assert list(touchpoints(document, "direct")) == ["chat"]


# --- downstream ------------------------------------------------------------------------------


def test_downstream_is_the_next_touchpoint_on_the_path(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [pay-form]}"))
    assert touchpoints(document, "downstream") == {"receipt-email": ["follows pay-form on pay"]}
    assert document["totals"]["touchpoints_direct"] == 1
    assert document["totals"]["touchpoints_downstream"] == 1


def test_downstream_crosses_into_the_next_stage(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [app-login]}"))
    assert touchpoints(document, "downstream") == {"pay-form": ["follows app-login on pay"]}
    (pay,) = document["journeys"]
    assert pay["stages_changed"] == ["find"]  # a stage reached only downstream is told apart
    assert pay["stages_downstream"] == ["pay"]
    assert pay["first_stage"] == "find"


def test_downstream_is_found_on_each_journey(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [web-page]}"))
    assert touchpoints(document, "downstream") == {
        "app-login": ["follows web-page on pay"],
        "chat": ["follows web-page on help"],
    }
    downstream = {j["id"]: j["downstream"] for j in document["journeys"]}
    assert downstream == {"pay": ["app-login"], "help": ["chat"]}


def test_touchpoint_already_direct_is_not_downstream(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [web-page, app-login]}"))
    assert touchpoints(document, "direct") == {
        "web-page": ["named in the change"],
        "app-login": ["named in the change"],
    }
    assert touchpoints(document, "downstream") == {
        "chat": ["follows web-page on help"],
        "pay-form": ["follows app-login on pay"],
    }
    assert document["totals"]["touchpoints_direct"] == 2
    assert document["totals"]["touchpoints_downstream"] == 2


def test_last_touchpoint_of_a_journey_has_no_downstream(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [fix-visit]}"))
    assert touchpoints(document, "downstream") == {}
    assert document["totals"]["touchpoints_downstream"] == 0
    (help_journey,) = document["journeys"]
    assert help_journey["direct"] == ["fix-visit"]
    assert help_journey["downstream"] == []


def test_downstream_counts_only_on_the_journey_where_it_follows_a_change(
    cxkit: Run, tmp_path: Path
) -> None:
    """`b` follows the changed `a` on `first`; on `second` it follows the unchanged `c`, so
    `second` is not impacted: no stage of it, no leader to engage."""
    workspace = write(
        tmp_path / "ws",
        "ws.yaml",
        """\
owners:
  - {id: team, name: Team, kind: team}
  - {id: ana, name: Ana, kind: person}
  - {id: bo, name: Bo, kind: person}
touchpoints:
  - {id: a, name: A, owner: team}
  - {id: b, name: B, owner: team}
  - {id: c, name: C, owner: team}
journeys:
  - {id: first, name: First, leader: ana, stages: [{id: s, name: S, touchpoints: [a, b]}]}
  - {id: second, name: Second, leader: bo, stages: [{id: s, name: S, touchpoints: [c, b]}]}
""",
    ).parent
    document = analyse(cxkit, workspace, change_text("{touchpoints: [a]}", owner="team"))
    assert touchpoints(document, "downstream") == {"b": ["follows a on first"]}
    assert [j["id"] for j in document["journeys"]] == ["first"]
    assert document["journeys"][0]["downstream"] == ["b"]
    assert document["totals"]["journeys"] == 1
    assert document["totals"]["stages_changed"] == 1
    assert ("leader", "bo", ["second"]) not in engage(document)


def test_example_journey_stages_come_from_its_own_path(cxkit: Run) -> None:
    """On moving-home, sign-in and confirmation-email follow no changed touchpoint (they are
    downstream only on billing-dispute and cancel-service), so stage tell-us is not impacted."""
    result = cxkit("impact", CHANGES / "new-billing-platform.yaml", "-w", EXAMPLE, "-f", "json")
    journeys = {j["id"]: j for j in json.loads(result.out)["journeys"]}
    moving = journeys["moving-home"]
    assert moving["downstream"] == ["router-delivery", "new-home-welcome"]
    assert moving["stages_changed"] == ["rearrange", "move-day", "settle-in"]
    assert moving["first_stage"] == "rearrange"
    cancel = journeys["cancel-service"]
    assert cancel["downstream"] == ["help-centre", "confirmation-email", "win-back-email"]


# --- ranking: where to start ----------------------------------------------------------------

RANKING = """\
owners:
  - {id: team, name: Team, kind: team}
touchpoints:
  - {id: a1, name: A1, owner: team}
  - {id: a2, name: A2, owner: team}
  - {id: b1, name: B1, owner: team}
  - {id: b2, name: B2, owner: team}
  - {id: b3, name: B3, owner: team}
journeys:
  - id: alpha
    name: Alpha
    stages:
      - {id: one, name: One, touchpoints: [a1]}
      - {id: two, name: Two, touchpoints: [a2]}
  - id: zulu
    name: Zulu
    stages:
      - {id: one, name: One, touchpoints: [b1, b2, b3]}
"""


def test_journey_with_fewer_stages_impacted_ranks_first(cxkit: Run, tmp_path: Path) -> None:
    workspace = write(tmp_path / "ws", "ws.yaml", RANKING).parent
    affects = "{touchpoints: [a1, a2, b1, b2, b3]}"
    document = analyse(cxkit, workspace, change_text(affects, owner="team"))
    ranked = [(j["id"], len(j["stages_changed"]), len(j["direct"])) for j in document["journeys"]]
    assert ranked == [("zulu", 1, 3), ("alpha", 2, 2)]


def test_ties_on_stages_are_broken_by_fewer_touchpoints(cxkit: Run, tmp_path: Path) -> None:
    workspace = write(tmp_path / "ws", "ws.yaml", RANKING).parent
    affects = "{touchpoints: [a2, b2, b3]}"  # alpha: a2 alone; zulu: b2, b3
    document = analyse(cxkit, workspace, change_text(affects, owner="team"))
    ranked = [(j["id"], len(j["stages_changed"]), len(j["direct"])) for j in document["journeys"]]
    assert ranked == [("alpha", 1, 1), ("zulu", 1, 2)]


def test_downstream_touchpoints_count_in_the_ranking(cxkit: Run, tmp_path: Path) -> None:
    workspace = write(tmp_path / "ws", "ws.yaml", RANKING).parent
    affects = "{touchpoints: [a2, b1]}"  # alpha: a2; zulu: b1 + b2 downstream
    document = analyse(cxkit, workspace, change_text(affects, owner="team"))
    assert [j["id"] for j in document["journeys"]] == ["alpha", "zulu"]
    assert document["journeys"][1]["downstream"] == ["b2"]


def test_example_ranks_the_simplest_journey_first(cxkit: Run) -> None:
    result = cxkit("impact", CHANGES / "ivr-callback.yaml", "-w", EXAMPLE, "-f", "json")
    journeys = json.loads(result.out)["journeys"]
    assert [j["id"] for j in journeys] == ["moving-home", "billing-dispute", "cancel-service"]
    assert [len(j["direct"]) + len(j["downstream"]) for j in journeys] == [2, 3, 3]


# --- whom to engage -------------------------------------------------------------------------


def test_raci_list_has_the_decider_first_then_each_role(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [pay-form]}", owner="cx"))
    assert document["decider"]["id"] == "cx"
    assert document["decider"]["name"] == "Customer Experience"
    # The R, A and C of the changed touchpoint, the owners of its systems and the journey's
    # leader; those linked only through the receipt that follows it are kept informed.
    assert engage(document) == [
        ("decides", "cx", ["test-change"]),
        ("accountable", "web", ["pay-form"]),
        ("leader", "ana", ["pay"]),
        ("system-owner", "it", ["crm"]),
        ("system-owner", "web", ["site"]),
        ("responsible", "it", ["pay-form"]),
        ("consulted", "legal", ["pay-form"]),
        ("downstream", "care", ["receipt-email"]),
        ("downstream", "comms", ["receipt-email"]),
    ]


def test_owners_of_named_systems_are_engaged(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{systems: [crm]}", owner="cx"))
    assert ("system-owner", "it", ["crm"]) in engage(document)
    roles = [e[0] for e in engage(document)]
    assert roles.index("system-owner") > roles.index("leader")
    assert roles.index("system-owner") < roles.index("responsible")


def test_engaged_owner_carries_contact_details(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [chat]}"))
    who = {e["who"]["id"]: e["who"] for e in document["engage"]}
    assert who["bo"] == {
        "id": "bo",
        "name": "Bo Berg",
        "kind": "person",
        "active": True,
        "contact": None,
        "team": "cx",
        "lead": None,
        "function": None,
        "lead_for": None,
    }
    assert who["cx"]["kind"] == "team"
    assert who["cx"]["lead"] == "ana"


def test_example_engages_the_system_owner_and_every_raci_role(cxkit: Run) -> None:
    result = cxkit("impact", CHANGES / "ivr-callback.yaml", "-w", EXAMPLE, "-f", "json")
    rows = engage(json.loads(result.out))
    assert rows[0] == ("decides", "telephony", ["ivr-callback"])
    assert ("system-owner", "telephony", ["telephony-platform"]) in rows
    # agent-call only follows the changed phone menu: its owner is not accountable here
    assert ("accountable", "contact-centre", ["ivr-menu", "identity-check"]) in rows
    assert ("leader", "grace-mensah", ["moving-home"]) in rows
    assert {role for role, _, _ in rows} == {
        "decides",
        "accountable",
        "leader",
        "system-owner",
        "responsible",
        "consulted",
        "informed",
        "downstream",
    }


# --- communication waves ------------------------------------------------------------------


def test_waves_are_in_order_with_their_audiences(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [pay-form]}"))
    waves = document["waves"]
    assert [(w["number"], w["name"]) for w in waves] == [
        (1, "Peers and stakeholders"),
        (2, "Teams who do the work"),
        (3, "Those kept informed"),
        (4, "Customers, once the teams are ready"),
    ]
    # the change's owner (cx) is briefed first, with the stakeholders
    assert audiences(document) == [
        ["cx", "web", "ana", "it"],
        ["it", "legal"],
        ["care", "comms"],
        [],
    ]


def test_third_wave_leaves_out_those_already_briefed(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [web-page]}"))
    # web owns the changed web page and is informed on the receipt: briefed once, in wave 1
    assert ("informed", "comms", ["web-page"]) in engage(document)
    first, second, third, _ = audiences(document)
    assert "web" in first
    assert third == ["comms", "care", "it"]  # care and it own what customers meet next
    assert not set(third) & (set(first) | set(second))


def test_system_owner_is_in_the_first_wave(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{systems: [crm]}"))
    assert "it" in audiences(document)[0]


def test_first_wave_message_explains_the_change(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [pay-form]}", owner="cx"))
    message = document["waves"][0]["message"]
    assert message.startswith("Test change from 2026-12-15. Why: technology")
    assert "Check what the change touches." in message
    assert "Customer Experience owns the change" in message


def test_customer_wave_carries_the_message_to_the_personas(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [web-page]}"))
    customers = document["waves"][3]
    assert customers["message"] == CUSTOMER_MESSAGE
    assert [j["id"] for j in document["journeys"]] == ["help", "pay"]
    assert customers["customers"] == ["Hal who needs help", "Pat the payer"]  # in rank order
    assert customers["audience"] == []
    # Only the note cxkit asks for: the personas would hear the one customer_message.
    assert [w for w in document["warnings"] if not w.startswith("notes.")] == []


def test_customer_wave_names_only_personas_of_affected_journeys(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{touchpoints: [phone-call]}"))
    assert document["waves"][3]["customers"] == ["Hal who needs help"]


def test_missing_customer_message_is_a_warning(cxkit: Run, shop: Path) -> None:
    text = change_text("{touchpoints: [pay-form]}", customer_message=None)
    document = analyse(cxkit, shop, text)
    assert document["waves"][3]["message"] == (
        "(no customer message yet: write what customers will be told)"
    )
    about_customers = [w for w in document["warnings"] if not w.startswith("notes.teams")]
    assert len(about_customers) == 1  # not also a line for the personas' notes
    assert "no customer_message" in about_customers[0]


def test_example_waves(cxkit: Run) -> None:
    result = cxkit("impact", CHANGES / "ivr-callback.yaml", "-w", EXAMPLE, "-f", "json")
    document = json.loads(result.out)
    first, second, third, fourth = audiences(document)
    assert set(first) == {
        "contact-centre",
        "digital",
        "telephony",
        "grace-mensah",
        "owen-clarke",
        "priya-shah",
    }
    assert set(second) >= {"billing", "cx", "legal", "telephony", "raj-patel"}
    assert "tom-walsh" not in second  # he left: raj-patel took over
    # retention is informed on the phone menu; the others hold roles on what follows it
    assert third == ["retention", "field-operations", "finance"]
    assert fourth == []
    assert document["waves"][3]["customers"] == [
        "Jordan, moving into a new rental",
        "Sam, the busy household bill-payer",
        "Margaret, a long-standing customer",
    ]
    assert document["waves"][3]["message"].startswith("From 15 December, when you call us")


# --- gaps and --fail-on ---------------------------------------------------------------------

# Each touchpoint is alone on its journey, so a change to one reaches nothing else.
GAPS = """\
owners:
  - {id: care, name: Care, kind: team}
  - {id: gone, name: Gone Team, kind: team, active: false}
  - {id: ana, name: Ana, kind: person}
  - {id: ex, name: Former Leader, kind: person, active: false}
touchpoints:
  - {id: owned, name: Owned, owner: care}
  - {id: orphan, name: Nobody owns this}
  - {id: stale, name: Owned by a gone team, owner: gone}
  - {id: leaderless, name: On a journey without a leader, owner: care}
  - {id: ex-led, name: On a journey led by a leaver, owner: care}
journeys:
  - {id: j-owned, name: J, leader: ana, stages: [{id: s, name: S, touchpoints: [owned]}]}
  - {id: j-orphan, name: J, leader: ana, stages: [{id: s, name: S, touchpoints: [orphan]}]}
  - {id: j-stale, name: J, leader: ana, stages: [{id: s, name: S, touchpoints: [stale]}]}
  - {id: j-none, name: J, stages: [{id: s, name: S, touchpoints: [leaderless]}]}
  - {id: j-ex, name: J, leader: ex, stages: [{id: s, name: S, touchpoints: [ex-led]}]}
"""


@pytest.fixture
def gaps(tmp_path: Path) -> Path:
    return write(tmp_path / "ws", "ws.yaml", GAPS).parent


def impact_on(cxkit: Run, workspace: Path, touchpoint: str, *args: str) -> tuple[int, list[Any]]:
    """Exit code and gaps of a change to one touchpoint."""
    path = write(
        workspace.parent,
        "change.yaml",
        change_text(f"{{touchpoints: [{touchpoint}]}}", owner="care"),
    )
    result = cxkit("impact", path, "-w", workspace, "-f", "json", *args)
    assert "Traceback" not in result.err
    return result.code, [(g["kind"], g["subject"]) for g in json.loads(result.out)["gaps"]]


@pytest.mark.parametrize(
    ("touchpoint", "gap"),
    [
        ("orphan", ("unowned", "orphan")),
        ("stale", ("inactive-owner", "stale")),
        ("leaderless", ("no-leader", "j-none")),
        ("ex-led", ("inactive-leader", "j-ex")),
    ],
)
def test_gaps_are_reported(cxkit: Run, gaps: Path, touchpoint: str, gap: tuple[str, str]) -> None:
    assert impact_on(cxkit, gaps, touchpoint) == (0, [gap])  # no --fail-on: exit 0


def test_gap_messages_name_the_subject(cxkit: Run, gaps: Path) -> None:
    path = write(
        gaps.parent, "change.yaml", change_text("{touchpoints: [stale, ex-led]}", owner="care")
    )
    result = cxkit("impact", path, "-w", gaps, "-f", "json")
    assert [g["message"] for g in json.loads(result.out)["gaps"]] == [
        "touchpoint 'stale' is owned by 'gone', who is inactive with no successor",
        "journey 'j-ex' is led by 'ex', who is inactive with no successor",
    ]


def test_fail_on_unowned_exits_1_for_an_unowned_touchpoint(cxkit: Run, gaps: Path) -> None:
    assert impact_on(cxkit, gaps, "orphan", "--fail-on", "unowned") == (
        1,
        [("unowned", "orphan")],
    )


def test_fail_on_unowned_exits_0_when_everything_is_owned(cxkit: Run, gaps: Path) -> None:
    assert impact_on(cxkit, gaps, "owned", "--fail-on", "unowned") == (0, [])


def test_fail_on_unowned_exits_1_for_a_journey_without_leader(cxkit: Run, gaps: Path) -> None:
    code, _ = impact_on(cxkit, gaps, "leaderless", "--fail-on", "unowned")
    assert code == 1


def test_fail_on_unowned_ignores_inactive_owners(cxkit: Run, gaps: Path) -> None:
    code, _ = impact_on(cxkit, gaps, "stale", "--fail-on", "unowned")
    assert code == 0


@pytest.mark.parametrize("touchpoint", ["stale", "ex-led"])
def test_fail_on_inactive_exits_1_for_an_inactive_owner_or_leader(
    cxkit: Run, gaps: Path, touchpoint: str
) -> None:
    code, _ = impact_on(cxkit, gaps, touchpoint, "--fail-on", "inactive")
    assert code == 1


def test_fail_on_inactive_ignores_unowned_touchpoints(cxkit: Run, gaps: Path) -> None:
    code, _ = impact_on(cxkit, gaps, "orphan", "--fail-on", "inactive")
    assert code == 0


def test_fail_on_is_repeatable(cxkit: Run, gaps: Path) -> None:
    both = ("--fail-on", "unowned", "--fail-on", "inactive")
    assert impact_on(cxkit, gaps, "orphan", *both)[0] == 1
    assert impact_on(cxkit, gaps, "stale", *both)[0] == 1
    assert impact_on(cxkit, gaps, "owned", *both)[0] == 0


def test_downstream_touchpoint_without_owner_is_a_gap(cxkit: Run, tmp_path: Path) -> None:
    workspace = write(
        tmp_path / "ws",
        "ws.yaml",
        """\
owners:
  - {id: care, name: Care, kind: team}
  - {id: ana, name: Ana, kind: person}
touchpoints:
  - {id: a, name: A, owner: care}
  - {id: b, name: B}
journeys:
  - {id: j, name: J, leader: ana, stages: [{id: s, name: S, touchpoints: [a, b]}]}
""",
    ).parent
    path = write(tmp_path, "change.yaml", change_text("{touchpoints: [a]}", owner="care"))
    result = cxkit("impact", path, "-w", workspace, "-f", "json", "--fail-on", "unowned")
    assert result.code == 1
    assert json.loads(result.out)["gaps"][0]["subject"] == "b"


def test_example_billing_change_fails_on_unowned_touchpoints(cxkit: Run) -> None:
    change = CHANGES / "new-billing-platform.yaml"
    result = cxkit("impact", change, "-w", EXAMPLE, "-f", "json", "--fail-on", "unowned")
    assert result.code == 1
    gaps = [(g["kind"], g["subject"]) for g in json.loads(result.out)["gaps"]]
    assert gaps == [("unowned", "meter-reading-request"), ("unowned", "win-back-email")]
    assert cxkit("impact", change, "-w", EXAMPLE, "--fail-on", "inactive").code == 0


def test_example_ivr_change_has_no_gaps(cxkit: Run) -> None:
    change = CHANGES / "ivr-callback.yaml"
    result = cxkit("impact", change, "-w", EXAMPLE, "-f", "json", "--fail-on", "unowned")
    assert result.code == 0
    assert json.loads(result.out)["gaps"] == []


# --- bad change files -----------------------------------------------------------------------

GOOD_CHANGE = """\
change:
  id: bad
  title: Bad change
  reason: technology
  purpose: Break things.
  owner: care
  release: 2026-12-15
  affects: {touchpoints: [owned]}
"""


def run_bad(cxkit: Run, gaps: Path, text: str) -> list[str]:
    """Exit 1, nothing on stdout, no traceback; the lines on stderr."""
    write(gaps.parent, "change.yaml", text)
    result = cxkit("impact", "change.yaml", "-w", "ws", "-f", "json", cwd=gaps.parent)
    assert result.code == 1
    assert result.out == ""
    assert "Traceback" not in result.err
    return result.err.splitlines()


def test_malformed_yaml_is_reported_with_its_position(cxkit: Run, gaps: Path) -> None:
    (line,) = run_bad(cxkit, gaps, "change: [unclosed\n  id: x\n")
    assert re.match(r"change\.yaml:\d+:\d+: \[error\] .*\(yaml-syntax\)$", line)


def test_missing_required_field_points_at_the_mapping(cxkit: Run, gaps: Path) -> None:
    text = GOOD_CHANGE.replace("  purpose: Break things.\n", "")
    assert run_bad(cxkit, gaps, text) == [
        "change.yaml:2:3: [error] missing required field 'purpose' (missing-field)"
    ]


def test_unknown_reason_is_an_error(cxkit: Run, gaps: Path) -> None:
    (line,) = run_bad(cxkit, gaps, GOOD_CHANGE.replace("technology", "whim"))
    assert line.startswith("change.yaml:4:11: [error] reason: 'whim' is not one of")


def test_affects_naming_nothing_is_an_error(cxkit: Run, gaps: Path) -> None:
    text = GOOD_CHANGE.replace(
        "affects: {touchpoints: [owned]}",
        "affects: {touchpoints: [], systems: [], channels: [], owners: []}",
    )
    (line,) = run_bad(cxkit, gaps, text)
    assert line.startswith("change.yaml:8:12: [error] affects: names nothing")


def test_impossible_release_date_is_an_error(cxkit: Run, gaps: Path) -> None:
    (line,) = run_bad(cxkit, gaps, GOOD_CHANGE.replace("2026-12-15", "2026-02-30"))
    assert line == (
        "change.yaml:7:12: [error] release: 2026-02-30 is not a real date (invalid-value)"
    )


def test_unknown_field_is_an_error(cxkit: Run, gaps: Path) -> None:
    (line,) = run_bad(cxkit, gaps, GOOD_CHANGE + "  colour: blue\n")
    assert line.startswith("change.yaml:9:3: [error]")


def test_undefined_ids_in_the_change_are_reported_where_written(cxkit: Run, gaps: Path) -> None:
    text = GOOD_CHANGE.replace("owner: care", "owner: nobody").replace(
        "affects: {touchpoints: [owned]}",
        "affects:\n    touchpoints: [owned, nope]\n    systems: [nosys]\n    owners: [ghost]",
    )
    assert run_bad(cxkit, gaps, text) == [
        "change.yaml:6:10: [error] owner 'nobody' is not defined in the workspace (ref-undefined)",
        "change.yaml:9:26: [error] touchpoint 'nope' is not defined in the workspace"
        " (ref-undefined)",
        "change.yaml:10:15: [error] system 'nosys' is not defined in the workspace (ref-undefined)",
        "change.yaml:11:14: [error] owner 'ghost' is not defined in the workspace (ref-undefined)",
    ]


def test_several_problems_are_all_reported(cxkit: Run, gaps: Path) -> None:
    text = GOOD_CHANGE.replace("technology", "whim").replace("2026-12-15", "2026-02-30")
    lines = run_bad(cxkit, gaps, text)
    assert [line.split(" ")[0] for line in lines] == ["change.yaml:4:11:", "change.yaml:7:12:"]


def test_missing_change_file_exits_2(cxkit: Run, gaps: Path) -> None:
    result = cxkit("impact", "no-such-change.yaml", "-w", "ws", cwd=gaps.parent)
    assert result.code == 2
    assert result.err.startswith("cxkit: error:")
    assert "no-such-change.yaml" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


# --- text and Markdown, and --output ------------------------------------------------------


def test_text_report_on_the_example_has_every_section(cxkit: Run) -> None:
    result = cxkit("impact", "changes/ivr-callback.yaml", cwd=ROOT)  # default -w journeys
    assert result.code == 0
    for section in (
        "Change ivr-callback: Replace the IVR menu with a callback offer",
        "Decides: Telephony & IVR",
        "Release: 2026-12-15",
        "Where to start (simplest journey first)",
        "The 4 most exposed touchpoints",  # all it reaches: fewer than five
        "Touchpoints reached, changed ones first",
        "Whom to engage (RACI)",
        "Communication plan, in waves",
        "1. Peers and stakeholders",
        "4. Customers, once the teams are ready",
    ):
        assert section in result.out
    flat = " ".join(result.out.split())
    assert "From 15 December, when you call us you can tell us in a few words" in flat
    assert "\x1b[" not in result.out


def test_text_report_lists_gaps_and_warnings(cxkit: Run) -> None:
    result = cxkit("impact", CHANGES / "new-billing-platform.yaml", "-w", EXAMPLE)
    assert "Gaps to close before release" in result.out
    assert "touchpoint 'meter-reading-request' has no accountable owner" in result.out
    assert "Warnings" in result.out
    assert "(no customer message yet: write what customers will be told)" in result.out


def test_markdown_report_on_the_example_has_every_section(cxkit: Run) -> None:
    result = cxkit("impact", CHANGES / "ivr-callback.yaml", "-w", EXAMPLE, "-f", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "## Impact of `ivr-callback`: Replace the IVR menu with a callback offer"
    for heading in (
        "### Where to start",
        "### The 4 most exposed touchpoints",
        "### Whom to engage",
        "### Communication plan",
    ):
        assert heading in lines
    assert "| 1 | moving-home | 1/5 | none | 1 + 1 | 2 | rearrange | Grace Mensah |" in result.out
    (customers,) = [line for line in lines if line.startswith("4. **Customers")]
    assert "From 15 December, when you call us you can tell us in a few words" in customers


def test_output_option_writes_the_report_to_a_file(cxkit: Run, tmp_path: Path) -> None:
    target = tmp_path / "impact.md"
    change = CHANGES / "ivr-callback.yaml"
    result = cxkit("impact", change, "-w", EXAMPLE, "-f", "markdown", "-o", target)
    assert result.code == 0
    assert result.out == ""
    written = target.read_text(encoding="utf-8")
    assert cxkit("impact", change, "-w", EXAMPLE, "-f", "markdown").out == written
    assert "### Communication plan" in written


def test_output_option_writes_json(cxkit: Run, tmp_path: Path) -> None:
    target = tmp_path / "impact.json"
    change = CHANGES / "ivr-callback.yaml"
    assert cxkit("impact", change, "-w", EXAMPLE, "-f", "json", "--output", target).code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "impact"


# --- JSON shape, and the same facts as the text ---------------------------------------------


def test_json_has_the_documented_shape(cxkit: Run) -> None:
    result = cxkit("impact", CHANGES / "ivr-callback.yaml", "-w", EXAMPLE, "-f", "json")
    document = json.loads(result.out)
    assert document["version"] == 2
    assert document["kind"] == "impact"
    assert document["tool"]["name"] == "cxkit"
    assert document["change"]["id"] == "ivr-callback"
    assert document["change"]["release"] == "2026-12-15"
    assert document["decider"]["id"] == "telephony"
    assert document["most_exposed"][0] == "ivr-menu"
    assert set(document["most_exposed"]) <= {t["id"] for t in document["touchpoints"]}
    assert set(document["totals"]) == {
        "journeys",
        "stages_changed",
        "stages_downstream",
        "touchpoints_direct",
        "touchpoints_downstream",
        "moments_of_truth",
    }


def test_most_exposed_puts_moments_of_truth_first(cxkit: Run, shop: Path) -> None:
    document = analyse(cxkit, shop, change_text("{owners: [care]}"))
    assert document["most_exposed"][0] == "phone-call"


@pytest.mark.parametrize("name", ["ivr-callback.yaml", "new-billing-platform.yaml"])
def test_json_totals_match_the_text_scope_line(cxkit: Run, name: str) -> None:
    change = CHANGES / name
    document = json.loads(cxkit("impact", change, "-w", EXAMPLE, "-f", "json").out)
    text = cxkit("impact", change, "-w", EXAMPLE).out
    t = document["totals"]
    touchpoint_list = document["touchpoints"]
    assert t["journeys"] == len(document["journeys"])
    assert t["touchpoints_direct"] == sum(1 for tp in touchpoint_list if tp["how"] == "direct")
    assert t["touchpoints_downstream"] == len(touchpoint_list) - t["touchpoints_direct"]
    assert t["stages_changed"] == sum(len(j["stages_changed"]) for j in document["journeys"])
    stages_total = sum(j["stages_total"] for j in document["journeys"])
    assert (
        f"Scope: {t['journeys']} journeys; {t['stages_changed']} of their {stages_total} stages"
        f" changed, {t['stages_downstream']} more reached downstream\n"
        f"  Touchpoints: {t['touchpoints_direct']} changed directly,"
        f" {t['touchpoints_downstream']} downstream (right after a change);"
        f" {t['moments_of_truth']} moments of truth"
    ) in text


def test_json_and_text_rank_journeys_alike(cxkit: Run) -> None:
    change = CHANGES / "ivr-callback.yaml"
    document = json.loads(cxkit("impact", change, "-w", EXAMPLE, "-f", "json").out)
    text = cxkit("impact", change, "-w", EXAMPLE).out
    ranked = re.findall(r"^│ (\d+) │ ([a-z-]+) ", text, flags=re.MULTILINE)
    assert ranked == [(str(i), j["id"]) for i, j in enumerate(document["journeys"], 1)]
