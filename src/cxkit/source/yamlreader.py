"""Safe YAML reading that keeps the position of every key and value.

The format forbids anchors, aliases, tags and duplicate keys, and wants each scalar kept as the
text the user wrote. PyYAML's loaders do none of that, so this module composes nodes with libyaml
(fast, and every node carries its marks), resolves nothing, and walks the nodes into plain data
(dicts, lists, strings, None) plus a side map of positions keyed by container identity.

Plain scalars stay `str`; quoted and block scalars become `Quoted` so that typed fields can tell
`emotion: 3` from `emotion: "3"`. Plain `null`, `~` and empty become None.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cxkit.findings import Finding, Location

PLAIN_TAG = "tag:cxkit.dev,2026:plain"
QUOTED_TAG = "tag:cxkit.dev,2026:quoted"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_OWN_TAGS = frozenset({PLAIN_TAG, QUOTED_TAG, SEQ_TAG, MAP_TAG})

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

# Deeper than any real workspace file (about ten levels) and far below what could hurt.
MAX_DEPTH = 100
# libyaml's composer recurses in C. Parsing runs on a thread with this much stack, which holds
# about 900,000 levels; files that could nest deeper than SAFE_NESTING are scanned first.
PARSER_STACK_BYTES = 256 * 1024 * 1024
SAFE_NESTING = 200_000
MAX_FILE_BYTES = 64 * 1024 * 1024

Pos = tuple[int, int]
# Positions of a mapping: its start, and for each key (key line, key col, value line, value col).
MapMarks = tuple[int, int, dict[str, tuple[int, int, int, int]]]
# Positions of a sequence: its start, and the start of each item.
SeqMarks = tuple[int, int, list[Pos]]


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
    """

    path: str
    data: Any
    marks: dict[int, MapMarks | SeqMarks] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    # Comments that speak to cxkit; the node tree drops comments, so the reader keeps these.
    comments: list[Comment] = field(default_factory=list)

    def position(self, path: tuple[str | int, ...], *, key: bool = False) -> Pos:
        """Where the value at `path` starts (or its key, with key=True).

        Follows the path as far as the data goes; a path that leaves the data points at the
        deepest mapping or list it reached, which is where a missing field belongs.
        """
        node = self.data
        here: Pos = (1, 1)
        last = len(path) - 1
        for index, step in enumerate(path):
            marks = self.marks.get(id(node))
            if marks is None:
                return here
            here = (marks[0], marks[1])
            inside: Any = marks[2]
            if isinstance(node, dict) and isinstance(step, str) and step in node:
                kl, kc, vl, vc = inside[step]
                if key and index == last:
                    return (kl, kc)
                here, node = (vl, vc), node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                here, node = inside[step], node[step]
            else:
                return here
        return here


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
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _byte_line_col(raw: bytes, offset: int) -> Pos:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def describe(value: Any) -> str:
    """How a value reads in a message: `null`, `a list`, `'no'`."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Quoted):
        return f"the quoted text {str(value)!r}"
    return repr(str(value)) if isinstance(value, str) else repr(value)


class _Reader:
    """Turns one file's text into a YamlDocument. Used once per file."""

    def __init__(self, path: str, kind: FileKind) -> None:
        self.doc = YamlDocument(path=path, data=None)
        self.kind = kind
        self.marks = self.doc.marks
        self.has_aliases = False
        self.seen: set[int] = set()

    def problem(self, line: int, col: int, rule: str, message: str) -> None:
        self.doc.problems.append(Finding(Location(self.doc.path, line, col), rule, message))

    def decode(self, raw: bytes) -> str | None:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = _byte_line_col(raw, exc.start)
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
        return text

    def read(self, text: str) -> YamlDocument:
        deep = _deep_flow_offset(text)
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
        if ("&" in text or "*" in text or _may_nest_too_deep(text)) and not self.prescan(text):
            return self.doc
        loader = _Composer(text)
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            self.syntax_problem(text, exc)
            return self.doc
        except (yaml.YAMLError, RecursionError) as exc:  # unmarked reader errors
            self.problem(1, 1, "yaml-syntax", f"the file is not valid YAML: {exc}")
            return self.doc
        finally:
            loader.dispose()
        if root is None:
            self.doc.data = {}
            return self.doc
        data = self.walk(root, 0)
        if not isinstance(data, dict):
            line, col = root.start_mark.line + 1, root.start_mark.column + 1
            self.problem(
                line,
                col,
                "invalid-value",
                f"the top level of a {self.kind.name} must be a mapping of"
                f" {self.kind.top_level}, not {describe(data)}",
            )
            return self.doc
        self.doc.data = data
        return self.doc

    def syntax_problem(self, text: str, exc: yaml.MarkedYAMLError) -> None:
        mark: Any = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
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
                    self.problem(
                        mark.line + 1,
                        mark.column + 1,
                        "yaml-anchor",
                        f"alias '*{event.anchor}': anchors and aliases are not part of"
                        " the cxkit format; write the value out",
                    )
                elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                    self.problem(
                        mark.line + 1,
                        mark.column + 1,
                        "yaml-anchor",
                        f"anchor '&{event.anchor}': anchors and aliases are not part of"
                        " the cxkit format; write the value out",
                    )
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        self.problem(
                            mark.line + 1,
                            mark.column + 1,
                            "yaml-syntax",
                            f"nesting deeper than {MAX_DEPTH} levels; the file is not"
                            " checked further",
                        )
                        return False
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except yaml.YAMLError:
            pass  # composing reports the syntax error with its position
        finally:
            loader.dispose()
        return True

    def walk(self, node: Node, depth: int) -> Any:
        if self.has_aliases:
            if id(node) in self.seen:
                return None  # an alias: reported already, never expanded
            self.seen.add(id(node))
        tag = node.tag
        if tag not in _OWN_TAGS:
            mark = node.start_mark
            self.problem(
                mark.line + 1,
                mark.column + 1,
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
                mark.line + 1,
                mark.column + 1,
                "yaml-syntax",
                f"nesting deeper than {MAX_DEPTH} levels; the rest is not checked",
            )
            return None
        if isinstance(node, SequenceNode):
            return self.walk_sequence(node, depth)
        assert isinstance(node, MappingNode)
        return self.walk_mapping(node, depth)

    def walk_sequence(self, node: SequenceNode, depth: int) -> list[Any]:
        items: list[Any] = []
        positions: list[Pos] = []
        walk = self.walk
        for child in node.value:
            mark = child.start_mark
            positions.append((mark.line + 1, mark.column + 1))
            items.append(walk(child, depth + 1))
        mark = node.start_mark
        self.marks[id(items)] = (mark.line + 1, mark.column + 1, positions)
        return items

    def walk_mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        positions: dict[str, tuple[int, int, int, int]] = {}
        walk = self.walk
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            kl, kc = kmark.line + 1, kmark.column + 1
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    kl, kc, "yaml-syntax", "a key must be a plain name, not a list or mapping"
                )
                continue
            if key_node.tag not in _OWN_TAGS:
                self.problem(
                    kl,
                    kc,
                    "yaml-tag",
                    f"tag '{_short_tag(key_node.tag)}': YAML tags are not part of the"
                    " cxkit format; remove it",
                )
            key: str = key_node.value
            if key in mapping:
                first = positions[key][0]
                self.problem(
                    kl,
                    kc,
                    "yaml-duplicate-key",
                    f"duplicate key '{key}' (first on line {first}); YAML keeps only"
                    " one, so the other value would be lost silently",
                )
                continue
            vmark = value_node.start_mark
            positions[key] = (kl, kc, vmark.line + 1, vmark.column + 1)
            mapping[key] = walk(value_node, depth + 1)
        mark = node.start_mark
        self.marks[id(mapping)] = (mark.line + 1, mark.column + 1, positions)
        return mapping


