"""Text made safe for the medium it is written to: one function per medium, used by every report.

Names, titles and messages come from files anyone can edit, and file names from any checkout.
Written raw they could colour or retitle a terminal (ESC, BEL, CR), close a Markdown fence and
post HTML, links or @mentions in a pull-request comment, or break a CI log, an XML report or
a URI. Each medium shows such text visibly instead (`\\x1b`, `\\*`, `&lt;`, `%1B`); none drops it.

- `terminal`: a terminal or a CI log (text, parsable, the lines of GitHub annotations).
- `markdown`, `markdown_code`, `markdown_fence`: GitHub-flavoured Markdown (pull-request
  comments, the GitHub job summary), which GitHub renders with HTML and links.
- `workflow_data`, `workflow_property`: GitHub Actions workflow commands.
- `xml`: XML text and attributes (ElementTree escapes `<`, `&` and quotes itself).
- `uri_path`: a relative path as a URI reference (RFC 3986), as SARIF wants.
- `icalendar_text`: a TEXT value of an iCalendar file (RFC 5545).

A file name that is not UTF-8 reaches cxkit with each undecodable byte as a lone surrogate
(Python's `surrogateescape`); every medium shows that byte as `\\xff` (a URI as `%FF`).
"""

from __future__ import annotations

import functools
import re

# --- terminals ------------------------------------------------------------------------------


