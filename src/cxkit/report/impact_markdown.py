"""The impact of a change as Markdown, for a pull-request comment or a wiki page: every value
from the files escaped, so it is shown as written and never becomes markup, a link or a mention."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.impact import Impact, PlannedChange
from cxkit.report import impact_rows as rows
from cxkit.report.escape import markdown, markdown_code


def _table(title: str, content: rows.Table) -> list[str]:
    header, body = content
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(markdown(c) for c in row) + " |" for row in body]
    return [*lines, ""]


def _why(change: PlannedChange) -> str:
    """The change's reason and purpose; a change made from a diff (--since) states no reason."""
    if change.reason is None:
        return f"not stated. {markdown(change.purpose)}"
    return f"{markdown(change.reason)} — {markdown(change.purpose)}"


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    out.write("\n".join(lines(impact)) + "\n")


def lines(impact: Impact) -> list[str]:
    change = impact.change
    t = impact.totals
    text = [
        f"## Impact of {markdown_code(change.id)}: {markdown(change.title)}",
        "",
        f"**Why:** {_why(change)}",
        "",
        f"**Decides:** {markdown(rows.decider(impact))} · **Release:**"
        f" {change.release.isoformat() if change.release else 'not set'}",
        "",
        f"**Scope:** {t.journeys} journeys, {t.stages} stages, {t.touchpoints_direct} touchpoints"
        f" changed directly, {t.touchpoints_downstream} downstream, {t.moments_of_truth} moments"
        " of truth.",
        "",
    ]
    if impact.journeys:
        text += _table("Where to start", rows.where_to_start(impact))
    if impact.most_exposed:
        text += _table("Most exposed touchpoints", rows.most_exposed(impact))
    if impact.engage:
        text += _table("Whom to engage", rows.whom_to_engage(impact, "; "))
    text += ["### Communication plan", ""]
    for wave in impact.waves:
        audience = markdown(rows.audience(wave))
        text += [f"{wave.number}. **{markdown(wave.name)}** ({audience}): {markdown(wave.message)}"]
    text.append("")
    if impact.gaps:
        text += ["### Gaps to close before release", ""]
        text += [f"- {markdown(g.message)}" for g in impact.gaps] + [""]
    if impact.warnings:
        text += ["### Warnings", ""]
        text += [f"- {markdown(w)}" for w in impact.warnings] + [""]
    return text
