"""Inputs that must not make cxkit pass when it should not (issue 14): an empty workspace, a
revision a folder could be mistaken for, a suppression comment on a line that breaks the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxkit.cli.app import run
from tests.conftest import CHANGES, Run, git, runner, write

# --- a comment cannot hide a problem that stops the file being read ---------------------------

# A touchpoint without owner, metric or journey: findings cxkit reports on line 2 when it can
# read the file.
UNOWNED = "touchpoints:\n  - {id: tp, name: T}\n"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the config search stops here
    return tmp_path / "ws"


def findings(cxkit: Run, ws: Path, text: str) -> tuple[int, list[str]]:
    """The exit code and the findings (`line rule`) of a workspace holding one file, `text`."""
    write(ws, "tp.yaml", text)
    result = cxkit("validate", "ws", "-f", "parsable", cwd=ws.parent)
    assert result.code in (0, 1), result.err
    return result.code, [
        f"{line.split(':')[1]} {line.rsplit('(', 1)[1].rstrip(')')}"
        for line in result.out.splitlines()
    ]


@pytest.mark.parametrize(
    "comment",
    ["# cxkit: disable-line", "# cxkit: disable-line yaml-syntax -- the parser is wrong"],
)
def test_a_comment_on_a_syntax_error_does_not_hide_the_file(
    cxkit: Run, ws: Path, comment: str
) -> None:
    text = f"{UNOWNED}  - {{id: other, name: [unclosed  {comment}\n"
    code, found = findings(cxkit, ws, text)
    assert code == 1
    assert found == ["3 yaml-syntax"]


def test_a_comment_above_a_syntax_error_does_not_hide_it_either(cxkit: Run, ws: Path) -> None:
    text = f"{UNOWNED}  # cxkit: disable-next-line\n  - {{id: other, name: [unclosed\n"
    assert findings(cxkit, ws, text) == (1, ["4 yaml-syntax"])


def test_findings_on_other_lines_of_a_broken_file_stay(cxkit: Run, ws: Path) -> None:
    """An anchor on line 2 is found before the syntax error on line 3; both are reported."""
    text = "touchpoints:\n  - &a {id: tp, name: T}\n  - {id: x, name: [  # cxkit: disable-line\n"
    code, found = findings(cxkit, ws, text)
    assert code == 1
    assert found == ["2 yaml-anchor", "3 yaml-syntax"]


def test_a_comment_inside_a_broken_quoted_value_hides_nothing(cxkit: Run, ws: Path) -> None:
    text = f'{UNOWNED}  - {{id: other, name: "open  # cxkit: disable-line\n'
    code, found = findings(cxkit, ws, text)
    assert code == 1
    assert [f.split()[1] for f in found] == ["yaml-syntax"]


def test_a_comment_on_a_second_document_does_not_hide_the_first(cxkit: Run, ws: Path) -> None:
    text = f"{UNOWNED}--- # cxkit: disable-line\n{UNOWNED}"
    assert findings(cxkit, ws, text) == (1, ["3 yaml-multiple-documents"])


def test_a_comment_on_the_opening_document_marker_hides_only_its_line(cxkit: Run, ws: Path) -> None:
    _, found = findings(cxkit, ws, f"--- # cxkit: disable-line\n{UNOWNED}")
    assert found == [
        "1 suppression-unused",
        "3 touchpoint-orphan",
        "3 touchpoint-unmeasured",
        "3 touchpoint-unowned",
    ]


def test_a_readable_file_keeps_its_suppressions(cxkit: Run, ws: Path) -> None:
    """The contrast: the same comment on a line of a file that can be read hides that line."""
    text = "touchpoints:\n  - {id: tp, name: T}  # cxkit: disable-line\n"
    assert findings(cxkit, ws, text) == (0, [])


# --- a workspace without files is an error, not a pass -----------------------------------------


@pytest.fixture
def typer_only(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`cxkit validate` through the Typer command, never the fast path (test_plain_validate.py)."""
    return runner(run, capsys, monkeypatch)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with an empty `journeys/`, a `docs/` without YAML and a good workspace `good/`."""
    (tmp_path / ".git").mkdir()  # the config search stops here
    (tmp_path / "journeys").mkdir()
    write(tmp_path, "docs/README.md", "# not a workspace\n")
    write(tmp_path, "docs/notes/todo.txt", "nothing\n")
    write(tmp_path, "good/tp.yaml", OWNED)
    return tmp_path


OWNED = """\
owners:
  - {id: care, name: Care, kind: team}
touchpoints:
  - {id: tp, name: T, owner: care, metrics: [{name: nps}]}
