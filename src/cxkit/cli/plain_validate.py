"""`cxkit validate` without Typer: plain command lines read by hand, the rest left to Typer.

Importing Typer, and the Click it carries, takes longer than validating a small workspace, and
validate runs on every commit. So a command line whose meaning is certain is read here: known
options, each given once, values that do not look like options, choices written as Typer takes
them. Anything else (`--help`, a typo, a repeated option, shell completion, both --config and
--no-config) goes to the Typer command, which answers it in full. Tests hold the two readings of
every option to the same result.
"""

from __future__ import annotations

import os
from pathlib import Path

from cxkit.cli.error_handler import guarded
from cxkit.cli.validate_run import Level, ValidateRequest, run_validate
from cxkit.report import ValidateFormat

STDIN = "-"  # a path: the text of the file --stdin-filename names

# Every option of `cxkit validate`, by each name it has, and the request field it sets.
VALUE_OPTIONS = {
    "--format": "output_format",
    "-f": "output_format",
    "--fail-severity": "fail_severity",
    "--output": "output",
    "-o": "output",
    "--config": "config",
    "-c": "config",
    "--baseline": "baseline",
    "--write-baseline": "write_baseline",
    "--workspace": "workspace",
    "-w": "workspace",
    "--stdin-filename": "stdin_filename",
}
FLAGS = {
    "--quiet": ("quiet", True),
    "-q": ("quiet", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--no-config": ("no_config", True),
    "--allow-empty": ("allow_empty", True),
    "--failing-elsewhere": ("failing_elsewhere", True),
}
CONFIG_VARIABLE = "CXKIT_CONFIG"


def quick_validate(args: list[str]) -> int | None:
    """Run `cxkit validate ARGS` and return its exit code, or None to leave it to Typer."""
    request = read_request(args)
    if request is None:
        return None
    code = 0

    def command() -> None:
        nonlocal code
        code = run_validate(request)

    guarded(command)
    return code


def read_request(args: list[str]) -> ValidateRequest | None:
    """The request a plain command line makes, or None when it is not plain."""
    if any(name.startswith("_CXKIT_COMPLETE") for name in os.environ):
        return None
    given: dict[str, object] = {}
    paths: list[str] = []
    tokens = iter(args)
    for token in tokens:
        name, _, attached = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in VALUE_OPTIONS:
            field = VALUE_OPTIONS[name]
            value = _value(field, attached if "=" in token else next(tokens, None))
        elif name in FLAGS and "=" not in token:
            field, value = FLAGS[name]
        elif (token.startswith("-") and token != STDIN) or not token:
            return None
        else:
            paths.append(token)
            continue
        if value is None or field in given:
            return None
        given[field] = value
    return _request(given, paths)


def _request(given: dict[str, object], paths: list[str]) -> ValidateRequest | None:
    if given.get("no_config") and "config" in given:
        return None
    if "config" not in given and CONFIG_VARIABLE in os.environ:
        config = _value("config", os.environ[CONFIG_VARIABLE])
        if config is None:
            return None
        given["config"] = config
    return ValidateRequest(paths=tuple(map(Path, paths)), **given)  # type: ignore[arg-type]


def _value(field: str, text: str | None) -> object | None:
    """An option's value as Typer would convert it, or None when Typer should judge it."""
    if not text or text.startswith("-"):
        return None
    if field == "output_format":
        lowered = text.lower()
        known = text.isascii() and lowered in ValidateFormat.__members__
        return ValidateFormat(lowered) if known else None
    if field == "fail_severity":
        return Level(text) if text in Level.__members__ else None
    return Path(text)
