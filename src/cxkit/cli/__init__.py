"""The `cxkit` command line. `main` answers `--version` before importing anything heavy."""

from __future__ import annotations

import gc
import sys

from cxkit import __version__


def main(argv: list[str] | None = None) -> None:
    """The console script. Exits with 0, 1 (findings that fail) or 2 (usage, fatal error)."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        print(f"cxkit {__version__}")
        return
    # A command is one short process that builds large acyclic structures (nodes, models,
    # findings); the cyclic collector would rescan them again and again for nothing. Measured on
    # 20,000 touchpoints: loading takes 2.9 s with it off, 4.6 s with it on.
    gc.disable()
    try:
        from cxkit.cli.app import run

        run(args)
    finally:
        gc.enable()


if __name__ == "__main__":  # pragma: no cover
    main()
