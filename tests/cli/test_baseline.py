"""`--write-baseline` and `--baseline`: record today's findings, then fail only on new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, write

OWNERS = """\
owners:
  - {id: care, name: Care, kind: team, lead: ana}
  - {id: ana, name: Ana, kind: person, team: care}
"""

# ivr has no owner (warning) and an emotion out of range (error); the journey has no leader.
JOURNEY = """\
journeys:
  - id: j
    name: Journey
    metrics: [{name: nps}]
    stages:
      - id: s
        name: Stage
        touchpoints:
          - id: ivr
            name: Phone menu
            emotion: 9
            metrics: [{name: csat}]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "journeys", "owners.yaml", OWNERS)
    write(root / "journeys", "journey.yaml", JOURNEY)
    return root


def findings(cxkit: Run, *args: str) -> tuple[int, list[str], dict[str, object]]:
    result = cxkit("validate", *args, "-f", "json")
    assert result.code in (0, 1), result.err
    document = json.loads(result.out)
    shown = [f"{f['path']}:{f['line']} {f['rule']}" for f in document["findings"]]
    return result.code, shown, document["summary"]


def test_write_baseline_records_every_finding_and_exits_0(cxkit: Run, repo: Path) -> None:
    result = cxkit("validate", "--write-baseline", "cxkit-baseline.json", cwd=repo)
    assert result.code == 0
    assert result.out == "cxkit: recorded 3 findings in cxkit-baseline.json\n"
    document = json.loads((repo / "cxkit-baseline.json").read_text())
    assert document["version"] == 1
    assert document["findings"] == [
        {
            "rule": "invalid-value",
            "path": "journeys/journey.yaml",
            "entity": "touchpoints:ivr",
            "count": 1,
        },
        {
            "rule": "journey-no-leader",
            "path": "journeys/journey.yaml",
            "entity": "journeys:j",
            "count": 1,
        },
        {
            "rule": "touchpoint-unowned",
            "path": "journeys/journey.yaml",
            "entity": "touchpoints:ivr",
            "count": 1,
        },
    ]
    assert [p.name for p in repo.iterdir() if p.name.endswith(".tmp")] == []


def test_with_the_baseline_known_findings_pass(cxkit: Run, repo: Path) -> None:
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    assert cxkit("validate").code == 1
    result = cxkit("validate", "--baseline", "base.json")
    assert result.code == 0
    assert result.out.splitlines()[-1] == (
        "✓ 2 files checked: 0 errors, 0 warnings, 0 info; passes (fails on error);"
        " 3 known in the baseline"
    )


def test_edits_above_a_known_finding_keep_it_known(cxkit: Run, repo: Path) -> None:
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    moved = JOURNEY.replace(
        "        touchpoints:\n",
        "        touchpoints:\n          - {id: intro, name: Intro, owner: care,"
        " metrics: [{name: csat}]}\n",
    )
    write(repo / "journeys", "journey.yaml", "# A new header\n# of two lines\n\n" + moved)
    code, shown, summary = findings(cxkit, "--baseline", "base.json")
    assert (code, shown) == (0, [])
    assert summary["baselined"] == 3


def test_new_findings_are_reported_and_fail(cxkit: Run, repo: Path) -> None:
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    write(
        repo / "journeys",
        "journey.yaml",
        JOURNEY.replace("emotion: 9", "emotion: 9\n            effort: 0")
        + "touchpoints:\n  - {id: web, name: Web, metrics: [{name: csat}]}\n",
    )
    code, shown, summary = findings(cxkit, "--baseline", "base.json")
    assert code == 1
    # Same rule and entity as a known finding, but one more of them: new. And a new entity.
    assert shown == [
        "journeys/journey.yaml:12 invalid-value",
        "journeys/journey.yaml:15 touchpoint-orphan",
        "journeys/journey.yaml:15 touchpoint-unowned",
    ]
    assert summary["baselined"] == 3 and summary["error"] == 1


