"""The briefing pack says why the informed wave hears of a change, and how far downstream each
touchpoint is: the same people and steps `cxkit impact` finds (issue 16)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_render import example_pack
from tests.conftest import DATA, Run


def test_the_informed_brief_says_why_each_reader_hears_of_it(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    example_pack(cxkit, out, "-f", "markdown")
    informed = (out / "informed.md").read_text(encoding="utf-8")
    why = informed.split("## Why you hear of it\n", 1)[1]
    # names, not ids (issue 20)
    assert "- **Customer Retention:** informed on Getting through the phone menu\n" in why
    # Field Operations holds a role only on the agent call that follows the phone menu
    assert (
        "- **Field Operations:** consulted on Talking to someone who can sort it out, which"
        " customers meet right after a touchpoint that changes"
    ) in why
    # those briefed in an earlier wave are not listed again
    assert "Contact Centre" not in why


def test_the_stakeholder_brief_lists_only_what_changes_directly(cxkit: Run, tmp_path: Path) -> None:
    """Wave 1 answers for the changed touchpoints; the agent call that follows the phone menu
    is not theirs to agree (its owner hears of it in wave 3, if at all)."""
    out = tmp_path / "pack"
    example_pack(cxkit, out, "-f", "markdown", "--depth", "2")
    # the table of what they are accountable for (the executive summary above it names the
    # moments of truth the change reaches downstream, on purpose: issue 20)
    stakeholders = (out / "stakeholders.md").read_text(encoding="utf-8")
    stakeholders = stakeholders.split("## The touchpoints that change\n", 1)[1]
    assert "| Getting through the phone menu | directly |" in stakeholders
    assert "| Proving who I am on the phone | directly |" in stakeholders
    assert "Talking to someone who can sort it out" not in stakeholders
    assert "agent-call" not in stakeholders
    assert "after a change" not in stakeholders


def test_render_takes_depth_zero(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    example_pack(cxkit, out, "-f", "markdown", "--depth", "0")
    stakeholders = (out / "stakeholders.md").read_text(encoding="utf-8")
    assert "after a change |" not in stakeholders
    assert "| directly |" in stakeholders


def test_the_briefing_shows_who_took_over_not_who_left(cxkit: Run, tmp_path: Path) -> None:
    """Tom Walsh left and Raj Patel took over: the RACI and the overview say so."""
    out = tmp_path / "pack"
    example_pack(cxkit, out, "-f", "markdown")
    raci = (out / "raci.md").read_text(encoding="utf-8")
    header = next(line for line in raci.splitlines() if line.startswith("| Touchpoint |"))
    assert "| Raj Patel (for Tom Walsh, who left) |" in header
    assert "| Tom Walsh |" not in header
    index = (out / "index.md").read_text(encoding="utf-8")
    handed = index.split("## Handed over: people who left\n", 1)[1].split("\n## ", 1)[0]
    assert "Tom Walsh left; Raj Patel answers instead for Getting through the phone menu" in handed


def test_maps_show_the_leader_who_took_over_and_count_left_owners_as_gaps(
    cxkit: Run, tmp_path: Path
) -> None:
    out = tmp_path / "maps"
    result = cxkit("render", "--maps", "-w", DATA / "impact" / "workspace", "-o", out)
    assert result.code == 0, result.err
    index = (out / "index.md").read_text(encoding="utf-8")
    # Sven and then Tara left; Nadia leads the fault-repair journey now
    assert "| Nadia Farah (for Sven Olsen, who left) |" in index
    # router-return's owner, the outsourced fulfilment team, left with nobody taking over
    assert "- Sending the router back (router-return)" in index.split("## Gaps", 1)[1]
    assert "22 of 24 touchpoints on them have an accountable owner (91%)" in index
