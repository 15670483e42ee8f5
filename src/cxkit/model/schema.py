"""JSON Schema of the format, generated from the models (one definition of each field)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from cxkit.model.change import ChangeFile
from cxkit.model.entities import WorkspaceFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "workspace": (WorkspaceFile, "cxkit workspace file"),
    "change": (ChangeFile, "cxkit change file"),
}


def schema(which: str) -> dict[str, Any]:
    model, title = _MODELS[which]
    body = model.model_json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://cxkit.dev/schema/{which}.schema.json",
        **body,
        "title": title,
    }


def schema_text(which: str) -> str:
    return json.dumps(schema(which), indent=2, ensure_ascii=False) + "\n"
