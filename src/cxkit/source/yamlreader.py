"""Safe YAML reading that keeps the position of every key and value.

The format forbids anchors, aliases, tags and duplicate keys, and wants each scalar kept as the
text the user wrote. PyYAML's loaders do none of that, so this module composes nodes with libyaml
(fast, and every node carries its marks), resolves nothing, and walks the nodes into plain data
(dicts, lists, strings, None) plus the positions of every key, value and item.

Plain scalars stay `str`; quoted and block scalars become `Quoted` so that typed fields can tell
`emotion: 3` from `emotion: "3"`. Plain `null`, `~` and empty become None.

libyaml's composer recurses in C, so every file is read on a thread with a large stack: the two
ways in, `read_yaml` (one file's bytes) and `read_yaml_files` (a workspace's files, on one
thread), both run there, whatever kind of file they read.
"""

from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import indexOf
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cxkit.findings import Finding, Location
from cxkit.source.nesting import deep_flow_offset, may_nest_too_deep
from cxkit.source.yaml12 import yaml12_problem

PLAIN_TAG = "tag:cxkit.dev,2026:plain"
QUOTED_TAG = "tag:cxkit.dev,2026:quoted"
# Collections get tags of our own too, so that an explicit `!!seq` or `!!map` is seen as a tag.
SEQ_TAG = "tag:cxkit.dev,2026:seq"
MAP_TAG = "tag:cxkit.dev,2026:map"
_OWN_TAGS = frozenset({PLAIN_TAG, QUOTED_TAG, SEQ_TAG, MAP_TAG})

_NOT_READ_AGAIN = frozenset({"yaml-syntax", "yaml-anchor", "yaml-tag"})

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

# Deeper than any real workspace file (about ten levels) and far below what could hurt.
MAX_DEPTH = 100
# libyaml's composer recurses in C. Parsing runs on a thread with this much stack, which holds
# about 900,000 levels; files that could nest deeper than SAFE_NESTING are scanned first.
PARSER_STACK_BYTES = 256 * 1024 * 1024
SAFE_NESTING = 400_000
MAX_FILE_BYTES = 64 * 1024 * 1024
# Scanning the keys of a mapping this small costs a few tenths of a microsecond and needs no
# index (workspace mappings hold about ten); a larger one gets an index the first time a finding
# in it is placed.
_SCAN_KEYS_UP_TO = 32

Pos = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a file is, for the messages about its shape: `workspace file`, `config file`."""

    name: str
    top_level: str  # what its top level maps


WORKSPACE_FILE = FileKind(
    "workspace file", "sections (owners, personas, systems, touchpoints, journeys)"
)


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
            return _pair_spot(start, indexOf(mapping, key))
        places = self.key_places.get(id(mapping))
        if places is None:
            places = self.key_places[id(mapping)] = _places(mapping)
        return _pair_spot(start, places[key])


def _pair_spot(start: int, place: int) -> int:
    """Where the pairs of the key in `place` of a mapping are, from the mapping's start."""
    return start + 2 + 4 * place


def _places(mapping: dict[str, Any]) -> dict[str, int]:
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


