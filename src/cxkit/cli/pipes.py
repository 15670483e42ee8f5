"""Output whose reader may leave early: `cxkit validate -f parsable | head -1`.

A reader that closes its end of the pipe has read all it wanted; that is no failure of cxkit. As
Unix tools do, cxkit then stops writing, quietly: what is left of the report goes to the null
device (the recipe in Python's documentation, "Note on SIGPIPE"), never an error message.

Unlike a tool killed by SIGPIPE (status 141 in the shell), cxkit finishes the command and exits
with its verdict: 0 clean, 1 findings that fail (or a `--fail-on` gate), 2 a fatal error. In a CI
step that pipes the report through `head` under `set -o pipefail` (GitHub Actions' `bash` does),
the step then fails for what the check found, not for how much of the report was read.
"""

from __future__ import annotations

import io
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # `cxkit --version` should not pay for importing typing
    from typing import TextIO


class DropAfterBrokenPipe(io.TextIOBase):
    """A text stream that writes through to `stream` until the reader of its pipe goes away,
    and then drops what is written, so no write (or flush) fails for that reason."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self.reader_left = False

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # as any text stream does (Click probes with bytes)
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not self.reader_left:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._drop_the_rest()
        return len(text)

    def flush(self) -> None:
        if not self.reader_left:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        self.reader_left = True
        # The stream still holds what it could not write, and would fail again on every flush,
        # its own at exit included: point its descriptor at the null device instead.
        try:
            descriptor = self._stream.fileno()
        except (AttributeError, OSError, ValueError):  # not a file (a test's capture)
            return
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, descriptor)
        finally:
            os.close(null)

    def close(self) -> None:
        """Nothing to close: the stream underneath is not this one's (it stays open)."""

    # What Click, rich and cxkit ask of stdout, answered by the stream underneath.
    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors


class ReadersMayLeave:
    """`with ReadersMayLeave():` a command runs with stdout and stderr that a closed pipe
    cannot break, and the streams it started with come back after it."""

    def __enter__(self) -> None:
        self._saved = sys.stdout, sys.stderr
        self._guarded = [DropAfterBrokenPipe(out) for out in self._saved if out is not None]
        if len(self._guarded) == 2:  # (a process started without them has nothing to guard)
            sys.stdout, sys.stderr = self._guarded

    def __exit__(self, *exception: object) -> None:
        for stream in self._guarded:  # what is still buffered goes now, while a failure is caught
            stream.flush()
        sys.stdout, sys.stderr = self._saved
