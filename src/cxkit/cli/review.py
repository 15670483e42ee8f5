"""`cxkit review`: after a release, how the metrics of what a change touched moved since, and
what the change's review says for next time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxkit.cli.destination import emit
from cxkit.cli.options import (
    ColorOption,
    ConfigOption,
    OutputOption,
    WorkspaceOption,
    configured,
    usable_change,
)
from cxkit.report import ReviewFormat

if TYPE_CHECKING:
    from cxkit.analysis.impact import PlannedChange
    from cxkit.analysis.release_review import Baseline
    from cxkit.source.discovery import Ignore

EPILOG = """Examples:

  cxkit review changes/new-billing-platform.yaml      # at the release against now

  cxkit review changes/new-billing-platform.yaml --at v2027.03   # the release's tag

  cxkit review changes/ivr-callback.yaml -f markdown -o review.md   # for the retrospective

Then is the workspace at --at REV (a git revision, REV:PATH, or a folder); by
default the last commit on or before the change's release date. Now is the
working tree. Each metric is shown then and now, which way it moved against the
way its `better` wants, by how much, and against its target.

The metrics compared are those of the touchpoints the change changes directly
(the ones cxkit impact lists as direct) and of the journeys they are on.
Touchpoints downstream are left out: the change did not change them, their
metrics move for reasons of their own, and what customers live end to end is
measured by the journeys' metrics, which are in.

Then the change's `review` block: what went well, what to do differently, and
for each owner engaged late, the affected touchpoints whose RACI does not name
them, each as an edit with its file and line. Without a review, how to write one.

Exit codes: 0 done; 1 the change file has errors; 2 usage error (no git
repository, an unknown revision, no release date and no --at, no commit on or
before the release), missing file, workspace without files, or internal failure."""


_ReviewFormatOption = Annotated[
    ReviewFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="text (for people), json, or markdown (for an issue or a retrospective's notes).",
        case_sensitive=False,
    ),
]


def command(
    change_file: Annotated[Path, typer.Argument(help="The change file (YAML).", metavar="CHANGE")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="REV",
            help="The workspace as released: a git revision (REV or REV:PATH) or a folder."
            " Default: the last commit on or before the change's release date.",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    config: ConfigOption = None,
    output_format: _ReviewFormatOption = ReviewFormat["text"],
    output: OutputOption = None,
    color: ColorOption = None,
) -> None:
    """After a release: how the metrics of what a change touched moved, and what to learn."""
    from cxkit.analysis.release_review import review_release
    from cxkit.analysis.versions import working_tree
    from cxkit.cli.impact import workspace_errors
    from cxkit.report import REVIEW_REPORTERS, reporter

    settings, workspace_path = configured(config, workspace)
    current = working_tree(workspace_path, settings.ignore)
    now = current.load()
    change, findings = usable_change(change_file, now)
    then = _baseline(change, at, workspace_path, settings.ignore)
    review = review_release(change, then, now, current.label)
    review.warnings[:0] = [f"{f.location}: {f.message}" for f in findings]
    review.warnings += workspace_errors(now) + _errors_then(then) + _not_yet(change, at)
    write = reporter(output_format.value, REVIEW_REPORTERS)
    emit(output, color, lambda out, colored: write(review, out, color=colored))


def _baseline(
    change: PlannedChange, at: str | None, workspace: Path, ignore: Ignore | None
) -> Baseline:
    """The workspace as released: at --at, else at the last commit on or before the release."""
    from cxkit.analysis.release_review import Baseline
    from cxkit.analysis.versions import at_release, with_commit

    if at is None and change.release is None:
        raise typer.BadParameter(
            f"the change {change.id} has no release date, so which version was released is"
            " unknown: give --at REV (the commit or tag it was released from), or add"
            " `release: YYYY-MM-DD` to the change",
            param_hint="CHANGE",
        )
    if at is not None:
        version, commit = with_commit(at, workspace, ignore)
    else:
        assert change.release is not None
        version, commit = at_release(change.release, workspace, ignore)
    return Baseline(
        workspace=version.load(),
        label=version.label,
        commit=commit.short if commit else None,
        committed=commit.day if commit else None,
        from_release=at is None,
    )


def _not_yet(change: PlannedChange, at: str | None) -> list[str]:
    """A warning when the release date is still to come: "then" is only the latest commit."""
    from cxkit.checks.policy import today

    day = today()
    if at is not None or change.release is None or change.release <= day:
        return []
    return [
        f"the release on {change.release.isoformat()} is still to come (today is"
        f" {day.isoformat()}): then is the last commit so far, so this shows what moved before"
        " the release; review it again after the release"
    ]


def _errors_then(then: Baseline) -> list[str]:
    """A warning when the workspace at the release has errors: its figures may be partial."""
    from cxkit.checks.findings import at_or_above

    errors = len(at_or_above(then.workspace.findings, "error"))
    if not errors:
        return []
    said = "1 error" if errors == 1 else f"{errors} errors"
    return [f"the workspace at {then.label} has {said}: what could be read of it is compared"]
