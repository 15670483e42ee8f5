"""Where a workspace sits in its repository: paths relative to the repository's root, as files
that describe a repository (a CODEOWNERS file) write them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from cxkit.errors import CxkitError


@dataclass(frozen=True, slots=True)
class Repository:
    """A repository's root folder (resolved), and how it was found: by git's own mark (`.git`
    there: a folder, or a file in a worktree or submodule), given, or the current folder for
    want of either."""

    root: Path
    found: Literal["git", "given", "current folder"]

    def relative(self, path: Path, what: str) -> PurePosixPath:
        """`path` relative to the root, in the real place it resolves to (a link's target);
        CxkitError when it lies outside."""
        real = path.resolve()
        try:
            return PurePosixPath(real.relative_to(self.root).as_posix())
        except ValueError:
            raise CxkitError(
                f"{what} {path.as_posix()} is outside the repository root"
                f" {self.root.as_posix()}; give the root with --root"
            ) from None


def locate(start: Path, root: Path | None = None) -> Repository:
    """The repository `start` is in: `root` when given, else the nearest folder above `start`
    (itself included) that holds `.git`, else the current folder."""
    if root is not None:
        if not root.is_dir():
            raise CxkitError(f"the repository root is not a folder: {root.as_posix()}")
        return Repository(root.resolve(), "given")
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return Repository(folder, "git")
    return Repository(Path.cwd().resolve(), "current folder")
