"""A diff as Markdown, for a pull-request comment: names and messages escaped, so what a file
holds is shown as written and never becomes markup, a link or a mention."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from cxkit.analysis.diff import WorkspaceDiff
from cxkit.report.diff_text import summary
from cxkit.report.escape import markdown, markdown_code, markdown_fence

ICON = {"risk": "⚠️ ", "notable": "", "info": ""}


def write(diff: WorkspaceDiff, out: TextIO, *, color: bool) -> None:
    lines = [
        f"## Journey changes: {markdown_code(diff.old_label)} → {markdown_code(diff.new_label)}",
        "",
        f"**{summary(diff)}**",
        "",
    ]
    for journey, group in groupby(diff.deltas, key=lambda d: d.journey):
        title = f"Journey {markdown_code(journey)}" if journey else "Owners, systems and personas"
        lines += [f"### {title}", ""]
        # A diff block colours + and - lines; moves and changes are shown as context (!).
        block = []
        for delta in group:
            marker = {"+": "+", "-": "-", "~": "!", "→": "!"}[delta.op]
            risk = "  [risk]" if delta.cls == "risk" else ""
            block.append(f"{marker} {delta.message}{risk}")
        lines += [*markdown_fence(block, "diff"), ""]
    risks = diff.classed("risk")
    if risks:
        lines += ["### Risks", ""]
        lines += [f"- {ICON['risk']}{markdown(d.message)}" for d in risks] + [""]
    out.write("\n".join(lines) + "\n")
