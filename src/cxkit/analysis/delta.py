"""One change between two versions of a workspace, and the class a reviewer can gate on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Op = Literal["+", "-", "~", "→"]
Class = Literal["risk", "notable", "info"]
CLASS_RANK: dict[str, int] = {"risk": 3, "notable": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Delta:
    kind: str
    id: str
    op: Op
    cls: Class
    message: str
    field: str = ""
    old: Any = None
    new: Any = None
    journey: str = ""  # the journey this delta is shown under ('' for other entities)
