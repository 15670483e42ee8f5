"""`cxkit validate` answers plain command lines without Typer, exactly as the Typer command does.

Each command line runs twice on the same files: through `main` (the console script, which takes
the fast path when it can) and through the Typer application directly. Output, errors, exit code
and written files must match.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer.main

from cxkit.cli.app import app, run
from cxkit.cli.plain_validate import FLAGS, VALUE_OPTIONS, read_request
from tests.conftest import EXAMPLE, Run, runner, write

BROKEN = """\
touchpoints:
  - id: Bad Id
    name: Phone menu
    emotion: 7
"""


@pytest.fixture
def typer_only(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """The Typer application itself, never the fast path."""
    return runner(run, capsys, monkeypatch)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "journeys").symlink_to(EXAMPLE, target_is_directory=True)
    write(folder, "broken/bad.yaml", BROKEN)
    write(folder, "custom.yaml", "fail_severity: warning\nrules:\n  touchpoint-unowned: off\n")
    return folder


COMMAND_LINES = [
    [],
    ["journeys"],
    ["broken"],
    ["broken", "-f", "json"],
    ["-f", "JSON", "broken"],
    ["--format=sarif", "broken"],
    ["broken", "--format", "parsable", "--fail-severity", "info"],
    ["journeys", "--fail-severity=warning", "-q"],
    ["journeys", "--quiet", "--format", "github"],
    ["journeys", "--no-color"],
    ["journeys", "--color", "-f", "parsable"],
    ["journeys", "-c", "custom.yaml"],
    ["journeys", "--config=custom.yaml", "-f", "junit"],
    ["journeys", "--no-config"],
    ["missing-folder"],
    ["journeys", "--config", "missing.yaml"],
    ["journeys", "--baseline", "missing-baseline.json"],
    ["journeys/owners.yaml", "journeys/touchpoints.yaml"],
    ["-w", "broken", "broken/bad.yaml", "-f", "json", "-q"],
    ["--workspace=broken", "broken/bad.yaml", "--failing-elsewhere"],
    ["a", "b"],
    ["journeys", "broken/bad.yaml"],
    ["-"],
]


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_fast_path_and_typer_give_the_same_result(
    cxkit: Run, typer_only: Run, workspace: Path, args: list[str]
) -> None:
    assert read_request(args) is not None, "this command line should take the fast path"
    fast = cxkit("validate", *args, cwd=workspace)
    slow = typer_only("validate", *args, cwd=workspace)
    assert fast == slow


def test_writing_a_report_and_a_baseline_match_too(
    cxkit: Run, typer_only: Run, workspace: Path
) -> None:
    for call, suffix in ((cxkit, "fast"), (typer_only, "slow")):
        call("validate", "broken", "-f", "json", "-o", f"report-{suffix}.json", cwd=workspace)
        call("validate", "broken", "--write-baseline", f"base-{suffix}.json", cwd=workspace)
    assert (workspace / "report-fast.json").read_text() == (
        workspace / "report-slow.json"
    ).read_text()
    assert (workspace / "base-fast.json").read_text() == (workspace / "base-slow.json").read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["journeys", "-h"],
        ["--format", "yaml"],
        ["-f"],
        ["-fjson"],
        ["--quiet=yes"],
        ["--stdin-filename", "-", "-"],
        ["--format", "json", "--format", "text"],
        ["--config", "x.yaml", "--no-config"],
        ["--frmat", "json"],
        ["--fail-severity", "WARNING"],
        ["--output", "--quiet"],
        ["--", "journeys"],
        [""],
    ],
    ids=repr,
)
def test_anything_unusual_goes_to_typer(
    cxkit: Run, typer_only: Run, workspace: Path, args: list[str]
) -> None:
    assert read_request(args) is None
    result = cxkit("validate", *args, cwd=workspace)
    assert result == typer_only("validate", *args, cwd=workspace)
    if "--help" in args or "-h" in args:
        assert result.code == 0
        assert result.out.startswith("Usage: cxkit validate")


def test_the_config_variable_is_read_like_typer_reads_it(
    cxkit: Run, typer_only: Run, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXKIT_CONFIG", "custom.yaml")
    assert cxkit("validate", "journeys", cwd=workspace) == typer_only(
        "validate", "journeys", cwd=workspace
    )
    assert cxkit("validate", "journeys", "--no-config", cwd=workspace) == typer_only(
        "validate", "journeys", "--no-config", cwd=workspace
    )


def test_the_fast_path_knows_every_option_of_the_typer_command() -> None:
    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    typer_names = {
        name
        for param in command.params
        if param.param_type_name == "option"
        for name in [*param.opts, *param.secondary_opts]
    } - {"--help", "-h"}
    assert typer_names == set(VALUE_OPTIONS) | set(FLAGS)


def test_validate_on_a_clean_workspace_imports_neither_typer_nor_pydantic(tmp_path: Path) -> None:
    probe = textwrap.dedent(
        """
        import sys
        from cxkit.cli import main
        try:
            main(["validate", sys.argv[1], "--no-config"])
        except SystemExit as exc:
            assert not exc.code, exc.code
        heavy = {"typer", "click", "pydantic", "pydantic_core", "rich", "networkx", "jinja2"}
        print(sorted(heavy & set(sys.modules)))
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [sys.executable, "-c", probe, str(EXAMPLE)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
