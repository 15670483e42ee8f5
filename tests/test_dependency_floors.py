"""The suite passes at the low end of every dependency range cxkit declares, not only the top.

The suite's own environment gets the newest releases, as a user's `pip install` does. This test
installs the lowest release each range in pyproject.toml allows (`pyyaml>=6.0.1` -> 6.0.1) into
an environment of its own and runs the suite there. Left out there: this file (it would start
itself again), the code-quality checks (they judge cxkit's code, not its dependencies) and the
tests marked `installs` (they install cxkit's dependencies afresh, at their newest).

It needs the package index, as installing the test dependencies does. The environment is kept
in `.venv-floors` and made again when the floors change.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

from tests.conftest import ROOT

FLOORS_VENV = ROOT / ".venv-floors"
_FLOOR = re.compile(r"^([A-Za-z0-9_.-]+)>=([^,;\s]+)$")


def declared_floors() -> list[str]:
    """`name==lowest` for each runtime dependency; every one must declare a lower bound."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = _FLOOR.match(requirement.replace(" ", ""))
        assert match, f"{requirement!r}: declare the lowest supported release as name>=X"
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def declared_test_tools() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["optional-dependencies"]["test"])


def floors_environment(pins: list[str]) -> Path:
    """A virtual environment with cxkit, its test tools, and `pins`; reused while the pins and
    the test tools stay as they were."""
    python = FLOORS_VENV / "bin" / "python"
    stamp = FLOORS_VENV / "floors.txt"
    wanted = "\n".join(pins) + "\n"
    made_for = wanted + "\n".join(declared_test_tools()) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == made_for:
        return python
    venv.create(FLOORS_VENV, with_pip=True, clear=True)
    constraints = FLOORS_VENV / "constraints.txt"
    constraints.write_text(wanted, encoding="utf-8")
    install = [str(python), "-m", "pip", "install", "-q", "-c", str(constraints)]
    done = subprocess.run(
        [*install, "-e", f"{ROOT}[test]"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, f"installing {', '.join(pins)} failed:\n{done.stderr[-4000:]}"
    stamp.write_text(made_for, encoding="utf-8")
    return python


def installed(python: Path, name: str) -> str:
    script = f"from importlib.metadata import version; print(version({name!r}))"
    return subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, check=True
    ).stdout.strip()


def release(version: str) -> tuple[int, ...]:
    """`2.6` and `2.6.0` are one release."""
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_the_suite_passes_on_the_lowest_declared_releases() -> None:
    pins = declared_floors()
    python = floors_environment(pins)
    for pin in pins:
        name, version = pin.split("==")
        assert release(installed(python, name)) == release(version), f"{name}: not the floor"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run(
        [
            str(python),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--ignore",
            str(Path(__file__).relative_to(ROOT)),
            "--deselect",
            "tests/test_code_quality.py",
            # Building and installing cxkit: each makes an environment of its own, with the
            # newest releases, so running them here again would test nothing new.
            "-m",
            "not installs",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"on {', '.join(pins)} ({sys.platform}):\n{result.stdout[-6000:]}{result.stderr[-2000:]}"
    )
