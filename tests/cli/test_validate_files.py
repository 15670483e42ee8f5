"""`cxkit validate FILE ...` and `cxkit validate - --stdin-filename PATH`: files checked in their
workspace, as pre-commit and editors run a linter, and their findings reported alone.

Each run is compared with what the whole workspace's run says of the same files: a file's report
must be exactly its part of the whole, since references are resolved across every file.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Run, write

TIMEOUT = 120  # generous: only keeps a hang from stalling the suite

BROKEN = "touchpoints:\n  - id: Bad Id\n    name: Phone menu\n"


@pytest.fixture
def project(example: Path) -> Path:
    """A repository holding a copy of the example workspace in journeys/, and no config."""
    (example.parent / ".git").mkdir()
    return example.parent


def lines_of(output: str, *paths: str) -> list[str]:
    return [line for line in output.splitlines() if line.split(":", 1)[0] in paths]


def test_a_file_reports_its_part_of_the_whole_workspace(cxkit: Run, project: Path) -> None:
    whole = cxkit("validate", "-f", "parsable", cwd=project)
    for name in ("journeys/touchpoints.yaml", "journeys/billing/billing-dispute.yaml"):
        one = cxkit("validate", name, "-f", "parsable", cwd=project)
        assert one.code == 0, one.err
        # References to owners and systems in other files resolve: nothing is undefined.
        assert one.out.splitlines() == lines_of(whole.out, name) != []
    two = cxkit(
        "validate", "journeys/owners.yaml", "journeys/touchpoints.yaml", "-f", "parsable",
        cwd=project,
    )  # fmt: skip
    assert two.out.splitlines() == lines_of(
        whole.out, "journeys/owners.yaml", "journeys/touchpoints.yaml"
    )


def test_the_exit_code_and_the_counts_are_the_named_files_own(cxkit: Run, project: Path) -> None:
    write(project, "journeys/broken.yaml", BROKEN)
    assert cxkit("validate", cwd=project).code == 1
    clean = cxkit("validate", "journeys/owners.yaml", cwd=project)
    assert clean.code == 0, clean.out
    summary = clean.out.splitlines()[-1]
    assert summary.startswith("✓ 1 file checked (of 8 read in the workspace): 0 errors, 0 warnings")
    assert "findings in other files not listed" in summary
    broken = cxkit("validate", "journeys/broken.yaml", "-f", "json", cwd=project)
    assert broken.code == 1
    document = json.loads(broken.out)
    assert document["files"] == ["journeys/broken.yaml"]
    assert {f["path"] for f in document["findings"]} == {"journeys/broken.yaml"}
    assert document["summary"]["error"] == 1
    assert document["summary"]["in_other_files"] == 11


def test_a_file_outside_the_workspace_is_an_error_that_says_so(cxkit: Run, project: Path) -> None:
    write(project, "elsewhere/owners.yaml", "owners: []\n")
    result = cxkit("validate", "elsewhere/owners.yaml", cwd=project)
    assert result.code == 2
    assert "elsewhere/owners.yaml is not in the workspace journeys" in result.err
    assert "-w" in result.err
    assert result.out == ""


def test_files_and_a_folder_together_are_a_usage_error(cxkit: Run, project: Path) -> None:
    result = cxkit("validate", "journeys", "journeys/owners.yaml", cwd=project)
    assert result.code == 2
    assert "give one workspace folder, or files of one workspace, not both" in result.err


def test_a_folder_alone_is_still_the_workspace(cxkit: Run, project: Path) -> None:
    by_folder = cxkit("validate", "journeys", "-f", "parsable", cwd=project)
    assert by_folder == cxkit("validate", "-f", "parsable", cwd=project)
    assert by_folder == cxkit("validate", "-w", "journeys", "-f", "parsable", cwd=project)


def test_an_editor_in_another_folder_gets_the_configured_workspace(
    cxkit: Run, project: Path, tmp_path: Path
) -> None:
    (project / "journeys").rename(project / "cx")
    write(project, ".cxkit.yaml", "workspace: cx\n")
    elsewhere = tmp_path / "editor"
    elsewhere.mkdir()
    result = cxkit("validate", project / "cx" / "touchpoints.yaml", "-f", "parsable", cwd=elsewhere)
    assert result.code == 0, result.err
    assert result.out
    assert all(line.startswith("../cx/touchpoints.yaml:") for line in result.out.splitlines())


def test_a_file_the_config_ignores_is_left_out_with_a_note(cxkit: Run, project: Path) -> None:
    write(project, ".cxkit.yaml", "ignore: [journeys/drafts/]\n")
    write(project, "journeys/drafts/idea.yaml", BROKEN)
    result = cxkit("validate", "journeys/drafts/idea.yaml", "-f", "parsable", cwd=project)
    assert result.code == 0
    assert result.out == ""
    assert "journeys/drafts/idea.yaml: not checked: the config's ignore leaves it out" in result.err


def test_a_named_file_that_does_not_exist_is_an_error(cxkit: Run, project: Path) -> None:
    result = cxkit("validate", "journeys/gone.yaml", cwd=project)
    assert result.code == 2
    assert "file not found: journeys/gone.yaml" in result.err


def test_writing_a_baseline_of_some_files_is_refused(cxkit: Run, project: Path) -> None:
    result = cxkit("validate", "journeys/owners.yaml", "--write-baseline", "b.json", cwd=project)
    assert result.code == 2
    assert "--write-baseline records the whole workspace" in result.err
    assert not (project / "b.json").exists()


# --- a commit that changes owners.yaml alone -----------------------------------------------


def rename_a_journey_leader(project: Path) -> None:
    """Misspell in owners.yaml the id of a leader the billing journey names."""
    owners = project / "journeys" / "owners.yaml"
    text = owners.read_text(encoding="utf-8")
    assert "  - id: owen-clarke\n" in text
    owners.write_text(text.replace("  - id: owen-clarke\n", "  - id: owen-clark\n"), "utf-8")


def test_failing_elsewhere_reports_what_a_change_breaks_in_other_files(
    cxkit: Run, project: Path
) -> None:
    rename_a_journey_leader(project)
    alone = cxkit("validate", "journeys/owners.yaml", "-f", "parsable", cwd=project)
    assert alone.code == 0  # owners.yaml itself is fine
    result = cxkit(
        "validate", "journeys/owners.yaml", "--failing-elsewhere", "-f", "parsable", cwd=project
    )
    assert result.code == 1
    broken = [line for line in result.out.splitlines() if "(ref-undefined)" in line]
    assert len(broken) == 1
    assert broken[0].startswith("journeys/billing/billing-dispute.yaml:8:13: [error] leader")


def pre_commit(cxkit: Run, project: Path, changed: list[str]) -> int:
    """Run the hook as pre-commit does: its entry, then the changed files its `files` matches."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    program, *args = shlex.split(hook["entry"])
    assert program == "cxkit" and hook["pass_filenames"] is True
    passed = [name for name in changed if re.search(hook["files"], name)]
    return cxkit(*args, *passed, cwd=project).code if passed else 0


