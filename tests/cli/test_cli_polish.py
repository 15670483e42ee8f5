"""The rough edges a newcomer meets first: completion for the shell named, counts that `-q` keeps
true, help that fits the terminal and shows examples whole, placeholders written for people,
messages without pydantic's prefix, and a misspelt rule answered with the nearest ones."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import typer.main

from cxkit.cli import diff, impact, init, render, rules, schema, validate
from cxkit.cli.app import app
from tests.conftest import EXAMPLE, Run

COMMANDS = {
    "validate": validate,
    "impact": impact,
    "diff": diff,
    "render": render,
    "rules": rules,
    "schema": schema,
    "init": init,
}

# --- completion for the shell named --------------------------------------------------------


def test_show_completion_prints_the_script_of_the_shell_named(cxkit: Run) -> None:
    scripts = {}
    for shell in ("bash", "zsh", "fish", "powershell"):
        result = cxkit("--show-completion", shell)
        assert result.code == 0, result.err
        assert "_CXKIT_COMPLETE" in result.out
        assert f"complete_{shell}" in result.out
        scripts[shell] = result.out
    assert len(set(scripts.values())) == 4
    pwsh = cxkit("--show-completion", "pwsh")
    assert pwsh.code == 0 and "_CXKIT_COMPLETE" in pwsh.out


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_script_sets_up_completion_for_cxkit_in_bash(cxkit: Run) -> None:
    script = cxkit("--show-completion", "bash").out
    shell = subprocess.run(
        ["bash", "--norc", "-c", f"{script}\ncomplete -p cxkit"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shell.returncode == 0, shell.stderr
    assert "cxkit" in shell.stdout


def test_an_unknown_shell_is_a_usage_error(cxkit: Run) -> None:
    result = cxkit("--show-completion", "tcsh")
    assert result.code == 2
    assert result.out == ""
    assert "cxkit completes in bash, zsh, fish, powershell or pwsh, not 'tcsh'" in result.err


def test_install_completion_installs_the_script_of_the_shell_named(
    cxkit: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    result = cxkit("--install-completion", "fish")
    assert result.code == 0, result.err
    assert result.out.startswith("cxkit: fish completion installed in ")
    installed = Path(result.out.split(" installed in ", 1)[1].split(";", 1)[0])
    assert installed.is_relative_to(tmp_path)
    assert installed.read_text().strip() == cxkit("--show-completion", "fish").out.strip()


# --- -q hides findings from the listing, never from the counts -----------------------------


def test_quiet_keeps_the_counts_true_and_says_how_many_it_hides(cxkit: Run) -> None:
    full = cxkit("validate", EXAMPLE)
    quiet = cxkit("validate", EXAMPLE, "-q")
    assert full.code == quiet.code == 0
    summary = full.out.splitlines()[-1]
    counts = summary.split("; ")[0]  # `✓ 7 files checked: 0 errors, 4 warnings, 7 info`
    # -q lists no finding; the coverage and reviews lines stay, then the true counts
    assert quiet.out.splitlines()[-1] == f"{summary}; 11 below error not listed (--quiet)"
    assert not [line for line in quiet.out.splitlines() if line.startswith("  ")]
    assert counts.endswith("0 errors, 4 warnings, 7 info")


def test_quiet_keeps_the_json_counts_true(cxkit: Run) -> None:
    full = json.loads(cxkit("validate", EXAMPLE, "-f", "json").out)
    quiet = json.loads(
        cxkit("validate", EXAMPLE, "-f", "json", "-q", "--fail-severity", "warning").out
    )
    assert [f["severity"] for f in quiet["findings"]] == ["warning"] * 4
    for severity in ("error", "warning", "info"):
        assert quiet["summary"][severity] == full["summary"][severity]
    assert quiet["summary"]["warning"] == 4 and quiet["summary"]["info"] == 7
    assert quiet["summary"]["failing"] == 4
    assert quiet["summary"]["hidden_by_quiet"] == 7
    assert full["summary"]["hidden_by_quiet"] == 0


def test_quiet_keeps_the_github_summary_true(cxkit: Run) -> None:
    quiet = cxkit("validate", EXAMPLE, "-q", "-f", "github")
    assert quiet.out.splitlines() == [
        "cxkit: 7 files, 0 errors, 4 warnings, 7 info; 11 below error not listed (--quiet)"
    ]


# --- help as wide as the terminal, examples whole --------------------------------------------


def example_lines(epilog: str) -> list[str]:
    """The lines of an epilog that must be shown as written: the indented ones."""
    return [line.strip() for line in epilog.splitlines() if line.startswith(" ")]


@pytest.mark.parametrize("columns", [50, 80, 200])
@pytest.mark.parametrize("name", COMMANDS)
def test_help_never_rewraps_the_examples(
    cxkit: Run, monkeypatch: pytest.MonkeyPatch, name: str, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = cxkit(name, "--help")
    assert result.code == 0
    shown = [line.strip() for line in result.out.splitlines()]
    for line in example_lines(COMMANDS[name].EPILOG):
        assert line in shown, line


def test_help_uses_the_terminals_width_up_to_a_limit(
    cxkit: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxkit.cli.commands import HELP_WIDTH

    epilog = set(example_lines(impact.EPILOG))
    widths = {}
    for columns in (80, 130, 400):
        monkeypatch.setenv("COLUMNS", str(columns))
        lines = cxkit("impact", "--help").out.splitlines()
        widths[columns] = max(len(line) for line in lines if line.strip() not in epilog)
    assert widths[80] <= 80
    assert 80 < widths[130] <= HELP_WIDTH
    assert widths[400] == widths[130]


def test_help_has_no_colour_with_no_color(cxkit: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    for name in COMMANDS:
        assert "\x1b" not in cxkit(name, "--help").out


# --- placeholders for people ---------------------------------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_every_argument_and_option_has_a_metavar_for_people(cxkit: Run, name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        takes_value = param.param_type_name == "argument" or not getattr(param, "is_flag", True)
        if takes_value:
            assert param.metavar and re.fullmatch(r"[A-Z]+", param.metavar), param.name
    options_part = cxkit(name, "--help").out.split("\n  Examples:")[0]
    assert not re.search(r"<\w|[{}]", options_part), options_part


def test_the_usage_line_names_arguments_plainly(cxkit: Run) -> None:
    assert cxkit("diff", "--help").out.startswith("Usage: cxkit diff [OPTIONS] OLD [NEW]\n")
    assert cxkit("validate", "--help").out.startswith("Usage: cxkit validate [OPTIONS] [PATH]...\n")


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "-f", "yaml"),
        ("validate", "--fail-severity", "fatal"),
        ("schema", "nope"),
        ("diff", "HEAD", "--fail-on", "nope"),
        ("impact", "x.yaml", "--fail-on", "nope"),
        ("--show-completion", "nope"),
    ],
    ids=" ".join,
)
def test_usage_errors_carry_no_pydantic_prefix(cxkit: Run, args: tuple[str, ...]) -> None:
    result = cxkit(*args)
    assert result.code == 2
    assert "'nope'" in result.err or "'yaml'" in result.err or "'fatal'" in result.err
    assert "Value error" not in result.err


# --- a misspelt rule -----------------------------------------------------------------------


def test_a_misspelt_rule_gets_the_nearest_ones(cxkit: Run) -> None:
    result = cxkit("rules", "touchpoint-unownd")
    assert result.code == 2
    assert result.out == ""
    assert (
        "no rule 'touchpoint-unownd'; did you mean 'touchpoint-unowned', 'touchpoint-orphan'"
        " or 'touchpoint-unmeasured'?" in result.err
    )
    assert (
        "did you mean 'journey-stale', 'journey-no-leader' or 'journey-unmeasured'?"
        in cxkit("rules", "journey").err
    )
    assert "did you mean 'touchpoint-orphan'" in cxkit("rules", "Touchpoint_Orphan").err
    nothing_near = cxkit("rules", "zzz")
    assert nothing_near.code == 2
    assert "no rule 'zzz'; `cxkit rules` lists them all" in nothing_near.err
