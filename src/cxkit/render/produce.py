"""Render pages and write them into the output folder, over several processes where that pays.

A big briefing pack is mostly Jinja work on pages that do not depend on each other: on 20,000
touchpoints, 1,130 pages took about 1 s to render and 0.3-0.5 s to write. On Linux with more
than one core the pages are shared out among forked processes. Each inherits the loaded
workspace and the compiled templates for nothing, and sends back only what it wrote: names and
digests, never the pages themselves.

Nothing is staged unless every page rendered: each process renders its share in memory, says
it is ready, and stages its pages only when the parent says go; the parent then moves every
staged page into place (see `writer`). A process that fails or dies leaves its share to the
parent, which renders it again, and so reports any error exactly as a single process rendering
everything would.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import IO, NoReturn

import jinja2

from cxkit.processes import may_fork, receive, send
from cxkit.render.pack import Page
from cxkit.render.writer import OutputFolder

# Below this many pages per process, starting one costs more than it saves.
MIN_PAGES_PER_PROCESS = 100
MAX_JOBS = 4
_READY, _GO = "ready", "go"


def default_jobs() -> int:
    """How many processes render by default: one per core this process may use, up to MAX_JOBS
    (where it may not fork at all, `_shares` keeps to one)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(MAX_JOBS, cores or 1))


def produce(pages: list[Page], folder: OutputFolder, jobs: int) -> None:
    """Render every page and write it, then record what was written: all or nothing.

    Every file's place is checked first: a refusal leaves the folder as it was.
    """
    with folder.opened():
        for page in pages:
            folder.check(page.relative)
        shares = _shares(pages, jobs)
        if len(shares) == 1:
            texts = [page.text() for page in pages]
            for page, text in zip(pages, texts, strict=True):
                folder.stage(page.relative, text)
        else:
            _produce_forked(shares, folder)
        folder.commit()


def _shares(pages: list[Page], jobs: int) -> list[list[Page]]:
    """The pages each process renders: a run of neighbouring pages each.

    Neighbouring journeys were read from the same files, so their values sit together in
    memory, and neighbouring pages go to the same folders. Pages dealt out in turn instead made
    both processes touch every part of memory and every folder: on 20k, 5 interleaved runs of
    each, best 1.35 s and median 1.41 s against 1.13 s and 1.27 s for runs of pages.
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


def _produce_forked(shares: list[list[Page]], folder: OutputFolder) -> None:
    _compile_templates([page for share in shares for page in share])
    workers: list[_Worker] = []
    try:
        for share in shares[1:]:
            workers.append(_start(share, folder, workers))
        own = [(page, page.text()) for page in shares[0]]
        ready: list[_Worker] = []
        for worker in workers:
            if receive(worker.inbox) == _READY:
                ready.append(worker)
            else:  # rendering again here raises the error the worker met, as one process would
                own.extend((page, page.text()) for page in worker.share)
        for worker in ready:
            send(worker.outbox, _GO)
        for page, text in own:
            folder.stage(page.relative, text)
        for worker in ready:
            staged = receive(worker.inbox)
            if staged is None:  # it died or failed while staging: its share is staged here
                for page in worker.share:
                    folder.stage(page.relative, page.text())
                continue
            for relative, digest in staged:
                folder.record(relative, digest)
    finally:
        for worker in workers:
            worker.close()  # a worker still waiting for its go sees the end of input, and stops
            os.waitpid(worker.pid, 0)


def _compile_templates(pages: list[Page]) -> None:
    """Compile each template once, before forking, rather than once in every process."""
    seen: set[tuple[int, str]] = set()
    for page in pages:
        key = (id(page.env), page.template)
        if key in seen:
            continue
        seen.add(key)
        # A broken template is reported when a page using it renders, in page order.
        with contextlib.suppress(jinja2.TemplateError):
            page.env.get_template(page.template)


def _start(share: list[Page], folder: OutputFolder, others: list[_Worker]) -> _Worker:
    up_read, up_write = os.pipe()
    down_read, down_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(up_read)
        os.close(down_write)
        for other in others:  # only the parent may hold the other workers' pipes open
            other.close()
        _work(share, folder, os.fdopen(down_read, "rb"), os.fdopen(up_write, "wb"))
    os.close(up_write)
    os.close(down_read)
    return _Worker(pid, share, os.fdopen(up_read, "rb"), os.fdopen(down_write, "wb"))


def _work(share: list[Page], folder: OutputFolder, inbox: IO[bytes], outbox: IO[bytes]) -> NoReturn:
    """A worker's whole life: render its share, wait for the go, stage, report, leave."""
    code = 0
    try:
        texts = [page.text() for page in share]
        send(outbox, _READY)
        if receive(inbox) == _GO:
            staged = [
                (page.relative, folder.stage(page.relative, text))
                for page, text in zip(share, texts, strict=True)
            ]
            send(outbox, staged)
    except BaseException:  # the parent renders this share again and reports what went wrong
        code = 1
    finally:
        os._exit(code)  # never back into the parent's code, and nothing of its to flush
