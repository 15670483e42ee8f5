"""The impact of a change as JSON, in a versioned shape (`"version": 2`) that `cxkit render`
also reads. Documented in the README.

`document` writes an `Impact` as that document; `parse` reads one back into an `Impact`, so that
`document(*parse(document(impact)))` is the same document. Both follow the dataclasses of
`cxkit.analysis.impact` field by field: a field added there is written and read without an edit
here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal, TextIO

from cxkit import __version__
from cxkit.analysis.impact import Impact, TouchpointImpact, Wave
from cxkit.errors import CxkitError
from cxkit.model.scalars import to_date
from cxkit.report import jsondoc, no_journey_changes
from cxkit.report.jsondoc import field_names, plain
from cxkit.source.document import describe

VERSION = 2


@dataclasses.dataclass(frozen=True, slots=True)
class Tool:
    """What wrote a document: kept when a saved one is read, so a render shows the same."""

    name: str
    version: str


CXKIT = Tool("cxkit", __version__)


def write(impact: Impact, out: TextIO, *, color: bool) -> None:
    jsondoc.dump(document(impact), out)


def document(impact: Impact, tool: Tool = CXKIT) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name in field_names(Impact):
        if name == "most_exposed":  # by id: they are all in `touchpoints` already
            body[name] = [t.id for t in impact.most_exposed]
        else:
            body[name] = plain(getattr(impact, name))
    return {
        "version": VERSION,
        "kind": "impact",
        "tool": plain(tool),
        **body,
    }


# --- reading a document back ---------------------------------------------------------------

_REWRITE = "write it again with cxkit impact -f json"
Reader = Callable[[Any], Any]


def load(raw: bytes, name: str) -> tuple[Impact, Tool]:
    """The impact, and what wrote it, in the JSON text `raw` of the file called `name`."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # not UTF-8, or not JSON
        raise CxkitError(f"cannot read the impact document {name}: {exc}") from None
    except RecursionError:  # json reads nested lists and objects by recursion
        raise CxkitError(
            f"{name} nests lists or objects too deeply to be an impact document; {_REWRITE}"
        ) from None
    return parse(data, name)


def parse(data: object, name: str = "the impact document") -> tuple[Impact, Tool]:
    """The impact, and what wrote it, from a document as `document` makes it (JSON's values).

    Every value must have the type of the field it fills, and every field must be there and
    no other: anything else is a CxkitError naming where it is (`touchpoints[2].how`).
    """
    if isinstance(data, dict) and data.get("kind") == no_journey_changes.KIND:
        since = describe(data.get("since"))  # quoted, on one line, whatever it holds
        raise CxkitError(
            f"{name} says there were no journey changes since {since}: nothing to brief"
        )
    if not isinstance(data, dict) or data.get("kind") != "impact":
        raise CxkitError(f"{name} is not an impact document (cxkit impact -f json)")
    version = data.get("version")
    if type(version) is int and version != VERSION:
        raise CxkitError(
            f"{name} is impact document version {version}; this cxkit reads version {VERSION}"
        )
    try:
        return _read_document(data)
    except _Malformed as bad:
        raise CxkitError(f"{name}: {bad.place()}: {bad.problem}; {_REWRITE}") from None


