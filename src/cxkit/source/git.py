"""Read a workspace straight from git objects, without touching the working tree."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath

from cxkit.errors import CxkitError
from cxkit.source.discovery import YAML_SUFFIXES

_BLOB_MODES = ("100644", "100755")


def _git(*args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise CxkitError("git is not installed, so a revision cannot be read") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CxkitError(f"git {args[0]} failed: {message[-1] if message else 'no output'}")
    return done.stdout


def is_revision(spec: str) -> bool:
    """Whether git knows `spec` (before any `:path`) as a commit."""
    rev = spec.split(":", 1)[0]
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return False
    return done.returncode == 0


# Why git here cannot name a commit, besides not knowing the name: see `obstacle`.
NO_GIT = "no-git"
NO_REPOSITORY = "no-repository"
NO_COMMITS = "no-commits"
SHALLOW = "shallow"


def obstacle() -> str | None:
    """What keeps git in the current folder from reading revisions: git not installed, no
    repository here, a repository without a commit yet, or a shallow clone (fetched with a
    depth, so older commits and other branches are missing); None when there is none.

    Asked only once a name has turned out to be neither a folder nor a revision.
    """
    try:
        repository = _ask("rev-parse", "--git-dir")
    except FileNotFoundError:
        return NO_GIT
    if repository is None:
        return NO_REPOSITORY
    if _ask("rev-parse", "--verify", "--quiet", "HEAD") is None:
        return NO_COMMITS
    if _ask("rev-parse", "--is-shallow-repository") == "true":
        return SHALLOW
    return None


def _ask(*args: str) -> str | None:
    """git's answer, stripped, or None when it fails."""
    done = subprocess.run(["git", *args], capture_output=True, check=False)
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").strip()


@dataclass(frozen=True, slots=True)
class RevisionFiles:
    """The workspace files of a folder at a revision, as (shown path, bytes) sorted by path,
    and how many YAML files `left_out` named."""

    files: list[tuple[str, bytes]]
    left_out: int


def revision_files(
    rev: str, path: str, left_out: Callable[[str, bool], bool] | None = None
) -> RevisionFiles:
    """The workspace files below `path` at `rev`; an error when `path` is not in `rev`.

    Paths are relative to the current folder, as `git ls-tree` gives them; names starting with
    `.` are skipped, like on disk, and so are the files and folders `left_out` names: it is
    given each one's path below `path` and whether it is a folder, folders from the top down,
    as a walk on disk meets them. Links are not followed.
    """
    listing = _git("ls-tree", "-r", "-z", rev, "--", path or ".")
    if not listing:  # git lists nothing for a path it does not have: a typo must not pass
        raise CxkitError(
            f"'{path or '.'}' is not in {rev} (paths are relative to the current folder);"
            " is the path right?"
        )
    entries: list[tuple[str, str]] = []
    ignored = 0
    base = _as_listed(path)
    folders: dict[str, bool] = {}

    def is_left_out(inside: PurePosixPath) -> bool:
        if left_out is None:
            return False
        for depth in range(1, len(inside.parts)):
            folder = "/".join(inside.parts[:depth])
            if folder not in folders:
                folders[folder] = left_out(folder, True)
            if folders[folder]:
                return True
        return left_out(inside.as_posix(), False)

    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, name = record.decode("utf-8", "surrogateescape").split("\t", 1)
        mode, kind, sha = meta.split()
        relative = PurePosixPath(name)
        below = base is None or relative.is_relative_to(base)
        inside = relative.relative_to(base) if base is not None and below else relative
        if (
            kind == "blob"
            and mode in _BLOB_MODES
            and name.lower().endswith(YAML_SUFFIXES)
            and not any(part.startswith(".") for part in inside.parts)
        ):
            if below and is_left_out(inside):
                ignored += 1
            else:
                entries.append((name, sha))
    contents = _read_blobs([sha for _, sha in entries])
    files = sorted((f"{rev}:{name}", contents[sha]) for name, sha in entries)
    return RevisionFiles(files, ignored)


def _as_listed(path: str) -> PurePosixPath | None:
    """`path` as `git ls-tree` writes the files below it: relative to the current folder and
    tidied (`/repo/journeys`, `journeys/../journeys` and `./journeys` all list as `journeys`)."""
    if path in ("", "."):
        return None
    try:
        relative = os.path.relpath(path)
    except ValueError:  # on another drive (Windows): as written
        return PurePosixPath(path)
    tidy = PurePath(os.path.normpath(relative)).as_posix()
    return None if tidy == "." else PurePosixPath(tidy)


def _read_blobs(shas: list[str]) -> dict[str, bytes]:
    if not shas:
        return {}
    output = _git("cat-file", "--batch", stdin="".join(f"{sha}\n" for sha in shas).encode())
    blobs: dict[str, bytes] = {}
    at = 0
    for _ in shas:
        end = output.index(b"\n", at)
        sha, _kind, size = output[at:end].decode().split()
        start = end + 1
        blobs[sha] = output[start : start + int(size)]
        at = start + int(size) + 1
    return blobs


def last_commit_on_or_before(day: dt.date) -> str | None:
    """The newest commit of HEAD's history made on or before `day` (by its commit date, the end
    of that day in local time), or None when every commit is later."""
    found = _git("rev-list", "-1", f"--before={day.isoformat()} 23:59:59", "HEAD")
    return found.decode("ascii", "replace").strip() or None


def first_commit() -> str:
    """The oldest commit of HEAD's history (the first root, where histories were merged)."""
    roots = _git("rev-list", "--max-parents=0", "--reverse", "HEAD")
    return roots.decode("ascii", "replace").split()[0]


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit as people are shown it: its short hash and the day it was made."""

    short: str
    day: dt.date


def commit_of(rev: str) -> Commit:
    """The commit `rev` names (a branch, a tag, a hash)."""
    shown = _git("show", "-s", "--format=%h %ci", f"{rev}^{{commit}}", "--")
    short, day = shown.decode("ascii", "replace").split()[:2]
    return Commit(short, dt.date.fromisoformat(day))


def split_spec(spec: str, default_path: Path) -> tuple[str, str]:
    """`main:journeys` -> ("main", "journeys"); `main` -> ("main", default_path)."""
    rev, sep, path = spec.partition(":")
    return rev, (path if sep else default_path.as_posix())