"""


@pytest.mark.parametrize("args", [[], ["journeys"], ["docs"], ["docs", "-f", "json"]])
def test_validate_refuses_a_workspace_without_files(
    cxkit: Run, typer_only: Run, project: Path, args: list[str]
) -> None:
    for run_it in (cxkit, typer_only):
        result = run_it("validate", *args, cwd=project)
        assert result.code == 2, result
        where = args[0] if args else "journeys"
        assert f"cxkit: error: no workspace files found in {where} (" in result.err
        assert result.out == ""


def test_validate_says_when_the_config_ignores_every_file(cxkit: Run, project: Path) -> None:
    write(project, ".cxkit.yaml", "workspace: good\nignore: ['*.yaml']\n")
    result = cxkit("validate", cwd=project)
    assert result.code == 2
    assert "no workspace files found in good (the config's ignore leaves out" in result.err


def test_allow_empty_lets_an_empty_workspace_pass(
    cxkit: Run, typer_only: Run, project: Path
) -> None:
    for run_it in (cxkit, typer_only):
        result = run_it("validate", "journeys", "--allow-empty", cwd=project)
        assert (result.code, result.err) == (0, "")
        assert "0 files checked" in result.out
    assert "--allow-empty" in typer_only("validate", "--help").out


def test_allow_empty_changes_nothing_on_a_workspace_with_files(cxkit: Run, project: Path) -> None:
    plain = cxkit("validate", "good", "-f", "json", cwd=project)
    allowed = cxkit("validate", "good", "-f", "json", "--allow-empty", cwd=project)
    assert plain == allowed
    assert plain.code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["impact", str(CHANGES / "ivr-callback.yaml")],
        ["render", "--maps", "-o", "out"],
        ["render", str(CHANGES / "ivr-callback.yaml"), "-o", "out"],
        ["diff", "good"],
        ["diff", "journeys", "good"],
    ],
    ids=["impact", "render-maps", "render-briefing", "diff-working-tree", "diff-folder"],
)
def test_every_command_refuses_a_workspace_without_files(
    cxkit: Run, project: Path, args: list[str]
) -> None:
    result = cxkit(*args, cwd=project)
    assert result.code == 2, result
    assert "cxkit: error: no workspace files found in journeys (" in result.err
    assert not (project / "out").exists()


# --- a diff or impact --since reads the revision it names, or says why it cannot ---------------

BASE = """\
owners:
  - {id: care, name: Care, kind: team}
touchpoints:
  - {id: ivr, name: Phone menu, owner: care, moment_of_truth: true, metrics: [{name: nps}]}
"""
# The pull request's change: the moment of truth loses its owner, a risk.
RISKY = BASE.replace("owner: care, ", "")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A pull request's checkout: `origin/main` has the base, the working tree the risky change,
    and the change also put a folder `origin/main/` holding its own workspace."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo, "journeys/tp.yaml", BASE)
    write(repo, "docs/README.md", "# docs\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    write(repo, "journeys/tp.yaml", RISKY)
    write(repo, "origin/main/tp.yaml", RISKY)
    return repo


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "origin/main", "--fail-on", "risk"],
        ["diff", "origin/main", "origin/main:journeys"],
        ["impact", "--since", "origin/main"],
    ],
    ids=["diff-old", "diff-new", "impact-since"],
)
def test_a_name_both_folder_and_revision_asks_which(
    cxkit: Run, checkout: Path, args: list[str]
) -> None:
    result = cxkit(*args, cwd=checkout)
    assert result.code == 2, result
    assert "'origin/main' is both a folder and a git revision" in result.err
    assert "./origin/main" in result.err
    assert "origin/main:journeys" in result.err
    assert result.out == ""


def test_rev_path_names_the_revision(cxkit: Run, checkout: Path) -> None:
    result = cxkit("diff", "origin/main:journeys", "--fail-on", "risk", cwd=checkout)
    assert result.code == 1, result
    assert "cxkit diff origin/main:journeys → working tree (journeys)" in result.out
    assert "[risk]" in result.out


@pytest.mark.parametrize("folder", ["./origin/main", "origin/main/"])
def test_dot_slash_or_a_trailing_slash_names_the_folder(
    cxkit: Run, checkout: Path, folder: str
) -> None:
    result = cxkit("diff", folder, "--fail-on", "risk", cwd=checkout)
    assert result.code == 0, result
    assert "No changes." in result.out


def test_the_folder_keeps_its_dot_slash_in_the_report(cxkit: Run, checkout: Path) -> None:
    result = cxkit("diff", "./origin/main", "-f", "json", cwd=checkout)
    assert json.loads(result.out)["old"] == "./origin/main"


def test_impact_since_rev_path_reads_the_revision(cxkit: Run, checkout: Path) -> None:
    result = cxkit("impact", "--since", "origin/main:journeys", "-f", "json", cwd=checkout)
    assert result.code == 0, result
    assert [t["id"] for t in json.loads(result.out)["touchpoints"]] == ["ivr"]


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "origin/main:journeyz", "--fail-on", "risk"],
        ["diff", "origin/main:journeys", "HEAD:journeyz"],
        ["impact", "--since", "origin/main:journeyz"],
    ],
    ids=["diff-old", "diff-new", "impact-since"],
)
def test_a_path_not_in_the_revision_is_an_error(
    cxkit: Run, checkout: Path, args: list[str]
) -> None:
    result = cxkit(*args, cwd=checkout)
    assert result.code == 2, result
    assert "'journeyz' is not in " in result.err
    assert result.out == ""


def test_a_workspace_path_not_in_the_revision_is_an_error(cxkit: Run, checkout: Path) -> None:
    """The path comes from -w (or the config) rather than REV:path: the same gate."""
    write(checkout, "maps/tp.yaml", RISKY)
    result = cxkit("diff", "HEAD", "-w", "maps", "--fail-on", "risk", cwd=checkout)
    assert result.code == 2, result
    assert "'maps' is not in HEAD" in result.err


def test_a_revision_path_without_workspace_files_is_an_error(cxkit: Run, checkout: Path) -> None:
    result = cxkit("diff", "HEAD:docs", "--fail-on", "risk", cwd=checkout)
    assert result.code == 2, result
    assert "no workspace files found in HEAD:docs (" in result.err


def test_a_revision_whose_files_the_config_ignores_says_so(cxkit: Run, checkout: Path) -> None:
    write(checkout, ".cxkit.yaml", "ignore: ['tp.yaml']\n")
    write(checkout, "journeys/other.yaml", RISKY)
    result = cxkit("diff", "origin/main:journeys", cwd=checkout)
    assert result.code == 2, result
    assert "no workspace files found in origin/main:journeys (the config's ignore" in result.err
