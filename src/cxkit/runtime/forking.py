"""Forked helper processes: whether cxkit may start one, and how the two sides talk.

diff reads the old version, and render renders pages, in forked processes that send back small
results. Both need the same rules: fork only where it is safe, and messages that arrive whole
or not at all.
"""

from __future__ import annotations

import pickle
import sys
import threading
from typing import IO, Any


def may_fork() -> bool:
    """Whether this process may fork a helper.

    Only on Linux: elsewhere fork is missing (Windows) or unsafe with the system's libraries
    (macOS). Only with one thread: a lock another thread holds would stay locked in the child
    for ever.
    """
    return sys.platform == "linux" and threading.active_count() == 1


def send(pipe: IO[bytes], message: object) -> None:
    """Send one message. It is pickled whole first: pickled straight into the pipe, the sender
    would wait on the pipe half-way, until the other side gets round to reading."""
    pipe.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    pipe.flush()


def receive(pipe: IO[bytes]) -> Any:
    """The next message, or None when the other side has gone (failed, or was killed)."""
    try:
        return pickle.load(pipe)
    except (EOFError, OSError, pickle.UnpicklingError):
        return None