def test_the_hook_stops_a_commit_of_owners_yaml_that_breaks_other_files(
    cxkit: Run, project: Path
) -> None:
    assert pre_commit(cxkit, project, ["journeys/owners.yaml", "README.md"]) == 0
    rename_a_journey_leader(project)
    assert pre_commit(cxkit, project, ["journeys/owners.yaml"]) == 1


# --- unsaved text on standard input --------------------------------------------------------


def run(
    args: list[str | Path], cwd: Path, text: bytes = b"", stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    """cxkit as a program, given `text` on standard input (or the file open at `stdin`)."""
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "CXKIT_CONFIG"}}
    done = subprocess.run(
        [sys.executable, "-m", "cxkit", *map(str, args)],
        cwd=cwd,
        env=env,
        input=None if stdin is not None else text,
        stdin=stdin,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def test_stdin_stands_in_for_the_file_it_names(project: Path) -> None:
    on_disk = (project / "journeys" / "touchpoints.yaml").read_bytes()
    edited = on_disk.replace(b"  - id: ivr-menu\n", b"  - id: ivr-menu\n    colour: blue\n", 1)
    assert edited != on_disk
    args = ["validate", "-", "--stdin-filename", "journeys/touchpoints.yaml", "-f", "parsable"]
    result = run(args, project, edited)
    assert result.returncode == 1, result.stderr
    unknown = [line for line in result.stdout.splitlines() if "(unknown-field)" in line]
    assert len(unknown) == 1 and unknown[0].startswith("journeys/touchpoints.yaml:")
    assert all(line.startswith("journeys/touchpoints.yaml:") for line in result.stdout.splitlines())
    # The same text from disk says the same; the file on disk was never changed.
    assert run(args, project, on_disk).returncode == 0
    assert (project / "journeys" / "touchpoints.yaml").read_bytes() == on_disk


def test_stdin_may_be_a_file_not_yet_on_disk(project: Path) -> None:
    text = b"touchpoints:\n  - id: web-chat\n    name: Web chat\n    owner: nobody-here\n"
    args = ["validate", "-", "--stdin-filename", "journeys/new.yaml", "-f", "parsable"]
    result = run(args, project, text)
    assert result.returncode == 1
    assert (
        "journeys/new.yaml:4:12: [error] owner 'nobody-here' is not a defined owner"
        in result.stdout
    )
    assert not (project / "journeys" / "new.yaml").exists()


def test_a_dash_without_stdin_filename_says_what_to_add(cxkit: Run, project: Path) -> None:
    result = cxkit("validate", "-", cwd=project)
    assert result.code == 2
    assert "add --stdin-filename PATH" in result.err
    alone = cxkit("validate", "--stdin-filename", "journeys/owners.yaml", cwd=project)
    assert alone.code == 2
    assert "add '-'" in alone.err


def test_stdin_is_bounded_as_files_are(project: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:  # sparse: nothing is written but its size
        handle.truncate(64 * 1024 * 1024 + 10)
    with huge.open("rb") as stdin:
        args = ["validate", "-", "--stdin-filename", "journeys/owners.yaml"]
        result = run(args, project, stdin=stdin.fileno())
    assert result.returncode == 2
    assert "standard input holds more than 64 MiB" in result.stderr
    assert "Traceback" not in result.stderr


def test_stdin_for_a_file_the_workspace_would_not_read_is_left_out(project: Path) -> None:
    write(project, ".cxkit.yaml", "ignore: [journeys/drafts/]\n")
    for name, why in [
        ("journeys/drafts/idea.yaml", "not checked: the config's ignore leaves it out"),
        ("journeys/.scratch.yaml", "not checked: the workspace skips names starting with '.'"),
        ("journeys/notes.txt", "not a workspace file"),
    ]:
        result = run(["validate", "-", "--stdin-filename", name, "-f", "parsable"], project, b"x")
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert f"cxkit: {name}: {why}" in result.stderr
