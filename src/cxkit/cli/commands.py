"""How cxkit's commands show their help and their usage errors, whatever Typer's version.

- Help is as wide as the terminal (`COLUMNS`, else the terminal itself), up to `HELP_WIDTH`;
  a paragraph with indented lines (examples, a JSON sample) is kept as written, never re-wrapped
  (Click's `\\b` marker).
- Every argument and option shows a metavar written for people (`PATH`, `FORMAT`, `REV`), never
  a type (`<str>`, `<list[Path]>`) or Typer's `{old}` for a required argument.
- Typer reads some values with pydantic, whose messages start with "Value error, ": taken off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter

HELP_WIDTH = 100
CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    "max_content_width": HELP_WIDTH,
}

_PYDANTIC_PREFIX = re.compile(r"^(Value error|Assertion failed), ")
_NOT_REWRAPPED = "\b"


def verbatim_examples(epilog: str) -> str:
    """`epilog` with every paragraph that holds an indented line marked to be shown as
    written: examples cut mid-line by re-wrapping would no longer run."""
    paragraphs = epilog.split("\n\n")
    return "\n\n".join(
        f"{_NOT_REWRAPPED}\n{text}" if re.search(r"^\s", text, re.MULTILINE) else text
        for text in paragraphs
    )


def plain_message(message: str) -> str:
    """A usage error's message without pydantic's prefix."""
    return _PYDANTIC_PREFIX.sub("", message)


@contextmanager
def _plain_usage_errors() -> Iterator[None]:
    try:
        yield
    except typer.BadParameter as error:
        error.message = plain_message(error.message)
        raise


def _name(param: Parameter) -> str:
    return param.metavar or (param.name or "").upper()


def _usage_name(param: Parameter) -> str:
    """`PATH`, `[PATH]`, `[PATH]...`: an argument as the usage line names it."""
    name = _name(param)
    if not param.required:
        name = f"[{name}]"
    return f"{name}..." if param.nargs == -1 else name


def _arguments(command: TyperCommand | TyperGroup, ctx: Context) -> list[Parameter]:
    return [
        param
        for param in command.get_params(ctx)
        if param.param_type_name == "argument" and not getattr(param, "hidden", False)
    ]


def _write_options(
    command: TyperCommand | TyperGroup, ctx: Context, formatter: HelpFormatter
) -> None:
    arguments = [
        (_name(param), getattr(param, "help", None) or "") for param in _arguments(command, ctx)
    ]
    options = [
        record
        for param in command.get_params(ctx)
        if param.param_type_name == "option" and (record := param.get_help_record(ctx))
    ]
    if arguments:
        with formatter.section("Arguments"):
            formatter.write_dl(arguments)
    if options:
        with formatter.section("Options"):
            formatter.write_dl(options)


class Command(TyperCommand):
    """A cxkit command: see the module's docstring."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_usage_name(param) for param in _arguments(self, ctx)]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_options(self, ctx, formatter)

    def make_context(self, *args: Any, **kwargs: Any) -> Context:
        with _plain_usage_errors():
            return super().make_context(*args, **kwargs)


class Group(TyperGroup):
    """The `cxkit` group of commands: see the module's docstring."""

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def make_context(self, *args: Any, **kwargs: Any) -> Context:
        with _plain_usage_errors():
            return super().make_context(*args, **kwargs)
