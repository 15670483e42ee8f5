"""`cxkit rules`: every check with its id, default severity and explanation."""

from __future__ import annotations

from typing import Annotated

import typer

EPILOG = """Examples:

  cxkit rules                       # one line per rule

  cxkit rules touchpoint-unowned    # the full explanation of one rule"""


def command(
    rule_id: Annotated[str | None, typer.Argument(help="Show one rule in full.")] = None,
) -> None:
    """List the checks cxkit runs, or explain one."""
    from cxkit.rules import RULES

    if rule_id is not None:
        rule = RULES.get(rule_id)
        if rule is None:
            known = ", ".join(RULES)
            raise typer.BadParameter(
                f"no rule '{rule_id}'; rules are: {known}", param_hint="RULE_ID"
            )
        kind = "format check (always on)" if not rule.configurable else "rule"
        typer.echo(f"{rule.id}  [{rule.severity}]  {kind}\n\n{_dedent(rule.doc)}")
        return
    width = max(len(r) for r in RULES)
    for rule in RULES.values():
        typer.echo(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.summary}")


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)
