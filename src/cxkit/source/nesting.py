"""Cheap checks that keep libyaml away from nesting it handles badly.

libyaml's scanner costs time proportional to the flow depth for every token, so deep flow
nesting (`[[[[...`) is quadratic: 20,000 levels in 40 KB take a second, a megabyte takes
minutes. Its composer recurses in C, so very deep nesting of any kind needs a large stack.
"""

from __future__ import annotations

import re

# Files with fewer flow openers than this cannot get slow; others have their depth measured.
FLOW_OPENERS_CHECKED = 1000
_SPECIAL = re.compile(r"[\[\]{}\"'#|>]")
_BLANK = " \t"
_BREAKS = "\r\n"


def deep_flow_offset(text: str, limit: int) -> int | None:
    """Where flow nesting (`[`, `{`) first goes deeper than `limit`, or None.

    A small lexer that knows enough YAML to count only real openers: not those inside quoted
    scalars, comments, block scalars (`|`, `>`) or plain text (`name: a [b]`), where a
    bracket does not start a collection.
    """
    if text.count("[") + text.count("{") <= FLOW_OPENERS_CHECKED:
        return None
    depth = 0
    position = 0
    while (match := _SPECIAL.search(text, position)) is not None:
        at = match.start()
        char = text[at]
        position = at + 1
        starts = _starts_token(text, at, depth)
        if char in "[{" and (depth > 0 or starts):
            depth += 1
            if depth > limit:
                return at
        elif char in "]}" and depth > 0:
            depth -= 1
        elif char == "#" and (at == 0 or text[at - 1] in _BLANK + _BREAKS):
            end = text.find("\n", at)
            position = len(text) if end < 0 else end
        elif char in "'\"" and starts:
            position = _quoted_end(text, at, char)
        elif char in "|>" and depth == 0 and starts:
            position = _block_scalar_end(text, at)
    return None


def _starts_token(text: str, at: int, depth: int) -> bool:
    """Whether a token can start at `at`: after an indicator, a line start, or in flow after
    a flow indicator (spaces between allowed)."""
    before = at - 1
    while before >= 0 and text[before] in _BLANK:
        before -= 1
    if before < 0 or text[before] in _BREAKS:
        return True
    if depth > 0:
        return text[before] in "[{,:"
    return text[before] in ":-?" and before < at - 1


def _quoted_end(text: str, start: int, quote: str) -> int:
    """The offset just after the quoted scalar that starts at `start` (or the end of text)."""
    position = start + 1
    while True:
        end = text.find(quote, position)
        if end < 0:
            return len(text)
        if quote == "'" and text.startswith("''", end):
            position = end + 2
        elif quote == '"' and _escaped(text, end):
            position = end + 1
        else:
            return end + 1


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _block_scalar_end(text: str, at: int) -> int:
    """The start of the first line after a block scalar's content (more-indented lines)."""
    line_start = text.rfind("\n", 0, at) + 1
    indent = len(text[line_start:at]) - len(text[line_start:at].lstrip(" "))
    position = text.find("\n", at)
    while position >= 0:
        next_start = position + 1
        next_end = text.find("\n", next_start)
        line = text[next_start:] if next_end < 0 else text[next_start:next_end]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            return next_start
        position = next_end
    return len(text)


def may_nest_too_deep(text: str, safe: int) -> bool:
    """Whether the file could nest deeper than `safe` levels (so it must be scanned first).

    Every level of nesting needs an opening bracket, or a block indicator (`-`, `:`, `?`)
    followed by a space or a line break; their count bounds the depth. Counting is cheap, and
    real files stay far below the bound (a hyphen inside an id is not an indicator).
    """
    if len(text) <= safe:
        return False
    brackets = text.count("[") + text.count("{")
    indicators = sum(text.count(f"{mark}{space}") for mark in "-:?" for space in " \t\n\r")
    return brackets + indicators > safe
