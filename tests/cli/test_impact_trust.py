"""`cxkit impact` a CX lead can trust (issue 16): the customer's real path, the right exposure,
the right people, and nobody who left addressed.

Every test runs the real CLI on the golden workspace of tests/data/impact/ (a broadband company
whose journeys use stage paths, shared touchpoints and successors; see its owners.yaml), with
its change files or a one-line change written next to them. The golden documents pin every
value; these tests say, one point of the issue each, what a value must be and why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, ROOT, Run, write

WORKSPACE = DATA / "impact" / "workspace"
CHANGES = DATA / "impact" / "changes"


def impact(cxkit: Run, change: Path, *args: str) -> dict[str, Any]:
    """The JSON document of `cxkit impact CHANGE` on the golden workspace."""
    result = cxkit("impact", change, "-w", WORKSPACE, "-f", "json", *args)
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


def change_to(folder: Path, *touchpoints: str) -> Path:
    """A change file, written in `folder`, that names `touchpoints` and nothing else."""
    return write(
        folder,
        "change.yaml",
        f"""\
change:
  id: one-change
  title: One change
  reason: customer
  purpose: Check who hears of it.
  owner: cx
  affects: {{touchpoints: [{", ".join(touchpoints)}]}}
  customer_message: Something changes.
""",
    )


def downstream(document: dict[str, Any]) -> dict[str, int]:
    """Touchpoint id -> steps after a change, for those downstream."""
    return {t["id"]: t["steps"] for t in document["touchpoints"] if t["how"] == "downstream"}


def touchpoint(document: dict[str, Any], ident: str) -> dict[str, Any]:
    (found,) = [t for t in document["touchpoints"] if t["id"] == ident]
    return found


def journey(document: dict[str, Any], ident: str) -> dict[str, Any]:
    (found,) = [j for j in document["journeys"] if j["id"] == ident]
    return found


def engaged(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["role"], e["who"]["id"]) for e in document["engage"]]


def wave(document: dict[str, Any], number: int) -> list[str]:
    (found,) = [w for w in document["waves"] if w["number"] == number]
    return [c["id"] for c in found["audience"]]


# --- the customer's real path ----------------------------------------------------------------


def test_a_chat_is_not_downstream_of_the_phone_menu_it_is_an_alternative_to(cxkit: Run) -> None:
    document = impact(cxkit, CHANGES / "speech-routing.yaml")
    assert "web-chat" not in {t["id"] for t in document["touchpoints"]}
    # On each journey, what follows the phone menu is the call on its own path.
    assert {j["id"]: j["downstream"] for j in document["journeys"]} == {
        "bill-query": ["billing-call"],
        "leave": ["retention-call"],
        "fault-repair": ["fault-ticket-sms"],
        "move-home": ["router-delivery"],
    }


def test_the_end_of_a_path_reaches_the_first_touchpoint_of_every_path_of_the_next_stage(
    cxkit: Run, tmp_path: Path
) -> None:
    """The fault text ends both paths of `report`; `fix` has a remote path and a visit path."""
    document = impact(cxkit, change_to(tmp_path, "fault-ticket-sms"))
    assert downstream(document) == {"line-test": 1, "appointment-sms": 1}
    assert touchpoint(document, "appointment-sms")["why"] == [
        "follows fault-ticket-sms on fault-repair"
    ]
    chat = impact(cxkit, CHANGES / "chat-assistant.yaml")
    # The chat ends its path in `get-in-touch`: a refund or a plan to pay come next.
    assert journey(chat, "bill-query")["downstream"] == ["bill-adjustment", "payment-plan-setup"]


# --- depth -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        ("0", {}),
        (
            "1",
            {"bill-adjustment": 1, "payment-plan-setup": 1, "fault-ticket-sms": 1, "final-bill": 1},
        ),
        (
            "2",
            {
                "bill-adjustment": 1,
                "payment-plan-setup": 1,
                "satisfaction-survey": 2,
                "fault-ticket-sms": 1,
                "line-test": 2,
                "appointment-sms": 2,
                "final-bill": 1,
                "router-return": 2,
            },
        ),
    ],
)
def test_depth_follows_the_customer_that_many_steps(
    cxkit: Run, depth: str, expected: dict[str, int]
) -> None:
    document = impact(cxkit, CHANGES / "chat-assistant.yaml", "--depth", depth)
    assert document["depth"] == int(depth)
    assert downstream(document) == expected
    assert document["totals"]["touchpoints_downstream"] == len(expected)


@pytest.mark.parametrize(
    ("depth", "said"),
    [
        ("0", "It changes 1 touchpoint directly, on 3 journeys,"),
        ("1", "It changes 1 touchpoint directly and 4 right after it, on 3 journeys,"),
        ("2", "It changes 1 touchpoint directly and 8 up to 2 steps after it, on 3"),
    ],
)
def test_the_first_wave_says_how_far_downstream_was_followed(
    cxkit: Run, depth: str, said: str
) -> None:
    document = impact(cxkit, CHANGES / "chat-assistant.yaml", "--depth", depth)
    assert said in document["waves"][0]["message"]


def test_a_touchpoint_reached_on_two_journeys_is_as_far_as_the_nearest(cxkit: Run) -> None:
    document = impact(cxkit, CHANGES / "chat-assistant.yaml", "--depth", "3")
    survey = touchpoint(document, "satisfaction-survey")
    assert survey["steps"] == 2
    assert survey["why"] == [
        "2 steps after web-chat on bill-query",
        "3 steps after web-chat on leave",
    ]


def test_a_negative_depth_is_a_usage_error(cxkit: Run) -> None:
    result = cxkit("impact", CHANGES / "chat-assistant.yaml", "-w", WORKSPACE, "--depth", "-1")
    assert result.code == 2
    assert "--depth" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


# --- stages and where to start -----------------------------------------------------------------


def test_a_stage_reached_only_downstream_is_told_apart_and_not_counted_as_changed(
    cxkit: Run,
) -> None:
    """On move-home the adviser call ends the phone path of `arrange`; the router delivery of
    `move-day` follows it, but nothing in `move-day` changes."""
    document = impact(cxkit, CHANGES / "speech-routing.yaml")
    moving = journey(document, "move-home")
    assert moving["stages_changed"] == ["arrange"]
    assert moving["stages_downstream"] == ["move-day"]
    assert moving["first_stage"] == "arrange"
    assert document["totals"]["stages_changed"] == 4  # one stage on each of the four journeys
    assert document["totals"]["stages_downstream"] == 1


@pytest.mark.parametrize(
    ("changed", "stages_downstream"),
    [("bill-email", []), ("moving-page", [])],
    ids=["second-visit-follows", "first-visit-follows"],
)
def test_only_the_visit_that_follows_a_change_is_downstream(
    cxkit: Run, tmp_path: Path, changed: str, stages_downstream: list[str]
) -> None:
    """Customers sign in to My Account twice when they move home: while planning, and to see
    their first bill. Only the visit right after the change is downstream; the other one's
    stage is not reached."""
    document = impact(cxkit, change_to(tmp_path, changed))
    moving = journey(document, "move-home")
    assert moving["downstream"] == ["my-account-login"]
    assert moving["stages_downstream"] == stages_downstream
    assert document["totals"]["stages_downstream"] == 0


def test_ties_in_where_to_start_go_to_the_journey_with_more_moments_of_truth(
    cxkit: Run,
) -> None:
    """Each journey has one stage changed; leave has the fewest touchpoints changed, but the
    engineer visit, a moment of truth, is at stake on the other two."""
    document = impact(cxkit, CHANGES / "field-scheduler-swap.yaml")
    assert [
        (j["id"], len(j["stages_changed"]), j["moments_of_truth"]) for j in document["journeys"]
    ] == [
        ("fault-repair", 1, ["engineer-visit"]),
        ("move-home", 1, ["engineer-visit"]),
        ("leave", 1, []),
    ]


def test_stages_reached_downstream_do_not_make_a_journey_harder(cxkit: Run) -> None:
    document = impact(cxkit, CHANGES / "chat-assistant.yaml", "--depth", "2")
    ranked = [(j["id"], j["stages_changed"], j["stages_downstream"]) for j in document["journeys"]]
    assert ranked == [
        ("bill-query", ["get-in-touch"], ["resolve", "follow-up"]),  # a moment of truth at stake
        ("fault-repair", ["report"], ["fix"]),
        ("leave", ["contact"], ["close"]),
    ]


# --- the exposure score --------------------------------------------------------------------------


def _readme_points() -> dict[str, int]:
    """The README's table of exposure points: reason -> points."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.partition("**The exposure score**")[2].partition("\n\n- ")[0]
    rows = re.findall(r"^\s*\| ([^|]+?) \| (\d+) \|$", table, re.MULTILINE)
    return {reason: int(points) for reason, points in rows}


