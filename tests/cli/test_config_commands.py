"""impact, diff and render read the same .cxkit.yaml as validate: workspace, ignore, waves,
templates."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import CHANGES, EXAMPLE, Run, write

IVR = CHANGES / "ivr-callback.yaml"


def _project(tmp_path: Path, config: str) -> Path:
    """A folder holding the example workspace under another name, and a config file."""
    shutil.copytree(EXAMPLE, tmp_path / "cx" / "estate")
    write(tmp_path, ".cxkit.yaml", config)
    return tmp_path


def test_impact_takes_the_workspace_from_the_config(cxkit: Run, tmp_path: Path) -> None:
    project = _project(tmp_path, "workspace: cx/estate\n")
    result = cxkit("impact", IVR, "-f", "json", cwd=project)
    assert result.code == 0, result.err
    assert json.loads(result.out)["totals"]["touchpoints_direct"] == 2


def test_impact_without_a_config_looks_for_journeys(cxkit: Run, tmp_path: Path) -> None:
    result = cxkit("impact", IVR, cwd=tmp_path)
    assert result.code == 2
    assert "journeys" in result.err


def test_ignored_files_are_not_read_by_impact(cxkit: Run, tmp_path: Path) -> None:
    project = _project(tmp_path, "workspace: cx/estate\nignore: [touchpoints.yaml]\n")
    result = cxkit("impact", IVR, "-f", "json", cwd=project)
    # ivr-menu is defined in the ignored file, so the change names an undefined touchpoint
    assert result.code == 1
    assert "touchpoint 'ivr-menu' is not defined" in result.err


def test_render_takes_waves_and_templates_from_the_config(cxkit: Run, tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        "workspace: cx/estate\nrender:\n  waves: {stakeholders: 30, teams: 20, informed: 10,"
        " customers: 1}\n  templates: my-templates\n",
    )
    write(
        project / "my-templates" / "briefing", "informed.md.j2", "custom {{ b.impact.change.id }}\n"
    )
    result = cxkit("render", IVR, "-o", "out", "-f", "markdown", cwd=project)
    assert result.code == 0, result.err
    timeline = (project / "out" / "timeline.md").read_text()
    # 15 November has come (the tests' today is 2 December): that wave says it started.
    assert "| 2026-11-15 (started) | 30 |" in timeline and "| 2026-12-14 | 1 |" in timeline
    assert (project / "out" / "informed.md").read_text() == "custom ivr-callback\n"


def test_render_offsets_on_the_command_line_win_over_the_config(cxkit: Run, tmp_path: Path) -> None:
    project = _project(tmp_path, "workspace: cx/estate\nrender: {waves: {stakeholders: 30}}\n")
    result = cxkit(
        "render", IVR, "-o", "out", "-f", "markdown", "--offsets", "9,8,7,6", cwd=project
    )
    assert result.code == 0, result.err
    assert "| 2026-12-06 | 9 |" in (project / "out" / "timeline.md").read_text()


def test_diff_takes_the_workspace_path_from_the_config(cxkit: Run, tmp_path: Path) -> None:
    project = _project(tmp_path, "workspace: cx/estate\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=project, check=True)
    personas = project / "cx" / "estate" / "personas.yaml"
    personas.write_text(personas.read_text().replace("name: Sam", "name: Samantha", 1))
    result = cxkit("diff", "HEAD", "-f", "json", cwd=project)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["old"] == "HEAD:cx/estate"
    assert [c["field"] for c in document["changes"]] == ["name"]
