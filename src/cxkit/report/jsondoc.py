"""Write a JSON document fast and still readable: one top-level key a line, and each item of a
top-level list on a line of its own.

`json.dump` with `indent` falls back to the pure-Python encoder, several times slower on large
reports (benchmarks/README.md); encoding each item with the C encoder keeps them cheap, and the
output diffs cleanly.

Text is written as UTF-8, not as `\\u` escapes, except a lone surrogate, which UTF-8 cannot
hold: a file name that is not UTF-8 reaches cxkit with each undecodable byte as one (Python's
`surrogateescape`), so `bad\\xffname.yaml` is written `"bad\\udcffname.yaml"`. A reader in
Python gets the name's bytes back with `os.fsencode`.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
from functools import cache
from typing import Any, TextIO

from cxkit import __version__


def tool() -> dict[str, str]:
    """What wrote a document, as every cxkit JSON document says it: `{"name", "version"}`."""
    return {"name": "cxkit", "version": __version__}


# What json.dumps(value, ensure_ascii=False, default=str) uses, made once: dumps would make
# an encoder for each of tens of thousands of items.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
_SURROGATE = re.compile("[\ud800-\udfff]")


def encode(value: Any) -> str:
    """`value` as compact JSON text that UTF-8 can hold."""
    return escape_surrogates(_ENCODER.encode(value))


def escape_surrogates(json_text: str) -> str:
    """JSON text with each lone surrogate written as its `\\u` escape, so UTF-8 can hold it."""
    if json_text.isascii():  # the common case, and nothing to look for
        return json_text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def dump(document: dict[str, Any], out: TextIO) -> None:
    out.write("{\n")
    last = len(document) - 1
    for index, (key, value) in enumerate(document.items()):
        comma = "," if index < last else ""
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {encode(item)}" for item in value)
            out.write(f"  {encode(key)}: [\n{items}\n  ]{comma}\n")
        else:
            out.write(f"  {encode(key)}: {encode(value)}{comma}\n")
    out.write("}\n")


_ATOMS: frozenset[type] = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of a value: dicts, lists and plain values, all new.

    An impact on 20,000 touchpoints holds tens of thousands of small dataclasses; asdict looks
    up each one's fields and deep-copies each string and number in it, which is most of the time
    `cxkit impact -f json` and `cxkit render` spend here. Every JSON document of dataclasses is
    made with it. Strings and numbers need no copy.
    """
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [plain(item) for item in value]
    if dataclasses.is_dataclass(kind):
        return {name: plain(getattr(value, name)) for name in field_names(kind)}
    if kind is tuple:
        return tuple(plain(item) for item in value)
    if kind is dt.date:
        return value.isoformat()
    if kind is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    return copy.deepcopy(value)


@cache
def field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))
