"""Golden cases: one folder per error class under tests/data/validate/<case>/.

Each case holds `workspace/` (the files to check) and `expected.txt` (the exact `--format
parsable` output, paths relative to the case folder). The exit code must be 1 when an error is
expected and 0 otherwise. Adding a case is adding a folder; no code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, Run

CASES = sorted(p for p in (DATA / "validate").iterdir() if (p / "expected.txt").exists())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path, cxkit: Run) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    result = cxkit("validate", "workspace", "--format", "parsable", cwd=case)
    assert result.out == expected
    assert result.code == (1 if "[error]" in expected else 0), result.err
