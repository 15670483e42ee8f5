"""libyaml's composer, made to resolve nothing: every node keeps its marks and the text the user
wrote, with a tag that says only whether a scalar was plain, and whether a node is a list or a
mapping (so that an explicit `!!seq` or `!!map` is seen as a tag).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

PLAIN_TAG = "tag:cxkit.dev,2026:plain"
QUOTED_TAG = "tag:cxkit.dev,2026:quoted"
# Collections get tags of our own too, so that an explicit `!!seq` or `!!map` is seen as a tag.
SEQ_TAG = "tag:cxkit.dev,2026:seq"
MAP_TAG = "tag:cxkit.dev,2026:map"
OWN_TAGS = frozenset({PLAIN_TAG, QUOTED_TAG, SEQ_TAG, MAP_TAG})


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


# PyYAML's public base loaders: libyaml's parser, or the Python one where PyYAML was built
# without libyaml. Their constructor is never used; the resolver is replaced by the one above.
if yaml.__with_libyaml__:

    class Composer(_NoResolver, yaml.CBaseLoader):
        """Composes nodes (and gives events and tokens) with libyaml."""

else:  # pragma: no cover - PyYAML built without libyaml

    class Composer(_NoResolver, yaml.BaseLoader):  # type: ignore[no-redef]
        """Composes nodes (and gives events and tokens) with PyYAML's Python parser."""


def short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` reads back as the user wrote it: `!!python/object`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag
