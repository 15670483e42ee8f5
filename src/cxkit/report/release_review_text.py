"""A release review for a person at a terminal: the metrics then and now, how each moved, and
what the change's review says for next time, with the RACI edits it asks for.

The phrases are made here once: the Markdown report says the same."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.impact import ChangeReview
from cxkit.analysis.release_review import (
    LateOwner,
    MetricReview,
    ReleaseReview,
    SubjectReview,
    SuggestedEdit,
)
from cxkit.report.styled import write_styled

_STYLE = {"improved": "green", "worsened": "red"}


def write(review: ReleaseReview, out: TextIO, *, color: bool) -> None:
    c = review.change
    lines = [(f"Review of {c.id}: {c.title}", "bold"), (when(review), ""), (summary(review), "")]
    for heading_text, subjects in sections(review):
        lines += [("", ""), (heading_text, "bold")]
        for s in (s for s in subjects if s.metrics or s.present != "both"):
            lines.append((f"  {subject(s)}", ""))
            lines += [(f"    {metric(m)}", _STYLE.get(m.moved, "")) for m in s.metrics]
        unmeasured = unmeasured_ids(subjects)
        if unmeasured:
            lines.append((f"  No metrics, then or now: {', '.join(unmeasured)}", "dim"))
    lines += _review(c.review, review.late)
    lines += [(f"warning: {text}", "yellow") for text in review.warnings]
    write_styled(lines, out, color=color)


def _review(said: ChangeReview | None, late: list[LateOwner]) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = [("", "")]
    if said is None:
        return lines + [(line, "") for line in NO_REVIEW]
    lines.append((review_heading(said), "bold"))
    for title, items in said_lists(said):
        lines += [("", ""), (title, "bold")]
        lines += [(f"  - {item}", "") for item in items] or [("  (nothing written)", "dim")]
    if late:
        lines += [("", ""), ("Engaged late: name them in the RACI, for next time", "bold")]
    for owner in late:
        lines.append((f"  {late_owner(owner)}", ""))
        lines += [(f"    {text}", "") for text in late_details(owner)]
    return lines


# --- phrases, shared with the Markdown report -------------------------------------------------


def when(review: ReleaseReview) -> str:
    """`Released 2027-03-01. Then: a1b2c3d:journeys, the last commit on or before the release
    (made 2027-02-27). Now: working tree (journeys).`"""
    from cxkit.checks.policy import today

    release = review.change.release
    if release is None:
        said = "No release date."
    elif release > today():
        said = f"Release due {release.isoformat()}, still to come."
    else:
        said = f"Released {release.isoformat()}."
    how = ", the last commit on or before the release" if review.from_release else ""
    made = f" (made {review.committed.isoformat()})" if review.committed else ""
    return f"{said} Then: {review.then}{how}{made}. Now: {review.now}."


def summary(review: ReleaseReview) -> str:
    t = review.totals
    moved = f"Metrics: {t.improved} improved, {t.worsened} worsened, {t.unchanged} unchanged"
    if t.not_compared:
        moved += f", {t.not_compared} not compared"
    return f"{moved}; {t.on_target} on target now, {t.off_target} off target."


def sections(review: ReleaseReview) -> list[tuple[str, list[SubjectReview]]]:
    return [
        (f"Touchpoints the change changed ({len(review.touchpoints)})", review.touchpoints),
        (f"Journeys they are on ({len(review.journeys)})", review.journeys),
    ]


def unmeasured_ids(subjects: list[SubjectReview]) -> list[str]:
    """Subjects in both versions with no metric in either: one line for all of them."""
    return [s.id for s in subjects if not s.metrics and s.present == "both"]


def subject(s: SubjectReview) -> str:
    return f"{s.id}: {subject_name(s)}"


def subject_name(s: SubjectReview) -> str:
    """Its name, and whether it came or went since the release."""
    where = {"both": "", "now": " (added since the release)", "then": " (no longer in the files)"}
    return f"{s.name}{where[s.present]}"


def value(number: float | None, unit: str | None) -> str:
    """`62%`, `11 days`, `0.6`; `not measured` without a value."""
    if number is None:
        return "not measured"
    if not unit:
        return f"{number:g}"
    return f"{number:g}{unit}" if unit == "%" else f"{number:g} {unit}"


def amount(change: float, unit: str | None) -> str:
    """How far a value moved: a percentage moves by points (62% to 70% is 8 points, not 8%)."""
    size = abs(change)
    if unit == "%":
        return f"{size:g} point{'' if size == 1 else 's'}"
    return value(size, unit)


def metric(m: MetricReview) -> str:
    """`Customer satisfaction (CSAT): 62% → 70%, improved by 8 points (higher is better);
    target 80%, off target`: the metric's name in words, as the briefing says it."""
    from cxkit.render.words import metric_name

    return f"{metric_name(m.name)}: {movement(m)}; {target(m)}"


def movement(m: MetricReview) -> str:
    then, now = value(m.then, m.unit), value(m.now, m.unit)
    if m.moved == "added":
        return f"{now}, added since the release"
    if m.moved == "removed":
        return f"was {then}, removed since the release"
    if m.moved == "not-measured":
        return "not measured then or now"
    if m.moved == "not-measured-then":
        return f"{now} now, not measured then"
    if m.moved == "not-measured-now":
        return f"{then} then, not measured now"
    if m.moved == "unchanged":
        return f"{now}, unchanged"
    assert m.change is not None  # both values are known
    return f"{then} → {now}, {m.moved} by {amount(m.change, m.unit)} ({m.better} is better)"


def target(m: MetricReview) -> str:
    if m.target is None:
        return "no target"
    said = f"target {value(m.target, m.unit)}"
    if m.on_target is None:
        return said
    return f"{said}, {'on target' if m.on_target else 'off target'}"


def review_heading(said: ChangeReview) -> str:
    return f"The review of {said.date.isoformat()}" if said.date else "The review"


def said_lists(said: ChangeReview) -> list[tuple[str, list[str]]]:
    return [
        ("What went well", said.went_well),
        ("What to do differently", said.do_differently),
    ]


def late_owner(owner: LateOwner) -> str:
    return f"{owner.id} ({owner.name})"


def late_details(owner: LateOwner) -> list[str]:
    """What to do for an owner engaged late: the edits, one a line, then what needs none."""
    lines = [owner.handover] if owner.handover else []
    lines += [edit(e) for e in owner.edits]
    if owner.already_named:
        lines.append(f"already named on {', '.join(owner.already_named)}")
    if not owner.edits and not owner.already_named:
        lines.append("no affected touchpoint to name them on")
    return lines


def edit(e: SuggestedEdit) -> str:
    """`add field-operations to `consulted` of agent-call (journeys/touchpoints.yaml:97)`."""
    return f"add {e.owner} to `{e.field}` of {e.touchpoint} ({e.location.path}:{e.location.line})"


NO_REVIEW = [
    "No review yet. After the release, walk through these figures with the people in waves 1"
    " and 2, and write what you learnt at the end of the change file:",
    "",
    "  review:",
    "    date: YYYY-MM-DD",
    '    went_well: ["what to keep doing"]',
    '    do_differently: ["what to change next time"]',
    "    engaged_late: [owner-id]   # teams asked too late: the next change finds them",
]
