"""Lines of a terminal report, each with a rich style: escaped, then written plain or in colour."""

from __future__ import annotations

from typing import TextIO

from cxkit.report.escape import terminal


def write_styled(lines: list[tuple[str, str]], out: TextIO, *, color: bool) -> None:
    """Write (text, style) lines. What they say comes from files anyone can edit: each is
    escaped for a terminal first, so it is shown and never acted on."""
    shown = [(terminal(text), style) for text, style in lines]
    if not color:
        out.write("".join(text + "\n" for text, _ in shown))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True, emoji=False)
    for text, style in shown:
        console.print(Text(text, style=style))
