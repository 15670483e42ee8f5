"""A journey whose map was last reviewed longer ago than the team's cadence, or never.

A journey mapped a year ago describes a company that no longer exists: people have moved,
channels have changed, customers have found new ways round. `last_reviewed` (format 1.1) records
when the journey was last walked through with the people who run it; `review_every_days` in
`.cxkit.yaml` sets the cadence (default 180 days). A review past due is a warning saying the date
it was due; a journey never reviewed (no `last_reviewed`) is info, once the workspace keeps
review dates (a journey has `last_reviewed`, or the config sets `review_every_days`): before
that, nothing is said. Setting the rule's severity in the config sets both.

"Today" is the machine's date, or `CXKIT_TODAY` (`YYYY-MM-DD`) for tests and reproducible CI.
"""

from collections.abc import Iterator
from typing import Any

from cxkit.analysis.reviews import reviews
from cxkit.checks.findings import Finding
from cxkit.checks.policy import Policy
from cxkit.workspace import Workspace

ID = "journey-stale"
SEVERITY = "warning"
GRADED = True  # each finding has its own severity (warning, or info when never reviewed)
check = None  # made by the engine: it needs the cadence and today's date


def stale(workspace: Workspace, policy: Policy) -> Iterator[Finding]:
    every = policy.review_every_days
    for review in reviews(workspace, every, kept=policy.cadence_set):
        placed = workspace.journeys[review.journey]
        entity = f"journeys:{review.journey}"
        if review.last is None:
            if _written(placed.doc.data, placed.path):
                continue  # a value that is no date: the format check reports it
            yield Finding(
                placed.location("id"),
                ID,
                f"journey '{review.journey}' has never been reviewed: walk it through with the"
                " people who run it and record the date in 'last_reviewed'",
                "info",
                entity,
            )
        elif review.overdue(policy.today):
            yield Finding(
                placed.location("last_reviewed"),
                ID,
                f"journey '{review.journey}' was last reviewed on {review.last}: a review was"
                f" due on {review.due} (every {every} days); review it and update"
                " 'last_reviewed'",
                "warning",
                entity,
            )


def _written(data: Any, path: tuple[str | int, ...]) -> bool:
    """Whether the journey at `path` in a file's data has a `last_reviewed` key at all."""
    try:
        for step in path:
            data = data[step]
    except (KeyError, IndexError, TypeError):
        return False
    return isinstance(data, dict) and "last_reviewed" in data
