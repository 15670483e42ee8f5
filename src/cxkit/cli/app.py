"""The Typer application: global options, the commands, and the one error handler."""

from __future__ import annotations

import typer

from cxkit import __version__
from cxkit.cli import diff, impact, init, render, rules, schema, validate
from cxkit.cli.commands import CONTEXT_SETTINGS, Command, Group, verbatim_examples
from cxkit.cli.error_handler import guarded

app = typer.Typer(
    name="cxkit",
    cls=Group,
    help="Customer journeys as code: check ownership, plan the impact of change, diff and render"
    " journey maps.\n\nStart with: cxkit validate journeys/",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
) -> None:
    """Customer journeys as code."""


for _name, _module in {
    "validate": validate,
    "impact": impact,
    "diff": diff,
    "render": render,
    "rules": rules,
    "schema": schema,
    "init": init,
}.items():
    app.command(_name, cls=Command, epilog=verbatim_examples(_module.EPILOG))(_module.command)


def run(args: list[str]) -> None:
    """Run the app; fatal errors exit 2 with one clear line, never a traceback."""
    guarded(lambda: app(args=args, prog_name="cxkit"))
