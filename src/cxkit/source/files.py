"""Reading one file a user named (a change file, a config file): missing or unreadable is fatal."""

from __future__ import annotations

from pathlib import Path

from cxkit.errors import CxkitError


def read_named(path: Path, what: str) -> bytes:
    """The bytes of `path`; CxkitError saying which `what` ("change file") could not be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CxkitError(f"{what} not found: {path}") from None
    except OSError as exc:
        raise CxkitError(f"cannot read the {what} {path}: {exc.strerror}") from None
