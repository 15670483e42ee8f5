"""The JSON Schemas and the reader agree: every file cxkit accepts, the schema accepts too, and a
file cxkit refuses for a reason a schema can tell (an unknown key, a wrong type, a missing field)
the schema refuses.

The files: the example workspace and change files, every workspace and change file of the golden
cases that cxkit reads without an error, and what `cxkit init` writes. Each is read as an editor's
YAML language server reads it (YAML 1.2, a date stays text) and checked with the committed schema
(schema/*.schema.json, which `cxkit schema` prints) under Draft 2020-12.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml_rs

from tests.conftest import CHANGES, DATA, EXAMPLE, ROOT, Run, write

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with the test extra")

GOLDEN = DATA / "validate"
SUFFIXES = (".yaml", ".yml")


def load(path: Path) -> Any:
    """A YAML file's data as YAML 1.2 reads it; an empty document holds nothing (None)."""
    text = path.read_text(encoding="utf-8")
    # yaml-rs refuses a tab after a key's colon, which YAML 1.2 allows; a space means the same.
    return yaml_rs.loads(text.replace(":\t", ": "), parse_datetime=False)


def schema_errors(which: str, data: Any, folder: Path = ROOT) -> list[str]:
    schema = json.loads((folder / "schema" / f"{which}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def read_by_cxkit(folder: Path) -> list[Path]:
    """The workspace files below `folder`, as cxkit finds them: names starting with `.` skipped."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def golden_valid_files() -> list[Path]:
    """Each golden case's workspace files that its expected output gives no error."""
    found = []
    for case in sorted(GOLDEN.iterdir()):
        expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        for path in read_by_cxkit(case / "workspace"):
            shown = path.relative_to(case).as_posix()
            if not any(line.startswith(f"{shown}:") and "[error]" in line for line in expected):
                found.append(path)
    return found


WORKSPACE_FILES = [
    *read_by_cxkit(EXAMPLE),
    *read_by_cxkit(DATA / "impact" / "workspace"),
    *read_by_cxkit(DATA / "diff" / "old"),
    *read_by_cxkit(DATA / "diff" / "new"),
    *golden_valid_files(),
]
CHANGE_FILES = [*read_by_cxkit(CHANGES), *read_by_cxkit(DATA / "impact" / "changes")]


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_golden_cases_include_valid_files_with_empty_sections() -> None:
    assert GOLDEN / "empty-file-and-empty-sections" / "workspace" / "sections.yaml" in (
        WORKSPACE_FILES
    )


@pytest.mark.parametrize("path", WORKSPACE_FILES, ids=shown)
def test_each_workspace_file_cxkit_accepts_the_schema_accepts(path: Path) -> None:
    assert schema_errors("workspace", load(path)) == []


@pytest.mark.parametrize("path", CHANGE_FILES, ids=shown)
def test_each_change_file_cxkit_accepts_the_schema_accepts(path: Path) -> None:
    assert schema_errors("change", load(path)) == []


def test_what_init_writes_its_own_schemas_accept(cxkit: Run, tmp_path: Path) -> None:
    assert cxkit("init", cwd=tmp_path).code == 0
    assert cxkit("validate", cwd=tmp_path).code == 0
    written = {
        ".cxkit.yaml": "config",
        "journeys/owners.yaml": "workspace",
        "journeys/sign-up.yaml": "workspace",
        "changes/example.yaml": "change",
    }
    for name, which in written.items():
        assert schema_errors(which, load(tmp_path / name), tmp_path) == [], name
    every_yaml = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yaml")]
    assert sorted(every_yaml) == sorted(written), "a file init writes is not checked here"


# Files cxkit accepts that say little (empty sections, settings and files), or that an editor's
# YAML reads as numbers and booleans where cxkit reads text.
ACCEPTED_WORKSPACE = {
    "empty sections": "owners:\npersonas:\nsystems:\ntouchpoints:\njourneys:\n",
    "only a comment": "# nothing yet\n",
    "a stage with no touchpoints": (
        "journeys:\n  - {id: j, name: J, stages: [{id: s, name: S, touchpoints: []}]}\n"
    ),
    "text written as numbers and booleans": (
        "owners:\n  - {id: 42, name: 2026, kind: team, function: true, contact: 0123}\n"
        "personas:\n  - {id: p, name: P, goals: [2024, yes, false, 1.5]}\n"
    ),
    "a stage with paths": (
        "journeys:\n  - id: j\n    name: J\n    stages:\n      - id: s\n        name: S\n"
        "        paths:\n          phone: [{id: call, name: Call}]\n          chat: [call]\n"
    ),
}
ACCEPTED_CONFIG = {
    "every setting empty": "workspace:\nrules:\nignore:\nfail_severity:\nrender:\n",
    "empty render settings": "render:\n  waves:\n  templates:\n",
    "empty waves": "render:\n  waves:\n    stakeholders:\n    customers: 0\n",
    "empty file": "",
}

# Files cxkit refuses for a reason the schema can tell.
REFUSED_WORKSPACE = {
    "an unknown section": "owner:\n  - {id: a, name: A, kind: team}\n",
    "an unknown field": "owners:\n  - {id: a, name: A, kind: team, colour: red}\n",
    "a missing field": "owners:\n  - {id: a, kind: team}\n",
    "a quoted number": "touchpoints:\n  - {id: t, name: T, emotion: '3'}\n",
    "an out-of-range score": "touchpoints:\n  - {id: t, name: T, effort: 6}\n",
    "a bool as words": "owners:\n  - {id: a, name: A, kind: team, active: no}\n",
    "a kind not in the list": "owners:\n  - {id: a, name: A, kind: Team}\n",
    "a malformed id": "owners:\n  - {id: Billing Team, name: A, kind: team}\n",
    "a scalar for a section": "owners: none\n",
    "an empty list item": "owners:\n  -\n",
    "a written null": "owners:\n  - {id: a, name: A, kind: team, contact: }\n",
    "a journey without stages": "journeys:\n  - {id: j, name: J, stages: []}\n",
    "a stage with touchpoints and paths": (
        "journeys:\n  - {id: j, name: J, stages: [{id: s, name: S, touchpoints: [a],"
        " paths: {b: [c]}}]}\n"
    ),
    "a stage with neither": "journeys:\n  - {id: j, name: J, stages: [{id: s, name: S}]}\n",
    "an empty path": (
        "journeys:\n  - {id: j, name: J, stages: [{id: s, name: S, paths: {a: []}}]}\n"
    ),
    "a path name that is not an id": (
        "journeys:\n  - {id: j, name: J, stages: [{id: s, name: S, paths: {Phone: [a]}}]}\n"
    ),
}
REFUSED_CONFIG = {
    "an unknown setting": "ignroe: [a/**]\n",
    "a severity not in the list": "fail_severity: fatal\n",
    "a rule setting not in the list": "rules: {touchpoint-unowned: loud}\n",
    "a rule that does not exist": "rules: {touchpoint-unknown: off}\n",
    "a negative wave": "render: {waves: {customers: -1}}\n",
    "a list for a folder": "workspace: [journeys]\n",
}


@pytest.mark.parametrize("text", ACCEPTED_WORKSPACE.values(), ids=ACCEPTED_WORKSPACE)
def test_a_workspace_file_both_accept(cxkit: Run, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "ws/file.yaml", text)
    result = cxkit("validate", "ws", "-f", "parsable", cwd=tmp_path)
    assert "[error]" not in result.out, result.out
    assert schema_errors("workspace", load(path)) == []


@pytest.mark.parametrize("text", REFUSED_WORKSPACE.values(), ids=REFUSED_WORKSPACE)
def test_a_workspace_file_both_refuse(cxkit: Run, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "ws/file.yaml", text)
    result = cxkit("validate", "ws", "-f", "parsable", cwd=tmp_path)
    assert result.code == 1 and "[error]" in result.out, result.out
    assert schema_errors("workspace", load(path)) != []


@pytest.mark.parametrize("text", ACCEPTED_CONFIG.values(), ids=ACCEPTED_CONFIG)
def test_a_config_both_accept(cxkit: Run, tmp_path: Path, text: str) -> None:
    write(tmp_path, "journeys/owners.yaml", "owners:\n  - {id: a, name: A, kind: person}\n")
    config = write(tmp_path, ".cxkit.yaml", text)
    result = cxkit("validate", "-c", config, cwd=tmp_path)
    assert result.code == 0, result.err
    assert schema_errors("config", load(config)) == []


@pytest.mark.parametrize("text", REFUSED_CONFIG.values(), ids=REFUSED_CONFIG)
def test_a_config_both_refuse(cxkit: Run, tmp_path: Path, text: str) -> None:
    write(tmp_path, "journeys/owners.yaml", "owners:\n  - {id: a, name: A, kind: person}\n")
    config = write(tmp_path, ".cxkit.yaml", text)
    result = cxkit("validate", "-c", config, cwd=tmp_path)
    assert result.code == 2 and ".cxkit.yaml:" in result.err, result.err
    assert schema_errors("config", load(config)) != []
