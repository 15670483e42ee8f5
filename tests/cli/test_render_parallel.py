"""`cxkit render` over several processes: the same files as one process, and nothing written
unless every page rendered.

Renders big enough to be shared out (at least 100 pages a process) run as real processes, as a
user starts them: the parent forks its workers only when it has a single thread, which the
test process may not have.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_render import snapshot
from tests.conftest import write

JOURNEYS = 260  # 260 journey pages: enough for two processes, and for three


def big_workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace of JOURNEYS journeys on one system, and a change to that system."""
    lines = [
        "owners:",
        "  - {id: care, name: Care, kind: team}",
        "  - {id: ana, name: Ana Ruiz, kind: person, team: care}",
        "systems:",
        "  - {id: crm, name: CRM, owner: care}",
        "journeys:",
    ]
    for j in range(JOURNEYS):
        lines += [
            f"  - id: journey-{j}",
            f"    name: Journey {j} <&>",
            "    leader: ana",
            "    stages:",
            "      - id: start",
            "        name: Start",
            "        touchpoints:",
            f"          - {{id: tp-{j}-a, name: Call {j}, owner: care, systems: [crm],"
            f" emotion: {j % 5 + 1}}}",
            f"          - {{id: tp-{j}-b, name: Letter {j}, owner: care, channel: mail}}",
        ]
    workspace = tmp_path / "ws"
    write(workspace, "journeys.yaml", "\n".join(lines) + "\n")
    change = write(
        tmp_path,
        "change.yaml",
        "change:\n"
        "  id: crm-upgrade\n"
        "  title: CRM upgrade\n"
        "  reason: technology\n"
        "  purpose: A faster CRM for the agents\n"
        "  owner: care\n"
        "  release: 2026-05-01\n"
        "  affects: {touchpoints: [], systems: [crm], channels: [], owners: []}\n",
    )
    return workspace, change


def render(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxkit", "render", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_a_briefing_pack_is_the_same_from_several_processes(tmp_path: Path, jobs: str) -> None:
    workspace, change = big_workspace(tmp_path)
    one, several = tmp_path / "one", tmp_path / "several"
    alone = render(change, "-w", workspace, "-o", one, "-j", "1", cwd=tmp_path)
    shared = render(change, "-w", workspace, "-o", several, "-j", jobs, cwd=tmp_path)
    assert alone.returncode == shared.returncode == 0, alone.stderr + shared.stderr
    assert alone.stdout.replace("one/", "") == shared.stdout.replace("several/", "")
    pages = snapshot(one)
    assert len([name for name in pages if name.startswith("journeys/")]) == 2 * JOURNEYS
    assert snapshot(several) == pages  # every page and the record of what was written


def test_journey_maps_are_the_same_from_several_processes(tmp_path: Path) -> None:
    workspace, _ = big_workspace(tmp_path)
    one, several = tmp_path / "one", tmp_path / "several"
    assert render("--maps", "-w", workspace, "-o", one, "-j", "1", cwd=tmp_path).returncode == 0
    result = render("--maps", "-w", workspace, "-o", several, "-j", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert snapshot(several) == snapshot(one)


def test_a_page_failing_in_a_worker_writes_nothing(tmp_path: Path) -> None:
    """A user's template that fails on the last journey page only (which a worker renders)
    stops the render as in one process, before anything is written."""
    workspace, change = big_workspace(tmp_path)
    templates = tmp_path / "templates"
    write(
        templates,
        "briefing/journey.md.j2",
        f"# {{{{ journey.name }}}}\n"
        f"{{% if journey.id == 'journey-{JOURNEYS - 1}' %}}{{{{ no_such_value }}}}{{% endif %}}\n",
    )
    outcomes = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        write(out, "notes.txt", "mine\n")
        result = render(
            change, "-w", workspace, "-o", out, "--templates", templates, "-j", jobs, cwd=tmp_path
        )
        assert result.returncode == 2
        assert snapshot(out) == {"notes.txt": b"mine\n"}
        outcomes.append(result.stderr)
    assert "no_such_value" in outcomes[0] and "Traceback" not in outcomes[0]
    assert outcomes[1] == outcomes[0]


def test_rendering_again_over_its_own_files_needs_no_force(tmp_path: Path) -> None:
    workspace, change = big_workspace(tmp_path)
    out = tmp_path / "out"
    assert render(change, "-w", workspace, "-o", out, "-j", "2", cwd=tmp_path).returncode == 0
    first = snapshot(out)
    again = render(change, "-w", workspace, "-o", out, "-j", "2", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert snapshot(out) == first


def test_a_users_file_stops_a_shared_render_before_it_starts(tmp_path: Path) -> None:
    workspace, change = big_workspace(tmp_path)
    out = tmp_path / "out"
    write(out, f"journeys/journey-{JOURNEYS - 1}.html", "my page\n")
    result = render(change, "-w", workspace, "-o", out, "-j", "2", cwd=tmp_path)
    assert result.returncode == 2
    assert "--force" in result.stderr
    assert snapshot(out) == {f"journeys/journey-{JOURNEYS - 1}.html": b"my page\n"}


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(tmp_path: Path, jobs: str) -> None:
    workspace, change = big_workspace(tmp_path)
    result = render(change, "-w", workspace, "-o", tmp_path / "out", "-j", jobs, cwd=tmp_path)
    assert result.returncode == 2
    assert "--jobs" in result.stderr or "-j" in result.stderr
    assert not (tmp_path / "out").exists()
