"""`cxkit validate` once its options are read: shared by the Typer command and the fast path.

Nothing here imports Typer, pydantic or rich: validate runs on every commit and editor save, and
on a clean workspace its whole run should cost little more than starting Python.

What the paths on the command line mean:
- none: the workspace of `-w`, else the config's `workspace`, else `journeys`;
- one folder: that workspace (as `-w FOLDER`);
- files (and `-`, the text of the file `--stdin-filename` names): those files, checked in their
  workspace (`-w`, else the config's `workspace`, else `journeys` beside the config file) and
  reported alone. A folder among files is a usage error: which would be the workspace?
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from cxkit.cli.destination import emit
from cxkit.errors import CxkitError
from cxkit.report import ValidateFormat

if TYPE_CHECKING:
    from cxkit.checks.scope import NamedFiles
    from cxkit.config import Config

STDIN = Path("-")
DEFAULT_WORKSPACE = Path("journeys")


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass(frozen=True, slots=True)
class ValidateRequest:
    """The options of one `cxkit validate` run, as given (None: not given)."""

    paths: tuple[Path, ...] = ()
    workspace: Path | None = None
    stdin_filename: Path | None = None
    failing_elsewhere: bool = False
    output_format: ValidateFormat | None = None
    fail_severity: Level | None = None
    output: Path | None = None
    quiet: bool = False
    color: bool | None = None
    config: Path | None = None
    no_config: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    allow_empty: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """What the paths of a request name: a workspace folder (None: the configured one), and
    the files in it to report on (none: the whole workspace)."""

    folder: Path | None
    files: tuple[Path, ...] = ()


def run_validate(request: ValidateRequest) -> int:
    """Check the workspace and report; the exit code (0 clean, 1 findings that fail)."""
    from cxkit.checks.baseline import load_baseline, write_baseline
    from cxkit.checks.engine import validate
    from cxkit.config import resolve_config
    from cxkit.report import VALIDATE_REPORTERS, reporter

    target = read_target(request)
    start = target.folder or (target.files[0] if target.files else None)
    settings = resolve_config(request.config, start, isolated=request.no_config)
    fail_severity = request.fail_severity
    result = validate(
        target.folder or _configured_workspace(settings, for_files=bool(target.files)),
        severities=settings.severities,
        fail_severity=fail_severity.value if fail_severity else settings.fail_severity or "error",
        ignore=settings.ignore,
        baseline=load_baseline(request.baseline) if request.baseline else None,
        allow_empty=request.allow_empty,
        named=_named_files(request, target),
        failing_elsewhere=request.failing_elsewhere,
        policy=settings.policy(),
    )
    if request.write_baseline is not None:
        recorded = [*result.findings, *result.known]
        write_baseline(request.write_baseline, recorded)
        print(f"cxkit: recorded {len(recorded)} findings in {request.write_baseline}")
        sys.stdout.flush()
        return 0
    for path, why in result.left_out:
        print(f"cxkit: {path}: {why}", file=sys.stderr)
    if request.quiet:
        result.list_only_failing()
    write = reporter(_format_name(request.output_format), VALIDATE_REPORTERS)
    emit(request.output, request.color, lambda out, colored: write(result, out, color=colored))
    return 1 if result.failing else 0


def read_target(request: ValidateRequest) -> Target:
    """The workspace folder and the files a request's paths name; CxkitError for paths that
    say two things at once (a folder and files, `-` without the name of its file, ...)."""
    paths = request.paths
    stdin_given = paths.count(STDIN)
    if stdin_given > 1:
        raise CxkitError("'-' (standard input) is given twice; it can stand for one file")
    if stdin_given and request.stdin_filename is None:
        raise CxkitError(
            "'-' reads a workspace file from standard input: add --stdin-filename PATH to say"
            " which file it is (its findings carry that path)"
        )
    if request.stdin_filename is not None and not stdin_given:
        raise CxkitError(
            "--stdin-filename names the file that '-' reads from standard input: add '-' to"
            " the paths"
        )
    folders = [p for p in paths if p != STDIN and _is_folder(p)]
    files = tuple(p for p in paths if p not in folders)
    if folders and files:
        raise CxkitError(
            "give one workspace folder, or files of one workspace, not both (name the"
            " workspace of files with -w)"
        )
    if len(folders) > 1:
        raise CxkitError("give one workspace folder; each workspace is checked on its own")
    if folders and request.workspace is not None:
        raise CxkitError("give the workspace folder once: as -w or as the path, not both")
    if files and request.write_baseline is not None:
        raise CxkitError("--write-baseline records the whole workspace: give no files")
    stdin_file = request.stdin_filename or STDIN
    named = tuple(stdin_file if path == STDIN else path for path in files)
    return Target(folders[0] if folders else request.workspace, named)


def _is_folder(path: Path) -> bool:
    """A path that names a workspace folder: a folder, or a missing path that is no YAML file
    (`cxkit validate jorneys` then says the workspace folder is not found)."""
    if path.is_dir():
        return True
    return not path.exists() and not path.name.lower().endswith((".yaml", ".yml"))


def _configured_workspace(settings: Config, *, for_files: bool) -> Path:
    """The config's workspace, else `journeys`: beside the config file when files are named
    (they may be named from any folder, an editor's), else in the current folder."""
    if settings.workspace is not None:
        return settings.workspace
    if for_files and settings.path is not None:
        return settings.folder / DEFAULT_WORKSPACE
    return DEFAULT_WORKSPACE


def _named_files(request: ValidateRequest, target: Target) -> NamedFiles | None:
    from cxkit.checks.scope import NamedFiles, Unsaved

    if not target.files:
        return None
    unsaved = None
    if request.stdin_filename is not None:
        unsaved = Unsaved(request.stdin_filename, read_stdin())
    return NamedFiles(target.files, unsaved)


def read_stdin() -> bytes:
    """What standard input holds, up to the size cap of workspace files."""
    from cxkit.source.yamlreader import MAX_FILE_BYTES

    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise CxkitError("'-' reads standard input, but this process has none")
    try:
        text = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise CxkitError(f"cannot read standard input: {exc.strerror or exc}") from None
    if len(text) > MAX_FILE_BYTES:
        raise CxkitError(
            f"standard input holds more than {MAX_FILE_BYTES // (1024 * 1024)} MiB; cxkit"
            " reads files up to that size"
        )
    return text


def _format_name(output_format: ValidateFormat | None) -> str:
    if output_format is not None:
        return output_format.value
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
