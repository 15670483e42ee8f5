"""`cxkit rules` and `cxkit schema`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from cxkit.checks.rules import RULES
from tests.conftest import EXAMPLE, ROOT, Run


def test_rules_lists_every_rule_with_its_severity(cxkit: Run) -> None:
    result = cxkit("rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(RULES)
    assert any(line.split()[:2] == ["touchpoint-unowned", "warning"] for line in lines)
    assert any(line.split()[:2] == ["moment-of-truth-unowned", "error"] for line in lines)


def test_rules_explains_one_rule(cxkit: Run) -> None:
    result = cxkit("rules", "touchpoint-unowned")
    assert result.code == 0
    assert "accountable" in result.out and "[warning]" in result.out


@pytest.mark.parametrize("which", ["workspace", "change", "config"])
def test_committed_schemas_are_up_to_date(cxkit: Run, which: str) -> None:
    result = cxkit("schema", which)
    assert result.code == 0
    assert result.out == (ROOT / "schema" / f"{which}.schema.json").read_text(), (
        "run: python -m cxkit.model.regenerate"
    )


def test_schema_accepts_the_example_workspace_and_rejects_typos(cxkit: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with the test extra")
    yaml = pytest.importorskip("yaml")
    schema = json.loads(cxkit("schema").out)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(EXAMPLE.rglob("*.yaml")):
        data = _as_yaml_12(yaml.safe_load(path.read_text()))
        assert list(validator.iter_errors(data)) == [], path
    bad = {"owners": [{"id": "Bad Id", "name": "x", "kind": "teem", "ownr": "x"}]}
    messages = " ".join(e.message for e in validator.iter_errors(bad))
    assert "teem" in messages and "ownr" in messages and "Bad Id" in messages


def _as_yaml_12(data: Any) -> Any:
    """PyYAML's data as YAML 1.2 (and editors) read it: `2026-10-14` is text, not a date."""
    if isinstance(data, dict):
        return {key: _as_yaml_12(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_yaml_12(item) for item in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def test_schema_output_file(cxkit: Run, tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    assert cxkit("schema", "change", "-o", target).code == 0
    assert json.loads(target.read_text())["title"] == "cxkit change file"


def test_rules_show_the_severities_the_config_sets(cxkit: Run, tmp_path: Path) -> None:
    (tmp_path / ".cxkit.yaml").write_text(
        "rules: {touchpoint-unowned: error, team-no-lead: off}\n", encoding="utf-8"
    )
    listed = {
        line.split()[0]: line.split()[1] for line in cxkit("rules", cwd=tmp_path).out.splitlines()
    }
    assert listed["touchpoint-unowned"] == "error"
    assert listed["team-no-lead"] == "off"
    assert listed["journey-no-leader"] == "warning"
    one = cxkit("rules", "touchpoint-unowned", cwd=tmp_path)
    assert "[error (config; default warning)]" in one.out
