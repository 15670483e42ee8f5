"""A version of a workspace: a folder on disk, or a git revision (`main`, `HEAD~1`, `v1.2:path`).

A name that is both a folder and a revision is an error, never a silent choice: a folder named
like the base revision (`origin/main/`) in a pull request's checkout would otherwise stand in for
it, and a diff gated in CI would compare the change with itself. `./NAME` (or `NAME/`) is always
the folder, as git cannot read it as a revision; `REV:PATH` is the revision's folder PATH.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cxkit.checks.findings import Finding
from cxkit.errors import CxkitError
from cxkit.source import git
from cxkit.source.discovery import Ignore, no_files_found
from cxkit.source.document import YamlDocument
from cxkit.source.yamlreader import Source
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
    if _names_a_folder(spec, default_path):
        # `./NAME` says "the folder, not the revision": the report's label keeps saying so.
        label = folder.as_posix()
        if spec.startswith("./") and not label.startswith((".", "/")):
            label = f"./{label}"
        return Version(
            label,
            folder,
            *folder_sources(folder, _placed(ignore, folder, default_path)),
        )
    rev, path = git.split_spec(spec, default_path)
    place = default_path.resolve()
    left_out = None if ignore is None else (lambda inside, folder: ignore(place / inside, folder))
    found = git.revision_files(rev, path, left_out)
    if not found.files:
        raise no_files_found(f"{rev}:{path}", found.left_out)
    sources: list[Source] = [(shown, _constant(raw)) for shown, raw in found.files]
    return Version(f"{rev}:{path}", Path(path), sources, [])


def _names_a_folder(spec: str, default_path: Path) -> bool:
    """Whether `spec` names a folder on disk (else a git revision); an error when it names
    neither, or both."""
    folder = Path(spec).is_dir()
    revision = git.is_revision(spec)
    if folder and revision:
        raise CxkitError(
            f"'{spec}' is both a folder and a git revision: write ./{spec} for the folder,"
            f" or {_as_revision(spec, default_path)} for the revision"
        )
    if not (folder or revision):
        raise CxkitError(_neither(spec))
    return folder


# Why a name that is not a folder could not be read as a revision either, and what to do.
_OBSTACLES = {
    git.NO_GIT: "and git is not installed to read it as a revision: install git, or name a folder",
    git.NO_REPOSITORY: (
        "and there is no git repository in this folder or above it to read it as a revision"
        " from: run cxkit inside the repository that holds the workspace, or name a folder"
    ),
    git.NO_COMMITS: (
        "and this git repository has no commit yet to read it from: commit the workspace first"
    ),
    git.SHALLOW: (
        "and this shallow clone (fetched with a depth) does not have it as a revision: if it"
        " names a commit or branch of the repository, fetch the history (`git fetch"
        " --unshallow`, or `fetch-depth: 0` on actions/checkout in GitHub Actions) and run again"
    ),
}


def _neither(spec: str) -> str:
    """Why `spec` names nothing, as far as git can tell."""
    obstacle = git.obstacle()
    if obstacle is None:
        return f"'{spec}' is neither a folder nor a git revision"
    return f"'{spec}' is not a folder, {_OBSTACLES[obstacle]}"


def _as_revision(spec: str, default_path: Path) -> str:
    """`spec` written so that it names only its revision: `REV:PATH` with the workspace's path,
    or `REV:./PATH` where `spec` was `REV:PATH` already (no folder is named `REV:.`)."""
    rev, path = git.split_spec(spec, default_path)
    if ":" not in spec or PurePosixPath(path).is_absolute():
        return f"{rev}:{path}"
    return f"{rev}:./{PurePosixPath(path or '.')}"


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


# Why the history cannot say what the workspace was at a release, and what to do instead.
_NO_HISTORY = {
    git.NO_GIT: "git is not installed to read the workspace at the release from history",
    git.NO_REPOSITORY: (
        "there is no git repository in this folder or above it to read the workspace at the"
        " release from: run cxkit inside the repository that holds the workspace"
    ),
    git.NO_COMMITS: (
        "this git repository has no commit yet to read the workspace at the release from"
    ),
}


def at_release(
    day: dt.date, default_path: Path, ignore: Ignore | None = None
) -> tuple[Version, git.Commit]:
    """The workspace as it was released, at the last commit on or before `day`, and that
    commit."""
    obstacle = git.obstacle()
    if obstacle in _NO_HISTORY:
        raise CxkitError(f"{_NO_HISTORY[obstacle]}; or name the revision with --at REV")
    found = git.last_commit_on_or_before(day)
    if found is None:
        first = git.commit_of(git.first_commit()).day.isoformat()
        shallow = (
            " (this is a shallow clone: fetch the history with `git fetch --unshallow`)"
            if obstacle == git.SHALLOW
            else ""
        )
        raise CxkitError(
            f"no commit on or before the release on {day.isoformat()}: the history starts on"
            f" {first}{shallow}; give the revision it was released from with --at REV"
        )
    commit = git.commit_of(found)
    # The short hash, unambiguous in this repository, reads better in the report's labels.
    return find_version(commit.short, default_path, ignore), commit


def with_commit(
    spec: str, default_path: Path, ignore: Ignore | None = None
) -> tuple[Version, git.Commit | None]:
    """The version `spec` names (as `find_version` reads it), and its commit: None for a
    folder."""
    version = find_version(spec, default_path, ignore)
    if _names_a_folder(spec, default_path):
        return version, None
    return version, git.commit_of(git.split_spec(spec, default_path)[0])


def load_both(old: Version, new: Version) -> tuple[Workspace, Workspace]:
    """Both versions' workspaces, the old one read in a second process meanwhile (where it can
    be: source/background.py)."""
    from cxkit.source.background import Pending

    pending = Pending(old.sources)
    new_workspace = new.load()
    return old.load(pending.documents()), new_workspace
