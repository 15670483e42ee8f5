"""A hostile and an unlucky user's review of issue 14: what still did not hold, through the CLI.

Runs that could hang or use much memory go through a child process with a timeout and an
address-space limit, as in test_trust_reading.py.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_trust_reading import BUDGET, child
from tests.conftest import Result, Run


def run(*args: str | Path, cwd: Path, memory_bytes: int | None = None) -> Result:
    """`cxkit ARGS` in a child process, with at most `memory_bytes` of address space."""
    return child(*args, cwd=cwd, memory_bytes=memory_bytes)


@pytest.fixture
def project(tmp_path: Path, example: Path) -> Path:
    """The example workspace in `journeys/` below a git root, so no config above is found."""
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(
    "option", [["-f", "json", "-o"], ["--write-baseline"]], ids=["report", "baseline"]
)
def test_a_report_is_not_written_over_a_named_pipe(
    cxkit: Run, project: Path, option: list[str]
) -> None:
    # Written through a temporary file and renamed, a report replaced whatever the name was:
    # a pipe, or, for root, a device such as /dev/null.
    pipe = project / "report.json"
    os.mkfifo(pipe)
    result = cxkit("validate", "journeys", *option, pipe, cwd=project)
    assert result.code == 2
    assert "report.json" in result.err and "not a regular file" in result.err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert [p.name for p in project.iterdir() if p.name.startswith(".report")] == []


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as Linux sets them")
def test_running_out_of_memory_is_named_not_reported_as_a_bug(project: Path) -> None:
    # A file well under the size cap can still need more memory than a machine (or a CI
    # runner's limit) gives: a million list items take several hundred MiB to read.
    items = "    - 1\n" * (1024 * 1024)
    big = f"touchpoints:\n  - id: a\n    name: A\n    channel: web\n    tags:\n{items}"
    (project / "journeys" / "big.yaml").write_text(big, encoding="utf-8")
    result = run("validate", "journeys", cwd=project, memory_bytes=600 * 1024 * 1024)
    assert result.code == 2
    assert "out of memory" in result.err
    assert "internal error" not in result.err and "Traceback" not in result.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_workspace_file_that_is_a_named_pipe_is_reported_not_passed_over(
    cxkit: Run, project: Path
) -> None:
    # A dangling link named *.yaml was reported as not read; a pipe so named passed unseen.
    os.mkfifo(project / "journeys" / "pipe.yaml")
    result = cxkit("validate", "journeys", "-f", "parsable", cwd=project)
    assert result.code == 1
    assert "journeys/pipe.yaml:1:1: [error] not read: it is not a regular file" in result.out


def test_a_baseline_holding_a_number_too_long_to_read_is_a_usage_error(
    cxkit: Run, project: Path
) -> None:
    # Python refuses to convert an integer of more than 4,300 digits, with a ValueError that is
    # not a JSONDecodeError: it was reported as a bug in cxkit.
    entry = '{"rule": "team-no-lead", "path": "journeys/owners.yaml", "entity": "teams:legal"'
    baseline = project / "baseline.json"
    baseline.write_text(
        f'{{"version": 1, "findings": [{entry}, "count": {"9" * 5000}}}]}}', encoding="utf-8"
    )
    result = cxkit("validate", "journeys", "--baseline", baseline, cwd=project)
    assert result.code == 2
    assert "baseline.json" in result.err and "number too long" in result.err
    assert "internal error" not in result.err


def test_a_quoted_choice_is_read_as_the_choice_it_names(cxkit: Run, project: Path) -> None:
    # On pydantic before 2.10 a quoted value (read as a str subclass) was not one of a field's
    # choices: `"off"` broke the config, and `kind: "team"` was an error wherever the models
    # judged a file. The floors test runs this on the lowest pydantic cxkit declares.
    config = project / ".cxkit.yaml"
    config.write_text('rules:\n  team-no-lead: "off"\nfail_severity: "error"\n', encoding="utf-8")
    owner = 'owners:\n  - id: zed\n    name: Zed\n    kind: "team"\n    lead: nobody\n'
    (project / "journeys" / "zed.yaml").write_text(owner, encoding="utf-8")
    result = cxkit("validate", "journeys", "-f", "parsable", cwd=project)
    assert result.code == 1, result.err
    assert "zed.yaml:5:11: [error]" in result.out
    assert "kind" not in result.out


@pytest.mark.parametrize("command", [["validate"], ["render", "--maps", "-o", "out"]])
def test_a_config_cannot_point_the_workspace_outside_its_own_folder(
    cxkit: Run, tmp_path: Path, command: list[str]
) -> None:
    # As for render.templates: a checkout's config must not make cxkit read (and quote, in
    # findings) YAML files elsewhere on the machine, nor walk the whole file system.
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "creds.yaml").write_text("aws_secret_key: AKIA-SECRET\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".cxkit.yaml").write_text("workspace: ../secrets\n", encoding="utf-8")
    result = cxkit(*command, cwd=repo)
    assert result.code == 2
    assert "leads outside the config file's folder" in result.err
    assert "aws_secret_key" not in result.out + result.err
    named = cxkit("validate", secrets, cwd=repo)  # the user's own choice, on the command line
    assert named.code == 1 and "aws_secret_key" in named.out


def test_a_found_config_file_linking_outside_its_folder_is_not_read(
    cxkit: Run, project: Path
) -> None:
    # The workspace and the templates refuse links that lead out of their folder; a checkout's
    # `.cxkit.yaml` was followed anywhere, and a broken config quotes what it holds.
    secret = project.parent / "credentials.yaml"
    secret.write_text("https://user:SECRET-TOKEN@example.com\n", encoding="utf-8")
    (project / ".cxkit.yaml").symlink_to(secret)
    result = cxkit("validate", "journeys", cwd=project)
    assert result.code == 2
    assert ".cxkit.yaml" in result.err and "leads outside" in result.err
    assert "SECRET-TOKEN" not in result.out + result.err
    named = cxkit("validate", "journeys", "-c", ".cxkit.yaml", cwd=project)  # the user's choice
    assert named.code == 2 and "SECRET-TOKEN" in named.err


def test_a_found_config_file_may_link_inside_its_folder(cxkit: Run, project: Path) -> None:
    (project / "conf").mkdir()
    (project / "conf" / "cxkit.yaml").write_text("rules:\n  team-no-lead: error\n", "utf-8")
    (project / ".cxkit.yaml").symlink_to(Path("conf") / "cxkit.yaml")
    result = cxkit("validate", "journeys", "-f", "parsable", cwd=project)
    assert result.code == 1
    assert "[error] team 'legal' has no lead" in result.out


@pytest.mark.parametrize("where", ["missing/summary.md", "folder", "pipe"])
def test_a_job_summary_that_cannot_be_written_is_named_not_a_bug_nor_a_hang(
    project: Path, where: str
) -> None:
    # GITHUB_STEP_SUMMARY comes from the machine: a path in no folder, a folder, or a named pipe
    # no one reads were an internal error, or a run that never ended.
    (project / "folder").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(project / "pipe")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(project / where)}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "cxkit", "validate", "journeys", "-f", "github"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=BUDGET,
    )
    assert done.returncode == 2
    assert "cannot write the job summary" in done.stderr
    assert "internal error" not in done.stderr
