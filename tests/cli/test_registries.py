"""The registries are the one list of what exists: the `--format` choices of each command are
its reporter registry, the tests' rule ids are the rule registry, and the README's rule table
agrees with it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cxkit import report
from cxkit.checks.rules import RULES
from tests.conftest import CHANGES, EXAMPLE, ROOT, Run

CHANGE = CHANGES / "ivr-callback.yaml"
# A command line per registry, with the format to write left to the end.
COMMANDS = {
    "VALIDATE_REPORTERS": ["validate", str(EXAMPLE), "--no-config"],
    "IMPACT_REPORTERS": ["impact", str(CHANGE), "-w", str(EXAMPLE)],
    "DIFF_REPORTERS": ["diff", str(EXAMPLE), str(EXAMPLE)],
}


def registered(name: str) -> dict[str, str]:
    registry: dict[str, str] = getattr(report, name)
    return registry


@pytest.fixture(scope="module")
def one_more_format(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of cxkit's source with one line added to each reporter registry: a format named
    `again` that writes what `json` writes."""
    copy = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "src" / "cxkit", copy / "cxkit")
    registries = copy / "cxkit" / "report" / "__init__.py"
    text = registries.read_text(encoding="utf-8")
    for json_reporter in (
        '"cxkit.report.json"',
        '"cxkit.report.impact_json"',
        '"cxkit.report.diff_json"',
    ):
        line = f'    "json": {json_reporter},\n'
        assert line in text
        text = text.replace(line, f'{line}    "again": {json_reporter},\n')
    registries.write_text(text, encoding="utf-8")
    return copy


def run_from(source: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxkit", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(source)},
        timeout=120,
    )


@pytest.mark.parametrize("registry", COMMANDS)
def test_a_format_added_to_a_registry_is_a_choice_of_its_command(
    cxkit: Run, one_more_format: Path, registry: str
) -> None:
    as_json = cxkit(*COMMANDS[registry], "-f", "json")
    added = run_from(one_more_format, *COMMANDS[registry], "-f", "again")
    assert (added.returncode, added.stdout) == (as_json.code, as_json.out), added.stderr


def test_a_format_added_to_the_validate_registry_is_a_choice_of_the_typer_command(
    cxkit: Run, one_more_format: Path
) -> None:
    # `--` makes the command line one the fast path leaves to Typer.
    args = ["validate", "--no-config", "-f", "again", "--", str(EXAMPLE)]
    added = run_from(one_more_format, *args)
    assert (added.returncode, added.stdout) == (0, cxkit(*args[:3], "json", *args[4:]).out)
    assert "again" in run_from(one_more_format, "validate", "--help").stdout


@pytest.mark.parametrize(
    ("registry", "name"),
    [(registry, name) for registry in COMMANDS for name in registered(registry)],
)
def test_every_registered_format_writes_a_report(cxkit: Run, registry: str, name: str) -> None:
    result = cxkit(*COMMANDS[registry], "-f", name)
    assert result.code in (0, 1), result.err
    assert result.out.strip(), f"{name} wrote nothing"
    assert "internal error" not in result.err


def test_the_tests_take_rule_ids_from_the_registry() -> None:
    """No test keeps its own list of rule ids (five or more ids, one a line)."""
    quoted_id = re.compile(r'^\s*"([a-z0-9-]+)",$')
    lists = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        run = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            match = quoted_id.match(line)
            run = run + 1 if match and match[1] in RULES else 0
            if run == 5:
                lists.append(path.relative_to(ROOT).as_posix())
    assert lists == [], "take the rule ids from cxkit.checks.rules.RULES"


# --- the README's rule table ----------------------------------------------------------------

README = ROOT / "README.md"
TABLE_ROW = re.compile(r"^\| `([a-z0-9-]+)` \| ([a-z]+) \|", re.M)
MENTION = re.compile(r"`([a-z0-9-]+)`\s+\(([a-z]+)\)")  # `suppression-unused` (warning)
RULE_LIKE = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`")


def checks_section() -> str:
    """The README's `### Checks` section, up to the next heading of any level."""
    text = README.read_text(encoding="utf-8")
    start = text.index("### Checks\n")
    return text[start : text.index("\n#", start + 1)]


def test_the_readme_lists_every_rule_with_its_default_severity() -> None:
    listed = TABLE_ROW.findall(checks_section()) + MENTION.findall(checks_section())
    expected = {rule.id: rule.severity for rule in RULES.values() if rule.configurable}
    missing = [
        f"| `{rule_id}` | {severity} | {RULES[rule_id].summary} |"
        for rule_id, severity in expected.items()
        if rule_id not in dict(listed)
    ]
    assert missing == [], "add to the README's table of rules:\n" + "\n".join(missing)
    assert sorted(listed) == sorted(expected.items()), "the README's rules and their defaults"


def test_the_readme_names_no_unknown_rule() -> None:
    unknown = set(RULE_LIKE.findall(checks_section())) - set(RULES)
    assert unknown == set(), f"the README's Checks section names rules cxkit lacks: {unknown}"
