"""The impact of a change as Markdown, for a pull-request comment or a wiki page."""

from __future__ import annotations

from typing import TextIO

from cxkit.impact import Impact, by_person
from cxkit.report.impact_text import audience, describe


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    out.write("\n".join(lines(impact)) + "\n")


def lines(impact: Impact) -> list[str]:
    change = impact.change
    t = impact.totals
    decider = describe(impact.decider) if impact.decider else change.owner or "nobody named"
    text = [
        f"## Impact of `{change.id}`: {_cell(change.title)}",
        "",
        f"**Why:** {change.reason} — {_cell(change.purpose)}",
        "",
        f"**Decides:** {_cell(decider)} · **Release:**"
        f" {change.release.isoformat() if change.release else 'not set'}",
        "",
        f"**Scope:** {t.journeys} journeys, {t.stages} stages, {t.touchpoints_direct} touchpoints"
        f" changed directly, {t.touchpoints_downstream} downstream, {t.moments_of_truth} moments"
        " of truth.",
        "",
    ]
    if impact.journeys:
        text += ["### Where to start", ""]
        text += _table(
            ["#", "journey", "stages", "touchpoints", "moments of truth", "first stage", "leader"],
            [
                [
                    str(i),
                    j.id,
                    f"{len(j.stages_impacted)}/{j.stages_total}",
                    f"{len(j.direct)} + {len(j.downstream)} downstream",
                    str(len(j.moments_of_truth)),
                    j.first_stage,
                    describe(j.leader) if j.leader else "none",
                ]
                for i, j in enumerate(impact.journeys, 1)
            ],
        )
    if impact.most_exposed:
        text += ["### Most exposed touchpoints", ""]
        text += _table(
            ["touchpoint", "how", "moment of truth", "emotion", "effort", "off target", "owner"],
            [
                [
                    tp.id,
                    tp.how,
                    "yes" if tp.moment_of_truth else "",
                    str(tp.emotion or ""),
                    str(tp.effort or ""),
                    ", ".join(tp.off_target),
                    tp.owner or "**none**",
                ]
                for tp in impact.most_exposed
            ],
        )
    if impact.engage:
        text += ["### Whom to engage", ""]
        text += _table(
            ["who", "role: for"],
            [
                [describe(who), "; ".join(f"{e.role}: {', '.join(e.because)}" for e in roles)]
                for who, roles in by_person(impact.engage)
            ],
        )
    text += ["### Communication plan", ""]
    for wave in impact.waves:
        text += [f"{wave.number}. **{wave.name}** ({_cell(audience(wave))}): {_cell(wave.message)}"]
    text.append("")
    if impact.gaps:
        text += ["### Gaps to close before release", ""]
        text += [f"- {_cell(g.message)}" for g in impact.gaps] + [""]
    if impact.warnings:
        text += ["### Warnings", ""]
        text += [f"- {_cell(w)}" for w in impact.warnings] + [""]
    return text
