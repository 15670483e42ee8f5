"""Coverage figures, the coverage gate and stale maps, through the real `cxkit validate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run, write

WORKSPACE = """\
owners:
  - {id: ana, name: Ana, kind: person}
  - {id: bo, name: Bo, kind: person, active: false, successor: ana}
  - {id: cy, name: Cy, kind: person, active: false}
touchpoints:
  - id: menu
    name: Phone menu
    moment_of_truth: true
journeys:
  - id: first
    name: First
    leader: ana
    stages:
      - id: s
        name: S
        paths:
          phone: [menu, {id: call, name: Call, owner: bo, moment_of_truth: true,
                         metrics: [{name: csat}]}]
          chat: [menu, {id: chat, name: Chat, owner: ana}]
  - id: second
    name: Second
    leader: cy
    stages:
      - id: s
        name: S
        touchpoints:
          - menu
          - {id: bill, name: Bill, owner: cy}
          - {id: pay, name: Pay, owner: ana, moment_of_truth: true}
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    write(tmp_path / "ws", "main.yaml", WORKSPACE)
    return tmp_path / "ws"


def test_json_has_coverage_overall_and_per_journey(cxkit: Run, ws: Path) -> None:
    result = cxkit("validate", ws, "-f", "json", "--no-config")
    figures = json.loads(result.out)["coverage"]
    # menu, call (bo left, ana took over), chat, bill (cy left, nobody), pay: 3 of 5 owned
    assert figures["touchpoints"] == {"owned": 3, "total": 5, "percent": 60}
    # moments of truth: menu (no owner), call (owned, measured), pay (owned, no metric)
    assert figures["moments_of_truth"] == {"owned": 1, "total": 3, "percent": 33}
    assert figures["journeys_led"] == {"owned": 1, "total": 2, "percent": 50}
    first, second = figures["journeys"]
    # menu is on both paths of first: counted once there
    assert first == {
        "id": "first",
        "touchpoints": {"owned": 2, "total": 3, "percent": 66},
        "moments_of_truth": {"owned": 1, "total": 2, "percent": 50},
        "leader": True,
    }
    assert second["touchpoints"] == {"owned": 1, "total": 3, "percent": 33}
    assert second["moments_of_truth"] == {"owned": 0, "total": 2, "percent": 0}
    assert second["leader"] is False


