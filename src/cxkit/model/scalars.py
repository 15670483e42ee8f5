"""The scalars of the format, read from the reader's plain data, without pydantic.

The reader keeps every scalar as the text the user wrote (`str` when plain, `Quoted` when quoted)
so each typed field decides here what it accepts: `true`/`false` for a flag, digits for an
integer, and so on. YAML 1.1's booleans, octals and timestamps never apply.

These functions are shared by the pydantic models (which explain every problem) and by the
generated fast check in `records/generated.py` (which only accepts or refuses), so both read a
value the same way. Nothing here may import pydantic: `cxkit validate` on a clean workspace
never loads it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from cxkit.source.document import describe

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
ID_RULE = "1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
# `fullmatch` without anchors: Python's `$` also matches before a final line break, pydantic's not.
_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
# A code host handle: `@user` or `@org/team` (GitHub's and GitLab's CODEOWNERS owners).
HANDLE_PATTERN = r"^@[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$"
HANDLE_RULE = "@user or @org/team"
_HANDLE = re.compile(HANDLE_PATTERN.removeprefix("^").removesuffix("$"))
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
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def is_handle(value: object) -> bool:
    return isinstance(value, str) and _HANDLE.fullmatch(value) is not None


def _plain(value: Any) -> str | None:
    """The text of a plain (unquoted) scalar, or None for anything else."""
    return value if type(value) is str else None


def to_flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = _plain(value)
    if text in ("true", "false"):
        return text == "true"
    raise ValueError(f"expected true or false, got {describe(value)}")


def to_integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _plain(value)
    if text is None or not _INT.fullmatch(text):
        raise ValueError(f"expected a whole number, got {describe(value)}")
    if len(text) > _MAX_DIGITS:
        raise ValueError(f"the number {text[:12]}... has {len(text)} digits; that is too large")
    return int(text)


def to_score(value: Any) -> int:
    number = to_integer(value)
    if not 1 <= number <= 5:
        raise ValueError(f"expected a whole number from 1 to 5, got {number}")
    return number


def to_number(value: Any) -> float:
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


def to_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = value if isinstance(value, str) else None
    if text is None or not _DATE.fullmatch(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(value)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a real date") from None


def none_as_empty(value: Any) -> Any:
    """An empty section (`owners:` with nothing after it) is an empty list."""
    return [] if value is None else value


def stage_item_kind(value: Any) -> str:
    """A stage's touchpoint is written as a mapping (a definition) or an id (a reference)."""
    return "definition" if isinstance(value, dict) else "reference"
