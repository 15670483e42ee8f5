"""The customer's route through a journey: which touchpoints come next after each one.

The stages come in order; inside a stage the customer takes one of its paths, in order. After
the last touchpoint of a path come the first touchpoints of every path of the next stage that
has any (format 1.1, "A stage's paths").
"""

from __future__ import annotations

from itertools import groupby, pairwise

from cxkit.workspace import Step


def following(steps: list[Step]) -> list[list[Step]]:
    """For each step of one journey (by its index), the steps that come right after it."""
    after: list[list[Step]] = [[] for _ in steps]
    stages = [
        [list(lane) for _, lane in groupby(stage, key=lambda s: s.path)]
        for _, stage in groupby(steps, key=lambda s: s.stage_index)
    ]
    for here, there in pairwise([*stages, []]):
        entries = [lane[0] for lane in there]
        for lane in here:
            for before, step in pairwise(lane):
                after[before.index].append(step)
            after[lane[-1].index].extend(entries)
    return after
