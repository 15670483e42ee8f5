"""A touchpoint's card on a journey map, as HTML.

Written here rather than in a template, as the curves are (curves.py): a big briefing draws
20,000 cards, and the same markup through Jinja's sandbox cost a third of the render. The
shipped `cards` macro (macros.html.j2) writes `card.html`; a team's own macros can still draw
a card from its fields. Every value from the workspace is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from cxkit.render.maps import Card

_HIGHLIGHT_WORDS = {"direct": "changes"}  # any other highlight: downstream


def card_html(c: Card) -> Markup:
    classes = f"card {c.highlight}{' unowned' if c.unowned else ''}"
    parts = [
        f'<div class="{escape(classes)}" id="{escape(c.anchor)}" data-touchpoint="{escape(c.id)}">',
        f"  <h4>{escape(c.name)}</h4>",
    ]
    if c.highlight:
        said = _HIGHLIGHT_WORDS.get(c.highlight, "right after a change")
        parts.append(f'  <span class="badge {escape(c.highlight)}">{said}</span>')
    if c.moment_of_truth:
        parts.append('  <span class="badge mot">moment of truth</span>')
    if c.unowned:
        parts.append('  <span class="badge bad">NO OWNER</span>')
    elif not c.owner_active:
        parts.append('  <span class="badge bad">owner inactive</span>')
    parts.append("  <dl>")
    if c.channel:
        parts.append(f"    <dt>channel</dt><dd>{escape(c.channel)}</dd>")
    parts.append(f"    <dt>owner (A)</dt><dd>{escape(c.owner or '—')}</dd>")
    for letter, names in (("R", c.responsible), ("C", c.consulted), ("I", c.informed)):
        if names:
            parts.append(f"    <dt>{letter}</dt><dd>{', '.join(map(escape, names))}</dd>")
    if c.emotion is not None:
        parts.append(f"    <dt>emotion</dt><dd>{c.emotion}/5</dd>")
    if c.effort is not None:
        parts.append(f"    <dt>effort</dt><dd>{c.effort}/5</dd>")
    parts.append("  </dl>")
    if c.pain_points:
        items = "".join(f"<li>{escape(p)}</li>" for p in c.pain_points)
        parts.append(f"  <ul>{items}</ul>")
    if c.metrics:
        parts.append("  <ul>")
        parts.extend(m["html"] for m in c.metrics)
        parts.append("</ul>")
    parts.append("</div>")
    return Markup("\n".join(parts))


def metric_html(m: dict[str, Any]) -> Markup:
    """A metric as the map says it, on a card and under a journey's outcome: `Average wait:
    9.2 minutes, off target (target 3 minutes, lower is better)`, its value in a span whose
    class says its state."""
    off = ", off target" if m["off_target"] else ""
    target = (
        f" (target {escape(m['target_text'])}, {escape(m['better'])} is better)"
        if m["target"] is not None
        else ""
    )
    return Markup(
        f'<li>{escape(m["label"])}: <span class="{escape(m["state"])}">{escape(m["today"])}{off}'
        f"</span>{target}</li>"
    )
