"""Reading one file a user named (a change, config or baseline file): unreadable is fatal.

Only a regular file is read, and only up to the size cap of workspace files: a named pipe, a
device (`/dev/zero`) or a folder is refused before anything is read from it, so that no name
makes cxkit wait for ever or fill its memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cxkit.errors import CxkitError
from cxkit.source.yamlreader import MAX_FILE_BYTES

# Opening a named pipe to read waits until something opens it to write; without blocking, the
# open returns at once and the pipe is refused. (Not every system has the flag.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

# What a file that is not a regular file is, in a message.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_named(path: Path, what: str, *, missing_hint: str = "") -> bytes:
    """The bytes of `path`; CxkitError saying which `what` ("change file") could not be read,
    and why (`missing_hint` follows the message for a file that does not exist)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise CxkitError(f"{what} not found: {path}{missing_hint}") from None
    except OSError as exc:
        raise _unreadable(path, what, exc.strerror) from None
    try:
        _check_readable(path, what, os.fstat(fd))
        with os.fdopen(fd, "rb", closefd=False) as file:
            # One byte over the cap shows a file that grew after it was measured.
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _unreadable(path, what, exc.strerror) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise _unreadable(path, what, _too_large(len(raw)))
    return raw


def _check_readable(path: Path, what: str, info: os.stat_result) -> None:
    """CxkitError unless `info` is a regular file within the size cap."""
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise _unreadable(path, what, f"it is {kind}; cxkit reads only regular files")
    if info.st_size > MAX_FILE_BYTES:
        raise _unreadable(path, what, _too_large(info.st_size))


def _too_large(size: int) -> str:
    return (
        f"it is {size // (1024 * 1024)} MiB; cxkit reads files up to"
        f" {MAX_FILE_BYTES // (1024 * 1024)} MiB"
    )


def _unreadable(path: Path, what: str, why: str | None) -> CxkitError:
    return CxkitError(f"cannot read the {what} {path}: {why}")
