"""The briefing pack says what each audience needs, in plain words (issue 20).

Every test runs `cxkit render CHANGE -w WS -o DIR` (or `cxkit impact`) on real files: the example
workspace with its change files, or a small workspace written here; pages are read as HTML
(html5lib) and as Markdown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
import yaml

from tests.cli.test_render import BILLING, IVR, by_class, find, parse_html, text
from tests.conftest import EXAMPLE, Run, write


def pack(cxkit: Run, change: Path, out: Path, workspace: Path = EXAMPLE) -> Path:
    result = cxkit("render", change, "-w", workspace, "-o", out)
    assert result.code == 0, result.err
    return out


def md(out: Path, page: str) -> str:
    return (out / f"{page}.md").read_text(encoding="utf-8")


def notes_of(change: Path) -> dict[str, object]:
    notes: dict[str, object] = yaml.safe_load(change.read_text(encoding="utf-8"))["change"]["notes"]
    return notes


def flat(value: object) -> str:
    return " ".join(str(value).split())


def first_after_lede(root: Element) -> Element:
    """The first element of the page after its heading and lede: what the page leads with."""
    body = (find(root, "main") or find(root, "body"))[0]
    kids = [k for k in body if k.tag.split("}")[-1] not in ("nav", "h1")]
    if "lede" in (kids[0].get("class") or ""):
        kids = kids[1:]
    return kids[0]


def without_notes(tmp_path: Path, change: Path = IVR) -> Path:
    data = yaml.safe_load(change.read_text(encoding="utf-8"))
    data["change"].pop("notes", None)
    return write(tmp_path, "plain.yaml", yaml.safe_dump(data, sort_keys=False))


# --- 1. each page leads with its note ----------------------------------------------------------


def test_each_page_leads_with_its_note(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, IVR, tmp_path / "b")
    notes = notes_of(IVR)
    teams = notes["teams"]
    assert isinstance(teams, dict)
    for page, note in [
        ("stakeholders", notes["stakeholders"]),
        ("informed", notes["informed"]),
        ("teams/contact-centre", teams["contact-centre"]),
        ("teams/telephony", teams["telephony"]),
    ]:
        lead = first_after_lede(parse_html(out / f"{page}.html"))
        assert lead.tag.endswith("blockquote"), page
        assert text(lead) == flat(note), page
        body = md(out, page)
        assert flat(note) in flat(body), page
        # in Markdown too, the note comes before anything else the page says
        assert flat(body).index(flat(note)) < flat(body).index("##"), page


def test_a_note_naming_someone_who_left_reaches_their_successor(cxkit: Run, tmp_path: Path) -> None:
    # tom-walsh left; raj-patel took over (journeys/owners.yaml)
    out = pack(cxkit, IVR, tmp_path / "b")
    teams = notes_of(IVR)["teams"]
    assert isinstance(teams, dict)
    assert not (out / "teams/tom-walsh.html").exists()
    lead = first_after_lede(parse_html(out / "teams/raj-patel.html"))
    assert text(lead) == flat(teams["tom-walsh"])


# --- 2. a team without a note: what it needs, from the workspace --------------------------------


def test_a_team_without_a_note_is_told_what_it_needs(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, without_notes(tmp_path), tmp_path / "b")
    page = md(out, "teams/telephony")
    # its touchpoints, by name, and what changes on each, in words
    assert "### Getting through the phone menu" in page
    assert "The change is made here: replace the IVR menu with a callback offer." in page
    assert "It runs on Telephony platform and IVR, a system this change alters" in page
    for noise in ("named in the change", "depends on system", "`ivr-menu`", "changes: "):
        assert noise not in page
    # the pain points, and the metrics off target with today's value and the target
    assert "- Long wait in the queue with no callback offered" in page
    assert "Average wait: today 9.2 minutes (off target); target at most 3 minutes" in page
    # its date, and whom to ask: a person, with contact, never the team itself
    assert "Brief your team by 2026-12-01; the change goes live on 2026-12-15." in page
    ask = page.split("## Whom to ask\n", 1)[1].strip().splitlines()[0]
    assert ask.startswith("Sofia Marín, lead of Contact Centre, which is accountable for")
    assert ask.endswith(": sofia.marin@brightwave.example.")
    contact_centre = md(out, "teams/contact-centre").split("## Whom to ask\n", 1)[1]
    assert contact_centre.strip().startswith("Raj Patel, lead of Telephony & IVR, which owns")
    # Raj Patel's own page does not send him to himself
    raj = md(out, "teams/raj-patel").split("## Whom to ask\n", 1)[1]
    assert not raj.strip().startswith("Raj Patel")


def test_a_teams_touchpoint_is_listed_once_with_all_its_roles(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, without_notes(tmp_path), tmp_path / "b")
    page = md(out, "teams/contact-centre")
    assert page.count("### Proving who I am on the phone") == 1
    assert "**Your roles:** accountable: you own it; responsible: you do the work" in page
    root = parse_html(out / "teams/contact-centre.html")
    headings = [text(h) for h in find(root, "h3")]
    assert len(headings) == len(set(headings))


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


def test_impact_asks_a_change_without_notes_for_them_once(cxkit: Run, tmp_path: Path) -> None:
    """As for a missing customer_message: one line for the teams, one for the personas."""
    result = cxkit("impact", without_notes(tmp_path), "-w", EXAMPLE, "-f", "json")
    about_notes = [w for w in json.loads(result.out)["warnings"] if w.startswith("notes.")]
    assert [w.split(" has no ")[0] for w in about_notes] == ["notes.teams", "notes.customers"]
    assert "Contact Centre (contact-centre)" in about_notes[0]


def test_the_overview_says_when_no_notes_were_written(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, without_notes(tmp_path), tmp_path / "b")
    assert "The change file has no notes, so every brief is written from the workspace" in md(
        out, "index"
    )


# --- 4. a message per persona --------------------------------------------------------------------


def test_each_persona_gets_its_own_message(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, BILLING, tmp_path / "b")
    root = parse_html(out / "customers.html")
    sections = by_class(root, "section", "persona")
    names = [text(find(s, "h2")[0]) for s in sections]
    assert names == [
        "Margaret, a long-standing customer",
        "Jordan, moving into a new rental",
        "Sam, the busy household bill-payer",
    ]
    sam = sections[2]
    customers = notes_of(BILLING)["customers"]
    assert isinstance(customers, dict)
    assert text(find(sam, "blockquote")[0]) == flat(customers["busy-household"])
    assert "On the journey: Dispute a bill" in text(sam)
    assert not find(sections[0], "blockquote")  # no note, and no customer_message
    page = md(out, "customers")
    assert "## Sam, the busy household bill-payer\n\nOn the journey: Dispute a bill" in page


# --- 5. the executive summary ------------------------------------------------------------------


def test_index_and_stakeholders_open_with_an_executive_summary(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, BILLING, tmp_path / "b")
    for page in ("index", "stakeholders"):
        root = parse_html(out / f"{page}.html")
        headings = [text(h) for h in find(root, "h2")]
        assert headings[0] == "Executive summary", page
        summary = by_class(root, "section", "summary")[0]
        rows = [[text(td) for td in find(tr, "td")] for tr in find(summary, "tr")]
        asks = [r for r in rows if len(r) == 3]
        assert [
            "Name an owner for these 2 touchpoints: Being asked to send a meter reading; Emails"
            " asking me to come back",
            "Billing Operations (Daniel Okafor)",
            "2027-02-15",
        ] in asks
        risks = [text(li) for li in find(by_class(summary, "ul", "risks")[0], "li")]
        assert (
            "Being asked to send a meter reading has no accountable owner, on 1 of 3 journeys."
            in risks
        )
        assert "My final bill, a moment of truth, changes, on 2 of 3 journeys." in risks
        outcomes = [r for r in rows if len(r) == 5]
        assert ["Dispute a bill", "Days to resolve", "11 days", "at most 5 days", "off target"] in (
            outcomes
        )
        body = md(out, page)
        assert body.split("\n## ")[1].startswith("Executive summary"), page  # the first section
        assert (
            "| Dispute a bill | Days to resolve | 11 days | at most 5 days | off target |" in body
        )


# --- 6. plain words ------------------------------------------------------------------------------

SMALL = """\
owners:
  - {id: care, name: Care Team, kind: team, lead: kim, contact: care@example.com}
  - {id: kim, name: Kim Lee, kind: person, team: care, contact: kim@example.com}
  - {id: ops, name: Ops, kind: team, lead: ola, contact: ops@example.com}
  - {id: ola, name: Ola Berg, kind: person, team: ops, contact: ola@example.com}