def _short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` reads back as the user wrote it: `!!python/object`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


_FLOW_SPECIAL = re.compile(r"[\[\]{}\"'#]")
_TOKEN_START = frozenset(" \t\r\n[{,:-?")
# libyaml's scanner costs time proportional to the flow depth for every token, so deep flow
# nesting (`[[[[...`) is quadratic: 20,000 levels in 40 KB take a second. Files with fewer
# openers than this cannot get slow; others have their flow depth measured first.
FLOW_OPENERS_CHECKED = 1000


def _deep_flow_offset(text: str) -> int | None:
    """Where flow nesting (`[`, `{`) first goes deeper than MAX_DEPTH, or None.

    A small lexer: brackets inside quoted scalars and comments do not count, and a bracket or
    quote counts only where a YAML token can start.
    """
    if text.count("[") + text.count("{") <= FLOW_OPENERS_CHECKED:
        return None
    depth = 0
    position = 0
    length = len(text)
    while True:
        match = _FLOW_SPECIAL.search(text, position)
        if match is None:
            return None
        at = match.start()
        char = text[at]
        starts_token = at == 0 or text[at - 1] in _TOKEN_START
        position = at + 1
        if char in "[{" and (depth > 0 or starts_token):
            depth += 1
            if depth > MAX_DEPTH:
                return at
        elif char in "]}" and depth > 0:
            depth -= 1
        elif char == "#" and starts_token:
            end = text.find("\n", at)
            position = length if end < 0 else end
        elif char in "'\"" and starts_token:
            position = _quoted_end(text, at, char)


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


def _may_nest_too_deep(text: str) -> bool:
    """Whether the file could nest deeper than the parser's stack holds.

    Every level of nesting needs an indicator (`[`, `{`, `-`, `:` or `?`), so their count bounds
    the depth; counting is cheap, and real files stay far below the bound.
    """
    if len(text) <= SAFE_NESTING:
        return False
    bound = sum(text.count(c) for c in "[{-:?")
    return bound > SAFE_NESTING


def read_yaml(path: str, raw: bytes, kind: FileKind = WORKSPACE_FILE) -> YamlDocument:
    """Read one file's bytes. Never raises for bad content: problems go into the document."""
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


def with_parser_stack(work: Callable[[], T]) -> T:
    """Run `work` on a thread whose stack holds libyaml's deepest recursion."""
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
