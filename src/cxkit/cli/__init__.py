"""The `cxkit` command line. `main` answers `--version` and plain `validate` command lines
without importing Typer; everything else goes to the Typer application."""

from __future__ import annotations

import gc
import os
import sys

from cxkit import __version__
from cxkit.cli.pipes import ReadersMayLeave
from cxkit.runtime.keep import keep_to_exit


def main(argv: list[str] | None = None) -> None:
    """Run one command. Exits with 0, 1 (findings that fail) or 2 (usage, fatal error); the
    same when the reader of its output leaves early (`cxkit.cli.pipes`)."""
    args = sys.argv[1:] if argv is None else argv
    with ReadersMayLeave():
        _main(args)


def _main(args: list[str]) -> None:
    if args in (["--version"], ["-V"]):
        print(f"cxkit {__version__}")
        return
    # A command is one short process that builds large acyclic structures (nodes, models,
    # findings); the cyclic collector would rescan them again and again for nothing, which made
    # loading a big workspace half again as slow (benchmarks/README.md).
    gc.disable()
    # pydantic looks through every installed package for plugins at import; cxkit uses none,
    # and start-up is paid on every commit and editor save.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        _run(args)
    finally:
        gc.enable()


def _run(args: list[str]) -> None:
    if args[:1] == ["validate"]:
        from cxkit.cli.plain_validate import quick_validate

        code = quick_validate(args[1:])
        if code is not None:
            if code:
                sys.exit(code)
            return
    from cxkit.cli.app import run

    run(args)


def entry() -> None:
    """The console script: `main`, then leave without tearing down every object one by one.

    Everything a command writes is flushed and closed by then; freeing hundreds of thousands of
    models and findings at exit would only cost time (benchmarks/README.md), so
    the workspace a command loads is kept to the end (`cxkit.runtime.keep`) and dropped with the
    process.
    """
    keep_to_exit()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        if not isinstance(exc.code, int | None):
            print(exc.code, file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
