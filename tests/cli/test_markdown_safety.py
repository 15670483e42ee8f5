"""`cxkit render --offsets` is checked as the config's waves are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CHANGES, EXAMPLE, Result, Run, write

IVR = CHANGES / "ivr-callback.yaml"


# --- --offsets ---------------------------------------------------------------------------------


def offsets(cxkit: Run, tmp_path: Path, days: str) -> Result:
    out = tmp_path / "briefing"
    result = cxkit("render", IVR, "-w", EXAMPLE, "-o", out, "-f", "markdown", "--offsets", days)
    assert "Traceback" not in result.err
    if result.code != 0:
        assert not out.exists()
    return result


@pytest.mark.parametrize(
    ("days", "said"),
    [
        ("7,14,21,0", "stakeholders (7 days before) starts after teams (14 days before)"),
        ("21,14,0,7", "informed (0 days before) starts after customers (7 days before)"),
        ("21,7,14,0", "teams (7 days before) starts after informed (14 days before)"),
    ],
)
def test_offsets_out_of_order_are_a_usage_error(
    cxkit: Run, tmp_path: Path, days: str, said: str
) -> None:
    result = offsets(cxkit, tmp_path, days)
    assert result.code == 2
    assert "--offsets" in result.err and said in result.err


def test_offsets_say_what_the_config_says_of_the_same_waves(cxkit: Run, tmp_path: Path) -> None:
    """One check for both: the config's words for waves out of order are --offsets' words."""
    config = write(tmp_path, "cxkit.yaml", "render:\n  waves: {stakeholders: 7, teams: 14}\n")
    configured = cxkit("render", IVR, "-w", EXAMPLE, "-o", tmp_path / "out", "-c", config)
    assert configured.code == 2
    sentence = re.search(r"waves start in order, but [^\n]*\)", configured.err)
    assert sentence, configured.err
    given = offsets(cxkit, tmp_path, "7,14,7,0")
    assert given.code == 2 and sentence[0] in given.err


def test_a_negative_offset_names_its_wave(cxkit: Run, tmp_path: Path) -> None:
    result = offsets(cxkit, tmp_path, "21,14,7,-1")
    assert result.code == 2
    assert "--offsets" in result.err and "customers" in result.err


def test_offsets_in_order_with_waves_on_the_same_day_are_fine(cxkit: Run, tmp_path: Path) -> None:
    result = offsets(cxkit, tmp_path, "14,14,7,7")
    assert result.code == 0, result.err
    timeline = (tmp_path / "briefing/timeline.md").read_text("utf-8")
    assert "2026-12-01" in timeline and "2026-12-08" in timeline
