"""Ignore patterns: globs relative to a base folder, with the meaning `.gitignore` gives them.

- `*` matches any run of characters but `/`, `?` one character but `/`, `[abc]` / `[!abc]` one
  character of (or not of) a set;
- `**` as a whole segment matches any number of folders (`archive/**`, `**/draft-*.yaml`);
- a pattern with a `/` in it (other than a trailing one) is anchored at the base folder; a
  pattern without one matches a name at any depth (`*.draft.yaml`, `archive`);
- a pattern that matches a folder ignores everything below it; a trailing `/` matches only
  folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


class PatternError(ValueError):
    """A pattern that cannot be understood; the message says why."""


def check_pattern(pattern: str) -> str:
    """`pattern` when it is a usable ignore pattern, else PatternError."""
    if not pattern.strip():
        raise PatternError("an empty pattern ignores nothing")
    if pattern.startswith("!"):
        raise PatternError("negated patterns ('!') are not supported; list what to ignore")
    if "\\" in pattern:
        raise PatternError("use '/' between folders, not '\\'")
    if ".." in pattern.split("/"):
        raise PatternError("patterns are relative to the config file's folder; '..' is not allowed")
    _translate(pattern)
    return pattern


@dataclass(frozen=True, slots=True)
class _Pattern:
    text: str
    regex: re.Pattern[str]
    folders_only: bool


def _translate(pattern: str) -> _Pattern:
    folders_only = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = "/" in body
    regex = "" if anchored else "(?:[^/]+/)*"
    segments = body.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            regex += ".*" if last else "(?:[^/]+/)*"
            continue
        regex += _segment(segment, pattern) + ("" if last else "/")
    # What follows the match: nothing (the path itself) or a path below a matched folder.
    return _Pattern(pattern, re.compile(f"{regex}(?P<below>/.*)?"), folders_only)


def _segment(segment: str, pattern: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = segment.find("]", index + 2)
            if end < 0:
                raise PatternError(f"'[' without a closing ']' in {pattern!r}")
            members = segment[index + 1 : end]
            negate = members.startswith("!")
            members = re.escape(members[1:] if negate else members).replace("\\-", "-")
            out.append(f"[{'^/' if negate else ''}{members}]")
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


class IgnoreRules:
    """Which files and folders below `base` the patterns ignore."""

    def __init__(self, base: Path, patterns: list[str]) -> None:
        self.base = base.resolve()
        self.patterns = [_translate(check_pattern(p)) for p in patterns]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __call__(self, path: Path, is_folder: bool) -> bool:
        """Whether `path` (absolute) is ignored; paths outside the base folder never are."""
        try:
            relative = path.relative_to(self.base).as_posix()
        except ValueError:
            return False
        if relative == ".":
            return False
        for pattern in self.patterns:
            match = pattern.regex.fullmatch(relative)
            if match and (not pattern.folders_only or is_folder or match.group("below")):
                return True
        return False
