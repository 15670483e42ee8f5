"""The `cxkit` command line. `main` answers `--version` before importing anything heavy."""

from __future__ import annotations

import sys

from cxkit import __version__


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(f"cxkit {__version__}")
        return
    from cxkit.cli.app import run

    run()


if __name__ == "__main__":  # pragma: no cover
    main()
