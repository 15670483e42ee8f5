"""The YAML 1.2 check: files libyaml reads but YAML 1.2 forbids are rejected where they break it.

libyaml, which reads every file with positions, is lax where YAML 1.2 is strict: it accepts
`goal: "x"# note` (a comment needs a space before it), `[-, -]`, a quoted string continued
below its parent's indent, a tab indenting a flow sequence, `%YAML 1.1#...`, and more. Editors'
YAML language servers and other parsers reject those files or read them differently, so cxkit
rejects them too: yaml-rs, a YAML 1.2 parser, reads every file libyaml accepted, and its first
error becomes a finding. It costs a small part of libyaml's load (benchmarks/README.md).

yaml-rs recurses once per nesting level, on the stack of the thread that calls it, so it is
called only on the reader's large-stack thread and only where nesting is known to be shallow.
"""

from __future__ import annotations

import re

import yaml_rs

# The deepest block nesting yaml-rs is handed: it held 100,000 levels on the reader's stack.
SAFE_LEVELS = 50_000
# A line can nest at most one level per column, so files whose lines are all shorter than this
# nest shallowly however many indicators they hold.
SAFE_LINE = SAFE_LEVELS // 2

_POSITION = re.compile(r"at line (\d+), column (\d+)")
# yaml-rs refuses a tab after a mapping's `:` (`key:<TAB>value`), which YAML 1.2 allows
# (separation is spaces or tabs). A space in its place has the same meaning and length.
_TAB_AFTER_COLON = re.compile(r":\t")
_LINE_BREAK = re.compile(r"\r\n?|\n")

Problem = tuple[int, int, str]


def yaml12_problem(text: str) -> Problem | None:
    """Where `text` (which libyaml read) stops being valid YAML 1.2, and why; None if valid.

    The caller runs on the reader's large-stack thread and has checked that libyaml's view of
    the file nests at most a hundred levels.
    """
    if not _shallow_for_yaml_rs(text):
        line = _longest_line(text)
        return (
            line,
            1,
            (
                f"a line longer than {SAFE_LINE:,} characters in a file this size;"
                " cxkit cannot check it as YAML 1.2: break the line"
            ),
        )
    if ":\t" in text:
        text = _TAB_AFTER_COLON.sub(": ", text)
    try:
        yaml_rs.loads(
            text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.LastWins
        )
    except yaml_rs.YAMLDecodeError as exc:
        return _located(str(exc), text)
    return None


def _located(message: str, text: str) -> Problem:
    """yaml-rs's error as line, column and the reason (its last line), at a place in `text`:
    yaml-rs may count a line past the end (a byte order mark on the last line does that)."""
    found = _POSITION.search(message)
    line, column = (int(found[1]), int(found[2])) if found else (1, 1)
    lines = _LINE_BREAK.split(text)
    if line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1
    column = min(column, len(lines[line - 1]) + 1)
    reason = message.strip().splitlines()[-1] if message.strip() else "invalid YAML"
    return line, column, f"not valid YAML 1.2: {reason}"


def _shallow_for_yaml_rs(text: str) -> bool:
    """Whether no reading of `text` can nest deeper than SAFE_LEVELS.

    Every level needs a bracket or an indicator, so few of them bound the depth; else every
    line being short does (YAML 1.2 breaks lines at LF and CR only, where libyaml also breaks
    at NEL, LS and PS, so the two parsers may see different lines).
    """
    if len(text) <= 2 * SAFE_LEVELS:  # a block level takes an indicator and a space or break
        return True
    marks = sum(text.count(mark) for mark in "[{-:?")
    return marks <= SAFE_LEVELS or max(map(len, _LINE_BREAK.split(text))) <= SAFE_LINE


def _longest_line(text: str) -> int:
    lengths = [len(line) for line in _LINE_BREAK.split(text)]
    return lengths.index(max(lengths)) + 1
