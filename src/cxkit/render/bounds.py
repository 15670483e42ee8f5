"""Bounds on what a user's template may cost: processor time per page, memory per render, and
the size of what its operators make.

A template is code from the repository being checked, and Jinja's sandbox stops it reaching
out of its values but not from looping for ever (two nested `range(100000)`) or asking for
gigabytes (`'a' * 3 * 10**9`). cxkit renders pages in forked processes too: every bound here
holds there, as the timer is set by each process for the page it renders, the memory ceiling is
inherited, and the operators are the environment's own.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# How long one page may take, in seconds of processor time. The biggest page of a 100,000
# touchpoint briefing takes well under a second: a minute is a template that does not end.
DEFAULT_TIME_LIMIT = 60.0
# How many items (characters of a string, items of a list) `*` may make: more than any page
# needs, far less than memory holds.
MAX_ITEMS = 10_000_000
# How big an integer `*` and `**` may make. CPython computes 10 ** 10 ** 9 in one C call that
# no timer interrupts; 100,000 bits is a number of 30,000 digits.
MAX_INT_BITS = 100_000
# The memory a render may take on top of what cxkit holds when its pages start: as much again
# as it then holds, and at least this much.
MIN_MEMORY_HEADROOM = 512 * 1024 * 1024

# The timer counts the processor time the process spends on its own code (not wall-clock time,
# which a busy machine stretches), and its signal is one nothing else in cxkit uses.
_TIMER = getattr(signal, "ITIMER_VIRTUAL", None)
_SIGNAL = getattr(signal, "SIGVTALRM", None)


class OutOfTime(BaseException):
    """A page ran out of time. A BaseException, so that no `except Exception` on the way, in
    Jinja or in a filter, can swallow it and let the page run on."""


class TooBig(Exception):
    """An operator in a template would make a value too big to hold."""


def checked_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `left operator right` when its result would be too big to make."""
    if operator == "*":
        _check_repeat(left, right)
        _check_repeat(right, left)
        if _is_int(left) and _is_int(right) and _bits(left) + _bits(right) > MAX_INT_BITS:
            raise TooBig(f"a product of more than {MAX_INT_BITS:,} bits is too big to make")
    elif operator == "**" and _is_int(left) and _is_int(right) and abs(left) > 1 and right > 0:
        least = right * (_bits(left) - 1)  # the power has at least this many bits
        if least > MAX_INT_BITS:
            raise TooBig(f"a power of more than {MAX_INT_BITS:,} bits is too big to make")


def _check_repeat(sequence: Any, times: Any) -> None:
    repeated = isinstance(sequence, (str, list, tuple)) and _is_int(times)
    if repeated and len(sequence) * times > MAX_ITEMS:
        raise TooBig(
            f"repeating {len(sequence):,} items {times:,} times makes more than"
            f" {MAX_ITEMS:,}, the most a template may"
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _bits(number: int) -> int:
    return abs(number).bit_length()


def _on_timer(signum: int, frame: object) -> None:
    raise OutOfTime


@contextmanager
def rendering() -> Iterator[None]:
    """While pages render: the timer's handler in place, and memory under a ceiling.

    Forked processes inherit both.
    """
    with _timer_handler(), _memory_ceiling():
        yield


@contextmanager
def _timer_handler() -> Iterator[None]:
    if not _timed():
        yield
        return
    assert _SIGNAL is not None
    previous = signal.signal(_SIGNAL, _on_timer)
    try:
        yield
    finally:
        signal.signal(_SIGNAL, previous)


def _timed() -> bool:
    """Whether pages can be timed: a timer of processor time (POSIX), in the main thread (only
    it receives signals in Python)."""
    return _TIMER is not None and threading.current_thread() is threading.main_thread()


def _armed() -> bool:
    """Whether the timer's handler is in place: inside `rendering`, or a process forked there."""
    return _SIGNAL is not None and _timed() and signal.getsignal(_SIGNAL) is _on_timer


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise OutOfTime in the code run inside when it takes more than `seconds`."""
    if _TIMER is None or not _armed():
        yield
        return
    signal.setitimer(_TIMER, seconds)
    try:
        yield
    finally:
        signal.setitimer(_TIMER, 0)


@contextmanager
def _memory_ceiling() -> Iterator[None]:
    """Lower the process's address-space limit for the time pages render (Linux): a template
    asking for too much then gets a MemoryError instead of taking the machine's memory."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    in_use = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = None if in_use is None else in_use + max(in_use, MIN_MEMORY_HEADROOM)
    if hard != resource.RLIM_INFINITY and ceiling is not None:
        ceiling = min(ceiling, hard)
    if ceiling is None or (soft != resource.RLIM_INFINITY and soft <= ceiling):
        yield  # unknown use, or a tighter limit already set by whoever started cxkit
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """The address space this process maps now, in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")
