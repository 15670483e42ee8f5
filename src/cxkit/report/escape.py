"""Text made safe for the medium it is written to: one function per medium, used by every report.

Names and messages come from files anyone can edit, and file names from any checkout. Written
raw they could colour or retitle a terminal (ESC, BEL, CR), or break a CI log or an XML report.
Each medium shows such text visibly instead (`\\x1b`, `%0A`); none drops it.

- `terminal`: a terminal or a CI log (text, parsable, the lines of GitHub annotations).
- `workflow_data`, `workflow_property`: GitHub Actions workflow commands.
- `xml`: XML text and attributes (ElementTree escapes `<`, `&` and quotes itself).
"""

from __future__ import annotations

import re

# --- terminals ------------------------------------------------------------------------------


def terminal(text: str) -> str:
    """`text` with every unprintable character written as an escape (`\\x1b`, `\\n`).

    Control characters (C0, DEL, C1), line breaks, and format characters such as a
    right-to-left override: nothing a terminal would act on stays.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _code(ch) for ch in text)


def _code(ch: str) -> str:
    """One character as the escape that names it: `\\x1b`, `\\n`, `\\u202e`."""
    return repr(ch)[1:-1]


# --- GitHub Actions workflow commands --------------------------------------------------------


def workflow_data(text: str) -> str:
    """The message of a workflow command (`::error ...::message`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (`file=...,title=...`)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# --- XML -------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold at all, escaped or not (a quoted YAML key can hold them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml(text: str) -> str:
    """`text` with each character XML cannot hold written as its escape: `\\x01`."""
    return _NOT_XML.sub(lambda m: _code(m.group()), text)
