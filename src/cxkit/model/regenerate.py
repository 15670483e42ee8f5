"""Write every file made from the pydantic models: the fast records and the JSON Schemas.

    python -m cxkit.model.regenerate           # rewrites the files that are out of date
    python -m cxkit.model.regenerate --check   # exit 1, naming each file that is out of date

The files: `src/cxkit/model/records/generated.py` (its source comes from
`cxkit.model.records.codegen`) and `schema/<name>.schema.json` for each schema `cxkit schema`
prints (the config schema lists the rules, so a new rule changes it too). Run it after changing
a model or adding a rule; a test fails while any of them is out of date. It works in a source
checkout of cxkit, where `schema/` sits next to `pyproject.toml`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

COMMAND = "python -m cxkit.model.regenerate"
ROOT = Path(__file__).resolve().parents[3]
RECORDS = Path(__file__).resolve().parent / "records" / "generated.py"


def records() -> dict[Path, str]:
    from cxkit.model.records.codegen import generate

    return {RECORDS: generate()}


def schemas() -> dict[Path, str]:
    # Imports the records (through the rules): made after them, so it reads the new ones.
    from cxkit.model.schema import SCHEMAS, schema_text

    return {ROOT / "schema" / f"{which}.schema.json": schema_text(which) for which in SCHEMAS}


STEPS: tuple[Callable[[], dict[Path, str]], ...] = (records, schemas)


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(f"usage: {COMMAND} [--check]", file=sys.stderr)
        return 2
    if not (ROOT / "pyproject.toml").is_file() or not (ROOT / "schema").is_dir():
        print(f"{COMMAND} runs in a source checkout of cxkit (no schema/ folder)", file=sys.stderr)
        return 2
    check = argv == ["--check"]
    stale = 0
    for step in STEPS:
        for path, text in step().items():
            if _current(path) == text:
                continue
            stale += 1
            shown = path.relative_to(ROOT).as_posix()
            if check:
                print(f"{shown} is out of date: run {COMMAND}")
            else:
                _write(path, text)
                print(f"wrote {shown}")
    return 1 if check and stale else 0


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _write(path: Path, text: str) -> None:
    from cxkit.runtime.atomic import write_atomically

    write_atomically(path, text, make_folder=False)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
