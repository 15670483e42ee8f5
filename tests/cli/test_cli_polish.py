"""The rough edges a newcomer meets first: counts that `-q` keeps true."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLE, Run

# --- -q hides findings from the listing, never from the counts -----------------------------


def test_quiet_keeps_the_counts_true_and_says_how_many_it_hides(cxkit: Run) -> None:
    full = cxkit("validate", EXAMPLE)
    quiet = cxkit("validate", EXAMPLE, "-q")
    assert full.code == quiet.code == 0
    summary = full.out.splitlines()[-1]
    counts = summary.split("; ")[0]  # `✓ 7 files checked: 0 errors, 3 warnings, 7 info`
    assert quiet.out.splitlines() == [f"{summary}; 10 below error not listed (--quiet)"]
    assert counts.endswith("0 errors, 3 warnings, 7 info")


def test_quiet_keeps_the_json_counts_true(cxkit: Run) -> None:
    full = json.loads(cxkit("validate", EXAMPLE, "-f", "json").out)
    quiet = json.loads(
        cxkit("validate", EXAMPLE, "-f", "json", "-q", "--fail-severity", "warning").out
    )
    assert [f["severity"] for f in quiet["findings"]] == ["warning"] * 3
    for severity in ("error", "warning", "info"):
        assert quiet["summary"][severity] == full["summary"][severity]
    assert quiet["summary"]["warning"] == 3 and quiet["summary"]["info"] == 7
    assert quiet["summary"]["failing"] == 3
    assert quiet["summary"]["hidden_by_quiet"] == 7
    assert full["summary"]["hidden_by_quiet"] == 0


def test_quiet_keeps_the_github_summary_true(cxkit: Run) -> None:
    quiet = cxkit("validate", EXAMPLE, "-q", "-f", "github")
    assert quiet.out.splitlines() == [
        "cxkit: 7 files, 0 errors, 3 warnings, 7 info; 10 below error not listed (--quiet)"
    ]
