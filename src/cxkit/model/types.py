"""The scalar types of the format, read from the reader's plain data.

The reader keeps every scalar as the text the user wrote (`str` when plain, `Quoted` when quoted)
so each typed field decides here what it accepts: `true`/`false` for a flag, digits for an
integer, and so on. YAML 1.1's booleans, octals and timestamps never apply.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema

from cxkit.source.yamlreader import describe

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
ID_RULE = "1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
_ID = re.compile(ID_PATTERN)
_INT = re.compile(r"[-+]?[0-9]+")
_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAX_DIGITS = 30


class _Null:
    """Stands for a null the user wrote where a value is expected; every field type rejects it."""

    def __repr__(self) -> str:
        return "null"


NULL = _Null()


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and _ID.match(value) is not None


def _plain(value: Any) -> str | None:
    """The text of a plain (unquoted) scalar, or None for anything else."""
    return value if type(value) is str else None


def _to_flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = _plain(value)
    if text in ("true", "false"):
        return text == "true"
    raise ValueError(f"expected true or false, got {describe(value)}")


def _to_integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _plain(value)
    if text is None or not _INT.fullmatch(text):
        raise ValueError(f"expected a whole number, got {describe(value)}")
    if len(text) > _MAX_DIGITS:
        raise ValueError(f"the number {text[:12]}... has {len(text)} digits; that is too large")
    return int(text)


def _to_score(value: Any) -> int:
    number = _to_integer(value)
    if not 1 <= number <= 5:
        raise ValueError(f"expected a whole number from 1 to 5, got {number}")
    return number


def _to_number(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _plain(value)
        if text is None or not _NUMBER.fullmatch(text):
            hint = " (infinity and NaN are not numbers here)" if _is_special(text) else ""
            raise ValueError(f"expected a number, got {describe(value)}{hint}")
        if len(text) > _MAX_DIGITS:
            raise ValueError(f"the number {text[:12]}... has {len(text)} digits; that is too large")
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {describe(value)}")
    return number


def _is_special(text: str | None) -> bool:
    return text is not None and text.lstrip("+-").lower() in (".inf", ".nan")


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = value if isinstance(value, str) else None
    if text is None or not _DATE.fullmatch(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(value)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a real date") from None


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


# Strict `str` takes `Quoted` (a str) and stores a plain str.
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description=f"An id: {ID_RULE}."),
]
# References are not pattern-checked here: a malformed one is reported once, as undefined.
Ref = Annotated[str, Field(description="The id of an entity defined in the workspace.")]
Text = str
Flag = Annotated[bool, BeforeValidator(_to_flag), WithJsonSchema({"type": "boolean"})]
Integer = Annotated[int, BeforeValidator(_to_integer), WithJsonSchema({"type": "integer"})]
Score = Annotated[
    int,
    BeforeValidator(_to_score),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5}),
]
Number = Annotated[float, BeforeValidator(_to_number), WithJsonSchema({"type": "number"})]
Date = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}),
]
EmptyAsList = BeforeValidator(_none_as_empty)
