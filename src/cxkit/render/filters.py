"""Filters the templates use: Mermaid-safe text, Markdown cells, numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from cxkit.render.writer import safe_name

# Mermaid's journey syntax is `name: score: actors`; these characters would break a task line.
# HTML's `<`, `>`, `&` as Mermaid entity codes too, since Mermaid draws labels as HTML.
_MERMAID = {":": "#58;", "#": "#35;", ";": "#59;", "<": "#60;", ">": "#62;", "&": "#38;"}


def mermaid(text: Any) -> Markup:
    """Text safe inside a Mermaid journey task or section: no `:`, `#`, `;`, markup or breaks."""
    flat = " ".join(str(text).split())
    return Markup("".join(_MERMAID.get(ch, ch) for ch in flat))


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


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
    "cell": cell,
    "number": number,
    "safe_name": safe_name,
}
