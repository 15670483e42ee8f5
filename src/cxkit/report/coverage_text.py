"""The coverage figures and the next reviews due, as the lines the text summary ends with."""

from __future__ import annotations

import datetime as dt

from cxkit.analysis.coverage import Coverage, Figure
from cxkit.analysis.reviews import Review

REVIEWS_SHOWN = 3


def coverage_line(coverage: Coverage) -> str:
    """`coverage: touchpoints 93% (40/43 with an active accountable owner), ...`; '' when the
    workspace has no journey."""
    if not coverage.journeys:
        return ""
    owned = "with an active accountable owner"
    return (
        f"coverage: touchpoints {_figure(coverage.touchpoints, owned)},"
        f" moments of truth {_figure(coverage.moments_of_truth, 'owned and measured')},"
        f" journeys {_figure(coverage.leaders, 'with an active leader')}"
    )


def reviews_line(reviews: list[Review], today: dt.date | None) -> str:
    """`next reviews due: moving-home (never reviewed), cancel-service 2026-09-06 (overdue), ...`"""
    if not reviews:
        return ""
    shown = [_review(r, today) for r in reviews[:REVIEWS_SHOWN]]
    more = len(reviews) - REVIEWS_SHOWN
    return f"next reviews due: {', '.join(shown)}{f' and {more} more' if more > 0 else ''}"


def _figure(figure: Figure, what: str) -> str:
    return f"{figure.percent}% ({figure.owned}/{figure.total} {what})"


def _review(review: Review, today: dt.date | None) -> str:
    if review.due is None:
        return f"{review.journey} (never reviewed)"
    late = today is not None and review.overdue(today)
    return f"{review.journey} {review.due}{' (overdue)' if late else ''}"


def coverage_table(coverage: Coverage) -> list[str]:
    """The figures as a Markdown table, overall then per journey, for the GitHub job summary."""
    from cxkit.report.escape import markdown_code

    if not coverage.journeys:
        return []
    lines = [
        "| Coverage | Touchpoints owned | Moments of truth owned and measured | Active leader |",
        "| --- | --- | --- | --- |",
        f"| **all journeys** | {_cell(coverage.touchpoints)} | {_cell(coverage.moments_of_truth)}"
        f" | {_cell(coverage.leaders)} |",
    ]
    lines += [
        f"| {markdown_code(j.id, cell=True)} | {_cell(j.touchpoints)}"
        f" | {_cell(j.moments_of_truth)} | {'yes' if j.leader else '**no**'} |"
        for j in coverage.journeys
    ]
    return [*lines, ""]


def _cell(figure: Figure) -> str:
    return f"{figure.percent}% ({figure.owned}/{figure.total})"


def coverage_change(before: Coverage, after: Coverage) -> str:
    """`coverage: touchpoints 93% → 90% (29/31 → 27/30), moments of truth ..., journeys ...`
    (a figure that did not move is shown once)."""
    pairs = [
        ("touchpoints", before.touchpoints, after.touchpoints),
        ("moments of truth", before.moments_of_truth, after.moments_of_truth),
        ("journeys led", before.leaders, after.leaders),
    ]
    return "coverage: " + ", ".join(f"{name} {_moved(old, new)}" for name, old, new in pairs)


def _moved(old: Figure, new: Figure) -> str:
    if old == new:
        return f"{new.percent}% ({new.owned}/{new.total})"
    return f"{old.percent}% → {new.percent}% ({old.owned}/{old.total} → {new.owned}/{new.total})"
