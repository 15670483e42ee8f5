"""Read a workspace straight from git objects, without touching the working tree."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path, PurePosixPath

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


def revision_files(
    rev: str, path: str, left_out: Callable[[str], bool] | None = None
) -> list[tuple[str, bytes]]:
    """The workspace files below `path` at `rev`, as (shown path, bytes), sorted by path.

    Paths are relative to the current folder, as `git ls-tree` gives them; names starting with
    `.` are skipped, like on disk, and so are those `left_out` names (it is given each file's
    path below `path`). Links are not followed.
    """
    listing = _git("ls-tree", "-r", "-z", rev, "--", path or ".")
    entries: list[tuple[str, str]] = []
    base = PurePosixPath(path) if path not in ("", ".") else None
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, name = record.decode("utf-8", "surrogateescape").split("\t", 1)
        mode, kind, sha = meta.split()
        relative = PurePosixPath(name)
        inside = relative.relative_to(base) if base and relative.is_relative_to(base) else relative
        if (
            kind == "blob"
            and mode in _BLOB_MODES
            and name.lower().endswith(YAML_SUFFIXES)
            and not any(part.startswith(".") for part in inside.parts)
            and not (left_out and left_out(inside.as_posix()))
        ):
            entries.append((name, sha))
    contents = _read_blobs([sha for _, sha in entries])
    return sorted((f"{rev}:{name}", contents[sha]) for name, sha in entries)


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


def split_spec(spec: str, default_path: Path) -> tuple[str, str]:
    """`main:journeys` -> ("main", "journeys"); `main` -> ("main", default_path)."""
    rev, sep, path = spec.partition(":")
    return rev, (path if sep else default_path.as_posix())
