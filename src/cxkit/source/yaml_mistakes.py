"""The commonest YAML mistakes in plain words, with what to do, in place of the parser's.

Most broken files a person writes have a line indented a space or two off, a `: ` inside a
value, or a key without its colon. The parser names what its grammar expected next (`did not
find expected '-' indicator`), which says little to someone editing a journey; these say what is
wrong with the line and how to put it right. A mistake not recognised here keeps the parser's
words. libyaml's wording is matched, and the pure-Python parser's, which PyYAML uses where it
was built without libyaml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import yaml

from cxkit.source.document import Pos
from cxkit.source.text import line_col


@dataclass(frozen=True, slots=True)
class Mistake:
    """Where the parser stopped (`at`, an offset in `text`, and its line and column) and what
    it was reading: `context` (`while parsing a block mapping`) begun at `context_at`.
    `at_end`: the parser reached the end of the file, and `at` is where what it read began."""

    text: str
    at: int
    position: Pos
    context: str
    context_at: int | None
    at_end: bool = False

    @property
    def before_on_its_line(self) -> str:
        return self.text[self.at - (self.position[1] - 1) : self.at]

    @property
    def after_on_its_line(self) -> str:
        return (self.text[self.at :].splitlines() or [""])[0]

    @property
    def starts_its_line(self) -> bool:
        """Whether only indentation comes before the place on its line."""
        return self.before_on_its_line.strip(" ") == ""

    @property
    def context_position(self) -> Pos | None:
        return None if self.context_at is None else line_col(self.text, self.context_at)


def _list_out_of_line(mistake: Mistake) -> str | None:
    where = mistake.context_position
    if mistake.at_end or not mistake.starts_its_line or where is None:
        return None
    line, column = where
    return (
        f"this line does not line up with the list it is in (its items' '-' at column {column},"
        f" from line {line}): indent the line as far as the fields above it, or start a new item"
        f" with '- ' at column {column}"
    )


def _mapping_out_of_line(mistake: Mistake) -> str | None:
    where = mistake.context_position
    if mistake.at_end or not mistake.starts_its_line or where is None:
        return None
    line, column = where
    return (
        f"this line does not line up with the mapping it is in (its keys at column {column},"
        f" from line {line}): put a key under the keys above it, and a list item's '-' under"
        " the '-' of the items above it"
    )


def _colon_inside_a_value(mistake: Mistake) -> str | None:
    before = mistake.before_on_its_line
    if ": " in before:
        return f"a ': ' inside a value: put the value in quotes{_as_in(mistake, before)}"
    return (
        "this line is indented deeper than the one above, so it reads as more of that line's"
        " value, where ': ' cannot be: line its key up with the keys above it"
    )


def _as_in(mistake: Mistake, before: str) -> str:
    """`, as in key: "the value"` for the line at the mistake, where quoting it is that simple."""
    key, _, start = before.partition(": ")
    key = key.strip().removeprefix("- ").strip()
    value = (start + mistake.after_on_its_line.split(" #", 1)[0]).strip()
    if not (key and value) or any(c in key + value for c in '"\\{}[],'):
        return ""
    return f', as in {key}: "{value}"'


def _key_without_colon(mistake: Mistake) -> str | None:
    where = mistake.context_position
    if where is None:
        return None
    line, column = where
    if line == mistake.position[0]:
        return "a key without a ': ' (a colon and a space) after it: write 'key: value'"
    return (
        f"the key at line {line}, column {column} has no ': ' (a colon and a space) after it,"
        " so it runs on to here: write 'key: value'"
    )


# What the parser says, as (the start of its problem, its context or "" for any), and what
# explains it. libyaml first, then the pure-Python parser.
_EXPLAINED: dict[tuple[str, str], Callable[[Mistake], str | None]] = {
    ("did not find expected '-' indicator", ""): _list_out_of_line,
    ("expected <block end>", "while parsing a block collection"): _list_out_of_line,
    ("did not find expected key", ""): _mapping_out_of_line,
    ("expected <block end>", "while parsing a block mapping"): _mapping_out_of_line,
    ("mapping values are not allowed", ""): _colon_inside_a_value,
    ("could not find expected ':'", ""): _key_without_colon,
}


def plain_words(
    text: str, exc: yaml.MarkedYAMLError, at: int, position: Pos, at_end: bool
) -> str | None:
    """What the parser's error means for this file, and what to do, at `at` (`position`);
    None when it is not a mistake explained here."""
    problem, context = exc.problem or "", exc.context or ""
    context_at = None if exc.context_mark is None else exc.context_mark.index
    mistake = Mistake(text, at, position, context, context_at, at_end)
    for (start, within), explain in _EXPLAINED.items():
        if problem.startswith(start) and within in context:
            return explain(mistake)
    return None
