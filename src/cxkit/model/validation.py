"""Validate a file's plain data against a model and report every error at its line and column.

pydantic reports errors by path (`loc`); the reader's position map turns each path into
file:line:col. A file with errors is salvaged field by field, so that an entity with one bad field
still defines its id and its good references are still checked.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from cxkit.checks.findings import Finding, Location
from cxkit.model.records.generated import RECORDS
from cxkit.model.scalars import HANDLE_RULE, ID_RULE
from cxkit.model.suggest import suggest
from cxkit.source.document import YamlDocument, describe

M = TypeVar("M", bound=BaseModel)

# The tags of the stage-item union, which appear in pydantic's paths but not in the data.
_UNION_TAGS = frozenset({"reference", "definition"})
_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def validate_document(doc: YamlDocument, model: type[M]) -> tuple[M, list[Finding]]:
    """The model of `doc` (salvaged where it has errors) and a finding for each error."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        findings = [_finding(doc, model, error) for error in exc.errors(include_url=False)]
        return salvage(model, doc.data), findings


def as_record(value: Any) -> Any:
    """The record of a model the way the fast check builds it (lists and unions within too)."""
    if isinstance(value, BaseModel):
        cls = RECORDS[type(value).__name__]
        return cls(**{name: as_record(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [as_record(item) for item in value]
    if isinstance(value, dict):
        return {key: as_record(item) for key, item in value.items()}
    return value


def _finding(doc: YamlDocument, model: type[BaseModel], error: ErrorDetails) -> Finding:
    path = data_path(doc.data, error["loc"])
    kind = error["type"]
    field = next((step for step in reversed(path) if isinstance(step, str)), "")
    value = error.get("input")
    rule = "invalid-value"
    if kind == "missing":
        line, col = doc.position(path[:-1])
        rule, message = "missing-field", f"missing required field '{field}'"
    elif kind == "extra_forbidden":
        line, col = doc.position(path, key=True)
        rule, message = "unknown-field", _unknown_field_message(model, path)
    elif path[-1:] == ("[key]",):  # a mapping's key: a stage's path name
        line, col = doc.position(path[:-1], key=True)
        rule = "id-malformed"
        message = f"malformed path name {describe(path[-2])}: path names are ids: {ID_RULE}"
    else:
        line, col = doc.position(path)
        if kind == "string_pattern_mismatch" and field == "id":
            rule, message = "id-malformed", f"malformed id {describe(value)}: ids are {ID_RULE}"
        elif kind == "string_pattern_mismatch" and field == "github":
            message = f"github: {describe(value)} is not a handle: write {HANDLE_RULE}"
        elif kind == "too_short" and path[-2:-1] == ("paths",):
            message = f"path '{path[-1]}' lists no touchpoint: each path needs at least one"
        else:
            message = f"{_label(path)}: {_explain(error, value)}"
    return Finding(Location(doc.path, line, col), rule, message, entity=entity_key(doc.data, path))


def _explain(error: ErrorDetails, value: Any) -> str:
    kind = error["type"]
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {describe(value)}"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if kind == "literal_error":
        allowed = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        hint = suggest(str(value), [a.strip() for a in allowed.replace(" or ", ",").split(",")])
        return f"{describe(value)} is not one of {allowed}{hint}"
    if kind == "too_short" and isinstance(value, list):
        return "needs at least one item"
    return str(error["msg"])


def _label(path: tuple[str | int, ...]) -> str:
    """The field a path ends in, with any index after it: `emotion`, `goals[2]`."""
    last = max((i for i, step in enumerate(path) if isinstance(step, str)), default=0)
    head, *indices = path[last:] or ("value",)
    return str(head) + "".join(f"[{index}]" for index in indices)


def _unknown_field_message(model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    name = str(path[-1])
    owner = model_at(model, path[:-1])
    known = list(owner.model_fields) if owner else []
    where = "top-level key" if len(path) == 1 else "field"
    return f"unknown {where} '{name}'{suggest(name, known)}"


def data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """pydantic's `loc` with the union tags that are not in the data taken out."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if _has(node, step):
            node = node[step]
        elif step in _UNION_TAGS:
            continue
        else:
            node = None
        path.append(step)
    return tuple(path)


def _has(node: Any, step: str | int) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def entity_key(data: Any, path: tuple[str | int, ...]) -> str:
    """`touchpoints:ivr-menu` for a path inside an entity with an id, else ''."""
    key = ""
    node = data
    for index, step in enumerate(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(step, int) and index > 0:
            ident = node.get("id")
            if isinstance(ident, str):
                key = f"{path[index - 1]}:{ident}"
    return key


def model_at(model: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path` below `model`."""
    current: type[BaseModel] | None = model
    for step in path:
        if isinstance(step, int) or current is None:
            continue
        field = current.model_fields.get(step)
        current = _model_in(field.annotation) if field else None
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first model class inside an annotation (through list, Optional, Annotated, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def salvage(model: type[M], data: Any) -> M:
    """Build `model` from the parts of `data` that are valid, dropping the rest.

    Lists are salvaged item by item, so one bad stage keeps its journey's other stages, and one
    bad touchpoint keeps its stage; an item that cannot be one at all (text where a mapping
    belongs) is dropped. A bad field falls back to its default, a required one to an empty
    stand-in; an id that is malformed is kept as written, since it still names its entity.
    """
    if not isinstance(data, dict):
        data = {}
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name not in data:
            if field.is_required():
                values[name] = _stand_in(field.annotation)
            continue
        raw = data[name]
        try:
            values[name] = _field_adapter(model, name).validate_python(raw)
        except ValidationError:
            values[name] = _salvage_value(model, name, raw)
    return model.model_construct(**values)


def _salvage_value(model: type[BaseModel], name: str, raw: Any) -> Any:
    field = model.model_fields[name]
    if name == "id" and isinstance(raw, str):
        return str(raw)
    item_model = _model_in(field.annotation)
    if _is_list(field.annotation) and isinstance(raw, list):
        return _salvage_list(_item_adapter(model, name), item_model, raw)
    mapping = _mapping_of(field.annotation)
    if mapping is not None:
        if not isinstance(raw, dict):
            return field.get_default(call_default_factory=True)
        # A mapping of lists (a stage's paths): each key that is valid keeps its valid items.
        keys, items = (_adapter(arg) for arg in mapping)
        kept = {}
        for key, value in raw.items():
            try:
                keys.validate_python(key)
            except ValidationError:
                continue
            if isinstance(value, list):
                kept[key] = _salvage_list(items, item_model, value)
        return kept
    if item_model is not None and isinstance(raw, dict) and not _is_list(field.annotation):
        return salvage(item_model, raw)
    if not field.is_required():
        return field.get_default(call_default_factory=True)
    return _stand_in(field.annotation)


_DROPPED = object()


def _salvage_list(
    adapter: TypeAdapter[Any], item_model: type[BaseModel] | None, raw: list[Any]
) -> list[Any]:
    return [
        kept for item in raw if (kept := _salvage_item(adapter, item_model, item)) is not _DROPPED
    ]


def _mapping_of(annotation: Any) -> tuple[Any, Any] | None:
    """(key, list item) for an annotation that is (an optional) `dict[K, list[X]]`, else None."""
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is dict:
            key, value = typing.get_args(arg)
            return (key, _list_item(value)) if _is_list(value) else None
    return None


def _salvage_item(adapter: TypeAdapter[Any], item_model: type[BaseModel] | None, item: Any) -> Any:
    try:
        return adapter.validate_python(item)
    except ValidationError:
        if isinstance(item, dict) and item_model is not None:
            return salvage(item_model, item)
        return _DROPPED


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return origin is list


def _stand_in(annotation: Any) -> Any:
    if _is_list(annotation):
        return []
    if annotation is str:
        return ""
    return None


@cache
def _item_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """The adapter of one item of a list field."""
    return _adapter(_list_item(model.model_fields[name].annotation))


def _list_item(annotation: Any) -> Any:
    """`X` for an annotation that is (an optional, annotated) `list[X]`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _list_item(typing.get_args(annotation)[0])
    if origin is list:
        return typing.get_args(annotation)[0]
    for arg in typing.get_args(annotation):
        if _is_list(arg):
            return _list_item(arg)
    raise TypeError(f"not a list: {annotation!r}")


def _adapter(annotation: Any) -> TypeAdapter[Any]:
    if _model_in(annotation) is annotation:  # a model brings its own config
        return TypeAdapter(annotation)
    return TypeAdapter(annotation, config=ConfigDict(strict=True))


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    field = model.model_fields[name]
    annotation: Any = field.annotation
    if field.metadata:
        annotation = typing.Annotated[(annotation, *field.metadata)]
    return _adapter(annotation)