personas:
  - {id: sam, name: "Sam, the busy parent"}
journeys:
  - id: pay
    name: Pay a bill
    persona: sam
    leader: kim
    metrics:
      - {name: first_contact_resolution, target: 0.8, actual: 0.62}
    stages:
      - id: start
        name: I start to pay
        touchpoints:
          - id: pay-form
            name: The payment form
            owner: care
            responsible: [ops]
            metrics:
              - {name: misroute_rate, target: 5, better: lower, unit: "%"}
"""
SMALL_CHANGE = """\
change:
  id: faster-pay
  title: A faster payment form
  reason: customer
  purpose: Customers give up on the form.
  owner: care
  release: 2026-06-01
  affects: {touchpoints: [pay-form]}
  customer_message: Paying is quicker now.
"""


def small(tmp_path: Path) -> tuple[Path, Path]:
    workspace = tmp_path / "ws"
    write(workspace, "all.yaml", SMALL)
    return workspace, write(tmp_path, "change.yaml", SMALL_CHANGE)


def test_pages_show_names_not_ids(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, IVR, tmp_path / "b")
    index = md(out, "index")
    # the first stage and the most exposed touchpoints by name
    assert "| I need to change the appointment |" in index
    assert "1. Getting through the phone menu" in index
    assert "Tom Walsh left; Raj Patel answers instead" in index
    stakeholders = md(out, "stakeholders")
    assert "| Getting through the phone menu | directly | The change is made here" in stakeholders
    for page in ("index", "stakeholders", "informed", "teams/contact-centre", "raci"):
        for ident in ("ivr-menu", "identity-check", "tom-walsh", "telephony-platform"):
            assert ident not in md(out, page), (page, ident)
            assert ident not in text(parse_html(out / f"{page}.html")), (page, ident)


def test_metrics_in_words_with_their_units(cxkit: Run, tmp_path: Path) -> None:
    workspace, change = small(tmp_path)
    out = pack(cxkit, change, tmp_path / "b", workspace)
    root = parse_html(out / "index.html")
    rows = [[text(td) for td in find(tr, "td")] for tr in find(root, "tr")]
    assert ["Pay a bill", "First contact resolution", "62%", "at least 80%", "off target"] in rows
    assert ["The payment form", "Misroute rate", "not measured", "at most 5%", "not measured"] in (
        rows
    )
    # "not measured" in a neutral style, never the on-target green
    unmeasured = [s for s in find(root, "span") if text(s) == "not measured"]
    assert unmeasured and all(s.get("class") == "badge neutral" for s in unmeasured)
    assert "| Pay a bill | First contact resolution | 62% | at least 80% | off target |" in md(
        out, "index"
    )


def test_counts_and_persona_names_read_right(cxkit: Run, tmp_path: Path) -> None:
    workspace, change = small(tmp_path)
    out = pack(cxkit, change, tmp_path / "b", workspace)
    facts = [text(f) for f in by_class(parse_html(out / "index.html"), "div", "fact")]
    assert facts[:3] == ["1journey", "1 of 1stage changes", "1touchpoint changes"]
    assert "**Scope:** 1 journey, 1 of 1 stage changes, 1 touchpoint changes," in md(out, "index")
    # a persona name holding a comma is listed on its own line, and with semicolons in tables
    assert "\n- Sam, the busy parent\n" in md(out, "customers")
    two = SMALL.replace(
        'personas:\n  - {id: sam, name: "Sam, the busy parent"}',
        'personas:\n  - {id: sam, name: "Sam, the busy parent"}\n  - {id: jo, name: "Jo, retired"}',
    )
    journey_two = (
        "  - id: pay-later\n    name: Pay later\n    persona: jo\n    leader: kim\n"
        "    stages:\n      - id: s\n        name: S\n        touchpoints: [pay-form]\n"
    )
    write(workspace, "all.yaml", two + journey_two)
    out = pack(cxkit, change, tmp_path / "c", workspace)
    timeline = md(out, "timeline")
    assert re.search(r"\| 4\. [^|]+ \| Sam, the busy parent; Jo, retired \|", timeline)


def test_nobody_is_addressed_who_is_not_there(cxkit: Run, tmp_path: Path) -> None:
    workspace, change = small(tmp_path)
    out = pack(cxkit, change, tmp_path / "b", workspace)
    # nobody is kept informed: the page says it is for nobody, it is not addressed "to nobody"
    informed = md(out, "informed")
    assert "**To:**" not in informed
    assert "Nobody to send this page to" in informed
    # the Ops team is asked to go to the change's owner, through its lead, never to itself
    ops = md(out, "teams/ops").split("## Whom to ask\n", 1)[1].strip()
    assert ops.startswith("Kim Lee, lead of Care Team, which owns this change")


def test_dates_do_not_break_across_lines(cxkit: Run, tmp_path: Path) -> None:
    out = pack(cxkit, IVR, tmp_path / "b")
    for page in ("index", "timeline", "stakeholders", "teams/telephony", "customers"):
        root = parse_html(out / f"{page}.html")
        dates = find(root, "time")
        assert dates, page
        assert all(t.get("class") == "date" and t.get("datetime") == text(t) for t in dates)
        for cell in find(root, "td") + find(root, "p"):
            for found in re.findall(r"\d{4}-\d{2}-\d{2}", "".join(cell.itertext())):
                assert any(text(t) == found for t in find(cell, "time")), (page, found)
    css = (out / "index.html").read_text(encoding="utf-8")
    assert "time.date { white-space: nowrap; }" in css


def test_a_note_for_a_team_with_nothing_to_do_is_warned_of(cxkit: Run, tmp_path: Path) -> None:
    data = yaml.safe_load(IVR.read_text(encoding="utf-8"))
    data["change"]["notes"]["teams"]["marketing"] = "Nothing changes for you."
    change = write(tmp_path, "noted.yaml", yaml.safe_dump(data, sort_keys=False))
    result = cxkit("impact", change, "-w", EXAMPLE, "-f", "json")
    assert result.code == 0, result.err
    assert (
        "notes.teams has a note for marketing, who has nothing to do in this change"
        " (no brief in wave 2): nobody will read it"
    ) in json.loads(result.out)["warnings"]


def test_author_warnings_stay_off_the_pages_and_no_gaps_reads_as_such(
    cxkit: Run, tmp_path: Path
) -> None:
    out = pack(cxkit, without_notes(tmp_path), tmp_path / "b")
    index = md(out, "index")
    assert "notes.teams" not in index and "⚠️" not in index
    timeline = md(out, "timeline")
    assert "Close the gaps: 0 open" not in timeline
    assert "No gaps to close: every affected touchpoint and journey has an active owner" in timeline


def test_a_pack_made_late_says_which_waves_have_started(
    cxkit: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ivr-callback releases on 2026-12-15: wave 1 starts 2026-11-24, wave 2 2026-12-01.
    monkeypatch.setenv("CXKIT_TODAY", "2026-12-02")
    late = md(pack(cxkit, IVR, tmp_path / "late"), "index")
    assert "**Peers and stakeholders** — from 2026-11-24 (started)" in late
    assert "**Teams who do the work** — from 2026-12-01 (started)" in late
    assert "— from 2026-12-08 (started)" not in late
    monkeypatch.setenv("CXKIT_TODAY", "2026-11-01")
    early = md(pack(cxkit, IVR, tmp_path / "early"), "index")
    assert "(started)" not in early
