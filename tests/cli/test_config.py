"""`.cxkit.yaml`: which file is used, what it changes, and how a broken one is reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from cxkit.config import load_config
from tests.conftest import ROOT, Run, write

# One touchpoint with no owner (touchpoint-unowned, warning) and no metric (info); one team
# with no lead (team-no-lead, info).
WORKSPACE = """\
owners:
  - {id: care, name: Care, kind: team}
journeys:
  - id: j
    name: Journey
    stages:
      - id: s
        name: Stage
        touchpoints:
          - {id: call, name: Call}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (a folder with .git) holding a workspace in journeys/."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "journeys", "main.yaml", WORKSPACE)
    return root


def severities(result_out: str) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in json.loads(result_out)["findings"]}


# --- which file ---------------------------------------------------------------------------


def test_config_above_the_workspace_is_found(cxkit: Run, repo: Path, tmp_path: Path) -> None:
    write(repo, ".cxkit.yaml", "rules: {touchpoint-unowned: error}\n")
    result = cxkit("validate", repo / "journeys", "-f", "json", cwd=tmp_path)
    assert result.code == 1, result.err
    assert severities(result.out)["touchpoint-unowned"] == "error"


def test_config_in_the_workspace_folder_itself_is_found(cxkit: Run, repo: Path) -> None:
    write(repo / "journeys", ".cxkit.yaml", "rules: {touchpoint-unowned: info}\n")
    result = cxkit("validate", "journeys", "-f", "json", cwd=repo)
    assert severities(result.out)["touchpoint-unowned"] == "info"


def test_the_search_stops_at_the_repository_root(cxkit: Run, repo: Path, tmp_path: Path) -> None:
    write(tmp_path, ".cxkit.yaml", "this is: [not valid\n")  # above .git: never read
    result = cxkit("validate", "journeys", cwd=repo)
    assert result.code == 0, result.err
    assert "config" not in result.err


def test_the_nearest_config_wins(cxkit: Run, repo: Path) -> None:
    write(repo, ".cxkit.yaml", "rules: {touchpoint-unowned: error}\n")
    write(repo / "journeys", ".cxkit.yaml", "rules: {touchpoint-unowned: info}\n")
    result = cxkit("validate", "journeys", "-f", "json", cwd=repo)
    assert severities(result.out)["touchpoint-unowned"] == "info"


def test_without_a_workspace_the_search_starts_in_the_current_folder(
    cxkit: Run, repo: Path
) -> None:
    write(repo, ".cxkit.yaml", "workspace: journeys\nfail_severity: warning\n")
    deeper = repo / "docs" / "notes"
    deeper.mkdir(parents=True)
    result = cxkit("validate", "-f", "parsable", cwd=deeper)
    assert result.code == 1
    assert result.out.startswith("../../journeys/main.yaml:"), result.out


def test_workspace_in_the_config_is_relative_to_the_config_file(
    cxkit: Run, repo: Path, tmp_path: Path
) -> None:
    write(repo, "cx.yaml", "workspace: journeys\n")
    result = cxkit("validate", "--config", repo / "cx.yaml", "-f", "json", cwd=tmp_path)
    assert json.loads(result.out)["files"] == ["repo/journeys/main.yaml"]


def test_a_yml_config_is_found_too(cxkit: Run, repo: Path) -> None:
    write(repo, ".cxkit.yml", "rules: {team-no-lead: off}\n")
    result = cxkit("validate", "-f", "json", cwd=repo)
    assert "team-no-lead" not in severities(result.out)


def test_two_config_files_in_one_folder_are_an_error(cxkit: Run, repo: Path) -> None:
    write(repo, ".cxkit.yaml", "")
    write(repo, ".cxkit.yml", "")
    result = cxkit("validate", cwd=repo)
    assert result.code == 2
    assert "two config files, .cxkit.yaml and .cxkit.yml: keep one" in result.err


# --- precedence -----------------------------------------------------------------------------


@pytest.fixture
def three_configs(repo: Path) -> Path:
    write(repo, ".cxkit.yaml", "rules: {touchpoint-unowned: error}\n")
    write(repo, "env.yaml", "rules: {touchpoint-unowned: info}\n")
    write(repo, "flag.yaml", "rules: {touchpoint-unowned: off}\n")
    return repo


