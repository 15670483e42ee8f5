"""The one error handler: fatal errors become exit 2 with one clear line, never a traceback."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable

from cxkit.errors import CxkitError
from cxkit.report.escape import terminal

EXIT_USAGE = 2


def guarded(command: Callable[[], None]) -> None:
    """Run `command`, mapping a CxkitError, an interrupt or a bug to its exit code."""
    try:
        command()
    except CxkitError as exc:
        print(f"cxkit: error: {_shown(exc)}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        print("cxkit: interrupted", file=sys.stderr)
        sys.exit(130)
    except MemoryError:  # a fault of the machine (or its limits), not a bug
        print(
            "cxkit: error: out of memory: this machine (or its limit on memory) cannot hold"
            " what this run reads; check for an unexpectedly large file",
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # the last line of defence: a bug, reported as one
        if os.environ.get("CXKIT_DEBUG"):
            traceback.print_exc()
        print(
            f"cxkit: internal error: {type(exc).__name__}: {_shown(exc)}\n"
            "This is a bug in cxkit; please report it (set CXKIT_DEBUG=1 for details).",
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)


def _shown(exc: BaseException) -> str:
    """An error's message for a terminal: it may quote a path, a revision or a template, which
    may hold control characters; its own line breaks stay."""
    return "\n".join(terminal(line) for line in str(exc).split("\n"))
