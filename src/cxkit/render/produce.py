"""Render pages and write them into the output folder, over several processes where that pays.

A big briefing pack is mostly Jinja work on pages that do not depend on each other, and
writing them (benchmarks/README.md has the figures). On Linux with more
than one core the pages are shared out among forked processes. Each inherits the loaded
workspace and the compiled templates for nothing, and sends back only what it wrote: names and
digests, never the pages themselves.

Nothing is staged unless every page rendered: each process renders its share in memory, says
it is ready, and stages its pages only when the parent says go; the parent then moves every
staged page into place (see `writer`). A process whose template fails sends back the error, which
the parent reports as a single process rendering everything would (its own share's first, then
each worker's in page order). A process that dies leaves its share to the parent, which renders
it again. When the parent stops, its workers are stopped too.

Every page is rendered under the bounds of `bounds`: processor time, memory, operators.
"""

from __future__ import annotations

import contextlib
import os
import signal
from dataclasses import dataclass
from typing import IO, NoReturn

import jinja2

from cxkit.errors import CxkitError
from cxkit.render import bounds
from cxkit.render.environment import line_of
from cxkit.render.pack import Page
from cxkit.render.writer import OutputFolder
from cxkit.runtime.forking import may_fork, receive, send

# Below this many pages per process, starting one costs more than it saves.
MIN_PAGES_PER_PROCESS = 100
MAX_JOBS = 4
_READY, _GO, _FAILED = "ready", "go", "failed"


