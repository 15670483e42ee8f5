"""What a newcomer meets first: where SARIF results point, messages about git and YAML mistakes,
the benchmark generator's command line, and render's file names on Windows.

Every test runs the real CLI (in-process through the `cxkit` fixture, or a subprocess) on real
files and real git repositories made in tmp_path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

import pytest

from tests.conftest import ROOT, Run, git, write

# --- SARIF: where each result points ---------------------------------------------------------

UNOWNED = """\
owners:
  - {id: care, name: Care, kind: team}
touchpoints:
  - {id: call, name: A call, owner: nobody}
"""


def sarif_run(cxkit: Run, workspace: Path | str, cwd: Path) -> dict[str, Any]:
    result = cxkit("validate", workspace, "-f", "sarif", cwd=cwd)
    assert result.code == 1, result.err
    run: dict[str, Any] = json.loads(result.out)["runs"][0]
    assert run["results"], "the workspace has findings"
    return run


def artifact_locations(run: dict[str, Any]) -> list[dict[str, str]]:
    return [
        location["physicalLocation"]["artifactLocation"]
        for result in run["results"]
        for location in result["locations"]
    ]


def resolved(location: dict[str, str], run: dict[str, Any]) -> Path:
    """The file a location names, resolved as SARIF 2.1.0 says (§3.4.4)."""
    uri = location["uri"]
    if "uriBaseId" in location:
        base = run["originalUriBaseIds"][location["uriBaseId"]]["uri"]
        assert urlparse(base).scheme == "file" and base.endswith("/"), base
        assert not urlparse(uri).scheme, f"{uri} is relative to its base"
        uri = urljoin(base, uri)
    parsed = urlparse(uri)
    assert parsed.scheme == "file", uri
    return Path(url2pathname(parsed.path))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository's checkout with its workspace in journeys/, and a folder beside it."""
    root = tmp_path.resolve() / "repo"
    write(root, "journeys/care.yaml", UNOWNED)
    (tmp_path / "elsewhere").mkdir()
    return root


@pytest.mark.parametrize("given", ["relative", "absolute"])
def test_sarif_run_from_the_repository_points_relative_to_it(
    cxkit: Run, repo: Path, given: str
) -> None:
    workspace = "journeys" if given == "relative" else repo / "journeys"
    run = sarif_run(cxkit, workspace, cwd=repo)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    for location in artifact_locations(run):
        assert location == {"uri": "journeys/care.yaml", "uriBaseId": "%SRCROOT%"}
        assert resolved(location, run) == repo / "journeys" / "care.yaml"


@pytest.mark.parametrize("given", ["relative", "absolute"])
def test_sarif_run_from_another_folder_points_at_absolute_files(
    cxkit: Run, repo: Path, given: str
) -> None:
    elsewhere = repo.parent / "elsewhere"
    workspace = "../repo/journeys" if given == "relative" else repo / "journeys"
    run = sarif_run(cxkit, workspace, cwd=elsewhere)
    for location in artifact_locations(run):
        # An absolute URI carries no base id (SARIF 2.1.0 §3.4.4).
        assert location == {"uri": (repo / "journeys" / "care.yaml").as_uri()}
        assert resolved(location, run) == repo / "journeys" / "care.yaml"


def test_sarif_run_from_the_filesystem_root_has_a_well_formed_base(cxkit: Run, repo: Path) -> None:
    root = Path(repo.anchor)
    run = sarif_run(cxkit, repo / "journeys", cwd=root)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.as_uri()
    for location in artifact_locations(run):
        assert location["uriBaseId"] == "%SRCROOT%"
        assert resolved(location, run) == repo / "journeys" / "care.yaml"


# --- git: no repository, no commit, a shallow clone ---------------------------------------------

OWNERS = "owners:\n  - {id: care, name: Care, kind: team}\n"


