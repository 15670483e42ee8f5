"""Every position the reader gives is where the text has it.

Documents are written here, in block and flow style, by a writer that notes where it puts each
key, value and item; lines end in LF, CRLF or CR, mixed (YAML 1.2's line breaks, and editors';
the reader refuses the others libyaml knows: NEL, LS, PS).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cxkit.source.yamlreader import read_yaml

DataPath = tuple[str | int, ...]
Spot = tuple[int, int]  # row and column in the lines written, from 0

EDITOR_BREAK = re.compile("\r\n|\r|\n")
BREAKS = ["\n", "\r\n", "\r"]
KEYS = ["id", "name", "owner", "a", "é", "k-1", "日本"]
WORDS = ["x", "team-a", "3", "yes", "~", "é", "日本語", "a b", "'quoted'", '"double"', "😀"]

scalars = st.sampled_from(WORDS)
trees = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=6)
        | st.dictionaries(st.sampled_from(KEYS), inner, min_size=1, max_size=4)
    ),
    max_leaves=30,
)
documents = st.dictionaries(st.sampled_from(KEYS), trees, min_size=1, max_size=5)


@dataclass
class Writer:
    """Writes a document line by line, noting (row, column) of what it writes, from 0."""

    choose: Callable[[], bool]  # flow style or block; a duplicate key or not
    lines: list[str] = field(default_factory=list)
    keys: dict[DataPath, Spot] = field(default_factory=dict)
    values: dict[DataPath, Spot] = field(default_factory=dict)
    # Each duplicate key written: the key, where it is, and where the first one is.
    duplicates: list[tuple[str, Spot, Spot]] = field(default_factory=list)

    def block(self, value: Any, path: DataPath, indent: int, lead: str) -> None:
        """A mapping or list as a block whose first line starts with `lead`."""
        self.values[path] = (len(self.lines), len(lead))
        if isinstance(value, dict):
            for n, (key, item) in enumerate(value.items()):
                self.entry(key, item, (*path, key), indent, lead if n == 0 else " " * indent)
            if len(value) > 1 and self.choose():
                first = next(iter(value))
                self.duplicates.append(
                    (first, (len(self.lines), indent), self.keys[(*path, first)])
                )
                self.lines.append(f"{' ' * indent}{first}: again")
            return
        for n, item in enumerate(value):
            prefix = (lead if n == 0 else " " * indent) + "- "
            self.item(item, (*path, n), indent + 2, prefix)

    def entry(self, key: str, value: Any, path: DataPath, indent: int, prefix: str) -> None:
        self.keys[path] = (len(self.lines), len(prefix))
        if isinstance(value, dict | list) and not self.choose():
            self.lines.append(f"{prefix}{key}:")
            self.block(value, path, indent + 2, " " * (indent + 2))
        else:
            self.inline_line(value, path, f"{prefix}{key}: ")

    def item(self, value: Any, path: DataPath, indent: int, prefix: str) -> None:
        if isinstance(value, dict | list) and not self.choose():
            self.block(value, path, indent, prefix)
        else:
            self.inline_line(value, path, prefix)

    def inline_line(self, value: Any, path: DataPath, prefix: str) -> None:
        self.lines.append(prefix + self.inline(value, path, len(self.lines), len(prefix)))

    def inline(self, value: Any, path: DataPath, row: int, column: int) -> str:
        """`value` in flow style, starting at `column` of line `row`."""
        self.values[path] = (row, column)
        if isinstance(value, str):
            return value
        text = "{" if isinstance(value, dict) else "["
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for n, (step, item) in enumerate(items):
            text += ", " if n else ""
            if isinstance(value, dict):
                self.keys[(*path, step)] = (row, column + len(text))
                text += f"{step}: "
            text += self.inline(item, (*path, step), row, column + len(text))
        return text + ("}" if isinstance(value, dict) else "]")


def editor_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of an offset, breaking lines at LF, CRLF and CR only."""
    breaks = list(EDITOR_BREAK.finditer(text, 0, offset))
    return len(breaks) + 1, offset - (breaks[-1].end() if breaks else 0) + 1


def walk(value: Any, path: DataPath = ()) -> list[tuple[DataPath, Any]]:
    found = [(path, value)]
    steps = value.items() if isinstance(value, dict) else enumerate(value)
    for step, item in steps if isinstance(value, dict | list) else []:
        found += walk(item, (*path, step))
    return found


@settings(max_examples=300, deadline=None)
@given(documents, st.lists(st.sampled_from(BREAKS), min_size=1), st.data())
def test_every_key_value_and_item_is_where_the_text_has_it(
    document: dict[str, Any], breaks: list[str], data: st.DataObject
) -> None:
    writer = Writer(choose=lambda: data.draw(st.booleans()))
    writer.lines.append("# a comment first: the top mapping starts on line 2")
    writer.block(document, (), 0, "")
    starts, text = [], ""
    for row, line in enumerate(writer.lines):
        starts.append(len(text))
        text += line + breaks[row % len(breaks)]

    def expected(spot: Spot) -> tuple[int, int]:
        return editor_position(text, starts[spot[0]] + spot[1])

    doc = read_yaml("f.yaml", text.encode())
    assert [(f.location.line, f.location.column, f.message) for f in doc.problems] == [
        (
            *expected(second),
            f"duplicate key '{key}' (first on line {expected(first)[0]}); YAML keeps only one,"
            " so the other value would be lost silently",
        )
        for key, second, first in writer.duplicates
    ]
    for path, value in walk(document):
        here = expected(writer.values[path])
        where_key = expected(writer.keys[path]) if path in writer.keys else here
        # The empty path is the whole file.
        assert doc.position(path) == (here if path else (1, 1)), path
        assert doc.position(path, key=True) == (where_key if path else (1, 1)), path
        # Paths that leave the data point at the deepest value they reached.
        missing: list[str | int] = ["no-such-key", 99, -1, "0"]
        if isinstance(value, list):
            missing += [len(value), -len(value)]
        for step in missing:
            assert doc.position((*path, step)) == here, (path, step)
            assert doc.position((*path, step, 0), key=True) == here, (path, step)


def test_a_file_with_no_mapping_has_its_positions_at_the_start() -> None:
    for text in ["", "---\n", "- a\n- b\n", "\n\nword\n"]:
        doc = read_yaml("f.yaml", text.encode())
        assert doc.position(()) == (1, 1)
        assert doc.position((0,)) == (1, 1)
        assert doc.position(("a", 0), key=True) == (1, 1)
