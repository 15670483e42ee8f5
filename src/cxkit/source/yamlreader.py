"""Safe YAML reading that keeps the position of every key and value.

The format forbids anchors, aliases, tags and duplicate keys, and wants each scalar kept as the
text the user wrote. PyYAML's loaders do none of that, so the reader composes nodes with libyaml
(fast, and every node carries its marks; composer.py), resolves nothing, and walks the nodes into
plain data (dicts, lists, strings, None) and the positions of every key, value and item
(document.py). What libyaml accepts is then checked as YAML 1.2 (yaml12.py).

libyaml's composer recurses in C, so every file is read on a thread with a large stack
(stack.py): the two ways in, `read_yaml` (one file's bytes) and `read_yaml_files` (a workspace's
files, on one thread), both run there, whatever kind of file they read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cxkit.checks.findings import Finding, Location
from cxkit.source.comments import CXKIT_COMMENT_MARK, cxkit_comments
from cxkit.source.composer import OWN_TAGS, PLAIN_TAG, Composer, short_tag
from cxkit.source.document import Pos, Quoted, YamlDocument, describe, key_places, pair_spot
from cxkit.source.nesting import deep_flow_offset, may_nest_too_deep
from cxkit.source.stack import on_parser_stack
from cxkit.source.text import decode, line_col
from cxkit.source.yaml12 import yaml12_problem
from cxkit.source.yaml_mistakes import plain_words

_NOT_READ_AGAIN = frozenset({"yaml-syntax", "yaml-anchor", "yaml-tag"})

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

# Deeper than any real workspace file (about ten levels) and far below what could hurt.
MAX_DEPTH = 100
# Files that could nest deeper than this are scanned for their depth before they are composed.
SAFE_NESTING = 400_000
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a file is, for the messages about its shape: `workspace file`, `config file`."""

    name: str
    top_level: str  # what its top level maps


WORKSPACE_FILE = FileKind(
    "workspace file", "sections (owners, personas, systems, touchpoints, journeys)"
)


# A bare `!` tag, which libyaml resolves like an untagged value, so only the events show it.
_BARE_TAG = re.compile(r"(?:^|[\s\[{,:-])!(?=[\s\]},]|$)", re.MULTILINE)


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
        decoded = decode(raw)
        if isinstance(decoded, str):
            return decoded
        self.problem(*decoded)
        return None

    def read(self, text: str) -> YamlDocument:
        deep = deep_flow_offset(text, MAX_DEPTH)
        if deep is not None:
            self.too_deep_at(*line_col(text, deep))
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
        loader = Composer(text)
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
        at_end = exc.context_mark is not None and mark.index >= len(text.rstrip())
        if at_end:
            # Nothing is wrong at the end of the file itself: point at what was left open.
            mark = exc.context_mark
            problem = f"{problem} before the end of the file"
        # From the index, not libyaml's line count, which adds a line at the end of the text.
        end = max(0, len(text.rstrip()) - 1)
        line, col = line_col(text, min(mark.index, end)) if mark else (1, 1)
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
        at = None if mark is None else min(mark.index, end)
        explained = None if at is None else plain_words(text, exc, at, (line, col), at_end)
        if explained is not None:
            self.problem(line, col, "yaml-syntax", explained)
            return
        context = f" (while {exc.context.removeprefix('while ')})" if exc.context else ""
        self.problem(line, col, "yaml-syntax", f"{problem}{context}")

    def prescan(self, text: str) -> bool:
        """Report anchors, aliases and too-deep nesting from the event stream.

        Returns False when the file must not be composed (nesting too deep).
        """
        loader = Composer(text)
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
        loader = Composer(text)
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
        self.too_deep_at(*self.at(mark))

    def too_deep_at(self, line: int, col: int) -> None:
        self.problem(
            line,
            col,
            "yaml-syntax",
            f"nesting deeper than {MAX_DEPTH} levels; the file is not checked further",
        )

    def walk(self, node: Node, depth: int) -> Any:
        if self.has_aliases:
            if id(node) in self.seen:
                return None  # an alias: reported already, never expanded
            self.seen.add(id(node))
        tag = node.tag
        if tag not in OWN_TAGS:
            mark = node.start_mark
            self.problem(
                *self.at(mark),
                "yaml-tag",
                f"tag '{short_tag(tag)}': YAML tags are not part of the cxkit format; remove it",
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
            if key_node.tag not in OWN_TAGS:
                self.problem(
                    *self.at(kmark),
                    "yaml-tag",
                    f"tag '{short_tag(key_node.tag)}': YAML tags are not part of the"
                    " cxkit format; remove it",
                )
            key: str = key_node.value
            if key in mapping:
                if places is None:
                    places = key_places(mapping)
                at = pair_spot(0, places[key])
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


# A file to read: its path as shown to the user, and how to get its bytes.
Source = tuple[str, Callable[[], bytes]]


def read_yaml(path: str, raw: bytes, kind: FileKind = WORKSPACE_FILE) -> YamlDocument:
    """Read one file's bytes. Never raises for bad content: problems go into the document."""
    return on_parser_stack(lambda: _read_bytes(path, raw, kind))


def read_yaml_files(
    sources: Sequence[Source], kind: FileKind = WORKSPACE_FILE
) -> list[YamlDocument]:
    """Read each source into a document, in order, all on one thread (starting one per file
    would cost more than reading a small file). A source that cannot be read gives a document
    with a `file-unreadable` problem."""
    return on_parser_stack(lambda: [_read_source(path, read, kind) for path, read in sources])


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
