"""A version of a workspace: a folder on disk, or a git revision (`main`, `HEAD~1`, `v1.2:path`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cxkit.errors import CxkitError
from cxkit.findings import Finding, Location
from cxkit.source import git
from cxkit.source.discovery import Ignore
from cxkit.source.yamlreader import Source, YamlDocument
from cxkit.workspace import Workspace, build_workspace, folder_sources


@dataclass(frozen=True, slots=True)
class Version:
    """A version's label, its workspace folder, its files, and notes on files left unread."""

    label: str
    root: Path
    sources: list[Source]
    notes: list[Finding]

    def load(self, documents: list[YamlDocument] | None = None) -> Workspace:
        """The version's workspace; `documents` are its files if already read elsewhere."""
        return build_workspace(self.root, self.sources, self.notes, documents)


def find_version(spec: str, default_path: Path, ignore: Ignore | None = None) -> Version:
    """The version `spec` names, its files found but not read.

    `ignore` leaves out the files the config's `ignore` names, each judged as if it stood at
    the workspace's place (`default_path`): every version leaves out the same files, wherever
    it is kept.
    """
    folder = Path(spec)
    if folder.is_dir():
        return Version(
            folder.as_posix(),
            folder,
            *folder_sources(folder, _placed(ignore, folder, default_path)),
        )
    if not git.is_revision(spec):
        raise CxkitError(f"'{spec}' is neither a folder nor a git revision")
    rev, path = git.split_spec(spec, default_path)
    place = default_path.resolve()
    left_out = None if ignore is None else (lambda inside, folder: ignore(place / inside, folder))
    sources: list[Source] = [
        (shown, _constant(raw)) for shown, raw in git.revision_files(rev, path, left_out)
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
    return Version(f"{rev}:{path}", Path(path), sources, notes)


def _constant(raw: bytes) -> Callable[[], bytes]:
    return lambda: raw


def working_tree(path: Path, ignore: Ignore | None = None) -> Version:
    """The workspace folder as it is on disk (but the files `ignore` names)."""
    if not path.is_dir():
        raise CxkitError(f"workspace folder not found: {path}")
    return Version(f"working tree ({path.as_posix()})", path, *folder_sources(path, ignore))


def _placed(ignore: Ignore | None, folder: Path, place: Path) -> Ignore | None:
    """`ignore` for the files below `folder`, judged as if they stood at `place`."""
    if ignore is None:
        return None
    top, there = folder.resolve(), place.resolve()
    if top == there:
        return ignore

    def placed(path: Path, is_folder: bool) -> bool:
        try:
            inside = path.relative_to(top)
        except ValueError:
            return False
        return ignore(there / inside, is_folder)

    return placed


def load_both(old: Version, new: Version) -> tuple[Workspace, Workspace]:
    """Both versions' workspaces, the old one read in a second process meanwhile (where it can
    be: source/background.py)."""
    from cxkit.source.background import Pending

    pending = Pending(old.sources)
    new_workspace = new.load()
    return old.load(pending.documents()), new_workspace
