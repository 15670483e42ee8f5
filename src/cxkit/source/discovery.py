"""Find a workspace's files: every *.yaml and *.yml below the folder, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cxkit.errors import CxkitError

YAML_SUFFIXES = (".yaml", ".yml")

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


def discover(root: Path, ignore: Ignore | None = None) -> tuple[list[SourceFile], list[Skipped]]:
    """The workspace files below `root`, sorted by their path, and the links that were not followed.

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
    walk = _Walk(top, shown, ignore or _ignore_nothing, found, skipped)
    walk.folder(top, visited={top})
    return sorted(found.values(), key=lambda f: f.display), skipped


@dataclass(frozen=True, slots=True)
class _Walk:
    top: Path
    shown: Path
    ignore: Ignore
    found: dict[Path, SourceFile]
    skipped: list[Skipped]

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
            if self.ignore(path, entry.is_dir()):
                continue
            display = _display(shown, top, path)
            is_yaml = entry.name.lower().endswith(YAML_SUFFIXES)
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
