"""A YAML file as cxkit reads it: its data, where each key, value and item stands, and the
problems and `# cxkit:` comments found reading it.

Plain scalars stay `str`; quoted and block scalars become `Quoted` so that typed fields can tell
`emotion: 3` from `emotion: "3"`. Plain `null`, `~` and empty become None.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from operator import indexOf
from typing import Any

from cxkit.checks.findings import Finding

Pos = tuple[int, int]

# Scanning the keys of a mapping this small costs a few tenths of a microsecond and needs no
# index (workspace mappings hold about ten); a larger one gets an index the first time a finding
# in it is placed.
_SCAN_KEYS_UP_TO = 32


@dataclass(frozen=True, slots=True)
class Comment:
    """A YAML comment that speaks to cxkit (`# cxkit: ...`): where its `#` is, and its text."""

    line: int
    column: int
    text: str  # from the `#` to the end of the line


class Quoted(str):
    """A scalar the user quoted or wrote as a block (`|`, `>`): always text."""

    __slots__ = ()


@dataclass(slots=True)
class YamlDocument:
    """One file's data, the positions of its nodes, and the problems found reading it.

    `data` is None when the file could not be read as YAML at all.

    Positions are (line, column) pairs in one flat array of C ints (a file holds at most
    MAX_FILE_BYTES, so they fit): a tuple, a dict and a few int objects for every key would take
    twice the memory of the data itself. `marks` maps each mapping and list the reader built, by
    identity, to where its pairs start in `spots`: its own start, then for a mapping the key and
    the value of each key in the dict's order, for a list the start of each item.
    """

    path: str
    data: Any
    spots: array[int] = field(default_factory=lambda: array("i"))
    marks: dict[int, int] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    # Comments that speak to cxkit; the node tree drops comments, so the reader keeps these.
    comments: list[Comment] = field(default_factory=list)
    # False when the document came from another process without its positions
    # (source/background.py): reading the file again gives them.
    positioned: bool = True
    # The place of each key in the mappings too large to scan, by identity, built when asked.
    key_places: dict[int, dict[str, int]] = field(default_factory=dict)

    def position(self, path: tuple[str | int, ...], *, key: bool = False) -> Pos:
        """Where the value at `path` starts (or its key, with key=True).

        Follows the path as far as the data goes; a path that leaves the data points at the
        deepest mapping or list it reached, which is where a missing field belongs.
        """
        # Rules ask for tens of thousands of positions of paths that exist: finding the holder
        # of the last step and reading only its marks skips a lookup of marks at every level.
        # The reader gives every mapping and list it makes marks, so the answer is the same.
        holder = _holder_of_last_step(self.data, path)
        start = None if holder is None else self.marks.get(id(holder))
        if start is None:
            return self._position_step_by_step(path, key=key)
        step = path[-1]
        if isinstance(step, int):  # the holder is a list
            return self._spot(_item_spot(start, step))
        return self._spot(self._key_spot(start, holder, step) + (0 if key else 2))

    def _position_step_by_step(self, path: tuple[str | int, ...], *, key: bool) -> Pos:
        """`position` for any path, those that leave the data included."""
        node = self.data
        here: Pos = (1, 1)
        last = len(path) - 1
        for index, step in enumerate(path):
            start = self.marks.get(id(node))
            if start is None:
                return here
            here = self._spot(start)
            if isinstance(node, dict) and isinstance(step, str) and step in node:
                at = self._key_spot(start, node, step)
                if key and index == last:
                    return self._spot(at)
                here, node = self._spot(at + 2), node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                here, node = self._spot(_item_spot(start, step)), node[step]
            else:
                return here
        return here

    def _spot(self, at: int) -> Pos:
        return self.spots[at], self.spots[at + 1]

    def _key_spot(self, start: int, mapping: dict[str, Any], key: str) -> int:
        """Where the pairs of a key of a mapping (key, then value) are, from the mapping's start.

        Workspace mappings are small, and scanning their keys costs less than keeping an index;
        a large one (a file of 200,000 unknown keys) is indexed once, or every finding in it
        would scan it again.
        """
        if len(mapping) <= _SCAN_KEYS_UP_TO:
            return pair_spot(start, indexOf(mapping, key))
        places = self.key_places.get(id(mapping))
        if places is None:
            places = self.key_places[id(mapping)] = key_places(mapping)
        return pair_spot(start, places[key])


def pair_spot(start: int, place: int) -> int:
    """Where the pairs of the key in `place` of a mapping are, from the mapping's start."""
    return start + 2 + 4 * place


def key_places(mapping: dict[str, Any]) -> dict[str, int]:
    """The place of each key of a mapping, in the dict's order (the order of its spots)."""
    return {key: place for place, key in enumerate(mapping)}


def _item_spot(start: int, index: int) -> int:
    """Where the pair of an item of a list is, from the list's start."""
    return start + 2 + 2 * index


def _holder_of_last_step(data: Any, path: tuple[str | int, ...]) -> Any:
    """The mapping or list that holds the value at `path`, or None for an empty path, a path
    that leaves the data, or an unusual one (the step-by-step walk answers those)."""
    holder: Any = None
    node = data
    try:
        for step in path:
            kind = type(node)
            if kind is list:
                if type(step) is not int or step < 0:
                    return None
            elif kind is not dict or type(step) is not str:
                return None
            holder, node = node, node[step]
    except (KeyError, IndexError):
        return None
    return holder


def describe(value: Any) -> str:
    """How a value reads in a message: `null`, `a list`, `'no'` (long text cut short)."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Quoted):
        return f"the quoted text {_short(str(value))!r}"
    return repr(_short(str(value))) if isinstance(value, str) else repr(value)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