def test_precedence_discovered_then_env_then_option(
    cxkit: Run, three_configs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = three_configs
    assert severities(cxkit("validate", "-f", "json", cwd=repo).out)["touchpoint-unowned"] == (
        "error"
    )
    monkeypatch.setenv("CXKIT_CONFIG", "env.yaml")
    assert severities(cxkit("validate", "-f", "json").out)["touchpoint-unowned"] == "info"
    flagged = cxkit("validate", "-f", "json", "--config", "flag.yaml")
    assert "touchpoint-unowned" not in severities(flagged.out)


def test_no_config_uses_the_defaults(
    cxkit: Run, three_configs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXKIT_CONFIG", "env.yaml")
    result = cxkit("validate", "-f", "json", "--no-config", cwd=three_configs)
    assert severities(result.out)["touchpoint-unowned"] == "warning"


def test_config_and_no_config_together_are_a_usage_error(cxkit: Run, three_configs: Path) -> None:
    result = cxkit("validate", "--config", "flag.yaml", "--no-config", cwd=three_configs)
    assert result.code == 2
    assert "give --config or --no-config, not both" in result.err


def test_options_override_the_config(cxkit: Run, repo: Path) -> None:
    write(repo, ".cxkit.yaml", "workspace: nowhere\nfail_severity: warning\n")
    assert cxkit("validate", "journeys", cwd=repo).code == 1  # the config's fail_severity
    assert cxkit("validate", "journeys", "--fail-severity", "error", cwd=repo).code == 0
    assert "workspace folder not found: nowhere" in cxkit("validate", cwd=repo).err


def test_an_empty_config_means_every_default(cxkit: Run, repo: Path) -> None:
    write(repo, ".cxkit.yaml", "# nothing yet\nworkspace:\nrules:\nignore:\n")
    result = cxkit("validate", "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    assert severities(result.out) == {
        "touchpoint-unowned": "warning",
        "touchpoint-unmeasured": "info",
        "journey-no-leader": "warning",
        "journey-unmeasured": "info",
        "team-no-lead": "info",
    }


def test_rules_set_severities_and_turn_rules_off(cxkit: Run, repo: Path) -> None:
    write(
        repo,
        ".cxkit.yaml",
        "rules:\n  team-no-lead: error\n  touchpoint-unmeasured: off\n  journey-no-leader: info\n",
    )
    result = cxkit("validate", "-f", "json", cwd=repo)
    assert result.code == 1
    found = severities(result.out)
    assert found["team-no-lead"] == "error"
    assert found["journey-no-leader"] == "info"
    assert "touchpoint-unmeasured" not in found


# --- ignore ---------------------------------------------------------------------------------


def test_ignored_files_are_not_read(cxkit: Run, repo: Path) -> None:
    write(repo / "journeys" / "archive" / "2019", "old.yaml", "not: [valid\n")
    write(repo / "journeys", "wip.draft.yaml", "- not a mapping\n")
    write(repo / "journeys" / "teams", "wip.draft.yaml", "- nor this\n")
    write(repo / "journeys" / "teams", "real.yaml", "personas: [{id: p, name: P}]\n")
    write(repo, ".cxkit.yaml", 'ignore:\n  - journeys/archive/**\n  - "*.draft.yaml"\n')
    result = cxkit("validate", "-f", "json", cwd=repo)
    assert result.code == 0, result.out
    assert json.loads(result.out)["files"] == ["journeys/main.yaml", "journeys/teams/real.yaml"]


@pytest.mark.parametrize(
    ("pattern", "ignored"),
    [
        ("journeys/archive", ["journeys/archive/a.yaml", "journeys/archive/deep/b.yaml"]),
        ("journeys/archive/", ["journeys/archive/a.yaml", "journeys/archive/deep/b.yaml"]),
        ("archive/", ["journeys/archive/a.yaml", "journeys/archive/deep/b.yaml"]),
        ("journeys/*/b.yaml", []),
        ("journeys/**/b.yaml", ["journeys/archive/deep/b.yaml"]),
        ("**/deep", ["journeys/archive/deep/b.yaml"]),
        ("journeys/archive/?.yaml", ["journeys/archive/a.yaml"]),
        ("journeys/archive/[ab].yaml", ["journeys/archive/a.yaml"]),
        ("journeys/archive/[!a].yaml", []),
        ("main.yaml/", []),  # a trailing slash matches folders only
        ("/journeys/main.yaml", ["journeys/main.yaml"]),
        ("archive/a.yaml", []),  # with a slash: anchored at the config's folder
    ],
)
def test_ignore_pattern_meaning(cxkit: Run, repo: Path, pattern: str, ignored: list[str]) -> None:
    write(repo / "journeys" / "archive", "a.yaml", "")
    write(repo / "journeys" / "archive" / "deep", "b.yaml", "")
    write(repo, ".cxkit.yaml", f"ignore: [{json.dumps(pattern)}]\n")
    files = json.loads(cxkit("validate", "-f", "json", cwd=repo).out)["files"]
    everything = {"journeys/main.yaml", "journeys/archive/a.yaml", "journeys/archive/deep/b.yaml"}
    assert set(files) == everything - set(ignored)


def test_ignore_is_relative_to_the_config_not_the_current_folder(
    cxkit: Run, repo: Path, tmp_path: Path
) -> None:
    write(repo / "journeys" / "archive", "old.yaml", "not: [valid\n")
    write(repo, ".cxkit.yaml", "ignore: [journeys/archive]\n")
    result = cxkit("validate", repo / "journeys", cwd=tmp_path)
    assert result.code == 0, result.out


# --- a broken config ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "workspace: journeys\nrule:\n  team-no-lead: off\n",
            ["2:1: unknown top-level key 'rule' (did you mean 'rules'?)"],
        ),
        (
            "rules:\n  touchpoint-unowend: error\n",
            [
                "2:3: unknown rule 'touchpoint-unowend' (did you mean 'touchpoint-unowned'?);"
                " `cxkit rules` lists them"
            ],
        ),
        (
            "rules:\n  yaml-syntax: off\n  ref-undefined: warning\n",
            [
                "2:3: 'yaml-syntax' is a format check: format checks are always errors and"
                " cannot be configured",
                "3:3: 'ref-undefined' is a format check: format checks are always errors and"
                " cannot be configured",
            ],
        ),
        (
            "rules: {team-no-lead: warn}\nfail_severity: fatal\n",
            [
                "1:23: team-no-lead: 'warn' is not one of error, warning, info or off"
                " (did you mean 'warning'?)",
                "2:16: fail_severity: 'fatal' is not one of error, warning or info",
            ],
        ),
        ("rules: [team-no-lead]\n", ["1:8: rules: expected a mapping, got a list"]),
        ("ignore: journeys/archive\n", ["1:9: ignore: expected a list, got 'journeys/archive'"]),
        (
            "ignore: ['../elsewhere', '[ab', '', '!keep.yaml', 'a\\\\b']\n",
            [
                "1:10: ignore[0]: patterns are relative to the config file's folder;"
                " '..' is not allowed",
                "1:26: ignore[1]: '[' without a closing ']' in '[ab'",
                "1:33: ignore[2]: an empty pattern ignores nothing",
                "1:37: ignore[3]: negated patterns ('!') are not supported; list what to ignore",
                "1:51: ignore[4]: use '/' between folders, not '\\'",
            ],
        ),
        (
            "render:\n  waves: {stakeholders: 7, teams: 14}\n  template: t\n",
            [
                "2:10: waves: waves start in order, but stakeholders (7 days before) starts"
                " after teams (14 days before)",
                "3:3: unknown field 'template' (did you mean 'templates'?)",
            ],
        ),
        (
            "render:\n  waves: {customers: soon, teams: 1.5, informed: -7}\n",
            [
                "2:22: customers: expected a whole number, got 'soon'",
                "2:35: teams: expected a whole number, got '1.5'",
                "2:50: informed: expected days before the release, 0 or more, got -7",
            ],
        ),
        ("workspace: [a, b]\n", ["1:12: workspace: expected text, got a list"]),
        (
            "- rules\n",
            [
                "1:1: the top level of a config file must be a mapping of settings (workspace,"
                " rules, ignore, fail_severity, render, coverage, calendar, review_every_days),"
                " not a list"
            ],
        ),
        (
            "rules: {a: b\n",
            [
                "1:8: did not find expected ',' or '}' before the end of the file"
                " (while parsing a flow mapping)"
            ],
        ),
        (
            "workspace: a\nworkspace: b\n",
            [
                "2:1: duplicate key 'workspace' (first on line 1); YAML keeps only one, so the"
                " other value would be lost silently"
            ],
        ),
        (
            "workspace: &w journeys\n",
            [
                "1:12: anchor '&w': anchors and aliases are not part of the cxkit format;"
                " write the value out"
            ],
        ),
        (
            "workspace: a\n---\nworkspace: b\n",
            ["2:1: a second YAML document starts here; a config file holds one document"],
        ),
    ],
)
def test_a_broken_config_lists_every_problem_and_exits_2(
    cxkit: Run, repo: Path, text: str, problems: list[str]
) -> None:
    write(repo, ".cxkit.yaml", text)
    result = cxkit("validate", cwd=repo)
    assert result.code == 2
    assert result.out == ""
    count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
    expected = [f"cxkit: error: the config file .cxkit.yaml has {count}:"]
    expected += [f".cxkit.yaml:{problem}" for problem in problems]
    assert result.err.splitlines() == expected