def test_text_summary_sarif_and_job_summary_show_coverage(
    cxkit: Run, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = cxkit("validate", ws, "--no-config").out.splitlines()
    assert text[-2] == (
        "coverage: touchpoints 60% (3/5 with an active accountable owner), moments of truth"
        " 33% (1/3 owned and measured), journeys 50% (1/2 with an active leader)"
    )
    sarif = json.loads(cxkit("validate", ws, "-f", "sarif", "--no-config").out)
    properties = sarif["runs"][0]["properties"]["coverage"]
    assert properties["touchpoints"]["percent"] == 60
    assert [j["id"] for j in properties["journeys"]] == ["first", "second"]
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cxkit("validate", ws, "-f", "github", "--no-config")
    table = summary.read_text(encoding="utf-8")
    assert "| **all journeys** | 60% (3/5) | 33% (1/3) | 50% (1/2) |" in table
    assert "| `second` | 33% (1/3) | 0% (0/2) | **no** |" in table


def test_the_maps_index_counts_as_validate_does(cxkit: Run, tmp_path: Path) -> None:
    figures = json.loads(cxkit("validate", EXAMPLE, "-f", "json").out)["coverage"]
    out = tmp_path / "maps"
    assert cxkit("render", "--maps", "-w", EXAMPLE, "-o", out).code == 0
    index = (out / "index.md").read_text(encoding="utf-8")
    owned, total = figures["touchpoints"]["owned"], figures["touchpoints"]["total"]
    assert f"{owned} of {total} touchpoints on them" in index
    for journey in figures["journeys"]:
        mine = journey["touchpoints"]
        assert f"{mine['owned']}/{mine['total']} ({mine['percent']}%)" in index


def _config(folder: Path, text: str) -> Path:
    return write(folder, ".cxkit.yaml", text)


def test_a_figure_below_its_target_fails_the_run_at_the_config(
    cxkit: Run, ws: Path, tmp_path: Path
) -> None:
    _config(tmp_path, "coverage:\n  touchpoints: 50\n  moments_of_truth: 100\n  journeys: 100\n")
    result = cxkit("validate", "ws", "-f", "parsable", cwd=tmp_path)
    assert result.code == 1
    gate = [line for line in result.out.splitlines() if "coverage-below-target" in line]
    assert gate == [
        ".cxkit.yaml:3:3: [error] coverage of moments of truth owned and measured is 33% (1/3),"
        " below the target of 100%; pulled down by journeys second, first (coverage-below-target)",
        ".cxkit.yaml:4:3: [error] coverage of journeys with an active experience leader is 50%"
        " (1/2), below the target of 100%; pulled down by journey second"
        " (coverage-below-target)",
    ]


def test_targets_met_pass(cxkit: Run, tmp_path: Path) -> None:
    _config(tmp_path, "coverage: {touchpoints: 90, journeys: 100}\n")
    shutil.copytree(EXAMPLE, tmp_path / "journeys")
    result = cxkit("validate", "journeys", "-f", "parsable", cwd=tmp_path)
    assert result.code == 0, result.out
    assert "coverage-below-target" not in result.out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("coverage: {touchpoints: 101}\n", "1:25: touchpoints: expected a percentage from 0"),
        ("coverage: {touchpoints: high}\n", "1:25: touchpoints: expected a whole number"),
        ("coverage: {owners: 90}\n", "1:12: unknown field 'owners'"),
        ("review_every_days: 0\n", "1:20: review_every_days: expected a number of days"),
    ],
)
def test_bad_targets_are_config_errors_with_positions(
    cxkit: Run, ws: Path, tmp_path: Path, text: str, message: str
) -> None:
    _config(tmp_path, text)
    result = cxkit("validate", "ws", cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_the_gate_is_explained_by_cxkit_rules(cxkit: Run) -> None:
    listed = cxkit("rules").out
    assert "coverage-below-target" in listed and "journey-stale" in listed
    assert "coverage: {touchpoints: 95" in cxkit("rules", "coverage-below-target").out
    assert "review_every_days" in cxkit("rules", "journey-stale").out


# --- stale maps --------------------------------------------------------------------------------

REVIEWED = """\
owners:
  - {id: ana, name: Ana, kind: person}
journeys:
  - id: old
    name: Old
    leader: ana
    last_reviewed: 2026-01-10
    stages: [{id: s, name: S, touchpoints: []}]
  - id: fresh
    name: Fresh
    leader: ana
    last_reviewed: 2026-11-01
    stages: [{id: s, name: S, touchpoints: []}]
  - id: never
    name: Never
    leader: ana
    stages: [{id: s, name: S, touchpoints: []}]
"""


def test_stale_and_never_reviewed_journeys(cxkit: Run, tmp_path: Path) -> None:
    write(tmp_path / "ws", "j.yaml", REVIEWED)
    result = cxkit("validate", "ws", "-f", "parsable", "--no-config", cwd=tmp_path)
    stale = [line for line in result.out.splitlines() if "journey-stale" in line]
    assert stale == [
        "ws/j.yaml:7:20: [warning] journey 'old' was last reviewed on 2026-01-10: a review was"
        " due on 2026-07-09 (every 180 days); review it and update 'last_reviewed'"
        " (journey-stale)",
        "ws/j.yaml:14:9: [info] journey 'never' has never been reviewed: walk it through with"
        " the people who run it and record the date in 'last_reviewed' (journey-stale)",
    ]
    text = cxkit("validate", "ws", "--no-config", cwd=tmp_path).out.splitlines()
    assert text[-2] == (
        "next reviews due: never (never reviewed), old 2026-07-09 (overdue), fresh 2027-04-30"
    )


def test_the_cadence_and_today_come_from_config_and_environment(
    cxkit: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "ws", "j.yaml", REVIEWED)
    _config(tmp_path, "review_every_days: 30\n")
    monkeypatch.setenv("CXKIT_TODAY", "2026-12-05")
    result = cxkit("validate", "ws", "-f", "parsable", cwd=tmp_path)
    assert "journey 'fresh' was last reviewed on 2026-11-01: a review was due on 2026-12-01" in (
        result.out
    )
    monkeypatch.setenv("CXKIT_TODAY", "2026-11-31")
    broken = cxkit("validate", "ws", cwd=tmp_path)
    assert broken.code == 2
    assert "CXKIT_TODAY is '2026-11-31', not a date" in broken.err


def test_a_workspace_that_keeps_no_review_dates_is_not_nagged(cxkit: Run, ws: Path) -> None:
    result = cxkit("validate", ws, "-f", "parsable", "--no-config")
    assert "journey-stale" not in result.out
    assert "next reviews due" not in cxkit("validate", ws, "--no-config").out


def test_the_example_has_one_review_overdue(cxkit: Run) -> None:
    result = cxkit("validate", EXAMPLE)
    assert "journey 'cancel-service' was last reviewed on 2026-03-09" in result.out
    assert "next reviews due: cancel-service 2026-09-05 (overdue)," in result.out


def test_diff_shows_each_figure_before_and_after(cxkit: Run, ws: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(ws, new)
    main = new / "main.yaml"
    main.write_text(
        main.read_text(encoding="utf-8").replace("leader: cy", "leader: ana"), encoding="utf-8"
    )
    text = cxkit("diff", ws, new).out
    assert (
        "coverage: touchpoints 60% (3/5), moments of truth 33% (1/3),"
        " journeys led 50% → 100% (1/2 → 2/2)"
    ) in text
    doc = json.loads(cxkit("diff", ws, new, "-f", "json").out)["summary"]["coverage"]
    assert doc["before"]["journeys_led"]["percent"] == 50
    assert doc["after"]["journeys_led"]["percent"] == 100
    assert doc["after"]["journeys"][1] == {
        "id": "second",
        "touchpoints": {"owned": 1, "total": 3, "percent": 33},
        "moments_of_truth": {"owned": 0, "total": 2, "percent": 0},
        "leader": True,
    }


def test_junit_carries_the_coverage_as_suite_properties(cxkit: Run) -> None:
    """CI systems that show JUnit reports show a suite's properties: the figures teams track."""
    from xml.etree import ElementTree as ET

    figures = json.loads(cxkit("validate", EXAMPLE, "-f", "json").out)["coverage"]
    result = cxkit("validate", EXAMPLE, "-f", "junit")
    assert result.code == 0, result.err
    properties = {p.get("name"): p.get("value") for p in ET.fromstring(result.out).iter("property")}
    touchpoints = figures["touchpoints"]
    assert properties["coverage.touchpoints"] == (
        f"{touchpoints['owned']}/{touchpoints['total']} ({touchpoints['percent']}%)"
    )
    assert "coverage.moments_of_truth" in properties
    assert "coverage.journeys_led" in properties
    for journey in figures["journeys"]:
        assert f"coverage.journey.{journey['id']}.touchpoints" in properties


def test_parsable_keeps_one_finding_a_line_and_says_coverage_on_stderr(cxkit: Run) -> None:
    figures = json.loads(cxkit("validate", EXAMPLE, "-f", "json").out)["coverage"]
    result = cxkit("validate", EXAMPLE, "-f", "parsable")
    assert result.code == 0, result.err
    assert all(": [" in line for line in result.out.splitlines())
    touchpoints = figures["touchpoints"]
    assert result.err.startswith(
        f"coverage: touchpoints {touchpoints['percent']}%"
        f" ({touchpoints['owned']}/{touchpoints['total']} with an active accountable owner)"
    )
