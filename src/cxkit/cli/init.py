"""`cxkit init`: start a workspace, with a config, an example change and editor schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

EPILOG = """Examples:

  cxkit init                  # in the current folder

  cxkit init cx-journeys      # in a new folder

  cxkit init --force          # replace the files it writes

It writes .cxkit.yaml, journeys/ (a small workspace that validates clean),
changes/example.yaml and schema/*.schema.json, which editors with the YAML
extension use for completion. It never overwrites a file without --force."""


def command(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER",
            help="Where to start the workspace (created if missing). Default: the current folder.",
        ),
    ] = Path("."),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that are there already.")
    ] = False,
) -> None:
    """Start a workspace: example journeys, a config file, an example change, JSON Schemas."""
    from cxkit.scaffold import scaffold

    for path in scaffold(folder, force=force):
        typer.echo(f"wrote {path.as_posix()}")
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder.as_posix()} && "
    typer.echo(f"\nNext: {where}cxkit validate")
