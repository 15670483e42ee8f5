"""A release review as Markdown, for an issue or a retrospective's notes. It says what the text
report says (the phrases are release_review_text's): every id is a code span and every other
text is escaped, so what a file holds is shown as written and never becomes markup, a link or
a mention."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.impact import ChangeReview
from cxkit.analysis.release_review import LateOwner, ReleaseReview, SubjectReview, SuggestedEdit
from cxkit.report.escape import markdown, markdown_code
from cxkit.report.release_review_text import (
    NO_REVIEW,
    edit,
    late_details,
    metric,
    review_heading,
    said_lists,
    sections,
    subject_name,
    summary,
    unmeasured_ids,
    when,
)


def write(review: ReleaseReview, out: TextIO, *, color: bool) -> None:
    c = review.change
    lines = [f"## Review of {markdown_code(c.id)}: {markdown(c.title)}", ""]
    lines += [markdown(when(review)), "", f"**{markdown(summary(review))}**", ""]
    for heading_text, subjects in sections(review):
        lines += [f"### {markdown(heading_text)}", ""]
        lines += _subjects(subjects)
    lines += _review(c.review, review.late)
    lines += [f"- ⚠️ {markdown(text)}" for text in review.warnings]
    out.write("\n".join(lines).rstrip("\n") + "\n")


def _subjects(subjects: list[SubjectReview]) -> list[str]:
    lines: list[str] = []
    for s in (s for s in subjects if s.metrics or s.present != "both"):
        lines.append(f"- {markdown_code(s.id)}: {markdown(subject_name(s))}")
        lines += [f"  - {markdown(metric(m))}" for m in s.metrics]
    unmeasured = unmeasured_ids(subjects)
    if unmeasured:
        lines.append(f"- No metrics, then or now: {', '.join(map(markdown_code, unmeasured))}")
    return [*lines, ""] if lines else ["None.", ""]


def _review(said: ChangeReview | None, late: list[LateOwner]) -> list[str]:
    if said is None:
        intro, *example = NO_REVIEW
        block = "\n".join(line[2:] for line in example if line)
        return [markdown(intro), "", "```yaml", block, "```", ""]
    lines = [f"### {markdown(review_heading(said))}", ""]
    for title, items in said_lists(said):
        lines += [f"#### {title}", ""]
        lines += [f"- {markdown(item)}" for item in items] or ["Nothing written."]
        lines.append("")
    if late:
        lines += ["#### Engaged late: name them in the RACI, for next time", ""]
    for owner in late:
        lines.append(f"- {markdown_code(owner.id)} ({markdown(owner.name)})")
        lines += [f"  - [ ] {_edit(e)}" for e in owner.edits]
        edits = {edit(e) for e in owner.edits}
        lines += [f"  - {markdown(text)}" for text in late_details(owner) if text not in edits]
    return [*lines, ""]


def _edit(e: SuggestedEdit) -> str:
    """An edit as a task: `add finance to consulted of agent-call (journeys/touchpoints.yaml:97)`
    with each name a code span."""
    where = markdown(f"{e.location.path}:{e.location.line}")
    return (
        f"add {markdown_code(e.owner)} to {markdown_code(e.field)} of"
        f" {markdown_code(e.touchpoint)} ({where})"
    )