def default_jobs() -> int:
    """How many processes render by default: one per core this process may use, up to MAX_JOBS
    (where it may not fork at all, `_shares` keeps to one)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(MAX_JOBS, cores or 1))


def produce(
    pages: list[Page],
    folder: OutputFolder,
    jobs: int,
    time_limit: float = bounds.DEFAULT_TIME_LIMIT,
) -> None:
    """Render every page and write it, then record what was written: all or nothing.

    Every file's place is checked first: a refusal leaves the folder as it was.
    """
    with folder.opened():
        for page in pages:
            folder.check(page.relative)
        shares = _shares(pages, jobs)
        with bounds.rendering():
            if len(shares) == 1:
                texts = [_render(page, time_limit) for page in pages]
                for page, text in zip(pages, texts, strict=True):
                    folder.stage(page.relative, text)
            else:
                _produce_forked(shares, folder, time_limit)
        folder.commit()


def _render(page: Page, time_limit: float) -> str:
    """A page's text, rendered within `time_limit` seconds and the render's memory ceiling."""
    try:
        with bounds.time_limit(time_limit):
            return page.text()
    except bounds.OutOfTime as exc:
        raise CxkitError(
            f"template {page.template}{line_of(exc)}: still rendering {page.relative} after"
            f" {time_limit:g} s of processor time; does it loop without end? (--time-limit)"
        ) from None
    except MemoryError as exc:
        raise CxkitError(
            f"template {page.template}{line_of(exc)}: rendering {page.relative} needs more"
            " memory than a render may take"
        ) from None


def _shares(pages: list[Page], jobs: int) -> list[list[Page]]:
    """The pages each process renders: a run of neighbouring pages each.

    Neighbouring journeys were read from the same files, so their values sit together in
    memory, and neighbouring pages go to the same folders. Pages dealt out in turn instead made
    both processes touch every part of memory and every folder, and took longer
    (benchmarks/README.md).
    """
    count = max(1, min(jobs, len(pages) // MIN_PAGES_PER_PROCESS)) if may_fork() else 1
    size = len(pages)
    return [pages[i * size // count : (i + 1) * size // count] for i in range(count)]


@dataclass(slots=True)
class _Worker:
    pid: int
    share: list[Page]
    inbox: IO[bytes]  # what the worker says
    outbox: IO[bytes]  # what the parent tells it

    def close(self) -> None:
        self.inbox.close()
        self.outbox.close()


def _produce_forked(shares: list[list[Page]], folder: OutputFolder, time_limit: float) -> None:
    _compile_templates([page for share in shares for page in share], time_limit)
    workers: list[_Worker] = []
    finished = False
    try:
        for share in shares[1:]:
            workers.append(_start(share, folder, workers, time_limit))
        own = [(page, _render(page, time_limit)) for page in shares[0]]
        ready: list[_Worker] = []
        for worker in workers:
            message = receive(worker.inbox)
            if message == _READY:
                ready.append(worker)
            elif isinstance(message, tuple) and message[0] == _FAILED:
                raise CxkitError(message[1])
            else:  # it died: its share is rendered here
                own.extend((page, _render(page, time_limit)) for page in worker.share)
        for worker in ready:
            send(worker.outbox, _GO)
        for page, text in own:
            folder.stage(page.relative, text)
        for worker in ready:
            _collect(worker, folder, time_limit)
        finished = True
    finally:
        for worker in workers:
            if not finished:  # one that is still rendering would go on to the end of its share
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.pid, signal.SIGKILL)
            worker.close()  # a worker still waiting for its go sees the end of input, and stops
            os.waitpid(worker.pid, 0)


def _collect(worker: _Worker, folder: OutputFolder, time_limit: float) -> None:
    """Record what a worker staged; stage its share here if it died or failed writing."""
    message = receive(worker.inbox)
    if isinstance(message, tuple) and message[0] == _FAILED:
        raise CxkitError(message[1])
    if message is None:
        for page in worker.share:
            folder.stage(page.relative, _render(page, time_limit))
        return
    for relative, digest in message:
        folder.record(relative, digest)


def _compile_templates(pages: list[Page], time_limit: float) -> None:
    """Compile each template once, before forking, rather than once in every process.

    Compiling computes what it can of a template (`'x' | center(10**9)` with constants) and
    reads the files it names, so it runs within the bounds too. A broken template, or one that
    goes past a bound, is reported when a page using it renders, in page order.
    """
    seen: set[tuple[int, str]] = set()
    for page in pages:
        key = (id(page.env), page.template)
        if key in seen:
            continue
        seen.add(key)
        failures = (jinja2.TemplateError, CxkitError, MemoryError, bounds.OutOfTime)
        with contextlib.suppress(*failures), bounds.time_limit(time_limit):
            page.env.get_template(page.template)


def _start(
    share: list[Page], folder: OutputFolder, others: list[_Worker], time_limit: float
) -> _Worker:
    up_read, up_write = os.pipe()
    down_read, down_write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(up_read)
        os.close(down_write)
        for other in others:  # only the parent may hold the other workers' pipes open
            other.close()
        work = _Work(share, folder, time_limit, parent)
        work.run(os.fdopen(down_read, "rb"), os.fdopen(up_write, "wb"))
    os.close(up_write)
    os.close(down_read)
    return _Worker(pid, share, os.fdopen(up_read, "rb"), os.fdopen(down_write, "wb"))


@dataclass(slots=True)
class _Work:
    """What a worker does."""

    share: list[Page]
    folder: OutputFolder
    time_limit: float
    parent: int

    def run(self, inbox: IO[bytes], outbox: IO[bytes]) -> NoReturn:
        """A worker's whole life: render its share, wait for the go, stage, report, leave."""
        code = 0
        try:
            texts = self._texts()
            send(outbox, _READY)
            if receive(inbox) == _GO:
                staged = [
                    (page.relative, self.folder.stage(page.relative, text))
                    for page, text in zip(self.share, texts, strict=True)
                ]
                send(outbox, staged)
        except CxkitError as exc:  # a template's error, or the machine's: the parent reports it
            code = 1
            with contextlib.suppress(Exception):
                send(outbox, (_FAILED, str(exc)))
        except BaseException:  # the parent renders this share again and reports what went wrong
            code = 1
        finally:
            os._exit(code)  # never back into the parent's code, and nothing of its to flush

    def _texts(self) -> list[str]:
        texts = []
        for page in self.share:
            if os.getppid() != self.parent:  # the parent was killed: nobody wants these pages
                raise SystemExit(1)
            texts.append(_render(page, self.time_limit))
        return texts
