"""Filters the templates use: Mermaid-safe text, Markdown cells, numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from cxkit.render.writer import safe_name
from cxkit.report.escape import markdown, markdown_code, markdown_lines, terminal

_HREF = re.compile(r"[a-z0-9._/-]+")

# GitHub makes a link of a bare `https://...`, `http://...`, `ftp://...` or `www....` (GFM's
# extended autolinks), wherever it stands in a line. A word joiner after the scheme or the
# `www` keeps the text as it looks, unlinked, as `report.escape` does for @mentions.
_AUTOLINK = re.compile(r"(?i)(?:https?|ftp)(?=://)|www(?=\.)")
_WORD_JOINER = "\u2060"

# Mermaid's journey syntax is `name: score: actors`; these characters would break a task line:
# `:` and `;` end its parts, and `#` and `%` start a comment (`%%{...}%%` would even reconfigure
# the diagram). Mermaid reads `#60;` as the character numbered 60, so each is written as one.
# HTML's `<`, `>`, `&` as such codes too, since Mermaid draws labels as HTML.
_MERMAID = {
    ":": "#58;",
    "#": "#35;",
    ";": "#59;",
    "%": "#37;",
    "<": "#60;",
    ">": "#62;",
    "&": "#38;",
}

# A task's actors are separated by commas: one actor's name keeps its commas as codes.
_MERMAID_ACTOR = {**_MERMAID, ",": "#44;"}

# Inside a flowchart's quoted label a `"` would end it and a backtick start Markdown.
_MERMAID_LABEL = {**_MERMAID, '"': "#quot;", "`": "#96;"}


def mermaid(text: Any) -> Markup:
    """Text safe inside a Mermaid journey task or section: no `:`, `#`, `;`, `%`, markup or
    breaks."""
    return _mermaid_text(text, _MERMAID)


def mermaid_actor(text: Any) -> Markup:
    """One actor of a Mermaid journey task (its owner): as `mermaid`, its commas kept inside
    its name rather than splitting it in two."""
    return _mermaid_text(text, _MERMAID_ACTOR)


def mermaid_label(text: Any) -> Markup:
    """Text safe inside a quoted Mermaid flowchart label (`id["..."]`): as `mermaid`, and no
    `"` or backtick either."""
    return _mermaid_text(text, _MERMAID_LABEL)


def _mermaid_text(text: Any, codes: dict[str, str]) -> Markup:
    flat = terminal(" ".join(str(text).split()))  # control characters shown, not sent
    return Markup("".join(codes.get(ch, ch) for ch in flat))


def literal(text: str) -> str:
    """Text as literal Markdown on one line (`report.escape.markdown`: no markup, HTML,
    @mention or line break), and no bare address GitHub would make a link of."""
    return _unlinked(markdown(text))


def _unlinked(markdown_text: str) -> str:
    return _AUTOLINK.sub(lambda m: m.group() + _WORD_JOINER, markdown_text)


def cell(text: Any) -> Markup:
    """Text as literal Markdown inside a table cell: one line, `|` and all markup escaped."""
    return Markup(literal(str(text)))


def paragraphs(text: Any) -> Markup:
    """A text of the change file's (its purpose, a message) as literal Markdown, its lines kept."""
    return Markup(_unlinked(markdown_lines(str(text))))


def code(text: Any) -> Markup:
    """Text as a Markdown code span that nothing inside it can close."""
    return Markup(markdown_code(str(text)))


def href(name: Any) -> Markup:
    """A file name cxkit made (`safe_name`: letters, digits, `.`, `_`, `-`) as a link target."""
    text = str(name)
    if _HREF.fullmatch(text) is None:
        raise ValueError(f"not a file name cxkit makes: {text!r}")
    return Markup(text)


def number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def measure(value: Any, unit: str = "") -> str:
    """`62%`, `9.2 minutes`, or `not measured` when there is no value."""
    if value is None:
        return "not measured"
    text = number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


FILTERS: dict[str, Callable[..., Any]] = {
    "measure": measure,
    "mermaid": mermaid,
    "mermaid_actor": mermaid_actor,
    "mermaid_label": mermaid_label,
    "cell": cell,
    "code": code,
    "paragraphs": paragraphs,
    "href": href,
    "number": number,
    "safe_name": safe_name,
}
