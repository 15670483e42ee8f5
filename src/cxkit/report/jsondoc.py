"""Write a JSON document fast and still readable: one top-level key a line, and each item of a
top-level list on a line of its own.

`json.dump` with `indent` falls back to the pure-Python encoder (0.6 s for 17,000 findings);
encoding each item with the C encoder keeps large reports cheap, and the output diffs cleanly.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

# What json.dumps(value, ensure_ascii=False, default=str) uses, made once: dumps would make
# an encoder for each of tens of thousands of items.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)


def _encode(value: Any) -> str:
    return _ENCODER.encode(value)


def dump(document: dict[str, Any], out: TextIO) -> None:
    out.write("{\n")
    last = len(document) - 1
    for index, (key, value) in enumerate(document.items()):
        comma = "," if index < last else ""
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {_encode(item)}" for item in value)
            out.write(f"  {_encode(key)}: [\n{items}\n  ]{comma}\n")
        else:
            out.write(f"  {_encode(key)}: {_encode(value)}{comma}\n")
    out.write("}\n")
