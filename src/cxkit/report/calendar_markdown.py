"""The calendar of planned changes as Markdown, for a pull-request comment or a wiki page: what
the text report says (its phrases are calendar_text's), every value from the files escaped, so
it is shown as written and never becomes markup, a link or a mention."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.calendar import Calendar, timeline
from cxkit.report import calendar_text as said
from cxkit.report.escape import markdown, markdown_code


def write(found: Calendar, out: TextIO, *, color: bool) -> None:
    out.write("\n".join(lines(found)) + "\n")


def lines(found: Calendar) -> list[str]:
    if not found.changes and not found.broken:
        return [f"## {markdown(said.nothing_found(found))}", "", *_warnings(found)]
    text = [f"## {markdown(said.headline(found))}", ""]
    if found.scheduled:
        text += [f"### {markdown(said.WINDOWS_HEADING)}", ""]
        text += ["| change | window | title |", "| --- | --- | --- |"]
        for c in found.scheduled:
            assert c.window is not None
            cells = (
                markdown_code(c.change.id, cell=True),
                said.span(c.window),
                markdown(c.change.title),
            )
            text.append("| " + " | ".join(cells) + " |")
        text += ["", "### Timeline", "", "| day | change | what |", "| --- | --- | --- |"]
        for e in timeline(found):
            cells = (
                e.date.isoformat(),
                markdown_code(e.change.change.id, cell=True),
                markdown(said.what(e)),
            )
            text.append("| " + " | ".join(cells) + " |")
        text.append("")
    if found.unscheduled:
        text += [f"### {markdown(said.UNSCHEDULED_HEADING)}", ""]
        text += [
            f"- {markdown(said.unscheduled(c.change.id, c.change.title, c.file))}"
            for c in found.unscheduled
        ]
        text.append("")
    if found.conflicts:
        text += [f"### {markdown(said.conflicts_heading(found))}", ""]
        text += [f"- {markdown(said.message(c, found.conflict_days))}" for c in found.conflicts]
    else:
        text.append("**No conflicts.**")
    text.append("")
    if found.broken:
        text += [f"**{markdown(said.broken(found))}**", ""]
    return text + _warnings(found)


def _warnings(found: Calendar) -> list[str]:
    if not found.warnings:
        return []
    return ["### Warnings", "", *(f"- {markdown(w)}" for w in found.warnings), ""]
