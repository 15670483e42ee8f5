"""A version of a workspace: a folder on disk, or a git revision (`main`, `HEAD~1`, `v1.2:path`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cxkit.errors import CxkitError
from cxkit.findings import Finding, Location
from cxkit.source import git
from cxkit.workspace import Source, Workspace, build_workspace, load_workspace


def load_version(spec: str, default_path: Path) -> tuple[str, Workspace]:
    """A label for the version and its workspace. A folder wins over a revision of the same name."""
    folder = Path(spec)
    if folder.is_dir():
        return folder.as_posix(), load_workspace(folder)
    if not git.is_revision(spec):
        raise CxkitError(f"'{spec}' is neither a folder nor a git revision")
    rev, path = git.split_spec(spec, default_path)
    sources: list[Source] = [
        (shown, _constant(raw)) for shown, raw in git.revision_files(rev, path)
    ]
    notes = (
        []
        if sources
        else [
            Finding(
                Location(f"{rev}:{path}"),
                "file-unreadable",
                f"no workspace files at '{path}' in {rev} (paths are relative to the current"
                " folder); is the path right?",
            )
        ]
    )
    return f"{rev}:{path}", build_workspace(Path(path), sources, notes)


def _constant(raw: bytes) -> Callable[[], bytes]:
    return lambda: raw


def working_tree(path: Path) -> tuple[str, Workspace]:
    if not path.is_dir():
        raise CxkitError(f"workspace folder not found: {path}")
    return f"working tree ({path.as_posix()})", load_workspace(path)
