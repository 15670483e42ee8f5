"""Shared fixtures: run the real `cxkit` entry point in-process, on real files."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cxkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "journeys"
CHANGES = ROOT / "changes"
DATA = Path(__file__).resolve().parent / "data"
TODAY = "2026-12-02"


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


def runner(
    entry: Callable[[list[str]], None],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Run:
    """Call `entry` with arguments, as a user would from a shell; exit code and output."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def run(*args: str | Path, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            entry([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test judges review dates against one day, so results do not change with the
    calendar (the example's cancel-service review is overdue on it, the others are not)."""
    monkeypatch.setenv("CXKIT_TODAY", TODAY)


@pytest.fixture
def cxkit(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """The console script's `main`, as a user runs it."""
    return runner(main, capsys, monkeypatch)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example workspace, safe to edit."""
    target = tmp_path / "journeys"
    shutil.copytree(EXAMPLE, target)
    return target


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """git in `repo` as a test's own user (no signing, whatever the machine's config says);
    `env` adds to the environment. Its standard output; a failing git fails the test."""
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=cxkit tests",
            "-c",
            "user.email=tests@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env} if env else None,
    )
    return done.stdout
