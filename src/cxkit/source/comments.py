"""The `# cxkit:` comments of a file, which libyaml's node tree drops."""

from __future__ import annotations

import bisect
import re
from typing import Any

import yaml

from cxkit.source.composer import Composer
from cxkit.source.document import Comment
from cxkit.source.text import line_col

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
        Comment(*line_col(text, match.start()), match.group().rstrip())
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
    scanner = Composer(text)
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
