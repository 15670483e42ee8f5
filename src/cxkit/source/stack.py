"""The thread with a large stack that every YAML read runs on."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

# libyaml's composer recurses in C. Parsing runs on a thread with this much stack, which holds
# about 900,000 levels (yaml-rs, which checks YAML 1.2, held 100,000).
PARSER_STACK_BYTES = 256 * 1024 * 1024

T = TypeVar("T")


def on_parser_stack(work: Callable[[], T]) -> T:
    """Run `work` on a thread whose stack holds libyaml's deepest recursion.

    libyaml's composer recurses in C, once for each level of nesting, before cxkit's depth
    limit can look at the nodes: on the main thread's stack a file of a few hundred thousand
    levels (600 KB of `- `) crashes the process. Every way to read YAML here runs on this
    stack, so that no caller can forget it.
    """
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # handed back to the caller's thread as is
            failure.append(exc)

    previous = threading.stack_size(PARSER_STACK_BYTES)
    try:
        thread = threading.Thread(target=target, name="cxkit-parser")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if failure:
        raise failure[0]
    return result[0]
