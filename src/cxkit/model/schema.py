"""JSON Schema of the format, generated from the models (one definition of each field)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from cxkit.model.change import ChangeFile
from cxkit.model.config import ConfigFile
from cxkit.model.entities import WorkspaceFile
from cxkit.model.scalars import none_as_empty

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "workspace": (WorkspaceFile, "cxkit workspace file"),
    "change": (ChangeFile, "cxkit change file"),
    "config": (ConfigFile, "cxkit config file (.cxkit.yaml)"),
}
# The files an empty document (nothing, or only comments) is valid for: it holds nothing.
_EMPTY_IS_VALID = ("workspace", "config")
# What YAML 1.2 may make of a scalar written for a text field: all of it is text to cxkit.
TEXT_TYPES = ("string", "number", "boolean")
# The schemas, by the name `cxkit schema` takes; schema/<name>.schema.json holds each.
SCHEMAS = tuple(_MODELS)


class _AsRead(GenerateJsonSchema):
    """The schema of what the reader accepts, no more and no less.

    Optional fields are optional by absence: a written null is an error, so it is never offered;
    but an empty section (`owners:` with nothing after it) is an empty list, so a null is
    offered there. (A config setting takes a null as its default: see `cxkit.model.config`.)
    """

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        # A text field takes any scalar as the text written (`name: 2026`, `id: 42`), where an
        # editor's YAML reads a number or a boolean. A pattern, if any, still checks strings.
        generated = super().str_schema(schema)
        generated["type"] = list(TEXT_TYPES)
        return generated

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        generated = super().default_schema(schema)
        if generated.get("default", 0) is None:
            del generated["default"]
        return generated

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        generated = super().function_before_schema(schema)
        if schema["function"]["function"] is none_as_empty:
            return {"anyOf": [generated, {"type": "null"}]}
        return generated

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        # pydantic checks a key's pattern with `patternProperties`, which lets any other key
        # through; the reader refuses it (a path name that is not an id).
        generated = super().dict_schema(schema)
        if "patternProperties" in generated:
            generated["additionalProperties"] = False
        return generated


def schema(which: str) -> dict[str, Any]:
    model, title = _MODELS[which]
    body = model.model_json_schema(mode="validation", schema_generator=_AsRead)
    if which in _EMPTY_IS_VALID:
        body["type"] = ["object", "null"]
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://cxkit.dev/schema/{which}.schema.json",
        **body,
        "title": title,
    }


def schema_text(which: str) -> str:
    return json.dumps(schema(which), indent=2, ensure_ascii=False) + "\n"
