"""Writing files safely: whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str | bytes, *, make_folder: bool = True) -> None:
    """Write `text` (UTF-8 when a str) to `path` through a temporary file in the same folder,
    then rename it.

    The folder is made first unless the caller says it has made it (`make_folder=False`).
    """
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    _refuse_to_replace_special(path)
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        _set_mode(handle, temporary, mode)
        try:  # bytes straight to the file: a text wrapper costs more system calls than the write
            data = memoryview(text.encode("utf-8") if isinstance(text, str) else text)
            while data:
                data = data[os.write(handle, data) :]
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _refuse_to_replace_special(path: Path) -> None:
    """OSError when `path` is a named pipe, a device or a socket: the rename would replace it
    with a file (for root, `-o /dev/null` would replace the system's /dev/null)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # nothing there yet, or a link to nothing: replaced as a file is
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise OSError(
            errno.EINVAL,
            "it is not a regular file (a named pipe, a device or a socket);"
            " cxkit writes only regular files",
        )


def _mode_for(path: Path) -> int:
    """The permissions the file should end with: those of the file it replaces, else what the
    user's umask gives a new file (the temporary file is made readable by its owner only)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask (reading it means setting it; cxkit writes from one thread)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _set_mode(handle: int, temporary: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    else:  # pragma: no cover - Windows before Python 3.13
        os.chmod(temporary, mode)