def test_the_exposure_points_are_those_of_the_readme(cxkit: Run) -> None:
    points = _readme_points()
    document = impact(cxkit, CHANGES / "speech-routing.yaml")
    menu = touchpoint(document, "phone-menu")
    assert menu["exposed"] == [
        {
            "reason": "no accountable owner",
            "points": points["no accountable owner, or an owner who left with no successor"],
        },
        {
            "reason": "2 metrics off target: average_wait, misrouted_calls",
            "points": 2 * points["each metric that misses its target"],
        },
        {
            "reason": "customers feel bad here (emotion 2/5)",
            "points": points["customers feel bad here (emotion 2 or lower)"],
        },
        {
            "reason": "hard work for customers (effort 4/5)",
            "points": points["hard work for customers (effort 4 or higher)"],
        },
        {
            "reason": "on 4 journeys",
            "points": 3 * points["each journey it stands on beyond the first"],
        },
    ]
    assert menu["exposure"] == sum(e["points"] for e in menu["exposed"]) == 12
    assert touchpoint(document, "agent-call")["exposed"][0] == {
        "reason": "a moment of truth",
        "points": points["a moment of truth"],
    }
    left = touchpoint(impact(cxkit, CHANGES / "field-scheduler-swap.yaml"), "router-return")
    assert left["exposed"][0] == {
        "reason": "owner fulfilment left with no successor",
        "points": points["no accountable owner, or an owner who left with no successor"],
    }


