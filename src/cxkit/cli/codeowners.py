"""`cxkit codeowners`: a CODEOWNERS file that asks each file's accountable owners to review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxkit.cli.options import ConfigOption, WorkspaceOption, configured
from cxkit.errors import CxkitError

if TYPE_CHECKING:
    from cxkit.analysis.codeowners import CodeOwners
    from cxkit.report.codeowners import Placement
    from cxkit.source.discovery import Ignore
    from cxkit.workspace import Workspace

EPILOG = """Examples:

  cxkit codeowners                              # print it

  cxkit codeowners -o .github/CODEOWNERS        # write it (GitLab: .gitlab/)

  cxkit codeowners --check .github/CODEOWNERS   # in CI: is it current?

  cxkit codeowners --default cx -o CODEOWNERS   # cx reviews the other files

Paths in the file are relative to the repository's root: --root, else the nearest folder
holding .git at or above the workspace, else the current folder (the file says so). Owners
whose own review cannot be asked for (no github handle, left with no successor) are listed
on stderr and at the end of the file. -o never overwrites a file that cxkit did not write,
or that was edited since, without --force.

Exit codes: 0 written, printed or current; 1 --check found the file out of date (the
differences are printed); 2 usage error, unreadable workspace or file, or internal failure."""


def command(
    workspace: WorkspaceOption = None,
    config: ConfigOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the file here."),
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            metavar="FILE",
            help="Write nothing; exit 1, with the differences, when FILE is not what would be"
            " written.",
        ),
    ] = None,
    default: Annotated[
        list[str] | None,
        typer.Option(
            "--default",
            metavar="OWNER",
            help="Who reviews every file of the workspace folder that no rule of its own"
            " covers: an owner id, or a handle (@user, @org/team). Repeatable.",
        ),
    ] = None,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            metavar="DIR",
            help="The repository's root, which paths are relative to. Default: the nearest"
            " folder holding .git at or above the workspace, else the current folder.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a file cxkit did not write.")
    ] = False,
) -> None:
    """Write a CODEOWNERS file: each workspace file reviewed by the owners accountable for it."""
    from cxkit.analysis.codeowners import code_owners
    from cxkit.report.codeowners import codeowners_file
    from cxkit.report.escape import terminal

    if output is not None and check is not None:
        raise typer.BadParameter("give -o FILE or --check FILE, not both", param_hint="--check")
    settings, workspace_path = configured(config, workspace)
    ws, place = _read(workspace_path, settings.ignore, root, config, default or [])
    defaults = _defaults(default or [], ws)
    owners = code_owners(ws, defaults)
    text = codeowners_file(owners, place)
    _tell_gaps(owners, place)
    if check is not None:
        _check(check, text, place)
    elif output is not None:
        _write(output, text, force)
        typer.echo(f"wrote {terminal(output.as_posix())}")
    else:
        sys.stdout.write(text)


def _read(
    folder: Path, ignore: Ignore | None, root: Path | None, config: Path | None, default: list[str]
) -> tuple[Workspace, Placement]:
    """The workspace, and where its files sit in the repository."""
    from cxkit.checks.findings import Finding, Location
    from cxkit.report.codeowners import Placement
    from cxkit.source.discovery import discover, no_files_found
    from cxkit.source.repository import locate
    from cxkit.workspace import build_workspace

    found = discover(folder, ignore)  # once: the files read are the files placed
    if not (found.files or found.skipped):
        raise no_files_found(folder.as_posix(), found.ignored)
    repository = locate(folder, root)
    where = repository.relative(folder, "the workspace folder")
    files = {f.display: repository.relative(f.real, "the workspace file") for f in found.files}
    unread = [Finding(Location(s.display), "file-unreadable", s.reason) for s in found.skipped]
    ws = build_workspace(folder, [(f.display, f.real.read_bytes) for f in found.files], unread)
    _warn_about(ws)
    options = ["-w", where.as_posix()]
    if config is not None:
        options += ["-c", _as_written(config, repository.root)]
    if root is not None:
        options += ["--root", "."]
    for owner in default:
        options += ["--default", owner]
    return ws, Placement(where, files, repository.root, repository.found, options)


def _as_written(path: Path, root: Path) -> str:
    """A path for the header's command: relative to the root when inside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _defaults(default: list[str], ws: Workspace) -> list[str]:
    """The --default reviewers, each an owner id of the workspace or a handle."""
    import re

    from cxkit.model.scalars import HANDLE_PATTERN, HANDLE_RULE

    for owner in default:
        if owner.startswith("@"):
            if not re.fullmatch(HANDLE_PATTERN, owner):
                raise typer.BadParameter(
                    f"{owner!r} is not a handle: write {HANDLE_RULE}", param_hint="--default"
                )
        elif owner not in ws.owners:
            raise typer.BadParameter(
                f"no owner {owner!r} in the workspace: give an owner id, or a handle"
                f" ({HANDLE_RULE})",
                param_hint="--default",
            )
    return default


