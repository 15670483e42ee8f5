"""`cxkit render` against the machine's faults, hostile templates and checkouts, runaway
templates, unsafe output folders, and renders killed or run side by side (issue 14, items 7, 9,
12, 13 and 14).

Tests that need a process of their own (a resource limit, a kill, a second render at the same
time, a process that may fork its workers) run `python -m cxkit` as a user would, with a
timeout that catches a hang: the budget is tens of times what a run takes, no speed target.
The others run the real CLI in-process. Everything runs on real files in tmp_path.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_render import IVR, render
from tests.conftest import EXAMPLE, Run, write


def one_clear_line(stderr: str) -> str:
    """The single `cxkit: error: ...` line a user-facing failure prints; never a traceback."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cxkit: error: "), stderr
    return lines[0]


# === item 7: the machine's faults are named, exit 2 =========================================


def test_offsets_beyond_any_calendar_are_a_usage_error(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "--offsets", "99999999999,14,7,0")
    assert result.code == 2
    assert "--offsets" in result.err and "3652058" in result.err
    assert not out.exists()


def test_offsets_before_the_first_date_name_the_wave(cxkit: Run, tmp_path: Path) -> None:
    """Within the calendar's span, yet counted back from the release past year 1."""
    out = tmp_path / "pack"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "--offsets", "3652058,14,7,0")
    assert result.code == 2
    line = one_clear_line(result.err)
    assert "wave 1" in line and "3652058 days" in line and "0001-01-01" in line
    assert not out.exists()


def test_a_config_wave_too_big_for_dates(cxkit: Run, tmp_path: Path) -> None:
    config = write(
        tmp_path,
        ".cxkit.yaml",
        "render:\n  waves: {stakeholders: 100000000000000000000000000000, teams: 14,"
        " informed: 7, customers: 0}\n",
    )
    out = tmp_path / "pack"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-c", config, "-o", out)
    assert result.code == 2
    line = one_clear_line(result.err)
    assert "wave 1" in line and "render.waves" in line
    assert not out.exists()