def test_an_unowned_phone_menu_with_metrics_off_target_is_the_most_exposed(cxkit: Run) -> None:
    """The issue's case: the menu is no moment of truth, but unowned, twice off target, hard
    work and on four journeys; the moments of truth are less exposed or only downstream."""
    document = impact(cxkit, CHANGES / "speech-routing.yaml")
    ranked = [(i, touchpoint(document, i)["exposure"]) for i in document["most_exposed"]]
    assert ranked == [
        ("phone-menu", 12),
        ("agent-call", 6),  # a moment of truth, changed directly
        ("billing-call", 6),  # a moment of truth, downstream
        ("retention-call", 5),  # a moment of truth, downstream
        ("fault-ticket-sms", 0),
    ]


def test_changed_touchpoints_rank_before_downstream_ones_whatever_their_score(
    cxkit: Run,
) -> None:
    document = impact(cxkit, CHANGES / "chat-assistant.yaml", "--depth", "2")
    ranked = [(i, touchpoint(document, i)["exposure"]) for i in document["most_exposed"]]
    assert ranked[:3] == [("web-chat", 2), ("router-return", 5), ("bill-adjustment", 3)]


# --- whom to engage ------------------------------------------------------------------------------


def test_engaged_are_the_decider_the_raci_of_direct_touchpoints_system_owners_and_leaders(
    cxkit: Run,
) -> None:
    document = impact(cxkit, CHANGES / "speech-routing.yaml")
    needed = [(role, who) for role, who in engaged(document) if role != "downstream"]
    assert needed == [
        ("decides", "telephony"),
        ("accountable", "care"),  # agent-call; nobody is accountable for the phone menu
        ("leader", "joel-ahmed"),
        ("leader", "leo-brandt"),
        ("leader", "maya-lind"),
        ("leader", "nadia-farah"),
        ("system-owner", "digital"),  # the CRM the adviser call depends on
        ("system-owner", "telephony"),
        ("responsible", "care"),
        ("consulted", "network"),
        ("consulted", "telephony"),
        ("informed", "cx"),
    ]
    # Billing, Field, Finance, Legal and Retention hold roles only on what customers meet next.
    assert wave(document, 3) == ["cx", "billing", "field", "finance", "legal", "retention"]
    legal = [e for e in document["engage"] if e["who"]["id"] == "legal"]
    assert [(e["role"], e["because"], e["notes"]) for e in legal] == [
        (
            "downstream",
            ["retention-call"],
            ["consulted on retention-call, right after a changed touchpoint"],
        )
    ]