class _Malformed(Exception):
    """A value unlike what `document` writes there; where it is, filled in on the way out."""

    def __init__(self, problem: str, *where: str | int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.where = list(where)  # innermost first

    def place(self) -> str:
        """Where the value is, as `touchpoints[2].how`."""
        text = ""
        for step in reversed(self.where):
            if isinstance(step, int):
                text += f"[{step}]"
            elif step.isidentifier():
                text += f".{step}" if text else step
            else:  # a key cxkit never writes: quoted, so a line break in it stays on the line
                text += f"[{describe(step)}]"
        return text


def _read_document(data: dict[str, Any]) -> tuple[Impact, Tool]:
    fields = _impact_fields()
    _check_keys(data, ("version", "kind", "tool", *fields))
    _in(data, "version", _one_of((VERSION,)))
    tool: Tool = _in(data, "tool", _reader(Tool))
    values = {key: _in(data, key, read) for key, read in fields.items()}
    values["most_exposed"] = _named_touchpoints(values["most_exposed"], values["touchpoints"])
    _check_wave_numbers(values["waves"])
    return Impact(**values), tool


@cache
def _impact_fields() -> dict[str, Reader]:
    """How each field of the document's body is read; `most_exposed` is written as ids."""
    return {**_field_readers(Impact), "most_exposed": _reader(list[str])}


def _named_touchpoints(
    ids: list[str], touchpoints: list[TouchpointImpact]
) -> list[TouchpointImpact]:
    by_id = {t.id: t for t in touchpoints}
    for index, ident in enumerate(ids):
        if ident not in by_id:
            raise _Malformed(
                f"{_shown(ident)} is not the id of one of the touchpoints",
                index,
                "most_exposed",
            )
    return [by_id[ident] for ident in ids]


def _check_wave_numbers(waves: list[Wave]) -> None:
    """Wave numbers choose each wave's days before the release: only 1 to 4 mean one."""
    for index, wave in enumerate(waves):
        if not 1 <= wave.number <= 4:
            raise _Malformed(
                f"expected a wave number from 1 to 4, got {wave.number}", "number", index, "waves"
            )


def _in(mapping: dict[str, Any], key: str, read: Reader) -> Any:
    """`read` of the value at `key`, and if it is malformed, which key holds it."""
    try:
        return read(mapping[key])
    except _Malformed as bad:
        bad.where.append(key)
        raise


def _check_keys(mapping: dict[str, Any], keys: typing.Collection[str]) -> None:
    """A key cxkit never writes there, or one it always writes that is missing, is an error."""
    for key in mapping:
        if key not in keys:
            raise _Malformed("not a field of an impact document", key)
    for key in keys:
        if key not in mapping:
            raise _Malformed("missing", key)


def _reader(annotation: Any) -> Reader:
    """How a value of the type `annotation` is read from JSON's values, checked on the way."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:  # pydantic's constraints: a document keeps what its change had
        return _reader(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return _optional(annotation)
    if origin is list:
        return _list(_reader(typing.get_args(annotation)[0]))
    if origin is dict:
        return _mapping(_reader(typing.get_args(annotation)[1]))
    if origin is Literal:
        return _one_of(typing.get_args(annotation))
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if isinstance(annotation, type):
        return _record(annotation)
    raise TypeError(f"an impact document has no way to read {annotation!r}")


def _optional(annotation: Any) -> Reader:
    kinds = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(kinds) != 1 or len(typing.get_args(annotation)) != 2:
        raise TypeError(f"an impact document reads only `X | None` unions, not {annotation!r}")
    read = _reader(kinds[0])
    return lambda value: None if value is None else read(value)


def _list(read: Reader) -> Reader:
    def read_list(value: Any) -> list[Any]:
        if type(value) is not list:
            raise _Malformed(f"expected a list, got {_shown(value)}")
        items = []
        for index, item in enumerate(value):
            try:
                items.append(read(item))
            except _Malformed as bad:
                bad.where.append(index)
                raise
        return items

    return read_list


def _mapping(read: Reader) -> Reader:
    """A mapping from text to values read by `read` (JSON's keys are always text)."""

    def read_mapping(value: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise _Malformed(f"expected a mapping, got {_shown(value)}")
        items = {}
        for key, item in value.items():
            try:
                items[key] = read(item)
            except _Malformed as bad:
                bad.where.append(key)
                raise
        return items

    return read_mapping


def _one_of(choices: tuple[Any, ...]) -> Reader:
    kinds = {type(choice) for choice in choices}
    allowed = frozenset(choices)
    said = ", ".join(repr(choice) for choice in choices)

    def read_choice(value: Any) -> Any:
        if type(value) in kinds and value in allowed:
            return value
        raise _Malformed(f"expected one of {said}, got {_shown(value)}")

    return read_choice


def _scalar(kind: type, what: str) -> Reader:
    def read_scalar(value: Any) -> Any:
        if type(value) is kind:
            return value
        raise _Malformed(f"expected {what}, got {_shown(value)}")

    return read_scalar


def _number(value: Any) -> float:
    if type(value) in (int, float):
        return float(value)
    raise _Malformed(f"expected a number, got {_shown(value)}")


def _date(value: Any) -> Any:
    if type(value) is not str:
        raise _Malformed(f"expected a date as YYYY-MM-DD, got {_shown(value)}")
    try:
        return to_date(value)  # the format's own reading of a date
    except ValueError as exc:
        raise _Malformed(str(exc)) from None


def _shown(value: Any) -> str:
    """A value as a message shows it, spelled as JSON spells true, false and null."""
    if type(value) is bool:
        return "true" if value else "false"
    return describe(value)


_SCALARS: dict[Any, Reader] = {
    str: _scalar(str, "text"),
    int: _scalar(int, "a whole number"),  # `true` is no number here, as in the format
    bool: _scalar(bool, "true or false"),
    float: _number,
    dt.date: _date,
}


@cache
def _record(kind: type) -> Reader:
    """How a mapping is read into `kind`, a dataclass of the impact."""
    fields = _field_readers(kind)
    make = kind
    keys = frozenset(fields)

    def read_record(value: Any) -> Any:
        if type(value) is not dict:
            raise _Malformed(f"expected a mapping, got {_shown(value)}")
        if value.keys() != keys:
            _check_keys(value, fields)
        return make(**{key: _in(value, key, read) for key, read in fields.items()})

    return read_record


def _field_readers(kind: type) -> dict[str, Reader]:
    """A reader for each field of `kind`, in the order `document` writes them."""
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return {name: _reader(hints[name]) for name in field_names(kind)}
    raise TypeError(f"an impact document has no way to read {kind!r}")
