"""`cxkit validate` end to end: exit codes, every output format parsed back, colour rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import EXAMPLE, Run, write

BROKEN = """\
owners:
  - {id: cx, name: CX, kind: team, lead: ana}
  - {id: ana, name: Ana, kind: person, team: cx}
touchpoints:
  - id: ivr
    name: Phone menu
    owner: nobody
    moment_of_truth: true
journeys:
  - id: j
    name: Journey
    leader: cx
    stages:
      - {id: s, name: Stage, touchpoints: [ivr]}
"""


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    write(tmp_path / "ws", "main.yaml", BROKEN)
    return tmp_path / "ws"


def test_example_workspace_is_valid_with_warnings(cxkit: Run) -> None:
    result = cxkit("validate", EXAMPLE)
    assert result.code == 0
    assert "touchpoint 'meter-reading-request' has no owner" in result.out
    assert "0 errors, 4 warnings" in result.out
    assert "\x1b[" not in result.out  # not a terminal: no colour


def test_fail_severity_warning_fails_on_the_example(cxkit: Run) -> None:
    assert cxkit("validate", EXAMPLE, "--fail-severity", "warning").code == 1
    assert cxkit("validate", EXAMPLE, "--fail-severity", "info").code == 1


def test_default_path_is_journeys_in_the_current_folder(cxkit: Run, example: Path) -> None:
    result = cxkit("validate", cwd=example.parent)
    assert result.code == 0
    assert "journeys/touchpoints.yaml" in result.out


def test_errors_exit_1_with_positions(cxkit: Run, broken: Path) -> None:
    result = cxkit("validate", "ws", "-f", "parsable", cwd=broken.parent)
    assert result.code == 1
    assert result.out.splitlines() == [
        "ws/main.yaml:5:9: [info] touchpoint 'ivr' has no metric: say how it is measured"
        " (touchpoint-unmeasured)",
        "ws/main.yaml:7:12: [error] owner 'nobody' is not a defined owner (ref-undefined)",
        "ws/main.yaml:10:9: [info] journey 'j' has no metric: say how its outcome is measured"
        " (journey-unmeasured)",
        "ws/main.yaml:12:13: [error] leader 'cx' is a team, but a leader must be a person"
        " (ref-wrong-kind)",
    ]


def test_json_format_has_the_documented_shape(cxkit: Run, broken: Path) -> None:
    result = cxkit("validate", broken, "-f", "json", cwd=broken.parent)
    document = json.loads(result.out)
    assert document["version"] == 1
    assert document["tool"]["name"] == "cxkit"
    assert document["files"] == ["ws/main.yaml"]
    assert document["summary"] == {
        "error": 2,
        "warning": 0,
        "info": 2,
        "failing": 2,
        "fail_severity": "error",
        "suppressed": 0,
        "baselined": 0,
        "baseline_fixed": 0,
        "hidden_by_quiet": 0,
        "in_other_files": 0,
    }
    first = document["findings"][0]
    assert first == {
        "path": "ws/main.yaml",
        "line": 5,
        "column": 9,
        "severity": "info",
        "rule": "touchpoint-unmeasured",
        "message": "touchpoint 'ivr' has no metric: say how it is measured",
        "entity": "touchpoints:ivr",
        "related": [],
    }


def test_sarif_has_the_required_structure(cxkit: Run, broken: Path) -> None:
    result = cxkit("validate", broken, "-f", "sarif", cwd=broken.parent)
    sarif = json.loads(result.out)
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cxkit"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert "touchpoint-unowned" in rule_ids and "ref-undefined" in rule_ids
    assert all(
        rule["help"]["text"] and rule["shortDescription"]["text"] for rule in driver["rules"]
    )
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {
        "ref-undefined": "error",
        "ref-wrong-kind": "error",
        "touchpoint-unmeasured": "note",
        "journey-unmeasured": "note",
    }
    for result_ in run["results"]:
        assert driver["rules"][result_["ruleIndex"]]["id"] == result_["ruleId"]
        location = result_["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "ws/main.yaml"
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert result_["message"]["text"]


def test_sarif_validates_against_the_published_schema_subset(cxkit: Run, broken: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with the test extra")
    # The parts of SARIF 2.1.0 that code-scanning uploads require, from the OASIS schema.
    schema = {
        "type": "object",
        "required": ["version", "runs"],
        "properties": {
            "version": {"const": "2.1.0"},
            "runs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["tool"],
                    "properties": {
                        "tool": {
                            "type": "object",
                            "required": ["driver"],
                            "properties": {"driver": {"type": "object", "required": ["name"]}},
                        },
                        "results": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["message"],
                                "properties": {
                                    "level": {"enum": ["none", "note", "warning", "error"]},
                                    "message": {"type": "object", "required": ["text"]},
                                    "locations": {"type": "array", "items": {"type": "object"}},
                                },
                            },
                        },
                    },
                },
            },
        },
    }
    result = cxkit("validate", broken, "-f", "sarif", cwd=broken.parent)
    jsonschema.validate(json.loads(result.out), schema)


def test_github_annotations(cxkit: Run, broken: Path) -> None:
    result = cxkit("validate", broken, "-f", "github", cwd=broken.parent)
    lines = result.out.splitlines()
    assert (
        "::error file=ws/main.yaml,line=7,col=12,title=ref-undefined::owner 'nobody' is not a"
        " defined owner" in lines
    )
    assert any(line.startswith("::notice file=ws/main.yaml,line=5,col=9,") for line in lines)


def test_github_format_is_the_default_in_github_actions(
    cxkit: Run, broken: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = cxkit("validate", broken, cwd=broken.parent)
    assert result.out.startswith("::")
    assert "| error | `ws/main.yaml:7:12` | `ref-undefined` |" in summary.read_text()


def test_junit_has_one_case_per_file(cxkit: Run, broken: Path) -> None:
    write(broken, "ok.yaml", "personas:\n  - {id: p, name: P}\n")
    result = cxkit("validate", broken, "-f", "junit", cwd=broken.parent)
    suites = ET.fromstring(result.out)
    cases = {case.get("name"): case for case in suites.iter("testcase")}
    assert set(cases) == {"ws/main.yaml", "ws/ok.yaml"}
    assert cases["ws/main.yaml"].find("failure") is not None
    assert cases["ws/ok.yaml"].find("failure") is None
    assert suites.get("failures") == "1"


def test_output_file_is_written_and_stdout_stays_empty(cxkit: Run, broken: Path) -> None:
    target = broken.parent / "reports" / "cxkit.sarif"
    result = cxkit("validate", broken, "-f", "sarif", "-o", target)
    assert result.code == 1
    assert result.out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_colour_only_when_forced_and_never_with_no_color(
    cxkit: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" in cxkit("validate", EXAMPLE, "--color").out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in cxkit("validate", EXAMPLE).out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cxkit("validate", EXAMPLE).out


def test_quiet_reports_only_failing_findings(cxkit: Run, broken: Path) -> None:
    result = cxkit("validate", broken, "-q", "-f", "parsable")
    assert [re.search(r"\((\S+)\)$", line)[1] for line in result.out.splitlines()] == [  # type: ignore[index]
        "ref-undefined",
        "ref-wrong-kind",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("validate", "no-such-folder"), "workspace folder not found"),
        (("validate", EXAMPLE / "owners.yaml"), "name the workspace with -w"),
        (("validate", EXAMPLE, "--format", "xml"), "Invalid value"),
        (("validate", EXAMPLE, "--fail-severity", "fatal"), "Invalid value"),
        (("rules", "no-such-rule"), "no rule 'no-such-rule'"),
    ],
)
def test_usage_errors_exit_2(
    cxkit: Run, args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    result = cxkit(*args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_version_and_help(cxkit: Run) -> None:
    assert re.fullmatch(r"cxkit \d+\.\d+\.\d+\n", cxkit("--version").out)
    helped = cxkit("validate", "--help")
    assert helped.code == 0
    assert "Examples:" in helped.out and "--fail-severity" in helped.out


def test_console_script_and_python_m_work(tmp_path: Path) -> None:
    for command in ([sys.executable, "-m", "cxkit"], [str(Path(sys.executable).parent / "cxkit")]):
        result = subprocess.run(
            [*command, "validate", str(EXAMPLE)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "7 files checked" in result.stdout


def test_version_imports_no_heavy_module() -> None:
    code = (
        "import sys; from cxkit.cli import main; sys.argv=['cxkit','--version']; main();"
        "heavy=[m for m in ('networkx','jinja2','rich','pydantic','typer') if m in sys.modules];"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_validate_does_not_import_networkx_or_jinja2(tmp_path: Path) -> None:
    code = (
        "import sys; from cxkit.cli import main\n"
        f"try: main(['validate', {str(EXAMPLE)!r}, '-f', 'json'])\n"
        "except SystemExit: pass\n"
        "print([m for m in ('networkx','jinja2','rich') if m in sys.modules], file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_control_characters_from_the_files_never_reach_the_output(
    cxkit: Run, tmp_path: Path
) -> None:
    # YAML escapes let a quoted key or value hold ESC and line breaks; messages quote them.
    write(
        tmp_path / "ws", "a.yaml", 'owners:\n  - {id: a, name: A, kind: team, "x\\e[31m\\ny": 1}\n'
    )
    for fmt in ("text", "parsable", "github"):
        result = cxkit("validate", tmp_path / "ws", "-f", fmt)
        assert result.code == 1
        assert "\x1b" not in result.out
        assert "unknown field 'x\\x1b[31m\\ny'" in result.out


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold these")
def test_control_characters_in_file_names_never_reach_the_output(
    cxkit: Run, tmp_path: Path
) -> None:
    """A file named with ESC or a tab (a pull request can add one) is shown escaped."""
    write(tmp_path / "ws", "a\x1b[31mred.yaml", "owners:\n  - {id: x, name: X, kind: pers}\n")
    write(tmp_path / "ws", "b\ttab.yaml", "owners:\n  - {id: y, name: Y, kind: pers}\n")
    for fmt, shown in (
        ("text", "ws/a\\x1b[31mred.yaml\n"),
        ("parsable", "ws/a\\x1b[31mred.yaml:2:28: [error]"),
        ("github", "/ws/a\\x1b[31mred.yaml,line=2,col=28,"),
    ):
        result = cxkit("validate", tmp_path / "ws", "-f", fmt, "--no-color")
        assert result.code == 1
        assert "\x1b" not in result.out and "\t" not in result.out, result.out
        assert shown in result.out and "b\\ttab.yaml" in result.out, result.out
