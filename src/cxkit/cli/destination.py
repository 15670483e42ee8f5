"""Where a command's report goes: stdout (coloured on a terminal) or a file, written whole."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from cxkit.errors import CxkitError
from cxkit.runtime.atomic import write_atomically


def use_color(stream: TextIO, wanted: bool | None) -> bool:
    """Colour when asked, else only on a terminal and never with NO_COLOR set."""
    if wanted is not None:
        return wanted
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def emit(output: Path | None, color: bool | None, write: Callable[[TextIO, bool], None]) -> None:
    """Run `write` into stdout, or into `output` atomically (never coloured)."""
    if output is None:
        write(sys.stdout, use_color(sys.stdout, color))
        return
    buffer = io.StringIO()
    write(buffer, False)
    try:
        write_atomically(output, buffer.getvalue())
    except OSError as exc:
        raise CxkitError(f"cannot write {output}: {exc.strerror or exc}") from None