def test_the_owner_of_the_platform_that_sends_the_bill_email_is_engaged(cxkit: Run) -> None:
    """The change names only the email; the messaging hub sends it."""
    document = impact(cxkit, CHANGES / "bill-email-redesign.yaml")
    (hub,) = [e for e in document["engage"] if e["who"]["id"] == "messaging"]
    assert (hub["role"], hub["because"], hub["notes"]) == (
        "system-owner",
        ["messaging-hub"],
        ["bill-email depends on messaging-hub"],
    )
    assert "messaging" in wave(document, 1)


def test_the_informed_and_those_only_downstream_are_kept_informed_saying_why(
    cxkit: Run,
) -> None:
    document = impact(cxkit, CHANGES / "bill-email-redesign.yaml")
    kept = [(e["role"], e["who"]["id"], e["notes"]) for e in document["engage"]]
    assert ("informed", "care", []) in kept
    assert (
        "downstream",
        "digital",
        ["accountable and responsible on my-account-login, right after a changed touchpoint"],
    ) in kept
    assert wave(document, 3) == ["care", "digital"]
    farther = impact(cxkit, CHANGES / "chat-assistant.yaml", "--depth", "2")
    (cx,) = [e for e in farther["engage"] if e["who"]["id"] == "cx"]
    assert cx["notes"] == ["accountable on satisfaction-survey, 2 steps after a changed touchpoint"]


def test_a_party_with_a_role_on_a_changed_touchpoint_is_not_also_downstream(
    cxkit: Run,
) -> None:
    """Care is responsible on the chat and owns the fault text that follows it: engaged once,
    for the work, in wave 2."""
    document = impact(cxkit, CHANGES / "chat-assistant.yaml")
    assert [role for role, who in engaged(document) if who == "care"] == ["responsible"]
    assert "care" in wave(document, 2)
    assert "care" not in wave(document, 3)


# --- people who left -----------------------------------------------------------------------------


def _inactive() -> set[str]:
    owners = yaml.safe_load((WORKSPACE / "owners.yaml").read_text(encoding="utf-8"))["owners"]
    return {o["id"] for o in owners if o.get("active") is False}


