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

from tests.conftest import Result, Run, write

# A run that takes this long has hung (the slowest here takes about 5 s).
BUDGET = 120.0


def child(
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
    return Result(done.returncode, done.stdout, done.stderr)


def run(
    *args: str | Path,
    cwd: Path,
    stack_bytes: int | None = None,
    memory_bytes: int | None = None,
) -> Result:
    """`child`, and never a traceback nor an internal error."""
    result = child(*args, cwd=cwd, stack_bytes=stack_bytes, memory_bytes=memory_bytes)
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    return result


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


# --- item 2: every YAML file is read on the parser's large stack -----------------------------

# 300,000 levels of block lists (600 KB). libyaml's composer recurses in C for each level it
# reads: on a main thread's stack that crashes the process (PyYAML 6.0.1 reads every level;
# 6.0.4 stops at 1,000, which a main thread of 256 KB cannot hold either).
DEEP = "- " * 300_000 + "\n"
SMALL_STACK = 256 * 1024


def test_a_deeply_nested_config_file_is_a_message_not_a_crash(project: Path) -> None:
    write(project, ".cxkit.yaml", "ignore:\n" + DEEP)
    result = run("validate", "journeys", cwd=project, stack_bytes=SMALL_STACK)
    assert result.code == 2, result.err  # a crash ends in -11 (SIGSEGV)
    assert "the config file .cxkit.yaml has" in result.err
    assert "nesting deeper than 100 levels" in result.err


@pytest.mark.parametrize("kind", ["workspace", "change"])
def test_other_deeply_nested_yaml_files_are_findings_not_a_crash(project: Path, kind: str) -> None:
    if kind == "workspace":
        write(project / "journeys", "deep.yaml", "touchpoints:\n" + DEEP)
        args: tuple[str, ...] = ("validate", "-f", "parsable", "--no-config", "journeys")
        shown = "journeys/deep.yaml:2:"
    else:
        write(project, "change.yaml", "change:\n  affects:\n    " + DEEP)
        args = ("impact", "-w", "journeys", "change.yaml")
        shown = "change.yaml:3:"
    result = run(*args, cwd=project, stack_bytes=SMALL_STACK)
    assert result.code in (1, 2), result.err  # findings, or a change that cannot be used
    assert shown in result.out + result.err
    assert "nesting deeper than 100 levels" in result.out + result.err


def test_a_deeply_nested_file_in_a_revision_is_read_safely(tmp_path: Path, example: Path) -> None:
    # `diff` reads the revision in a second process, then reads again here a file whose problems
    # need positions: that second read crashed with PyYAML 6.0.1, which composes every level.
    write(example, "deep.yaml", "touchpoints:\n" + DEEP)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "deep"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )
    result = run("diff", "HEAD", "journeys", cwd=tmp_path, stack_bytes=SMALL_STACK)
    assert result.code == 0, result.err
    assert "No changes." in result.out


# --- item 3: a baseline nested too deeply ---------------------------------------------------


def test_a_deeply_nested_baseline_is_a_usage_error(cxkit: Run, project: Path) -> None:
    write(project, "base.json", "[" * 100_000)
    result = cxkit("validate", "--no-config", "--baseline", "base.json", "journeys", cwd=project)
    assert result.code == 2
    assert result.err == (
        "cxkit: error: base.json: the baseline file nests lists or objects too deeply to read"
        " (a cxkit baseline nests three levels); record it again with"
        " --write-baseline base.json\n"
    )


# --- item 4: only regular files, up to the size cap ----------------------------------------

NAMED = {
    "config": ("config file", ("validate", "journeys", "-c")),
    "baseline": ("baseline file", ("validate", "--no-config", "journeys", "--baseline")),
    "change": ("change file", ("impact", "-w", "journeys")),
}


@pytest.mark.parametrize("role", NAMED)
def test_a_named_pipe_is_refused_not_waited_on(project: Path, role: str) -> None:
    what, args = NAMED[role]
    os.mkfifo(project / "pipe")  # nothing ever writes to it: opening it to read would wait
    result = run(*args, "pipe", cwd=project)
    assert result.code == 2
    assert result.err == (
        f"cxkit: error: cannot read the {what} pipe: it is a named pipe;"
        " cxkit reads only regular files\n"
    )


@pytest.mark.parametrize("role", NAMED)
def test_a_device_is_refused_not_read_without_end(project: Path, role: str) -> None:
    what, args = NAMED[role]
    # Reading it without end would fill the machine's memory before the time runs out.
    result = run(*args, "/dev/zero", cwd=project, memory_bytes=2 * 1024**3)
    assert result.code == 2
    assert result.err == (
        f"cxkit: error: cannot read the {what} /dev/zero: it is a character device;"
        " cxkit reads only regular files\n"
    )


@pytest.mark.parametrize("role", NAMED)
def test_a_file_over_the_size_cap_is_refused(cxkit: Run, project: Path, role: str) -> None:
    what, args = NAMED[role]
    with (project / "huge").open("wb") as huge:
        huge.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    result = cxkit(*args, "huge", cwd=project)
    assert result.code == 2
    assert result.err == (
        f"cxkit: error: cannot read the {what} huge: it is 65 MiB; cxkit reads files up to 64 MiB\n"
    )
