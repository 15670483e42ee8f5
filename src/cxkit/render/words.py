"""Plain words for the briefing pages: metric names, values with their units, counts, lists.

A briefing is read by people who never open the YAML: `first_contact_resolution` is
"First contact resolution", a ratio of 0.62 is "62%", and one journey is "1 journey".
"""

from __future__ import annotations

from typing import Any, Literal

# Names of metrics everyone in the field knows by their letters: spelt out once, letters kept.
_KNOWN_METRICS = {
    "csat": "Customer satisfaction (CSAT)",
    "nps": "Net Promoter Score (NPS)",
    "ces": "Customer effort score (CES)",
    "fcr": "First contact resolution (FCR)",
    "aht": "Average handling time (AHT)",
}
# Letters that stay capitals inside a longer metric name.
_ACRONYMS = {"csat", "nps", "ces", "fcr", "aht", "sms", "ivr", "crm", "sla", "id"}
# Units that say the value is a share of 1, shown as a percentage.
_RATIO_UNITS = {"ratio", "fraction", "share"}

Status = Literal["off", "on", "unmeasured", "untargeted"]


def metric_name(name: str) -> str:
    """`first_contact_resolution` -> `First contact resolution`; `csat` -> its words."""
    known = _KNOWN_METRICS.get(name.lower())
    if known:
        return known
    words = name.replace("_", " ").replace("-", " ").split()
    if not words:
        return name
    shown = [w.upper() if w.lower() in _ACRONYMS else w for w in words]
    first = shown[0]
    shown[0] = first[:1].upper() + first[1:]
    return " ".join(shown)


def is_ratio(unit: str | None, values: list[float | int | None]) -> bool:
    """Whether a metric's values are shares of 1 (0.62 for 62%): its unit says so, or it has no
    unit and every value it has lies between 0 and 1 with at least one a fraction (the format's
    own example, `{name: first_contact_resolution, target: 0.8, actual: 0.62}`)."""
    if unit:
        return unit.strip().lower() in _RATIO_UNITS
    known = [v for v in values if v is not None]
    return bool(known) and all(0 <= v <= 1 for v in known) and any(v not in (0, 1) for v in known)


def shown_value(value: float | int | None, unit: str | None, ratio: bool = False) -> str:
    """`62%`, `9.2 minutes`, `4.2`; `not measured` when there is no value."""
    if value is None:
        return "not measured"
    if ratio:
        return f"{_number(value * 100)}%"
    text = _number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _number(value: float | int) -> str:
    if isinstance(value, float):
        rounded = round(value, 4)  # 0.62 * 100 is 62.00000000000001
        return f"{rounded:g}"
    return str(value)


_STATUS_WORDS: dict[Status, str] = {
    "off": "off target",
    "on": "on target",
    "unmeasured": "not measured",
    "untargeted": "no target",
}
# HTML classes: red for off target, green for on target, neutral when nothing can be said.
_STATUS_CSS: dict[Status, str] = {
    "off": "badge bad",
    "on": "badge on",
    "unmeasured": "badge neutral",
    "untargeted": "badge neutral",
}


def metric_words(where: str, m: Any) -> dict[str, str]:
    """A workspace metric (name, target, actual, better, unit) as a page shows it: `where` (the
    journey or touchpoint it measures, by name), its name, `today`, `target`, and its `status`
    in words with the HTML class that goes with it."""
    ratio = is_ratio(m.unit, [m.target, m.actual])
    if m.target is None:
        target = "none set"
    else:
        bound = "at most" if m.better == "lower" else "at least"
        target = f"{bound} {shown_value(m.target, m.unit, ratio)}"
    status: Status
    if m.actual is None:
        status = "unmeasured"
    elif m.target is None:
        status = "untargeted"
    else:
        status = "off" if m.off_target() else "on"
    return {
        "where": where,
        "name": metric_name(m.name),
        "today": shown_value(m.actual, m.unit, ratio),
        "target": target,
        "status": _STATUS_WORDS[status],
        "css": _STATUS_CSS[status],
    }


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 journey`, `3 journeys`; `plural` for nouns that do not take an s."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def noun(n: int, word: str) -> str:
    """`word` as `n` of it reads: `journey` for 1, `journeys` otherwise."""
    return word if n == 1 else word + "s"


def changes(n: int) -> str:
    """The verb after `n` things: `1 stage changes`, `3 stages change`."""
    return "changes" if n == 1 else "change"


def listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`: for names without commas of their own."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def sentence_start(text: str) -> str:
    """A title as the rest of a sentence: its first letter small, unless it starts a word in
    capitals (`IVR menu` stays)."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