@pytest.fixture
def alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a workspace, in no git repository (git looks no further up than it)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for variable in ("GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(variable, raising=False)
    folder = tmp_path / "project"
    write(folder, "journeys/owners.yaml", OWNERS)
    return folder


def compare_with(cxkit: Run, revision: str, folder: Path, command: str) -> str:
    """The error `cxkit diff REV` or `cxkit impact --since REV` ends with."""
    args = ("diff", revision) if command == "diff" else ("impact", "--since", revision)
    result = cxkit(*args, cwd=folder)
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    return result.err


@pytest.mark.parametrize("command", ["diff", "impact"])
def test_outside_a_repository_it_says_there_is_none(cxkit: Run, alone: Path, command: str) -> None:
    err = compare_with(cxkit, "HEAD", alone, command)
    assert "'HEAD' is not a folder, and there is no git repository in this folder" in err
    assert "run cxkit inside the repository that holds the workspace" in err
    assert "neither a folder nor a git revision" not in err


def test_without_git_it_says_to_install_it(
    cxkit: Run, alone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "no-programs").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    err = compare_with(cxkit, "HEAD", alone, "diff")
    assert "'HEAD' is not a folder, and git is not installed" in err and "install git" in err


def test_a_repository_without_a_commit_says_to_commit(cxkit: Run, alone: Path) -> None:
    git(alone, "init", "-q")
    err = compare_with(cxkit, "HEAD", alone, "diff")
    assert "this git repository has no commit yet" in err and "commit the workspace first" in err


@pytest.fixture
def shallow(alone: Path) -> Path:
    """A clone, one commit deep, of a repository with two commits on main and a branch."""
    origin = alone
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "one")
    write(origin, "journeys/owners.yaml", OWNERS + "  - {id: ops, name: Ops, kind: team}\n")
    git(origin, "commit", "-q", "-am", "two")
    git(origin, "branch", "other")
    clone = alone.parent / "clone"
    git(alone.parent, "clone", "-q", "--depth", "1", origin.as_uri(), clone.name)
    return clone


SHALLOW_ADVICE = (
    "is not a folder, and this shallow clone (fetched with a depth) does not have it as a"
    " revision: if it names a commit or branch of the repository, fetch the history"
    " (`git fetch --unshallow`, or `fetch-depth: 0` on actions/checkout in GitHub Actions)"
)


@pytest.mark.parametrize("command", ["diff", "impact"])
@pytest.mark.parametrize("revision", ["HEAD~1", "origin/other"])
def test_a_shallow_clone_says_to_fetch_the_history(
    cxkit: Run, shallow: Path, command: str, revision: str
) -> None:
    err = compare_with(cxkit, revision, shallow, command)
    assert f"'{revision}' {SHALLOW_ADVICE}" in err


def test_fetching_the_history_as_advised_lets_the_diff_run(cxkit: Run, shallow: Path) -> None:
    git(shallow, "fetch", "-q", "--unshallow")
    result = cxkit("diff", "HEAD~1", cwd=shallow)
    assert result.code == 0, result.err


def test_a_name_a_whole_history_lacks_is_still_neither(cxkit: Run, shallow: Path) -> None:
    git(shallow, "fetch", "-q", "--unshallow")
    err = compare_with(cxkit, "no-such-branch", shallow, "diff")
    assert "'no-such-branch' is neither a folder nor a git revision" in err


# --- YAML: the commonest indentation mistakes, in plain words -------------------------------------

JOURNEY_START = """\
journeys:
  - id: sign-up
    name: Sign up
    leader: sam
"""

BROKEN_JOURNEYS = {
    "a field one space short of its item's other fields": (
        JOURNEY_START
        + """\
    stages:
      - id: discover
        name: Finds the offer
       touchpoints: [pricing-page]
""",
        "8:8",
        "this line does not line up with the list it is in (its items' '-' at column 7, from"
        " line 6): indent the line as far as the fields above it, or start a new item with '- '"
        " at column 7",
    ),
    "a list item one space short of the items above": (
        JOURNEY_START
        + """\
    stages:
      - id: discover
        name: Finds the offer
        touchpoints: [pricing-page]
     - id: welcome
       name: Gets started
       touchpoints: [welcome-call]
""",
        "9:6",
        "this line does not line up with the mapping it is in (its keys at column 5, from line"
        " 2): put a key under the keys above it, and a list item's '-' under the '-' of the"
        " items above it",
    ),
    "a ': ' inside a value": (
        JOURNEY_START
        + """\
    goal: Set up on the first attempt: no call needed
    stages:
      - {id: discover, name: Finds the offer, touchpoints: [pricing-page]}
""",
        "5:38",
        "a ': ' inside a value: put the value in quotes, as in"
        ' goal: "Set up on the first attempt: no call needed"',
    ),
    "a key indented deeper than the one above": (
        JOURNEY_START
        + """\
    stages:
      - id: discover
        name: Finds the offer
          touchpoints: [pricing-page]
""",
        "8:22",
        "this line is indented deeper than the one above, so it reads as more of that line's"
        " value, where ': ' cannot be: line its key up with the keys above it",
    ),
    "a key without its colon": (
        JOURNEY_START
        + """\
    stages:
      - id: discover
        name Finds the offer
        touchpoints: [pricing-page]
""",
        "8:9",
        "the key at line 7, column 9 has no ': ' (a colon and a space) after it, so it runs on"
        " to here: write 'key: value'",
    ),
    "the last key without its colon": (
        JOURNEY_START
        + """\
    stages:
      - id: discover
        touchpoints: [pricing-page]
        name Finds the offer
""",
        "8:9",
        "a key without a ': ' (a colon and a space) after it: write 'key: value'",
    ),
}


