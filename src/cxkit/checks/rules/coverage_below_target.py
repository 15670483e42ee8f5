"""A coverage figure below the minimum the config sets for it.

"An owner for every touchpoint" is a number a team can track and hold: the share of touchpoints
with an active accountable owner, of moments of truth owned and measured, of journeys with an
active experience leader (see Coverage in the README). `coverage` in `.cxkit.yaml` sets a
minimum for any of them, in percent:

    coverage: {touchpoints: 95, moments_of_truth: 100, journeys: 100}

A figure below its minimum is an error by default, so it fails the run, at the minimum's place in
the config file. The message names the journeys that pull the figure down.
"""

from collections.abc import Iterator

from cxkit.analysis.coverage import WORDING, Coverage
from cxkit.checks.findings import Finding, Location
from cxkit.checks.policy import Policy

ID = "coverage-below-target"
SEVERITY = "error"
check = None  # made by the engine: it needs the config's minimums
SHOWN = 3  # journeys named before "and N more"


def below_target(coverage: Coverage, policy: Policy) -> Iterator[Finding]:
    for name, target in policy.targets.items():
        figure = coverage.figure(name)
        if figure.percent >= target:
            continue
        yield Finding(
            policy.where.get(name, Location(".")),
            ID,
            f"coverage of {WORDING[name]} is {figure.percent}% ({figure.owned}/{figure.total}),"
            f" below the target of {target}%{_pulled_down(coverage.below(name, target))}",
            entity=f"coverage:{name}",
        )


def _pulled_down(journeys: list[str]) -> str:
    if not journeys:
        return ""
    named = ", ".join(journeys[:SHOWN])
    more = f" and {len(journeys) - SHOWN} more" if len(journeys) > SHOWN else ""
    noun = "journey" if len(journeys) == 1 else "journeys"
    return f"; pulled down by {noun} {named}{more}"
