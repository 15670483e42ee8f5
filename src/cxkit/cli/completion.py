"""Tab completion: `cxkit --show-completion [SHELL]` prints the script for a shell, and
`--install-completion [SHELL]` installs it; without SHELL, for the shell cxkit runs in.

Typer's own options take no shell name (`--show-completion zsh` printed bash's script in bash),
so cxkit declares them itself and has Typer write the scripts.
"""

from __future__ import annotations

import importlib

import typer

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
OPTIONS = ("--show-completion", "--install-completion")
PROGRAM = "cxkit"
COMPLETE_VARIABLE = "_CXKIT_COMPLETE"  # what the scripts set to ask cxkit for completions


def with_shell_named(args: list[str]) -> list[str]:
    """`args` with the shell named after a completion option given without one: the shell
    this runs in, or '' when it cannot be told (the option then says to name one)."""
    for i, token in enumerate(args):
        if not token.startswith("-"):
            break  # a command: what follows is its own
        if token in OPTIONS and (i + 1 == len(args) or args[i + 1].startswith("-")):
            return [*args[: i + 1], _this_shell(), *args[i + 1 :]]
    return args


def _this_shell() -> str:
    try:
        shellingham = importlib.import_module("shellingham")  # Typer's own dependency
        name, _ = shellingham.detect_shell()
    except (ImportError, OSError):  # no shellingham, or no shell it knows (a CI job, an editor)
        return ""
    return str(name)


def _known(shell: str, option: str) -> str:
    if shell in SHELLS:
        return shell
    known = ", ".join(SHELLS[:-1]) + f" or {SHELLS[-1]}"
    if not shell:
        raise typer.BadParameter(
            f"cannot tell which shell this is: name it, as in {option} bash ({known})",
            param_hint=option,
        )
    raise typer.BadParameter(f"cxkit completes in {known}, not '{shell}'", param_hint=option)


def show(ctx: typer.Context, shell: str | None) -> None:
    """Print the completion script for `shell` and exit."""
    if shell is None or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    script = get_completion_script(
        prog_name=PROGRAM,
        complete_var=COMPLETE_VARIABLE,
        shell=_known(shell, "--show-completion"),
    )
    typer.echo(script)
    raise typer.Exit()


def install(ctx: typer.Context, shell: str | None) -> None:
    """Install the completion script for `shell` where that shell reads it, and exit."""
    if shell is None or ctx.resilient_parsing:
        return
    from typer._completion_shared import install as install_script

    named, path = install_script(
        shell=_known(shell, "--install-completion"),
        prog_name=PROGRAM,
        complete_var=COMPLETE_VARIABLE,
    )
    typer.echo(f"cxkit: {named} completion installed in {path}; open a new shell to use it")
    raise typer.Exit()