def _addressed(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every contact the document addresses: decider, engaged, wave audiences, leaders."""
    contacts = [document["decider"], *(e["who"] for e in document["engage"])]
    contacts += [c for w in document["waves"] for c in w["audience"]]
    contacts += [j["leader"] for j in document["journeys"] if j["leader"]]
    return contacts


@pytest.mark.parametrize(
    ("change", "args"),
    [
        ("speech-routing", []),
        ("bill-email-redesign", []),
        ("field-scheduler-swap", []),
        ("chat-assistant", ["--depth", "2"]),
    ],
)
def test_nobody_who_left_is_addressed(cxkit: Run, change: str, args: list[str]) -> None:
    inactive = _inactive()
    assert inactive == {
        "fulfilment",
        "sven-olsen",
        "tara-quinn",
        "omar-haddad",
        "piotr-zak",
        "ben-harris",
    }
    for contact in _addressed(impact(cxkit, CHANGES / f"{change}.yaml", *args)):
        assert contact["active"], contact
        assert contact["id"] not in inactive
        assert contact["lead"] not in inactive, contact  # a team's lead to call is here too


def test_a_chain_of_successors_is_followed_and_said(cxkit: Run) -> None:
    """fault-repair names Sven, who left; so did Tara, who took over; Nadia holds it now."""
    document = impact(cxkit, CHANGES / "speech-routing.yaml")
    assert journey(document, "fault-repair")["leader"]["id"] == "nadia-farah"
    (leader,) = [e for e in document["engage"] if e["because"] == ["fault-repair"]]
    assert leader["notes"] == ["takes over from sven-olsen → tara-quinn (inactive)"]
    assert document["handovers"] == [
        {
            "owner": "sven-olsen",
            "to": "nadia-farah",
            "chain": ["sven-olsen", "tara-quinn"],
            "message": "sven-olsen, and tara-quinn who took over, left; Nadia Farah (nadia-farah)"
            " is reached instead, as successor, for: experience leader of fault-repair",
        }
    ]
    assert document["gaps"] == [
        {
            "kind": "unowned",
            "subject": "phone-menu",
            "message": "touchpoint 'phone-menu' has no accountable owner",
        },
        {  # the network team, engaged, lost its lead with nobody named
            "kind": "inactive-party",
            "subject": "ben-harris",
            "message": "team 'network' is engaged but its lead 'ben-harris' left with no"
            " successor; the team is reached through its contact (#noc)",
        },
    ]  # what was handed over is no gap


def test_an_owner_who_left_with_no_successor_is_a_gap_that_fails_inactive(
    cxkit: Run,
) -> None:
    """The fulfilment contract ended with nobody after it: router returns have no owner."""
    change = CHANGES / "field-scheduler-swap.yaml"
    document = impact(cxkit, change)
    assert {
        "kind": "inactive-owner",
        "subject": "router-return",
        "message": "touchpoint 'router-return' is owned by 'fulfilment', who is inactive with"
        " no successor",
    } in document["gaps"]
    assert "fulfilment" not in {who for _, who in engaged(document)}
    failing = cxkit("impact", change, "-w", WORKSPACE, "--fail-on", "inactive")
    assert failing.code == 1, failing.err


def test_a_person_who_left_with_no_successor_is_reached_through_their_team(
    cxkit: Run, tmp_path: Path
) -> None:
    document = impact(cxkit, change_to(tmp_path, "appointment-sms"))
    consulted = [e for e in document["engage"] if e["role"] == "consulted"]
    assert [(e["who"]["id"], e["because"], e["notes"]) for e in consulted] == [
        ("care", ["appointment-sms"], []),
        (
            "digital",
            ["appointment-sms"],
            ["piotr-zak left with no successor: reached through team digital"],
        ),
    ]
    assert "digital" in wave(document, 2)
    # Reaching the team is a stopgap: nobody took over what Piotr held. Nor what Ben held as
    # the lead of the network team, engaged here too.
    assert document["gaps"] == [
        {
            "kind": "inactive-party",
            "subject": "piotr-zak",
            "message": "'piotr-zak' is consulted on appointment-sms but inactive with no"
            " successor; their team digital is reached instead",
        },
        {
            "kind": "inactive-party",
            "subject": "ben-harris",
            "message": "team 'network' is engaged but its lead 'ben-harris' left with no"
            " successor; the team is reached through its contact (#noc)",
        },
    ]


@pytest.mark.parametrize(
    ("changed", "gap"),
    [("appointment-sms", "piotr-zak"), ("router-delivery", "fulfilment")],
    ids=["person-reached-through-team", "team-dissolved"],
)
def test_someone_in_scope_who_left_with_no_successor_fails_inactive(
    cxkit: Run, tmp_path: Path, changed: str, gap: str
) -> None:
    """Piotr is consulted on the appointment text; the dissolved fulfilment team is
    responsible for router deliveries. Neither is an owner or a leader, and nobody took over."""
    change = change_to(tmp_path, changed)
    gaps = [(g["kind"], g["subject"]) for g in impact(cxkit, change)["gaps"]]
    assert ("inactive-party", gap) in gaps
    result = cxkit("impact", change, "-w", WORKSPACE, "--fail-on", "inactive")
    assert result.code == 1, result.err
    assert cxkit("impact", change, "-w", WORKSPACE, "--fail-on", "unowned").code == 0


def test_a_handover_does_not_fail_inactive(cxkit: Run, tmp_path: Path) -> None:
    """Sven and Tara left, but Nadia leads fault-repair now: nothing to close. (The survey
    engages no one else who left; the status page would engage the network team, whose lead
    left with nobody named.)"""
    change = change_to(tmp_path, "satisfaction-survey")
    assert impact(cxkit, change)["handovers"][0]["to"] == "nadia-farah"
    assert cxkit("impact", change, "-w", WORKSPACE, "--fail-on", "inactive").code == 0


@pytest.mark.parametrize(
    ("team", "lead", "lead_for", "shown"),
    [
        (
            "care",
            "lena-vogel",
            "omar-haddad",
            "Customer Care (team, lead lena-vogel, for omar-haddad",
        ),
        ("network", None, "ben-harris", "Network Operations (team, lead ben-harris left, #noc)"),
    ],
    ids=["successor", "no-successor"],
)
def test_a_team_whose_lead_left_shows_who_to_call_instead(
    cxkit: Run, team: str, lead: str | None, lead_for: str, shown: str
) -> None:
    change = CHANGES / "speech-routing.yaml"
    document = impact(cxkit, change)
    (who,) = {
        e["who"]["id"]: e["who"] for e in document["engage"] if e["who"]["id"] == team
    }.values()
    assert (who["lead"], who["lead_for"]) == (lead, lead_for)
    text = cxkit("impact", change, "-w", WORKSPACE, "-f", "markdown").out
    assert shown in text


# --- text and Markdown -------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_reports_show_the_exposure_reasons_and_the_handovers(
    cxkit: Run, output_format: str
) -> None:
    result = cxkit("impact", CHANGES / "speech-routing.yaml", "-w", WORKSPACE, "-f", output_format)
    assert result.code == 0, result.err
    out = result.out
    assert "most exposed touchpoints" in out
    for reason in ("no accountable owner (+3)", "on 4 journeys (+3)", "a moment of truth (+3)"):
        assert reason in out
    assert "Handed over (inactive owners)" in out
    # A terminal wraps long lines: read the handover as words.
    assert (
        "sven-olsen, and tara-quinn who took over, left; Nadia Farah (nadia-farah) is reached"
        " instead, as successor, for: experience leader of fault-repair"
    ) in " ".join(out.split())


def test_a_change_owned_by_someone_who_left_says_nobody_decides(cxkit: Run, tmp_path: Path) -> None:
    text = change_to(tmp_path, "appointment-sms").read_text(encoding="utf-8")
    path = write(tmp_path, "left.yaml", text.replace("owner: cx", "owner: fulfilment"))
    document = impact(cxkit, path)
    assert document["decider"] is None
    assert ("inactive-party", "fulfilment") in [(g["kind"], g["subject"]) for g in document["gaps"]]
    shown = cxkit("impact", path, "-w", WORKSPACE).out
    assert "Decides: nobody: fulfilment left with no successor" in shown
    assert "Nobody owns this change yet" in document["waves"][0]["message"]


def test_the_scope_line_counts_in_words(cxkit: Run, tmp_path: Path) -> None:
    path = change_to(tmp_path, "appointment-sms")
    moments = impact(cxkit, path)["totals"]["moments_of_truth"]
    shown = cxkit("impact", path, "-w", WORKSPACE).out
    assert "Scope: 1 journey; " in shown
    assert f"; {moments} moment{'' if moments == 1 else 's'} of truth\n" in shown
