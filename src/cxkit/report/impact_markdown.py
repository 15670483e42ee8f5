"""The impact of a change as Markdown, for a pull-request comment or a wiki page: every value
from the files escaped, so it is shown as written and never becomes markup, a link or a mention."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.impact import Impact
from cxkit.report import impact_rows as rows
from cxkit.report.escape import markdown, markdown_code


def _table(title: str, content: rows.Table) -> list[str]:
    header, body = content
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(markdown(c) for c in row) + " |" for row in body]
    return [*lines, ""]


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    out.write("\n".join(lines(impact)) + "\n")


def lines(impact: Impact) -> list[str]:
    change = impact.change
    text = [
        f"## Impact of {markdown_code(change.id)}: {markdown(change.title)}",
        "",
        f"**Why:** {markdown(rows.reason(impact))}",
        "",
        f"**Decides:** {markdown(rows.decider(impact))} · **Release:**"
        f" {change.release.isoformat() if change.release else 'not set'}",
        "",
        "**Scope:** {}. **Touchpoints:** {}.".format(*map(markdown, rows.scope(impact))),
        "",
    ]
    if impact.journeys:
        text += _table("Where to start", rows.where_to_start(impact))
    if impact.touchpoints:
        listed, left_out = rows.touchpoints(impact, "; ")
        text += _table("Touchpoints reached, changed ones first", listed)
        if left_out:
            text += [f"… and {left_out} more (all of them: `cxkit impact -f json`).", ""]
    if impact.most_exposed:
        title = f"The {len(impact.most_exposed)} most exposed touchpoints"
        text += _table(title, rows.most_exposed(impact, "; "))
    if impact.engage:
        text += _table("Whom to engage", rows.whom_to_engage(impact, "; "))
    text += ["### Communication plan", ""]
    for wave in impact.waves:
        audience = markdown(rows.audience(wave))
        text += [f"{wave.number}. **{markdown(wave.name)}** ({audience}): {markdown(wave.message)}"]
    text.append("")
    if impact.handovers:
        text += ["### Handed over (inactive owners)", ""]
        text += [f"- {markdown(h.message)}" for h in impact.handovers] + [""]
    if impact.gaps:
        text += ["### Gaps to close before release", ""]
        text += [f"- {markdown(g.message)}" for g in impact.gaps] + [""]
    if impact.warnings:
        text += ["### Warnings", ""]
        text += [f"- {markdown(w)}" for w in impact.warnings] + [""]
    return text
