"""Big structures a command builds, left for the end of the process to drop.

Freeing a big workspace object by object takes a measurable part of a command's time
(benchmarks/README.md, "What got it here"), and it happens when the command's function returns,
before the console script can end the process without tearing anything down. The console script
turns keeping on; a library caller (a test, another program) never does, so nothing is kept
that a long-lived process would want back.
"""

from __future__ import annotations

_kept: list[object] | None = None


def keep_to_exit() -> None:
    """From now on, keep what `keep` is given until the process ends."""
    global _kept
    if _kept is None:
        _kept = []


def keep(value: object) -> None:
    """Hold on to `value` until the process ends, where keeping is turned on."""
    if _kept is not None:
        _kept.append(value)
