"""`cxkit rules`: every check with its id, severity in force and explanation."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Annotated

import typer

from cxkit.cli.options import ConfigOption

EPILOG = """Examples:

  cxkit rules                       # one line per rule, with the severity in force

  cxkit rules touchpoint-unowned    # the full explanation of one rule

A rule's severity comes from the config (the nearest .cxkit.yaml, or --config) where it sets
one, else its default; `off` means the rule does not run."""


def command(
    rule_id: Annotated[
        str | None, typer.Argument(metavar="RULE", help="Show one rule in full.")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """List the checks cxkit runs, or explain one."""
    from cxkit.checks.rules import RULES
    from cxkit.config import resolve_config

    configured = resolve_config(config, None).severities
    if rule_id is not None:
        rule = RULES.get(rule_id)
        if rule is None:
            known = ", ".join(RULES)
            raise typer.BadParameter(f"no rule '{rule_id}'; rules are: {known}", param_hint="RULE")
        kind = "format check (always on)" if not rule.configurable else "rule"
        severity = _severity(rule.id, rule.severity, configured)
        typer.echo(f"{rule.id}  [{severity}]  {kind}\n\n{inspect.cleandoc(rule.doc)}")
        return
    width = max(len(r) for r in RULES)
    for rule in RULES.values():
        severity = configured.get(rule.id, rule.severity)
        typer.echo(f"{rule.id:<{width}}  {severity:<7}  {rule.summary}")


def _severity(rule_id: str, default: str, configured: Mapping[str, str]) -> str:
    """`warning`, or `error (config; default warning)` where the config changes it."""
    setting = configured.get(rule_id, default)
    return setting if setting == default else f"{setting} (config; default {default})"
