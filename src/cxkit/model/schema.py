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

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "workspace": (WorkspaceFile, "cxkit workspace file"),
    "change": (ChangeFile, "cxkit change file"),
    "config": (ConfigFile, "cxkit config file (.cxkit.yaml)"),
}
# The schemas, by the name `cxkit schema` takes; schema/<name>.schema.json holds each.
SCHEMAS = tuple(_MODELS)


class _NoNulls(GenerateJsonSchema):
    """Optional fields are optional by absence: a written null is an error, so never offer it."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        generated = super().default_schema(schema)
        if generated.get("default", 0) is None:
            del generated["default"]
        return generated


def schema(which: str) -> dict[str, Any]:
    model, title = _MODELS[which]
    body = model.model_json_schema(mode="validation", schema_generator=_NoNulls)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://cxkit.dev/schema/{which}.schema.json",
        **body,
        "title": title,
    }


def schema_text(which: str) -> str:
    return json.dumps(schema(which), indent=2, ensure_ascii=False) + "\n"