class _NoResolver:
    """Resolve no scalar types: only remember whether a scalar was plain."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return PLAIN_TAG if implicit[0] else QUOTED_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG

    def descend_resolver(self, parent: Any, index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


try:
    from yaml._yaml import CParser as _CParser

    _HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _HAVE_LIBYAML = False

if _HAVE_LIBYAML:

    class _Composer(_NoResolver, _CParser):
        pass

else:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(  # type: ignore[no-redef]
        _NoResolver,
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)

        def dispose(self) -> None:
            pass


def _line_col(text: str, offset: int) -> Pos:
    """The 1-based line and column of an offset; lines end at LF, CRLF or CR (YAML 1.2)."""
    if "\r" not in text:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
    line, start = 1, 0
    for match in _EDITOR_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


# What the reader refuses, found in one pass: characters YAML does not allow in a stream (NUL is
# reported on its own), and the line breaks NEL, LS and PS, which libyaml (YAML 1.1) breaks lines
# at and YAML 1.2, editors and cxkit do not.
_REFUSED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_ODD_BREAKS = "\x85\u2028\u2029"
_EDITOR_BREAK = re.compile("\r\n?|\n")
_ODD_BREAK_NAMES = {
    "\x85": "next line",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
# A bare `!` tag, which libyaml resolves like an untagged value, so only the events show it.
_BARE_TAG = re.compile(r"(?:^|[\s\[{,:-])!(?=[\s\]},]|$)", re.MULTILINE)


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


class _Reader:
    """Turns one file's text into a YamlDocument. Used once per file."""

    def __init__(self, path: str, kind: FileKind) -> None:
        self.doc = YamlDocument(path=path, data=None)
        self.kind = kind
        self.has_aliases = False
        self.seen: set[int] = set()
        self.alias_marks: list[Pos] = []  # where each alias stands, in document order

    def at(self, mark: Any) -> Pos:
        """A libyaml mark as a position (libyaml counts lines as editors do: the reader
        refuses the other line breaks it knows)."""
        return mark.line + 1, mark.column + 1

    def problem(self, line: int, col: int, rule: str, message: str) -> None:
        self.doc.problems.append(Finding(Location(self.doc.path, line, col), rule, message))

    def decode(self, raw: bytes) -> str | None:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            prefix = raw[: exc.start].decode("utf-8", "replace")
            line, col = _line_col(prefix, len(prefix))
            hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
            self.problem(
                line,
                col,
                "file-encoding",
                f"the file is not UTF-8{hint}: byte 0x{raw[exc.start]:02x} cannot be read;"
                " save it as UTF-8",
            )
            return None
        nul = text.find("\x00")
        if nul >= 0:
            line, col = _line_col(text, nul)
            self.problem(
                line, col, "file-encoding", "the file contains a NUL byte; is it a binary file?"
            )
            return None
        refused = _REFUSED.search(text)
        if refused is not None:
            line, col = _line_col(text, refused.start())
            self.problem(line, col, "yaml-syntax", _refused_message(refused.group()))
            return None
        return text

    def read(self, text: str) -> YamlDocument:
        deep = deep_flow_offset(text, MAX_DEPTH)
        if deep is not None:
            line, col = _line_col(text, deep)
            self.problem(
                line,
                col,
                "yaml-syntax",
                f"nesting deeper than {MAX_DEPTH} levels; the file is not checked further",
            )
            return self.doc
        if CXKIT_COMMENT_MARK in text:
            self.doc.comments = cxkit_comments(text)
        if self.needs_prescan(text) and not self.prescan(text):
            return self.doc
        self.doc.data = self.compose(text)
        return self.doc

    def yaml12_applies(self) -> bool:
        """Files already reported for tags, anchors or nesting are not read a second time."""
        return not any(problem.rule in _NOT_READ_AGAIN for problem in self.doc.problems)

    def valid_yaml12(self, text: str) -> bool:
        """Whether what libyaml read is valid YAML 1.2 too; if not, say where it breaks."""
        problem = yaml12_problem(text)
        if problem is not None:
            self.problem(*problem[:2], "yaml-syntax", problem[2])
        return problem is None

    def needs_prescan(self, text: str) -> bool:
        """Anchors, aliases, bare tags and extreme nesting show only in the event stream."""
        return (
            "&" in text
            or "*" in text
            or ("!" in text and _BARE_TAG.search(text) is not None)
            or may_nest_too_deep(text, SAFE_NESTING)
        )

    def compose(self, text: str) -> dict[str, Any] | None:
        """The file's data, or None (with a problem) when it is not a YAML mapping."""
        loader = _Composer(text)
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            # cxkit's depth limit, not the parser's own (libyaml 0.2.5 stops at 1,000 levels),
            # decides where a too-deep file is reported.
            if not self.within_depth(text):
                return None
            self.syntax_problem(text, exc)
            return None
        except (yaml.YAMLError, RecursionError) as exc:  # unmarked reader errors
            self.problem(1, 1, "yaml-syntax", f"the file is not valid YAML: {exc}")
            return None
        finally:
            loader.dispose()
        data = None if root is None else self.walk(root, 0)
        if self.yaml12_applies() and not self.valid_yaml12(text):
            return None  # libyaml's reading may not be what the user meant
        if data is None:  # an empty file, or only `---`: holds nothing
            return {}
        if not isinstance(data, dict):
            assert root is not None
            self.problem(
                *self.at(root.start_mark),
                "invalid-value",
                f"the top level of a {self.kind.name} must be a mapping of"
                f" {self.kind.top_level}, not {describe(data)}",
            )
            return None
        return data

    def syntax_problem(self, text: str, exc: yaml.MarkedYAMLError) -> None:
        mark: Any = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context_mark is not None and mark.index >= len(text.rstrip()):
            # Nothing is wrong at the end of the file itself: point at what was left open.
            mark = exc.context_mark
            problem = f"{problem} before the end of the file"
        # From the index, not libyaml's line count, which adds a line at the end of the text.
        end = max(0, len(text.rstrip()) - 1)
        line, col = _line_col(text, min(mark.index, end)) if mark else (1, 1)
        if problem.startswith("but found another document"):
            self.problem(
                line,
                col,
                "yaml-multiple-documents",
                f"a second YAML document starts here; a {self.kind.name} holds one document",
            )
            return
        if mark is not None and mark.index < len(text) and text[mark.index] == "\t":
            self.problem(
                line, col, "yaml-syntax", "a tab character here; YAML indents with spaces only"
            )
            return
        context = f" (while {exc.context.removeprefix('while ')})" if exc.context else ""
        self.problem(line, col, "yaml-syntax", f"{problem}{context}")

    def prescan(self, text: str) -> bool:
        """Report anchors, aliases and too-deep nesting from the event stream.

        Returns False when the file must not be composed (nesting too deep).
        """
        loader = _Composer(text)
        depth = 0
        try:
            while loader.check_event():
                event: Any = loader.get_event()
                mark = event.start_mark
                if isinstance(event, yaml.AliasEvent):
                    self.has_aliases = True
                    self.alias_marks.append((mark.line + 1, mark.column + 1))
                    self.problem(
                        *self.at(mark),
                        "yaml-anchor",
                        f"alias '*{event.anchor}': anchors and aliases are not part of"
                        " the cxkit format; write the value out",
                    )
                elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                    self.problem(
                        *self.at(mark),
                        "yaml-anchor",
                        f"anchor '&{event.anchor}': anchors and aliases are not part of"
                        " the cxkit format; write the value out",
                    )
                if isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None) == "!":
                    self.problem(
                        *self.at(mark),
                        "yaml-tag",
                        "tag '!': YAML tags are not part of the cxkit format; remove it",
                    )
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        self.too_deep(mark)
                        return False
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except yaml.YAMLError:
            pass  # composing reports the syntax error with its position
        finally:
            loader.dispose()
        return True

    def within_depth(self, text: str) -> bool:
        """Whether the events before any syntax error stay within MAX_DEPTH; if not, report
        the first collection that goes deeper."""
        loader = _Composer(text)
        depth = 0
        try:
            while loader.check_event():
                event: Any = loader.get_event()
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        self.too_deep(event.start_mark)
                        return False
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
        return True

    def too_deep(self, mark: Any) -> None:
        self.problem(
            *self.at(mark),
            "yaml-syntax",
            f"nesting deeper than {MAX_DEPTH} levels; the file is not checked further",
        )

    def walk(self, node: Node, depth: int) -> Any:
        if self.has_aliases:
            if id(node) in self.seen:
                return None  # an alias: reported already, never expanded
            self.seen.add(id(node))
        tag = node.tag
        if tag not in _OWN_TAGS:
            mark = node.start_mark
            self.problem(
                *self.at(mark),
                "yaml-tag",
                f"tag '{_short_tag(tag)}': YAML tags are not part of the cxkit format; remove it",
            )
        if isinstance(node, ScalarNode):
            value: str = node.value
            if tag == PLAIN_TAG:
                return None if value in NULL_WORDS else value
            return Quoted(value)
        if depth >= MAX_DEPTH:
            mark = node.start_mark
            self.problem(
                *self.at(mark),
                "yaml-syntax",
                f"nesting deeper than {MAX_DEPTH} levels; the rest is not checked",
            )
            return None
        if isinstance(node, SequenceNode):
            return self.walk_sequence(node, depth)
        assert isinstance(node, MappingNode)
        return self.walk_mapping(node, depth)

    def alias_position(self, node: Node) -> Pos:
        """Where an alias stands: nodes are met again in the order their aliases appear."""
        if self.alias_marks:
            return self.alias_marks.pop(0)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def keep(self, container: dict[str, Any] | list[Any], spots: list[int]) -> None:
        """Record a container's positions, after those of what it holds (walked first)."""
        self.doc.marks[id(container)] = len(self.doc.spots)
        self.doc.spots.fromlist(spots)

    def walk_sequence(self, node: SequenceNode, depth: int) -> list[Any]:
        items: list[Any] = []
        mark = node.start_mark
        spots = [mark.line + 1, mark.column + 1]
        walk = self.walk
        for child in node.value:
            if self.has_aliases and id(child) in self.seen:
                spots += self.alias_position(child)
            else:
                mark = child.start_mark
                spots += (mark.line + 1, mark.column + 1)
            items.append(walk(child, depth + 1))
        self.keep(items, spots)
        return items

    def walk_mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        mark = node.start_mark
        spots = [mark.line + 1, mark.column + 1]
        walk = self.walk
        places: dict[str, int] | None = None  # built at the first duplicate key, then kept
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            kl, kc = kmark.line + 1, kmark.column + 1
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    *self.at(kmark),
                    "yaml-syntax",
                    "a key must be a plain name, not a list or mapping",
                )
                continue
            if key_node.tag not in _OWN_TAGS:
                self.problem(
                    *self.at(kmark),
                    "yaml-tag",
                    f"tag '{_short_tag(key_node.tag)}': YAML tags are not part of the"
                    " cxkit format; remove it",
                )
            key: str = key_node.value
            if key in mapping:
                if places is None:
                    places = _places(mapping)
                at = _pair_spot(0, places[key])
                first = spots[at]
                self.problem(
                    *self.at(kmark),
                    "yaml-duplicate-key",
                    f"duplicate key '{key}' (first on line {first}); YAML keeps only"
                    " one, so the other value would be lost silently",
                )
                continue
            if self.has_aliases and id(value_node) in self.seen:
                vl, vc = self.alias_position(value_node)
            else:
                vmark = value_node.start_mark
                vl, vc = vmark.line + 1, vmark.column + 1
            spots += (kl, kc, vl, vc)
            if places is not None:
                places[key] = len(mapping)
            mapping[key] = walk(value_node, depth + 1)
        self.keep(mapping, spots)
        return mapping