def test_a_config_that_is_not_utf8_is_reported(cxkit: Run, repo: Path) -> None:
    (repo / ".cxkit.yaml").write_bytes(b"workspace: caf\xe9\n")
    result = cxkit("validate", cwd=repo)
    assert result.code == 2
    assert ".cxkit.yaml:1:15: the file is not UTF-8" in result.err


@pytest.mark.parametrize("how", ["option", "env"])
def test_a_missing_config_file_exits_2(
    cxkit: Run, repo: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "env":
        monkeypatch.setenv("CXKIT_CONFIG", "missing.yaml")
        result = cxkit("validate", cwd=repo)
    else:
        result = cxkit("validate", "--config", "missing.yaml", cwd=repo)
    assert result.code == 2
    assert "cxkit: error: config file not found: missing.yaml" in result.err


def test_a_config_that_is_a_folder_exits_2(cxkit: Run, repo: Path) -> None:
    result = cxkit("validate", "--config", "journeys", cwd=repo)
    assert result.code == 2
    assert "cannot read the config file journeys" in result.err
    assert "Traceback" not in result.err


# --- the documentation's config -------------------------------------------------------------


def _readme_block(after: str, language: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(after)
    match = re.search(rf"```{language}\n(.*?)```", text[start:], re.DOTALL)
    assert match, f"no {language} block after {after!r}"
    return match.group(1)


def test_the_readme_config_example_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, ".cxkit.yaml", _readme_block("## Configuration", "yaml"))
    config = load_config(path)
    assert config.severities == {"touchpoint-unowned": "error", "team-no-lead": "off"}
    assert config.fail_severity == "warning"
    assert config.waves == {"stakeholders": 28, "teams": 14, "informed": 7, "customers": 0}
    assert config.templates is not None and config.templates.name == "templates"


def test_the_readme_broken_config_output_is_what_cxkit_prints(cxkit: Run, repo: Path) -> None:
    console = _readme_block("**A broken config stops the run.**", "console").splitlines()
    write(
        repo,
        ".cxkit.yaml",
        "workspace: journeys\nrules:\n  touchpoint-unowend: error\n  team-no-lead: warn\n",
    )
    result = cxkit("validate", cwd=repo)
    assert result.err.splitlines() == console[1:]


def test_render_settings_are_exposed_with_paths_from_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "cx", ".cxkit.yaml", "render:\n  waves: {customers: 3}\n  templates: tpl\n")
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("cx/.cxkit.yaml"))
    assert config.templates == Path("cx/tpl")
    assert config.waves == {"stakeholders": 21, "teams": 14, "informed": 7, "customers": 3}
    assert config.workspace is None


def _load_yaml_1_2(text: str) -> object:
    """YAML as editors read it (1.2: `off` is text, not false), for checking with the schema."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=Loader)


def test_the_committed_config_schema_accepts_the_readme_example() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with the test extra")
    schema = json.loads((ROOT / "schema" / "config.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    example = _load_yaml_1_2(_readme_block("## Config", "yaml"))
    assert list(validator.iter_errors(example)) == []
    bad = {"rules": {"touchpoint-unowend": "error", "team-no-lead": "warn"}, "extra": 1}
    messages = " ".join(e.message for e in validator.iter_errors(bad))
    assert "touchpoint-unowend" in messages and "warn" in messages and "extra" in messages
