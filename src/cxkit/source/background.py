"""Reading files in a second process, while this one does other work.

`cxkit diff` reads two versions of a workspace. On Linux the older one is read by a forked
process while this one reads the newer. The fork happens before either is read, so the two
processes share next to nothing and neither pays for copying pages the other wrote.

What comes back is small enough to be worth sending: each file's data, problems and comments,
which pickle fast. The positions of its values do not come back (they are keyed by object
identity, which does not survive the trip); a file the models refuse, whose problems need
positions, is read again here (workspace.py).
"""

from __future__ import annotations

import os
from typing import IO, Any, NoReturn

from cxkit.runtime.forking import may_fork, receive, send
from cxkit.source.document import YamlDocument
from cxkit.source.yamlreader import Source
from cxkit.workspace import read_sources


class Pending:
    """Files being read elsewhere; `documents()` waits for them (or reads them here)."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.pid = 0
        self.pipe: IO[bytes] | None = None
        if sources and may_fork():
            self._start()

    def _start(self) -> None:
        readable, writable = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(readable)
            _read_and_send(self.sources, os.fdopen(writable, "wb"))
        os.close(writable)
        self.pipe = os.fdopen(readable, "rb")

    def documents(self) -> list[YamlDocument]:
        """The documents, in the order of the sources."""
        received = self._receive()
        if received is None or len(received) != len(self.sources):
            return read_sources(self.sources)  # the other process failed: read them here
        return [
            YamlDocument(path, data, problems=problems, comments=comments, positioned=False)
            for path, data, problems, comments in received
        ]

    def _receive(self) -> Any:
        if self.pipe is None:
            return None
        try:
            return receive(self.pipe)
        finally:
            self.pipe.close()
            os.waitpid(self.pid, 0)


def _read_and_send(sources: list[Source], pipe: IO[bytes]) -> NoReturn:
    """The second process's whole life: read, send, leave (never back into the caller)."""
    code = 0
    try:
        documents = read_sources(sources)
        send(pipe, [(doc.path, doc.data, doc.problems, doc.comments) for doc in documents])
        pipe.close()
    except BaseException:  # the caller reads the files itself
        code = 1
    finally:
        os._exit(code)
