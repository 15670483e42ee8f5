"""Golden impact documents: `cxkit impact CHANGE -w workspace -f json` on a realistic workspace.

tests/data/impact/ holds `workspace/` (a small broadband company: four journeys with stage
paths, shared touchpoints, successors and people who left), `changes/` (the change files) and
`expected/` (the JSON each run must print). `expected/NAME.json` is the run of
`changes/NAME.yaml` with the default depth; `expected/NAME.depth-N.json` the run with
`--depth N`. The tool's version is masked, so a release does not rewrite them.

Adding a case is adding files: a change file (its default run is found from it), or an empty
`expected/NAME.depth-N.json`; then `CXKIT_UPDATE_GOLDEN=1 pytest tests/cli/test_impact_golden.py`
writes the expected documents, to be read as a CX lead would before they are committed.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from tests.conftest import DATA, Run

CASE = DATA / "impact"
UPDATE = os.environ.get("CXKIT_UPDATE_GOLDEN") == "1"
MASKED_VERSION = "(any version)"


def _runs() -> list[tuple[str, str, list[str]]]:
    """(expected file name, change file stem, extra arguments) for each golden run."""
    runs = [(f"{c.stem}.json", c.stem, []) for c in (CASE / "changes").glob("*.yaml")]
    for expected in (CASE / "expected").glob("*.depth-*.json"):
        change, _, depth = expected.name.removesuffix(".json").rpartition(".depth-")
        runs.append((expected.name, change, ["--depth", depth]))
    return sorted(runs)


def _normal(document: dict[str, Any]) -> str:
    """The document as a stable, readable text, the tool's version masked."""
    document["tool"]["version"] = MASKED_VERSION
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


RUNS = _runs()


@pytest.mark.parametrize(("expected", "change", "args"), RUNS, ids=[run[0] for run in RUNS])
def test_impact_document_is_the_golden_one(
    cxkit: Run, expected: str, change: str, args: list[str]
) -> None:
    result = cxkit(
        "impact", f"changes/{change}.yaml", "-w", "workspace", "-f", "json", *args, cwd=CASE
    )
    assert result.code == 0, result.err
    assert result.err == ""
    actual = _normal(json.loads(result.out))
    golden = CASE / "expected" / expected
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no {golden.name} yet: write it with CXKIT_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")
