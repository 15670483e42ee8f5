"""The Typer application: global options, the commands, and the one error handler."""

from __future__ import annotations

import typer

from cxkit import __version__
from cxkit.cli import codeowners, diff, impact, init, owner, render, rules, schema, validate
from cxkit.cli.error_handler import guarded

app = typer.Typer(
    name="cxkit",
    help="Customer journeys as code: check ownership, plan the impact of change, diff and render"
    " journey maps.\n\nStart with: cxkit validate journeys/",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
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


app.command("validate", epilog=validate.EPILOG)(validate.command)
app.command("impact", epilog=impact.EPILOG)(impact.command)
app.command("diff", epilog=diff.EPILOG)(diff.command)
app.command("render", epilog=render.EPILOG)(render.command)
app.command("owner", epilog=owner.EPILOG)(owner.command)
app.command("rules", epilog=rules.EPILOG)(rules.command)
app.command("schema", epilog=schema.EPILOG)(schema.command)
app.command("init", epilog=init.EPILOG)(init.command)
app.command("codeowners", epilog=codeowners.EPILOG)(codeowners.command)


def run(args: list[str]) -> None:
    """Run the app; fatal errors exit 2 with one clear line, never a traceback."""
    guarded(lambda: app(args=args, prog_name="cxkit"))