def test_fixed_findings_are_counted(cxkit: Run, repo: Path) -> None:
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    write(repo / "journeys", "journey.yaml", JOURNEY.replace("emotion: 9", "emotion: 3"))
    code, shown, summary = findings(cxkit, "--baseline", "base.json")
    assert (code, shown) == (0, [])
    assert summary["baseline_fixed"] == 1
    assert "1 baseline entry fixed" in cxkit("validate", "--baseline", "base.json").out


def test_findings_about_no_entity_are_matched_by_message_without_line_numbers(
    cxkit: Run, repo: Path
) -> None:
    write(repo / "journeys", "dup.yaml", "personas: []\npersonas: []\n")
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    entries = json.loads((repo / "base.json").read_text())["findings"]
    assert {
        "rule": "yaml-duplicate-key",
        "path": "journeys/dup.yaml",
        "message": "duplicate key 'personas' (first on line N); YAML keeps only one, so the other"
        " value would be lost silently",
        "count": 1,
    } in entries
    write(repo / "journeys", "dup.yaml", "# moved\n\npersonas: []\npersonas: []\n")
    assert findings(cxkit, "--baseline", "base.json")[:2] == (0, [])


def test_the_baseline_works_from_any_folder(cxkit: Run, repo: Path, tmp_path: Path) -> None:
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    result = cxkit("validate", repo / "journeys", "--baseline", repo / "base.json", cwd=tmp_path)
    assert result.code == 0, result.out
    inside = cxkit("validate", ".", "--baseline", "../base.json", cwd=repo / "journeys")
    assert inside.code == 0, inside.out


def test_rewriting_the_baseline_records_known_and_new_findings(cxkit: Run, repo: Path) -> None:
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    write(repo / "journeys", "more.yaml", "touchpoints:\n  - {id: web, name: Web}\n")
    result = cxkit("validate", "--baseline", "base.json", "--write-baseline", "base.json")
    assert result.out == "cxkit: recorded 6 findings in base.json\n"
    assert cxkit("validate", "--baseline", "base.json").code == 0


def test_baseline_with_quiet_and_fail_severity(cxkit: Run, repo: Path) -> None:
    cxkit("validate", "--write-baseline", "base.json", cwd=repo)
    write(repo / "journeys", "more.yaml", "touchpoints:\n  - {id: web, name: Web}\n")
    result = cxkit(
        "validate", "--baseline", "base.json", "--fail-severity", "warning", "-q", "-f", "parsable"
    )
    assert result.code == 1
    assert [line.rsplit(" ", 1)[1] for line in result.out.splitlines()] == [
        "(touchpoint-orphan)",
        "(touchpoint-unowned)",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found: base.json (record one with --write-baseline base.json)"),
        ("{not json", "base.json:1:2: the baseline file is not valid JSON: Expecting property"),
        ('{"version": 2, "findings": []}', "base.json is not a cxkit baseline of version 1"),
        ("[]", "base.json is not a cxkit baseline of version 1"),
        ('{"version": 1, "findings": {}}', "base.json: 'findings' must be a list"),
        ('{"version": 1, "findings": [3]}', "base.json: findings[0] must be an object"),
        ('{"version": 1, "findings": [{"rule": "x"}]}', "findings[0] needs a 'rule' and a 'path'"),
        (
            '{"version": 1, "findings": [{"rule": "x", "path": "p", "entity": "e", "count": 0}]}',
            "base.json: findings[0].count must be a whole number above 0",
        ),
    ],
)
def test_a_bad_baseline_exits_2(cxkit: Run, repo: Path, content: str | None, message: str) -> None:
    if content is not None:
        write(repo, "base.json", content)
    result = cxkit("validate", "--baseline", "base.json", cwd=repo)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_baseline_that_cannot_be_written_exits_2(cxkit: Run, repo: Path) -> None:
    (repo / "taken").mkdir()
    result = cxkit("validate", "--write-baseline", "taken", cwd=repo)
    assert result.code == 2
    assert "cannot write the baseline file taken" in result.err
