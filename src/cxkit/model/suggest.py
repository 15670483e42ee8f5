"""Nearest-name suggestions for misspelt keys, rules and ids."""

from __future__ import annotations

import difflib


def suggest(word: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)` when one of `choices` is close to `word`, else ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
