"""The briefing pack says why the informed wave hears of a change, and how far downstream each
touchpoint is: the same people and steps `cxkit impact` finds (issue 16)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_render import example_pack
from tests.conftest import Run


def test_the_informed_brief_says_why_each_reader_hears_of_it(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    example_pack(cxkit, out, "-f", "markdown")
    informed = (out / "informed.md").read_text(encoding="utf-8")
    why = informed.split("## Why you hear of it\n", 1)[1]
    assert "- **Customer Retention:** informed on ivr-menu\n" in why
    # Field Operations holds a role only on the agent call that follows the phone menu
    assert (
        "- **Field Operations:** holds a role downstream, on agent-call (consulted on"
        " agent-call, right after a changed touchpoint)"
    ) in why
    # those briefed in an earlier wave are not listed again
    assert "Contact Centre" not in why


def test_the_stakeholder_brief_says_how_far_downstream(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    example_pack(cxkit, out, "-f", "markdown", "--depth", "2")
    stakeholders = (out / "stakeholders.md").read_text(encoding="utf-8")
    assert "| right after a change |" in stakeholders
    assert "| 2 steps after a change |" in stakeholders


def test_render_takes_depth_zero(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    example_pack(cxkit, out, "-f", "markdown", "--depth", "0")
    stakeholders = (out / "stakeholders.md").read_text(encoding="utf-8")
    assert "after a change |" not in stakeholders
    assert "| directly |" in stakeholders