def _warn_about(ws: Workspace) -> None:
    errors = [f for f in ws.findings if f.severity == "error"]
    if errors:
        print(
            f"cxkit: warning: the workspace has {len(errors)} error(s); the owners are those"
            " that could be read (run cxkit validate)",
            file=sys.stderr,
        )


def _tell_gaps(owners: CodeOwners, place: Placement) -> None:
    """Owners whose own review is not asked for, on stderr: a CI log shows them every run."""
    from cxkit.report.codeowners import gap_text
    from cxkit.report.escape import terminal

    for gap in owners.gaps:
        files = len(gap.files)
        print(
            f"cxkit: {terminal(gap_text(gap))} ({files} file{'s' if files != 1 else ''})",
            file=sys.stderr,
        )


def _check(path: Path, text: str, place: Placement) -> None:
    """Exit 1, printing a unified diff, when the file at `path` is not `text`."""
    import difflib

    from cxkit.report.codeowners import regenerate_command
    from cxkit.report.escape import terminal

    current = _current(path)
    if current is not None and current.replace("\r\n", "\n") == text:
        typer.echo(f"{path.as_posix()} is current")
        return
    shown = terminal(path.as_posix())
    diff = difflib.unified_diff(
        (current or "").splitlines(keepends=True),
        text.splitlines(keepends=True),
        fromfile=shown,
        tofile=f"{shown} (as cxkit codeowners writes it)",
    )
    sys.stdout.writelines(terminal(line.rstrip("\n")) + "\n" for line in diff)
    state = "does not exist" if current is None else "is out of date"
    again = regenerate_command(place.options, "-o", _as_written(path, place.root))
    print(
        f"cxkit: {shown} {state}; write it again, from the repository root: {terminal(again)}",
        file=sys.stderr,
    )
    raise typer.Exit(1)


def _current(path: Path) -> str | None:
    """The text of the file at `path`, or None when there is none."""
    from cxkit.source.files import read_named

    if not path.exists() and not path.is_symlink():
        return None
    return read_named(path, "code-owner file").decode("utf-8", "surrogateescape")


def _write(path: Path, text: str, force: bool) -> None:
    """Write `text` to `path` whole, over a file only when cxkit wrote it (or with force)."""
    from cxkit.report.codeowners import is_generated
    from cxkit.runtime.atomic import write_atomically

    if path.is_dir():
        raise CxkitError(
            f"{path.as_posix()} is a folder: give the file to write, like"
            f" {(path / 'CODEOWNERS').as_posix()}"
        )
    if not force and (path.is_symlink() or path.exists()):
        current = None if path.is_symlink() else _current(path)
        if current is None or not is_generated(current):
            raise CxkitError(
                f"{path.as_posix()} exists and was not written by cxkit, or was edited since;"
                " use --force to overwrite it"
            )
    try:
        write_atomically(path, text)
    except OSError as exc:
        raise CxkitError(f"cannot write {path.as_posix()}: {exc.strerror or exc}") from None
