"""Reading files cannot be made to hang or crash cxkit (issue 14, items 1 to 4).

Most tests run `python -m cxkit` in a child process: a hang is then a timeout that fails the test
(budgets are tens of times what a run takes: no speed targets, those live in benchmarks/), and a
crash of the process is an exit code the test sees.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Result, write

# A run that takes this long has hung (the slowest here takes about 5 s).
BUDGET = 120.0


def run(
    *args: str | Path,
    cwd: Path,
    stack_bytes: int | None = None,
    memory_bytes: int | None = None,
) -> Result:
    """`cxkit ARGS` in a child process, optionally with a main thread's stack of `stack_bytes`
    or at most `memory_bytes` of address space."""

    def limit() -> None:
        for which, value in (
            (resource.RLIMIT_STACK, stack_bytes),
            (resource.RLIMIT_AS, memory_bytes),
        ):
            if value is not None:
                resource.setrlimit(which, (value, resource.getrlimit(which)[1]))

    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "cxkit", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=BUDGET,
        preexec_fn=limit,
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def project(tmp_path: Path, example: Path) -> Path:
    """A project folder: the example workspace in `journeys/`, and a git root, so that no
    config file above the test's folder is found."""
    (tmp_path / ".git").mkdir()
    return tmp_path


# --- item 1: placing a finding costs the same in a mapping of any size -----------------------


def test_a_mapping_of_200000_unknown_keys_is_reported(project: Path) -> None:
    # The file: 2.9 MB, one mapping, every key unknown (each finding placed at its key).
    keys = 200_000
    write(project / "big", "a.yaml", "".join(f"k{i}: {i}\n" for i in range(keys)))
    result = run("validate", "-f", "parsable", "--no-config", "big", cwd=project)
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == keys
    assert lines[-1].startswith(f"big/a.yaml:{keys}:1: [error] unknown top-level key 'k{keys - 1}'")


def test_many_duplicates_of_a_key_of_a_large_mapping_are_reported(project: Path) -> None:
    # 300,000 keys, then 50,000 more of the last one: each duplicate names the line of the first.
    keys, again = 300_000, 50_000
    last = f"  k{keys - 1}: 1\n"
    text = "owners:\n" + "".join(f"  k{i}: 1\n" for i in range(keys)) + last * again
    write(project / "dup", "a.yaml", text)
    result = run("validate", "-f", "parsable", "--no-config", "dup", cwd=project)
    assert result.code == 1
    duplicates = [line for line in result.out.splitlines() if "(yaml-duplicate-key)" in line]
    assert len(duplicates) == again
    first = keys + 1  # `owners:` is line 1
    assert duplicates[-1].startswith(
        f"dup/a.yaml:{first + again}:3: [error] duplicate key 'k{keys - 1}'"
        f" (first on line {first});"
    )
