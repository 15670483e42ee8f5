"""The impact of a change as Markdown, for a pull-request comment or a wiki page."""

from __future__ import annotations

from typing import TextIO

from cxkit.impact import Impact
from cxkit.report import impact_rows as rows


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(title: str, content: rows.Table) -> list[str]:
    header, body = content
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return [*lines, ""]


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    out.write("\n".join(lines(impact)) + "\n")


def lines(impact: Impact) -> list[str]:
    change = impact.change
    t = impact.totals
    text = [
        f"## Impact of `{change.id}`: {_cell(change.title)}",
        "",
        f"**Why:** {change.reason} — {_cell(change.purpose)}",
        "",
        f"**Decides:** {_cell(rows.decider(impact))} · **Release:**"
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
        audience = _cell(rows.audience(wave))
        text += [f"{wave.number}. **{wave.name}** ({audience}): {_cell(wave.message)}"]
    text.append("")
    if impact.gaps:
        text += ["### Gaps to close before release", ""]
        text += [f"- {_cell(g.message)}" for g in impact.gaps] + [""]
    if impact.warnings:
        text += ["### Warnings", ""]
        text += [f"- {_cell(w)}" for w in impact.warnings] + [""]
    return text
