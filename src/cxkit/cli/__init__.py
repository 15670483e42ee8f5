"""The `cxkit` command line. `main` answers `--version` before importing anything heavy."""

from __future__ import annotations

import sys

from cxkit import __version__


def main(argv: list[str] | None = None) -> None:
    """The console script. Exits with 0, 1 (findings that fail) or 2 (usage, fatal error)."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        print(f"cxkit {__version__}")
        return
    from cxkit.cli.app import run

    run(args)


if __name__ == "__main__":  # pragma: no cover
    main()