@pytest.mark.parametrize(
    ("text", "position", "message"), BROKEN_JOURNEYS.values(), ids=BROKEN_JOURNEYS
)
def test_a_yaml_mistake_is_explained_where_it_is(
    cxkit: Run, tmp_path: Path, text: str, position: str, message: str
) -> None:
    write(tmp_path, "journeys/sign-up.yaml", text)
    result = cxkit("validate", "journeys", "-f", "parsable", cwd=tmp_path)
    assert result.code == 1, result.err
    assert result.out == f"journeys/sign-up.yaml:{position}: [error] {message} (yaml-syntax)\n"


# --- benchmarks/generate.py's command line ------------------------------------------------------

GENERATE = ROOT / "benchmarks" / "generate.py"


def generate(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("how", ["script", "module"])
def test_the_generator_explains_itself(tmp_path: Path, how: str) -> None:
    if how == "script":  # from any folder, as `python benchmarks/generate.py` is
        done = generate(GENERATE, "--help", cwd=tmp_path)
    else:
        done = generate("-m", "benchmarks.generate", "--help", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python -m benchmarks.generate")
    assert "--journeys-per-file K" in done.stdout and done.stderr == ""


def test_the_generator_says_what_it_cannot_write(tmp_path: Path) -> None:
    taken = write(tmp_path, "out", "a file, not a folder\n")
    done = generate(GENERATE, "50", taken, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"python -m benchmarks.generate: error: cannot write {taken}")
    assert "Traceback" not in done.stderr


def test_the_generator_writes_a_workspace_cxkit_reads(cxkit: Run, tmp_path: Path) -> None:
    done = generate(GENERATE, "50", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = cxkit("validate", tmp_path / "out" / "journeys", "-f", "parsable")
    assert result.code == 1  # every rule has something to find
    assert result.err.startswith("coverage: ") and result.err.count("\n") == 1


# --- render: file names Windows refuses ---------------------------------------------------------

DEVICE_NAMES = """\
owners:
  - {id: aux, name: Auxiliary services, kind: team, lead: sam}
  - {id: sam, name: Sam Patel, kind: person, team: aux}
  - {id: digital, name: Digital, kind: team, lead: lee}
  - {id: lee, name: Lee Chen, kind: person, team: digital}
journeys:
  - id: con
    name: Consolidate bills
    leader: sam
    stages:
      - id: ask
        name: Asks
        touchpoints:
          - {id: call, name: Calls us, owner: aux, responsible: [aux]}
  - id: con_
    name: Consolidate again
    leader: sam
    stages:
      - {id: ask, name: Asks again, touchpoints: [call]}
"""

CALLBACK = """\
change:
  id: callback
  title: Call customers back
  reason: customer
  purpose: Nobody waits on the line.
  owner: digital
  release: 2026-12-15
  affects:
    touchpoints: [call]
"""

WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in "123456789"
}


def written(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def windows_refuses(name: str) -> bool:
    return name.split(".")[0].lower() in WINDOWS_DEVICES or name.endswith((".", " "))


@pytest.fixture
def devices(tmp_path: Path) -> Path:
    write(tmp_path, "journeys/all.yaml", DEVICE_NAMES)
    write(tmp_path, "changes/callback.yaml", CALLBACK)
    return tmp_path


def test_a_briefing_renames_pages_windows_refuses(cxkit: Run, devices: Path) -> None:
    result = cxkit("render", "changes/callback.yaml", "-o", "out", cwd=devices)
    assert result.code == 0, result.err
    files = written(devices / "out")
    assert {"teams/aux_.html", "teams/aux_.md"} <= files
    assert {"journeys/con_.html", "journeys/con_-2.html"} <= files
    assert not [f for f in files for part in f.split("/") if windows_refuses(part)]
    index = (devices / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="teams/aux_.html"' in index and 'href="journeys/con_.html"' in index


def test_journey_maps_rename_pages_windows_refuses(cxkit: Run, devices: Path) -> None:
    result = cxkit("render", "--maps", "-o", "maps", cwd=devices)
    assert result.code == 0, result.err
    files = written(devices / "maps")
    assert {"journeys/con_.html", "journeys/con_.md", "journeys/con_-2.html"} <= files
    assert not [f for f in files for part in f.split("/") if windows_refuses(part)]
    index = (devices / "maps" / "index.html").read_text(encoding="utf-8")
    assert 'href="journeys/con_.html"' in index and 'href="journeys/con_-2.html"' in index
