"""`cxkit rules`: every check with its id, severity in force and explanation."""

from __future__ import annotations

import difflib
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
            raise typer.BadParameter(_unknown(rule_id, list(RULES)), param_hint="RULE")
        kind = "format check (always on)" if not rule.configurable else "rule"
        severity = _severity(rule.id, rule.severity, configured)
        typer.echo(f"{rule.id}  [{severity}]  {kind}\n\n{inspect.cleandoc(rule.doc)}")
        return
    width = max(len(r) for r in RULES)
    for rule in RULES.values():
        severity = configured.get(rule.id, rule.severity)
        typer.echo(f"{rule.id:<{width}}  {severity:<7}  {rule.summary}")


def _unknown(rule_id: str, known: list[str]) -> str:
    """The message for a rule id that does not exist, with the nearest ones (a typo, another
    case, `_` or a space for `-`)."""
    written = "-".join(rule_id.lower().replace("_", " ").split())
    close = difflib.get_close_matches(written, known, n=3, cutoff=0.6)
    sharing = [name for name in known if written and written in name.split("-")]
    nearest = list(dict.fromkeys([*close, *sharing]))[:3]
    if not nearest:
        return f"no rule '{rule_id}'; `cxkit rules` lists them all"
    names = [f"'{name}'" for name in nearest]
    spelled = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"no rule '{rule_id}'; did you mean {spelled}? (`cxkit rules` lists them all)"


def _severity(rule_id: str, default: str, configured: Mapping[str, str]) -> str:
    """`warning`, or `error (config; default warning)` where the config changes it."""
    setting = configured.get(rule_id, default)
    return setting if setting == default else f"{setting} (config; default {default})"
