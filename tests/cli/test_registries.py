"""The registries are the one list of what exists: the `--format` choices of each command are
its reporter registry."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cxkit import report
from tests.conftest import CHANGES, EXAMPLE, ROOT, Run

CHANGE = CHANGES / "ivr-callback.yaml"
# A command line per registry, with the format to write left to the end.
COMMANDS = {
    "VALIDATE_REPORTERS": ["validate", str(EXAMPLE), "--no-config"],
    "IMPACT_REPORTERS": ["impact", str(CHANGE), "-w", str(EXAMPLE)],
    "DIFF_REPORTERS": ["diff", str(EXAMPLE), str(EXAMPLE)],
}


def registered(name: str) -> dict[str, str]:
    registry: dict[str, str] = getattr(report, name)
    return registry


@pytest.fixture(scope="module")
def one_more_format(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of cxkit's source with one line added to each reporter registry: a format named
    `again` that writes what `json` writes."""
    copy = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "src" / "cxkit", copy / "cxkit")
    registries = copy / "cxkit" / "report" / "__init__.py"
    text = registries.read_text(encoding="utf-8")
    for json_reporter in (
        '"cxkit.report.json"',
        '"cxkit.report.impact_json"',
        '"cxkit.report.diff_json"',
    ):
        line = f'    "json": {json_reporter},\n'
        assert line in text
        text = text.replace(line, f'{line}    "again": {json_reporter},\n')
    registries.write_text(text, encoding="utf-8")
    return copy


def run_from(source: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxkit", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(source)},
        timeout=120,
    )


@pytest.mark.parametrize("registry", COMMANDS)
def test_a_format_added_to_a_registry_is_a_choice_of_its_command(
    cxkit: Run, one_more_format: Path, registry: str
) -> None:
    as_json = cxkit(*COMMANDS[registry], "-f", "json")
    added = run_from(one_more_format, *COMMANDS[registry], "-f", "again")
    assert (added.returncode, added.stdout) == (as_json.code, as_json.out), added.stderr


def test_a_format_added_to_the_validate_registry_is_a_choice_of_the_typer_command(
    cxkit: Run, one_more_format: Path
) -> None:
    # `--` makes the command line one the fast path leaves to Typer.
    args = ["validate", "--no-config", "-f", "again", "--", str(EXAMPLE)]
    added = run_from(one_more_format, *args)
    assert (added.returncode, added.stdout) == (0, cxkit(*args[:3], "json", *args[4:]).out)
    assert "again" in run_from(one_more_format, "validate", "--help").stdout


@pytest.mark.parametrize(
    ("registry", "name"),
    [(registry, name) for registry in COMMANDS for name in registered(registry)],
)
def test_every_registered_format_writes_a_report(cxkit: Run, registry: str, name: str) -> None:
    result = cxkit(*COMMANDS[registry], "-f", name)
    assert result.code in (0, 1), result.err
    assert result.out.strip(), f"{name} wrote nothing"
    assert "internal error" not in result.err
