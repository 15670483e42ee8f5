"""Ids listed in a message, kept short however many there are (`a, b, c and 4 more`).

Its own module so that `cxkit validate`, which says on how many journeys an unowned touchpoint
sits, does not import the diff's hand-over analysis to list them."""

from __future__ import annotations

# How many ids a message names before it counts the rest.
_FEW = 3


def few(ids: list[str]) -> str:
    """`a, b, c` or `a, b, c and 4 more`: a message stays short however much someone holds."""
    if len(ids) <= _FEW:
        return ", ".join(ids)
    return f"{', '.join(ids[:_FEW])} and {len(ids) - _FEW} more"
