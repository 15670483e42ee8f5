"""`cxkit init`: the files it writes validate clean, and it never overwrites by surprise."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cxkit.model.change import ChangeFile
from cxkit.model.validation import validate_document
from cxkit.source.yamlreader import read_yaml
from tests.conftest import Run, write

WRITTEN = [
    ".cxkit.yaml",
    "journeys/owners.yaml",
    "journeys/sign-up.yaml",
    "changes/example.yaml",
    "schema/workspace.schema.json",
    "schema/change.schema.json",
    "schema/config.schema.json",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".git").mkdir()
    return folder


def test_init_then_validate_is_clean(cxkit: Run, project: Path) -> None:
    result = cxkit("init", cwd=project)
    assert result.code == 0, result.err
    assert result.out == "".join(f"wrote {p}\n" for p in WRITTEN) + "\nNext: cxkit validate\n"
    checked = cxkit("validate")
    assert checked.code == 0, checked.out
    assert checked.out == (
        "coverage: touchpoints 100% (2/2 with an active accountable owner), moments of truth"
        " 100% (1/1 owned and measured), journeys 100% (1/1 with an active leader)\n"
        "✓ 2 files checked: 0 errors, 0 warnings, 0 info; passes (fails on error)\n"
    )
    strict = cxkit("validate", "--fail-severity", "info", "-f", "json")
    assert strict.code == 0
    assert json.loads(strict.out)["findings"] == []


def test_init_creates_the_folder_it_is_given(cxkit: Run, tmp_path: Path) -> None:
    result = cxkit("init", "new/cx", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "wrote new/cx/.cxkit.yaml"
    assert result.out.endswith("Next: cd new/cx && cxkit validate\n")
    assert sorted(p.relative_to(tmp_path / "new/cx").as_posix() for p in _files(tmp_path)) == (
        sorted(WRITTEN)
    )
    assert cxkit("validate", cwd=tmp_path / "new" / "cx").code == 0


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_every_yaml_file_points_its_editor_at_a_schema_that_is_there(
    cxkit: Run, project: Path
) -> None:
    cxkit("init", cwd=project)
    for path in [project / p for p in WRITTEN if p.endswith(".yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), (path, schema)


@pytest.mark.parametrize("which", ["workspace", "change", "config"])
def test_the_schemas_written_are_cxkit_schema(cxkit: Run, project: Path, which: str) -> None:
    cxkit("init", cwd=project)
    written = (project / "schema" / f"{which}.schema.json").read_text(encoding="utf-8")
    assert written == cxkit("schema", which).out


def test_the_files_validate_against_the_schemas_they_name(cxkit: Run, project: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with the test extra")
    yaml = pytest.importorskip("yaml")
    cxkit("init", cwd=project)
    pairs = {
        "journeys/owners.yaml": "workspace",
        "journeys/sign-up.yaml": "workspace",
        "changes/example.yaml": "change",
    }
    for name, which in pairs.items():
        schema = json.loads((project / "schema" / f"{which}.schema.json").read_text())
        data = yaml.safe_load((project / name).read_text())
        if which == "change":  # YAML 1.1 reads the release date as a date; JSON has text
            data["change"]["release"] = data["change"]["release"].isoformat()
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        assert errors == [], name


def test_the_example_change_is_a_valid_change_file(cxkit: Run, project: Path) -> None:
    cxkit("init", cwd=project)
    path = project / "changes" / "example.yaml"
    model, problems = validate_document(read_yaml(str(path), path.read_bytes()), ChangeFile)
    assert problems == []
    touched = set(model.change.affects.touchpoints)
    assert touched <= {"pricing-page", "welcome-call"}


def test_init_never_overwrites_without_force(cxkit: Run, project: Path) -> None:
    write(project, ".cxkit.yaml", "workspace: mine\n")
    result = cxkit("init", cwd=project)
    assert result.code == 2
    assert result.err == (
        "cxkit: error: not overwriting .cxkit.yaml; use --force to overwrite it\n"
    )
    assert (project / ".cxkit.yaml").read_text() == "workspace: mine\n"
    assert not (project / "journeys").exists()  # nothing written at all
    assert cxkit("init", "--force").code == 0
    assert (project / ".cxkit.yaml").read_text().startswith("# yaml-language-server")


def test_init_twice_lists_every_file_it_would_overwrite(cxkit: Run, project: Path) -> None:
    cxkit("init", cwd=project)
    result = cxkit("init")
    assert result.code == 2
    assert ", ".join(WRITTEN) in result.err


def test_init_does_not_add_to_a_workspace_that_holds_files(cxkit: Run, project: Path) -> None:
    write(project / "journeys", "ours.yaml", "personas: []\n")
    result = cxkit("init", cwd=project)
    assert result.code == 2
    assert "journeys/ holds files already" in result.err
    assert "--force" in result.err
    assert not (project / ".cxkit.yaml").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_init_refuses_to_write_outside_the_folder_through_a_link(
    cxkit: Run, project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "schema").symlink_to(outside, target_is_directory=True)
    result = cxkit("init", "--force", cwd=project)
    assert result.code == 2
    assert "leads outside" in result.err
    assert list(outside.iterdir()) == []
    assert not (project / ".cxkit.yaml").exists()


def test_init_into_a_file_exits_2(cxkit: Run, project: Path) -> None:
    write(project, "notes.txt", "")
    result = cxkit("init", "notes.txt", cwd=project)
    assert result.code == 2
    assert "not a folder: notes.txt" in result.err


def test_init_help_has_examples(cxkit: Run) -> None:
    result = cxkit("init", "--help")
    assert result.code == 0
    assert "Examples:" in result.out and "--force" in result.out
