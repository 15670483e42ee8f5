"""The impact of a change as JSON, in a versioned shape (`"version": 1`) that `cxkit render`
also reads. Documented in the README."""

from __future__ import annotations

import copy
import dataclasses
from functools import cache
from typing import Any, TextIO

from cxkit import __version__
from cxkit.analysis.impact import Impact
from cxkit.report import jsondoc

VERSION = 1


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(impact), out)


def document(impact: Impact) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name in _field_names(Impact):
        if name == "change":
            body[name] = impact.change.model_dump(mode="json")
        elif name == "most_exposed":  # by id: they are all in `touchpoints` already
            body[name] = [t.id for t in impact.most_exposed]
        else:
            body[name] = _plain(getattr(impact, name))
    return {
        "version": VERSION,
        "kind": "impact",
        "tool": {"name": "cxkit", "version": __version__},
        **body,
    }


_ATOMS: frozenset[type] = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of a value: dicts, lists and plain values, all new.

    An impact on 20,000 touchpoints holds tens of thousands of small dataclasses; asdict looks
    up each one's fields and deep-copies each string and number in it, which is most of the time
    `cxkit impact -f json` and `cxkit render` spend here. Strings and numbers need no copy.
    """
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(kind):
        return {name: _plain(getattr(value, name)) for name in _field_names(kind)}
    if kind is tuple:
        return tuple(_plain(item) for item in value)
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    return copy.deepcopy(value)


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))
