"""What a newcomer meets first: where SARIF results point, messages about git and YAML mistakes,
the benchmark generator's command line, and render's file names on Windows.

Every test runs the real CLI (in-process through the `cxkit` fixture, or a subprocess) on real
files and real git repositories made in tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

import pytest

from tests.conftest import Run, write

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
