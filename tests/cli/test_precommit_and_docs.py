"""The pre-commit hook this repository ships, and the CI recipes in docs/ci.md."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from tests.conftest import ROOT, Run


def test_the_hook_passes_the_workspace_files_a_commit_changes() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "cxkit-validate"
    assert shlex.split(hook["entry"])[:2] == ["cxkit", "validate"]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("journeys/a.yaml") and files.search("journeys/billing/b.yml")
    for elsewhere in ("schema/workspace.schema.json", "changes/x.yaml", ".cxkit.yaml", "b.yml"):
        assert not files.search(elsewhere), elsewhere


def test_the_hook_entry_passes_on_this_repository(cxkit: Run) -> None:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    program, *args = shlex.split(hook["entry"])
    assert program == "cxkit"
    files = re.compile(hook["files"])
    tracked = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "journeys").rglob("*"))
    passed = [name for name in tracked if files.search(name)]
    assert len(passed) >= 5
    result = cxkit(*args, *passed, cwd=ROOT)
    assert result.code == 0, result.out + result.err


def _blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


@pytest.mark.parametrize("index", range(len(_blocks("yaml"))))
def test_every_yaml_recipe_parses(index: int) -> None:
    assert yaml.safe_load(_blocks("yaml")[index]) is not None


def test_every_option_the_recipes_use_exists(cxkit: Run) -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    commands = re.findall(r"\bcxkit validate([^|\n#]*)", text)
    assert len(commands) >= 5
    used = {word for command in commands for word in shlex.split(command) if word[0] == "-"}
    assert used >= {"-f", "-o", "--baseline", "--write-baseline", "--no-color"}
    helped = cxkit("validate", "--help").out
    assert all(re.search(rf"(^|[ ,]){re.escape(option)}\b", helped, re.M) for option in used)
