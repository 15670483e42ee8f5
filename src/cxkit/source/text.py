"""A file's bytes as YAML text: UTF-8, with none of the characters YAML refuses, and positions
counted as editors count them (lines end at LF, CRLF or CR, as in YAML 1.2).
"""

from __future__ import annotations

import re

from cxkit.source.document import Pos

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

# Why a file's text cannot be read: where, the rule, and the message.
TextProblem = tuple[int, int, str, str]


def decode(raw: bytes) -> str | TextProblem:
    """The text of a file's bytes (a UTF-8 byte-order mark dropped), or why it has none."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", "replace")
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        return (
            *line_col(prefix, len(prefix)),
            "file-encoding",
            f"the file is not UTF-8{hint}: byte 0x{raw[exc.start]:02x} cannot be read;"
            " save it as UTF-8",
        )
    nul = text.find("\x00")
    if nul >= 0:
        return (
            *line_col(text, nul),
            "file-encoding",
            "the file contains a NUL byte; is it a binary file?",
        )
    refused = _REFUSED.search(text)
    if refused is not None:
        return (*line_col(text, refused.start()), "yaml-syntax", _refused_message(refused.group()))
    return text


def line_col(text: str, offset: int) -> Pos:
    """The 1-based line and column of an offset; lines end at LF, CRLF or CR (YAML 1.2)."""
    if "\r" not in text:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
    line, start = 1, 0
    for match in _EDITOR_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


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