def _refused_message(char: str) -> str:
    if char in _ODD_BREAKS:
        return (
            f"U+{ord(char):04X} ({_ODD_BREAK_NAMES[char]}) breaks the line for YAML 1.1 readers"
            " but not for YAML 1.2 ones, so tools would read this file differently; use a plain"
            " line break, or an escape inside double quotes"
        )
    return (
        f"control character U+{ord(char):04X} is not allowed in YAML;"
        " delete it (or write it as an escape inside double quotes)"
    )


def _short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` reads back as the user wrote it: `!!python/object`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


# A file to read: its path as shown to the user, and how to get its bytes.
Source = tuple[str, Callable[[], bytes]]


def read_yaml(path: str, raw: bytes, kind: FileKind = WORKSPACE_FILE) -> YamlDocument:
    """Read one file's bytes. Never raises for bad content: problems go into the document."""
    return _on_parser_stack(lambda: _read_bytes(path, raw, kind))


def read_yaml_files(
    sources: Sequence[Source], kind: FileKind = WORKSPACE_FILE
) -> list[YamlDocument]:
    """Read each source into a document, in order, all on one thread (starting one per file
    would cost more than reading a small file). A source that cannot be read gives a document
    with a `file-unreadable` problem."""
    return _on_parser_stack(lambda: [_read_source(path, read, kind) for path, read in sources])


def _read_source(path: str, read: Callable[[], bytes], kind: FileKind) -> YamlDocument:
    try:
        raw = read()
    except OSError as exc:
        doc = YamlDocument(path=path, data=None)
        doc.problems.append(
            Finding(Location(path), "file-unreadable", f"cannot read the file: {exc.strerror}")
        )
        return doc
    return _read_bytes(path, raw, kind)


def _read_bytes(path: str, raw: bytes, kind: FileKind) -> YamlDocument:
    """`read_yaml`'s work, which needs the parser's large stack: never call it on another."""
    reader = _Reader(path, kind)
    if len(raw) > MAX_FILE_BYTES:
        reader.problem(
            1,
            1,
            "file-unreadable",
            f"the file is {len(raw) // (1024 * 1024)} MiB; cxkit reads files up to"
            f" {MAX_FILE_BYTES // (1024 * 1024)} MiB",
        )
        return reader.doc
    text = reader.decode(raw)
    if text is None:
        return reader.doc
    return reader.read(text)


# Only files holding this text pay for looking at their comments.
CXKIT_COMMENT_MARK = "cxkit:"
_CXKIT_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[ \t]*cxkit:[^\r\n]*", re.MULTILINE)


def cxkit_comments(text: str) -> list[Comment]:
    """The comments of `text` that start `# cxkit:`, in order.

    A `#` after a space starts a comment only outside scalars: `name: "a # cxkit: b"` and a
    block scalar's lines are text, so candidates inside a scalar token are dropped. The scan of
    tokens stops at a syntax error; candidates after it are kept (the file is reported anyway).
    """
    candidates = list(_CXKIT_COMMENT.finditer(text))
    if not candidates:
        return []
    starts, ends = _scalar_spans(text)
    return [
        Comment(*_line_col(text, match.start()), match.group().rstrip())
        for match in candidates
        if not _inside_span(match.start(), starts, ends)
    ]


def _inside_span(offset: int, starts: list[int], ends: list[int]) -> bool:
    """Whether `offset` lies inside one of the spans (sorted, never overlapping)."""
    index = bisect.bisect_left(starts, offset) - 1
    return index >= 0 and offset < ends[index]


def _scalar_spans(text: str) -> tuple[list[int], list[int]]:
    """Where each scalar token starts and ends, in text order."""
    starts: list[int] = []
    ends: list[int] = []
    scanner = _Composer(text)
    try:
        while scanner.check_token():
            token: Any = scanner.get_token()
            if isinstance(token, yaml.ScalarToken):
                starts.append(token.start_mark.index)
                ends.append(token.end_mark.index)
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    return starts, ends


T = TypeVar("T")


def _on_parser_stack(work: Callable[[], T]) -> T:
    """Run `work` on a thread whose stack holds libyaml's deepest recursion.

    libyaml's composer recurses in C, once for each level of nesting, before cxkit's depth
    limit can look at the nodes: on the main thread's stack a file of a few hundred thousand
    levels (600 KB of `- `) crashes the process. Every way to read YAML here runs on this
    stack, so that no caller can forget it.
    """
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # handed back to the caller's thread as is
            failure.append(exc)

    previous = threading.stack_size(PARSER_STACK_BYTES)
    try:
        thread = threading.Thread(target=target, name="cxkit-parser")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if failure:
        raise failure[0]
    return result[0]
