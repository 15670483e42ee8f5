"""`cxkit schema`: JSON Schema of workspace and change files, for editors and other tools."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from cxkit.cli.destination import emit

EPILOG = """Examples:

  cxkit schema > workspace.schema.json

  cxkit schema change -o change.schema.json

  cxkit schema config -o config.schema.json   # for .cxkit.yaml

Point yaml-language-server at it with a first line in each file:
  # yaml-language-server: $schema=../schema/workspace.schema.json"""


class Which(StrEnum):
    workspace = "workspace"
    change = "change"
    config = "config"


def command(
    which: Annotated[
        Which,
        typer.Argument(
            metavar="KIND",
            help="Which files the schema describes: workspace (the default), change or config.",
        ),
    ] = Which.workspace,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file."),
    ] = None,
) -> None:
    """Print the JSON Schema of workspace files, change files or the config file."""
    from cxkit.model.schema import schema_text

    text = schema_text(which.value)
    emit(output, False, lambda out, _colored: _write(out, text))


def _write(out: TextIO, text: str) -> None:
    out.write(text)
