"""What an owner holds, as Markdown: a hand-over note for an issue or a pull request. It says
what the text report says (the phrases are owner_text's), each part a section and each thing
a list item; every id is a code span and every other text is escaped, so what a file holds is
shown as written and never becomes markup, a link or a mention."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.holdings import PARTS, Held, Holder, OwnerReport
from cxkit.report.escape import markdown, markdown_code
from cxkit.report.owner_text import about, details, handover, heading, people_heading, summary


def write(report: OwnerReport, out: TextIO, *, color: bool) -> None:
    holder = report.holder
    lines = [f"## Owner {_title(holder)}", "", markdown(about(holder.owner)), ""]
    lines += _handover(holder)
    lines += _sections(holder, "###")
    if holder.owner.kind == "team":
        lines += [f"### {markdown(people_heading(report))}", ""]
        for member in report.members:
            lines += [f"#### {_title(member)}", "", markdown(about(member.owner)), ""]
            lines += _handover(member)
            lines += _sections(member, "#####") or ["Holds no role.", ""]
    lines += [f"**{markdown(summary(report))}**", ""]
    lines += [f"- ⚠️ {markdown(text)}" for text in report.warnings]
    out.write("\n".join(lines).rstrip("\n") + "\n")


def _title(holder: Holder) -> str:
    return f"{markdown_code(holder.owner.id)}: {markdown(holder.owner.name)}"


def _handover(holder: Holder) -> list[str]:
    said = handover(holder)
    if not said:
        return []
    return [f"> **{markdown(said[0])}**", *(f"> {markdown(more)}" for more in said[1:]), ""]


def _sections(holder: Holder, level: str) -> list[str]:
    lines: list[str] = []
    for part in PARTS:
        held = holder.of(part)
        if held:
            lines += [f"{level} {markdown(heading(part, len(held)))}", ""]
            lines += [_item(h) for h in held] + [""]
    return lines


def _item(held: Held) -> str:
    notes = details(held)
    said = f" — {markdown('; '.join(notes))}" if notes else ""
    return f"- {markdown_code(held.id)} {markdown(held.name)}{said}"
