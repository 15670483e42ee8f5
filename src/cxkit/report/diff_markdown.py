"""A diff as Markdown, for a pull-request comment."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from cxkit.diff import WorkspaceDiff
from cxkit.report.diff_text import summary

ICON = {"risk": "⚠️ ", "notable": "", "info": ""}


def write(diff: WorkspaceDiff, out: TextIO, *, color: bool) -> None:
    lines = [
        f"## Journey changes: `{diff.old_label}` → `{diff.new_label}`",
        "",
        f"**{summary(diff)}**",
        "",
    ]
    for journey, group in groupby(diff.deltas, key=lambda d: d.journey):
        lines += [
            f"### {'Journey `' + journey + '`' if journey else 'Owners, systems and personas'}",
            "",
            "```diff",
        ]
        # A diff block colours + and - lines; moves and changes are shown as context (!).
        for delta in group:
            marker = {"+": "+", "-": "-", "~": "!", "→": "!"}[delta.op]
            risk = "  [risk]" if delta.cls == "risk" else ""
            lines.append(f"{marker} {delta.message}{risk}")
        lines += ["```", ""]
    risks = diff.classed("risk")
    if risks:
        lines += ["### Risks", ""] + [f"- {ICON['risk']}{d.message}" for d in risks] + [""]
    out.write("\n".join(lines) + "\n")
