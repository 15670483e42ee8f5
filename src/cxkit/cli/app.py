"""The Typer application: global options, the commands, and the one error handler."""

from __future__ import annotations

from typing import Annotated

import typer
from typer._completion_classes import completion_init

from cxkit import __version__
from cxkit.cli import (
    calendar,
    codeowners,
    completion,
    diff,
    impact,
    init,
    owner,
    render,
    review,
    rules,
    schema,
    validate,
)
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
    add_completion=False,  # cxkit's own options below take a shell's name
    context_settings=CONTEXT_SETTINGS,
)
completion_init()  # the shells Typer answers completion requests from (COMPLETE_VARIABLE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxkit {__version__}")
        raise typer.Exit()


_SHELL_HELP = "bash, zsh, fish, powershell or pwsh; default: the shell cxkit runs in"


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=completion.install,
            is_eager=True,
            expose_value=False,
            help=f"Install tab completion for SHELL ({_SHELL_HELP}).",
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=completion.show,
            is_eager=True,
            expose_value=False,
            help=f"Print the tab completion script for SHELL ({_SHELL_HELP}), to install it"
            " your own way.",
        ),
    ] = None,
) -> None:
    """Customer journeys as code."""


for _name, _module in {
    "validate": validate,
    "impact": impact,
    "diff": diff,
    "render": render,
    "owner": owner,
    "calendar": calendar,
    "review": review,
    "rules": rules,
    "schema": schema,
    "init": init,
    "codeowners": codeowners,
}.items():
    app.command(_name, cls=Command, epilog=verbatim_examples(_module.EPILOG))(_module.command)


def run(args: list[str]) -> None:
    """Run the app; fatal errors exit 2 with one clear line, never a traceback."""
    guarded(lambda: app(args=completion.with_shell_named(args), prog_name="cxkit"))
