"""A diff as Markdown, for a pull-request comment. It carries what the text report carries:
each change's line as text writes it (`+`, `-`, `~`, `→`, "(also on …)", `[risk]`) inside a
```diff block, where GitHub colours added and removed lines and nothing is markup; names and
messages outside the block are escaped, so what a file holds is shown as written and never
becomes markup, a link or a mention."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from cxkit.analysis.diff import WorkspaceDiff
from cxkit.report.coverage_text import coverage_change
from cxkit.report.diff_text import described, line, ownership, summary
from cxkit.report.escape import markdown, markdown_code, markdown_fence

ICON = {"risk": "⚠️ ", "notable": "", "info": ""}


def write(diff: WorkspaceDiff, out: TextIO, *, color: bool) -> None:
    lines = [
        f"## Journey changes: {markdown_code(diff.old_label)} → {markdown_code(diff.new_label)}",
        "",
        f"**{markdown(summary(diff))}**",
        "",
    ]
    if diff.deltas:
        lines += [markdown(coverage_change(diff.coverage_before, diff.coverage_after)), ""]
        lines += [markdown(ownership(diff)), ""]
    for journey, group in groupby(diff.deltas, key=lambda d: d.journey):
        title = f"Journey {markdown_code(journey)}" if journey else "Owners, systems and personas"
        lines += [f"### {title}", ""]
        lines += [*markdown_fence([line(delta, diff) for delta in group], "diff"), ""]
    risks = diff.classed("risk")
    if risks:
        lines += ["### Risks", ""]
        lines += [f"- {ICON['risk']}{markdown(described(d, diff))}" for d in risks] + [""]
    out.write("\n".join(lines) + "\n")
