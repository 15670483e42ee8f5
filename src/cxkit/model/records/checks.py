"""The building blocks of the generated fast check (`generated.py`): each takes plain data and
returns the value a model would build, or raises `Refused`.

They follow pydantic's strict mode as the models use it: text is any `str` (the reader's
`Quoted` included) and is stored as a plain `str`; lists are lists; a record is a mapping with
only the record's keys. Nothing here explains a refusal: the models do that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from cxkit.model.scalars import is_handle, is_valid_id

T = TypeVar("T")
Check = Callable[[Any], T]


class Refused(Exception):
    """Data the fast check does not take as it is."""


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return str(value)
    raise Refused


def as_id(value: Any) -> str:
    if is_valid_id(value):
        return str(value)
    raise Refused


def as_handle(value: Any) -> str:
    if is_handle(value):
        return str(value)
    raise Refused


def as_date(value: Any) -> dt.date:
    if type(value) is dt.date:
        return value
    raise Refused


def as_bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise Refused


def as_int(value: Any) -> int:
    if type(value) is int:
        return value
    raise Refused


def as_float(value: Any) -> float:
    if type(value) is float:
        return value
    raise Refused


def one_of(*choices: str) -> Check[str]:
    """A check that takes one of `choices`, stored as the choice itself."""
    canonical = {choice: choice for choice in choices}

    def check(value: Any) -> str:
        if isinstance(value, str) and value in canonical:
            return canonical[value]
        raise Refused

    return check


def list_of(item: Check[T]) -> Check[list[T]]:
    def check(value: Any) -> list[T]:
        if type(value) is not list:
            raise Refused
        return [item(element) for element in value]

    return check


def dict_of(key: Check[str], item: Check[T]) -> Check[dict[str, T]]:
    def check(value: Any) -> dict[str, T]:
        if type(value) is not dict:
            raise Refused
        return {key(k): item(v) for k, v in value.items()}

    return check


def non_empty(items: Check[list[T]], least: int) -> Check[list[T]]:
    def check(value: Any) -> list[T]:
        checked = items(value)
        if len(checked) < least:
            raise Refused
        return checked

    return check


def after(before: Callable[[Any], Any], then: Check[T]) -> Check[T]:
    """`then` on what `before` makes of the value (a ValueError from `before` refuses)."""

    def check(value: Any) -> T:
        return then(before(value))

    return check


def tagged(kind: Callable[[Any], str], checks: Mapping[str, Check[Any]]) -> Check[Any]:
    """A union: `kind` names which of `checks` applies to a value."""

    def check(value: Any) -> Any:
        return checks[kind(value)](value)

    return check


def record_of(cls: Callable[..., T], fields: Mapping[str, Check[Any]]) -> Check[T]:
    """A mapping with only keys of `fields`, each checked; absent fields take their defaults.

    An unknown key fails the lookup and a missing required field fails the constructor; both
    refuse, like every other error raised while building.
    """

    def check(value: Any) -> T:
        if type(value) is not dict:
            raise Refused
        return cls(**{key: fields[key](item) for key, item in value.items()})

    return check
