"""The field types of the format as pydantic annotations.

How each scalar is read lives in `scalars.py`, shared with the generated fast check.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema

from cxkit.model.scalars import (
    HANDLE_PATTERN,
    HANDLE_RULE,
    ID_PATTERN,
    ID_RULE,
    none_as_empty,
    to_date,
    to_flag,
    to_integer,
    to_number,
    to_score,
)

# Strict `str` takes `Quoted` (a str) and stores a plain str.
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description=f"An id: {ID_RULE}."),
]
Handle = Annotated[
    str,
    StringConstraints(pattern=HANDLE_PATTERN),
    Field(description=f"A handle on the code host: {HANDLE_RULE}."),
]
# References are not pattern-checked here: a malformed one is reported once, as undefined.
Ref = Annotated[str, Field(description="The id of an entity defined in the workspace.")]
Text = str
Flag = Annotated[bool, BeforeValidator(to_flag), WithJsonSchema({"type": "boolean"})]
Integer = Annotated[int, BeforeValidator(to_integer), WithJsonSchema({"type": "integer"})]
Score = Annotated[
    int,
    BeforeValidator(to_score),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5}),
]
Number = Annotated[float, BeforeValidator(to_number), WithJsonSchema({"type": "number"})]
Date = Annotated[
    dt.date,
    BeforeValidator(to_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}),
]
EmptyAsList = BeforeValidator(none_as_empty)
