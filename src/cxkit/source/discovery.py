"""Find a workspace's files: every *.yaml and *.yml below the folder, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cxkit.errors import CxkitError

YAML_SUFFIXES = (".yaml", ".yml")

_NOT_REGULAR = "not read: it is not a regular file (a named pipe, a device or a socket)"

# Whether a file or folder (an absolute path; True for a folder) is to be left unread.
Ignore = Callable[[Path, bool], bool]


def _ignore_nothing(path: Path, is_folder: bool) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read: its real path on disk and its path as shown to the user."""

    real: Path
    display: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder that was found but must not be read, and why."""

    display: str
    reason: str


@dataclass(frozen=True, slots=True)
class Discovery:
    """What a workspace folder holds: the files to read, sorted by their path, the files and
    links found but not read, and how many YAML files and folders `ignore` left out."""

    files: list[SourceFile]
    skipped: list[Skipped]
    ignored: int


def discover(root: Path, ignore: Ignore | None = None) -> Discovery:
    """The workspace files below `root`, and those found but not read.

    Names starting with `.` are skipped, and so are files and folders that `ignore` names (an
    ignored folder is not even listed). A symbolic link is followed only when its target lies
    inside the workspace; each real file is read once, and linked folders cannot loop.
    """
    if not root.exists():
        raise CxkitError(f"workspace folder not found: {root}")
    if not root.is_dir():
        raise CxkitError(f"not a folder: {root} (give the workspace folder that holds the files)")
    top = root.resolve()
    shown = _as_user_sees(root)
    found: dict[Path, SourceFile] = {}
    skipped: list[Skipped] = []
    ignored: list[Path] = []
    walk = _Walk(top, shown, ignore or _ignore_nothing, found, skipped, ignored)
    walk.folder(top, visited={top})
    return Discovery(sorted(found.values(), key=lambda f: f.display), skipped, len(ignored))


def no_files_found(where: str, ignored: int) -> CxkitError:
    """The error for a workspace that holds nothing to check: a wrong path, or an `ignore`
    that leaves out everything, must not pass as a clean workspace."""
    if ignored:
        why = f"the config's ignore leaves out {ignored} YAML files or folders there"
    else:
        why = "cxkit reads the *.yaml and *.yml files below it; is the path right?"
    return CxkitError(f"no workspace files found in {where} ({why})")


@dataclass(frozen=True, slots=True)
class _Walk:
    top: Path
    shown: Path
    ignore: Ignore
    found: dict[Path, SourceFile]
    skipped: list[Skipped]
    ignored: list[Path]

    def folder(self, folder: Path, visited: set[Path]) -> None:
        top, shown, found, skipped = self.top, self.shown, self.found, self.skipped
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(
                Skipped(_display(shown, top, folder), f"cannot list folder: {exc.strerror}")
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            is_yaml = entry.name.lower().endswith(YAML_SUFFIXES)
            if self.ignore(path, entry.is_dir()):
                if is_yaml or entry.is_dir():
                    self.ignored.append(path)
                continue
            display = _display(shown, top, path)
            real = path.resolve() if entry.is_symlink() else path
            if entry.is_symlink() and not _inside(real, top):
                if is_yaml or real.is_dir():
                    skipped.append(
                        Skipped(display, "not read: the link points outside the workspace")
                    )
                continue
            if real.is_dir():
                if real not in visited:
                    visited.add(real)
                    self.folder(real if entry.is_symlink() else path, visited)
                continue
            if not is_yaml or real in found:
                continue
            if real.is_file():
                found[real] = SourceFile(real=real, display=display)
            elif not real.exists():
                skipped.append(Skipped(display, "not read: the link points to nothing"))
            else:  # reading a pipe waits for a writer; a device may never end
                skipped.append(Skipped(display, _NOT_REGULAR))


def _as_user_sees(root: Path) -> Path:
    """An absolute workspace path inside the current folder is shown relative to it."""
    if not root.is_absolute():
        return root
    try:
        return root.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return root


def _inside(path: Path, top: Path) -> bool:
    return path == top or top in path.parents


def _display(shown: Path, top: Path, path: Path) -> str:
    """A path as the user would write it: below the folder they named."""
    try:
        relative = path.relative_to(top)
    except ValueError:
        return path.as_posix()
    return (shown / relative).as_posix()