def terminal(text: str) -> str:
    """`text` with every unprintable character written as an escape (`\\x1b`, `\\n`, `\\xff`).

    Control characters (C0, DEL, C1), line breaks, format characters such as a right-to-left
    override, and the undecodable bytes of a file name: nothing a terminal would act on stays.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _code(ch) for ch in text)


def _code(ch: str) -> str:
    """One character as the escape that names it: `\\x1b`, `\\n`, `\\u202e`, `\\xff`."""
    if "\udc80" <= ch <= "\udcff":  # a byte surrogateescape could not decode: show the byte
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return repr(ch)[1:-1]


# --- Markdown --------------------------------------------------------------------------------

# Characters with a meaning anywhere in a line: code, emphasis, links and images, table cells,
# strikethrough, math; `&` only where it would start an entity, and `_` only where it does not
# stand between two letters or digits (`first_contact_resolution` cannot emphasise). (`<` and
# `>`, which open HTML and autolinks, become entities.)
_MARKDOWN_INLINE = re.compile(r"[\\`*\[\]|~$]|&(?=[#A-Za-z0-9])|(?<![^\W_])_|_(?![^\W_])")
# What starts a block when it opens a line: a heading, quote, list item, rule or setext line.
# Text is put at the start of a list item or a table cell, so its first character counts.
# Only where the line would really start one: a marker followed by a space or the end (`96.4%`
# and `-3` are plain text), or a line of `-` or `=` alone (a setext heading's underline).
_BLOCK_START = re.compile(
    r"^(?:(?:[-+]|#{1,6})(?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$))|[-=](?=[-=]*[ \t]*$))"
)
# GitHub links `@name` and `@org/team` (and notifies them), and `#123`, unless the sign follows
# a letter or digit. A word joiner after the sign keeps the text as it looks, unlinked.
_REFERENCE = re.compile(r"(?<![A-Za-z0-9_])(@(?=[A-Za-z0-9])|#(?=[0-9]))")
_WORD_JOINER = "\u2060"


def markdown(text: str) -> str:
    """`text` as literal inline Markdown: one line, shown as written, never markup.

    Line breaks and runs of spaces become one space (a table row or list item stays whole);
    control characters are escaped as on a terminal; every character that Markdown, GitHub's
    extensions or HTML would read is backslash-escaped (`<` and `>` as entities), and
    @mentions and issue references are kept from linking.
    """
    flat = terminal(" ".join(text.split()))
    escaped = _MARKDOWN_INLINE.sub(lambda m: "\\" + m.group(), flat)
    escaped = escaped.replace("<", "&lt;").replace(">", "&gt;")
    escaped = _BLOCK_START.sub(_escape_block_start, escaped, count=1)
    return _REFERENCE.sub(lambda m: m.group() + _WORD_JOINER, escaped)


def _escape_block_start(match: re.Match[str]) -> str:
    start = match.group()
    if start.isdigit():  # `1.` or `1)` would start an ordered list: escape what follows
        return start + "\\"
    return "\\" + start


def markdown_lines(text: str) -> str:
    """`text` as literal Markdown, each of its lines as `markdown` makes it: its line breaks
    are kept (a paragraph stays a paragraph), nothing in it is markup."""
    return "\n".join(markdown(line) for line in text.splitlines())


def markdown_code(text: str, *, cell: bool = False) -> str:
    """`text` as a Markdown code span (`` `text` ``), which nothing inside can close.

    The span's backticks outnumber any run of them in `text`; control characters are escaped
    as on a terminal. In a table cell (`cell=True`) `|` is escaped too, as GFM requires even
    inside code.
    """
    shown = terminal(text)
    if cell:
        shown = shown.replace("|", "\\|")
    ticks = "`" * (_longest_backtick_run(shown) + 1)
    # A span that starts or ends with a backtick or a space needs a space on each side, which
    # Markdown then strips.
    pad = " " if shown[:1] in ("`", " ") or shown[-1:] in ("`", " ") else ""
    return f"{ticks}{pad}{shown}{pad}{ticks}"


def markdown_fence(lines: list[str], info: str = "") -> list[str]:
    """`lines` as a fenced code block that none of them can close or break out of.

    Each line is escaped as on a terminal (so none holds a line break), and the fence is longer
    than any run of backticks in them.
    """
    body = [terminal(line) for line in lines]
    fence = "`" * max(3, max(map(_longest_backtick_run, body), default=0) + 1)
    return [fence + info, *body, fence]


_BACKTICKS = re.compile("`+")


def _longest_backtick_run(text: str) -> int:
    if "`" not in text:
        return 0
    return max(len(run) for run in _BACKTICKS.findall(text))


# --- GitHub Actions workflow commands --------------------------------------------------------


def workflow_data(text: str) -> str:
    """The message of a workflow command (`::error ...::message`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (`file=...,title=...`)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# --- XML -------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold at all, escaped or not (a quoted YAML key can hold them, and a
# file name its undecodable bytes). Compiled when first needed: the pattern's ranges span most of
# Unicode and cost 3 ms to compile, paid on every start of cxkit when it was made at import.
_NOT_XML = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


@functools.cache
def _not_xml() -> re.Pattern[str]:
    return re.compile(_NOT_XML)


def xml(text: str) -> str:
    """`text` with each character XML cannot hold written as its escape: `\\x01`, `\\xff`."""
    return _not_xml().sub(lambda m: _code(m.group()), text)


# --- URIs ------------------------------------------------------------------------------------

# RFC 3986 `pchar` characters that need no encoding in a path, but `:`: a first segment holding
# one would read as a scheme (`c:x.yaml`).
_URI_PATH_SAFE = "/!$&'()*+,;=@"


def uri_path(path: str) -> str:
    """A relative POSIX path as a URI reference (RFC 3986): each byte of its file-system name
    outside the unreserved and path characters percent-encoded (`a b.yaml` → `a%20b.yaml`, a
    non-UTF-8 byte → `%FF`)."""
    import os
    from urllib.parse import quote_from_bytes

    return quote_from_bytes(os.fsencode(path), safe=_URI_PATH_SAFE)


# --- iCalendar --------------------------------------------------------------------------------

_ICALENDAR_SPECIAL = re.compile(r"[\\;,]")


def icalendar_text(text: str) -> str:
    """`text` as an iCalendar TEXT value (RFC 5545, 3.3.11): `\\`, `;` and `,` backslash-escaped,
    each line break as `\\n`; any other control character, which TEXT cannot hold, written
    as a terminal shows it (`\\x1b`, its backslash escaped in turn)."""
    lines = re.split(r"\r\n|\r|\n", text)
    shown = [terminal(line) for line in lines]
    return "\\n".join(_ICALENDAR_SPECIAL.sub(lambda m: "\\" + m.group(), line) for line in shown)
