"""The GitHub Action (action.yml) and the CI recipes of docs/ci.md, run as far as this machine
allows.

The action's steps are run as a runner runs a composite action: each `run:` script written to a
file and run with `bash --noprofile --norc -eo pipefail`, `${{ ... }}` expressions replaced by
their values first, and the variables a runner sets (GITHUB_ACTION_PATH, GITHUB_WORKSPACE,
RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY, ...) in the environment. The action
installs cxkit from a copy of this checkout into a virtual environment once per module (that
needs the package index, for the build backend and cxkit's dependencies); every later run finds
it installed, as a second use of the action in one job does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml

import cxkit
from tests.cli.test_diff import commit
from tests.conftest import EXAMPLE, ROOT, Run, git, write

pytestmark = pytest.mark.installs

ACTION_FILE = ROOT / "action.yml"
DOCS = ROOT / "docs" / "ci.md"
# The GitHub-hosted runner runs `shell: bash` as this, with {0} the script's file.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# Installing builds cxkit and fetches its dependencies: a hang fails, a slow index does not.
TIMEOUT = 900


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
    return loaded


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = action()["runs"]["steps"]
    return found


# --- the runner ---------------------------------------------------------------------------


@dataclass
class StepRun:
    name: str
    code: int
    out: str
    err: str
    summary: str


@dataclass
class ActionRun:
    steps: list[StepRun]
    outputs: dict[str, str]
    path: list[str]  # what the action added to the PATH of later steps

    @property
    def code(self) -> int:
        """The action's result: the first failing step's code (the rest do not run), else 0."""
        return self.steps[-1].code

    @property
    def out(self) -> str:
        return "".join(step.out for step in self.steps)

    @property
    def err(self) -> str:
        return "".join(step.err for step in self.steps)

    def step(self, name: str) -> StepRun:
        (found,) = [step for step in self.steps if step.name == name]
        return found


def runner_environment() -> dict[str, str]:
    """This process's variables (PATH, HOME, the pip settings that say where the index is),
    without any a runner sets or that would let cxkit see this checkout or session."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GITHUB_", "RUNNER_", "INPUT_", "CXKIT_", "PYTHON", "VIRTUAL_ENV"))
    }


def read_outputs(path: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: `name=value` lines, or `name<<DELIMITER` ... `DELIMITER`."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            for item in lines:
                if item == delimiter:
                    break
                value.append(item)
            outputs[name] = "\n".join(value)
        elif line:
            name, value_ = line.split("=", 1)
            outputs[name] = value_
    return outputs


@dataclass
class Runner:
    """A GitHub-hosted runner as far as a composite action sees it."""

    action_path: Path
    temp: Path
    python: str = sys.executable
    runs: int = field(default=0)

    def run(self, workspace: Path, inputs: Mapping[str, str] | None = None) -> ActionRun:
        """`uses: OWNER/cxkit@REF` with `with: inputs`, in a job whose checkout is `workspace`."""
        declared = action()["inputs"]
        given = {"python": self.python, **(inputs or {})}
        assert set(given) <= set(declared), f"inputs the action does not declare: {given}"
        values = {name: given.get(name, spec.get("default", "")) for name, spec in declared.items()}
        outputs: dict[str, dict[str, str]] = {}
        path_added: list[str] = []
        done: list[StepRun] = []
        for index, step in enumerate(steps()):
            self.runs += 1
            files = self.temp / f"step-{self.runs}"
            files.mkdir()
            context = {"inputs": values, "steps": outputs, "action_path": str(self.action_path)}
            result = self._run_step(step, index, workspace, files, context, path_added)
            done.append(result)
            outputs[step.get("id", f"step{index}")] = read_outputs(files / "output")
            path_added = read_lines(files / "path") + path_added
            if result.code != 0:
                break
        context = {"inputs": values, "steps": outputs, "action_path": str(self.action_path)}
        action_outputs = {
            name: evaluate(spec["value"], context) for name, spec in action()["outputs"].items()
        }
        return ActionRun(done, action_outputs, path_added)

    def _run_step(
        self,
        step: dict[str, Any],
        index: int,
        workspace: Path,
        files: Path,
        context: dict[str, Any],
        path_added: list[str],
    ) -> StepRun:
        assert step["shell"] == "bash", "the emulation runs bash steps only"
        script = files / "script.sh"
        script.write_text(evaluate(step["run"], context), encoding="utf-8")
        for name in ("output", "path", "env", "summary"):
            (files / name).touch()
        env = runner_environment()
        env["PATH"] = os.pathsep.join([*path_added, env.get("PATH", os.defpath)])
        env.update(
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_ACTION="__cxkit",
            GITHUB_ACTION_PATH=str(self.action_path),
            GITHUB_WORKSPACE=str(workspace),
            GITHUB_OUTPUT=str(files / "output"),
            GITHUB_PATH=str(files / "path"),
            GITHUB_ENV=str(files / "env"),
            GITHUB_STEP_SUMMARY=str(files / "summary"),
            RUNNER_TEMP=str(self.temp),
            RUNNER_OS="Linux",
        )
        env.update({name: evaluate(str(value), context) for name, value in step["env"].items()})
        cwd = workspace / evaluate(step.get("working-directory", "."), context)
        done = subprocess.run(
            [*BASH, str(script)], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
        summary = (files / "summary").read_text(encoding="utf-8")
        name = step.get("name", f"step {index}")
        return StepRun(name, done.returncode, done.stdout, done.stderr, summary)


def evaluate(text: str, context: dict[str, Any]) -> str:
    """Replace each `${{ expression }}` by its value, as the runner does before a step runs.
    Only the expressions action.yml uses are known; any other fails the test, to be taught."""

    def value(match: re.Match[str]) -> str:
        expression = match[1]
        scope, _, rest = expression.partition(".")
        if scope == "inputs" and rest in context["inputs"]:
            return str(context["inputs"][rest])
        if expression == "github.action_path":
            return str(context["action_path"])
        if scope == "steps":
            step, kind, name = rest.split(".")
            assert kind == "outputs", expression
            return str(context["steps"].get(step, {}).get(name, ""))
        raise AssertionError(f"the runner emulation does not know ${{{{ {expression} }}}}")

    return EXPRESSION.sub(value, text)


def read_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


def copy_checkout(target: Path) -> Path:
    """The files of this checkout (tracked, and new ones not ignored), as the runner's checkout
    of the action at REF holds them: no virtual environment, no caches."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, ActionRun]:
    """The action's checkout, a runner, and the action run once with `validate: false`."""
    runner = Runner(
        copy_checkout(tmp_path_factory.mktemp("action")), tmp_path_factory.mktemp("runner-temp")
    )
    first = runner.run(tmp_path_factory.mktemp("empty-checkout"), {"validate": "false"})
    assert first.code == 0, first.out + first.err
    return runner, first


@pytest.fixture
def runner(installed: tuple[Runner, ActionRun]) -> Runner:
    return installed[0]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A project's checkout (GITHUB_WORKSPACE) holding the example workspace as journeys/."""
    shutil.copytree(EXAMPLE, tmp_path / "repo" / "journeys")
    return tmp_path / "repo"


def annotations(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("::")]


# --- action.yml as GitHub reads it ----------------------------------------------------------


def test_the_action_is_composite_and_every_step_names_its_shell() -> None:
    loaded = action()
    assert loaded["runs"]["using"] == "composite"
    assert loaded["name"] and loaded["description"]
    for step in steps():
        assert "run" in step, "a step of this action is a script"
        assert step["shell"] == "bash", step.get("name")
    ids = {step["id"] for step in steps() if "id" in step}
    for name, spec in loaded["outputs"].items():
        (reference,) = EXPRESSION.findall(spec["value"])
        assert reference.split(".")[1] in ids, name
    for name, spec in loaded["inputs"].items():
        assert spec["description"].strip(), name
        assert isinstance(spec.get("default", ""), str), f"{name}: a default is a string"


def test_the_inputs_a_user_expects_with_their_defaults() -> None:
    inputs = action()["inputs"]
    assert set(inputs) >= {"workspace", "format", "fail-severity", "sarif-file", "config"}
    assert inputs["format"]["default"] == "github"
    # Empty: cxkit then takes the config's setting, else its own default (journeys, error).
    # A default written here would override a team's .cxkit.yaml.
    assert inputs["workspace"]["default"] == inputs["fail-severity"]["default"] == ""
    assert not any(spec.get("required") for spec in inputs.values())


def test_no_input_is_pasted_into_a_script() -> None:
    """Inputs reach the scripts through `env:` only (GitHub's advice against script injection),
    and every input is used."""
    used = set()
    for step in steps():
        assert "${{" not in step["run"], f"an expression in the script of {step.get('name')}"
        for value in step.get("env", {}).values():
            used.update(re.findall(r"inputs\.([\w-]+)", str(value)))
    assert used == set(action()["inputs"])


# --- the action's steps, run ----------------------------------------------------------------


def test_the_action_installs_cxkit_from_its_own_checkout(
    installed: tuple[Runner, ActionRun], tmp_path: Path
) -> None:
    runner, first = installed
    assert first.outputs["version"] == cxkit.__version__
    command = Path(first.outputs["cxkit"])
    assert command.is_file()
    # pip records where it installed from: the action's checkout, not a package index.
    (direct_url,) = command.parent.parent.glob("lib/python*/site-packages/cxkit-*/direct_url.json")
    assert json.loads(direct_url.read_text(encoding="utf-8"))["url"] == (
        runner.action_path.as_uri()
    )
    assert first.step("cxkit validate").out.startswith("validate: false")
    assert annotations(first.out) == []
    # A later step of the job finds `cxkit` on its PATH, and the environment's python does not
    # shadow the job's.
    (added,) = first.path
    assert sorted(os.listdir(added)) == ["cxkit"]
    env = {**runner_environment(), "PATH": f"{added}{os.pathsep}{os.environ['PATH']}"}
    later = subprocess.run(
        ["bash", "-c", "cxkit --version"], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert later.stdout == f"cxkit {cxkit.__version__}\n", later.stderr


def test_findings_are_annotations_and_the_step_passes_as_validate_does(
    runner: Runner, checkout: Path, cxkit: Run
) -> None:
    result = runner.run(checkout)
    assert [step.name for step in result.steps] == ["Install cxkit", "cxkit validate"]
    assert result.code == 0, result.err
    validate = result.step("cxkit validate")
    expected = cxkit("validate", "-f", "github", cwd=checkout)
    assert annotations(validate.out) == annotations(expected.out)
    assert any(line.startswith("::warning file=journeys/") for line in annotations(validate.out))
    assert "## cxkit validate" in validate.summary
    assert "`touchpoint-unowned`" in validate.summary


def test_the_step_fails_with_the_exit_code_of_validate(runner: Runner, checkout: Path) -> None:
    failing = runner.run(checkout, {"fail-severity": "warning"})
    assert failing.code == 1
    assert any(line.startswith("::warning ") for line in annotations(failing.out))
    broken = runner.run(checkout, {"workspace": "nowhere"})
    assert broken.code == 2
    assert "nowhere" in broken.err


def test_a_sarif_file_is_written_whatever_the_verdict(runner: Runner, checkout: Path) -> None:
    for severity, code in (("error", 0), ("warning", 1)):
        target = checkout / f"cxkit-{severity}.sarif"
        result = runner.run(
            checkout, {"sarif-file": target.name, "fail-severity": severity, "format": "text"}
        )
        assert result.code == code, result.err
        sarif = json.loads(target.read_text(encoding="utf-8"))
        assert sarif["version"] == "2.1.0"
        (run,) = sarif["runs"]
        assert run["tool"]["driver"]["name"] == "cxkit"
        assert len(run["results"]) == 11  # the example's 4 warnings and 7 notes
        assert "4 warnings" in result.out  # the log has the chosen format


def test_no_sarif_and_no_second_run_when_the_check_cannot_run(
    runner: Runner, checkout: Path
) -> None:
    result = runner.run(checkout, {"workspace": "nowhere", "sarif-file": "cxkit.sarif"})
    assert result.code == 2
    assert not (checkout / "cxkit.sarif").exists()
    assert result.err.count("nowhere") == 1, result.err


def test_the_config_decides_what_the_inputs_leave_unsaid(runner: Runner, checkout: Path) -> None:
    (checkout / "journeys").rename(checkout / "cx")
    write(checkout, ".cxkit.yaml", "workspace: cx\nfail_severity: warning\n")
    result = runner.run(checkout)
    assert result.code == 1, result.err
    assert any("file=cx/" in line for line in annotations(result.out))
    write(checkout, "ci/lenient.yaml", "fail_severity: error\n")
    lenient = runner.run(checkout, {"config": "ci/lenient.yaml", "workspace": "cx"})
    assert lenient.code == 0, lenient.err
    told = runner.run(checkout, {"fail-severity": "error"})
    assert told.code == 0, told.err


def test_baseline_and_more_options(runner: Runner, checkout: Path, cxkit: Run) -> None:
    assert cxkit("validate", "--write-baseline", "known.json", cwd=checkout).code == 0
    known = runner.run(checkout, {"baseline": "known.json", "fail-severity": "info"})
    assert known.code == 0, known.err
    assert annotations(known.out) == []
    # A config that would stop the run, so --no-config on the block's second line must arrive.
    write(checkout, ".cxkit.yaml", "workspace: nowhere\n")
    more = {"fail-severity": "warning"}
    assert runner.run(checkout, {**more, "args": "--quiet"}).code == 2
    quiet = runner.run(checkout, {**more, "args": "--quiet\n  --no-config\n"})
    assert quiet.code == 1, quiet.err
    assert {line.split(" ")[0] for line in annotations(quiet.out)} == {"::warning"}


def test_an_input_is_never_run_as_shell_code(runner: Runner, checkout: Path) -> None:
    hostile = '$(touch pwned-1)"; touch pwned-2; echo "`touch pwned-3`'
    result = runner.run(checkout, {"workspace": hostile, "sarif-file": "x; touch pwned-4"})
    assert result.code == 2
    assert hostile in result.err  # cxkit got it as one argument, word for word
    assert [*checkout.rglob("pwned-*"), *runner.temp.rglob("pwned-*")] == []
    args = runner.run(checkout, {"args": "--quiet; touch pwned-5 $(touch pwned-6) *"})
    assert args.code == 2
    assert list(checkout.rglob("pwned-*")) == []


def test_a_python_that_cannot_install_cxkit_is_named(tmp_path: Path, checkout: Path) -> None:
    """No environment is made; the message says what to do. (No index is needed for this.)"""
    runner = Runner(ROOT, tmp_path / "temp", python="no-such-python3")
    runner.temp.mkdir()
    result = runner.run(checkout, {"workspace": "journeys"})
    assert [step.name for step in result.steps] == ["Install cxkit"]
    assert result.code == 2
    (line,) = annotations(result.out)
    assert line.startswith("::error title=cxkit action::cxkit needs Python 3.11 or newer")
    assert "actions/setup-python" in line
    assert list(runner.temp.glob("cxkit-*")) == []


# --- docs/ci.md: the recipes, word for word ------------------------------------------------


def docs_blocks(language: str, path: Path = DOCS) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def action_steps(document: Any) -> list[dict[str, Any]]:
    """Every step of a workflow (or a bare list of steps) that uses this action."""
    if isinstance(document, dict):
        return [step for value in document.values() for step in action_steps(value)]
    if isinstance(document, list):
        found = [
            item
            for item in document
            if isinstance(item, dict) and str(item.get("uses", "")).startswith("OWNER/cxkit@")
        ]
        return found + [step for item in document for step in action_steps(item)]
    return []


def test_the_docs_say_once_at_the_top_what_to_replace() -> None:
    text = DOCS.read_text(encoding="utf-8")
    head = text[: text.index("```")]
    assert "`OWNER`" in head and "`REF`" in head
    assert "not on the public package index" in head
    for name in (DOCS, ROOT / "README.md"):
        recipe_text = name.read_text(encoding="utf-8")
        assert not re.search(r"pip install\s+['\"]?cxkit\b(?!\s*@)", recipe_text), name
        assert not re.search(r"github\.com/(?!OWNER/)[\w.-]+/cxkit", recipe_text), name
        assert re.findall(r"\brev:\s*(\S+)", recipe_text) in (["REF"], []), name
        uses = re.findall(r"\buses:\s*([\w./@-]*cxkit[\w./@-]*)", recipe_text)
        assert set(uses) <= {"OWNER/cxkit@REF"}, name


def test_every_use_of_the_action_in_the_docs_gives_only_its_inputs() -> None:
    declared = set(action()["inputs"])
    used = [
        step
        for path in (DOCS, ROOT / "README.md")
        for block in docs_blocks("yaml", path)
        for step in action_steps(yaml.safe_load(block))
    ]
    assert len(used) >= 4
    for step in used:
        assert set(step.get("with", {})) <= declared, step
    table = re.findall(r"^\| `([a-z][\w-]*)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    assert table == list(action()["inputs"]), "the docs' table of inputs, in action.yml's order"


def test_the_github_recipe_runs_the_action_and_leaves_the_sarif_to_upload(
    runner: Runner, checkout: Path
) -> None:
    (workflow,) = [
        yaml.safe_load(block) for block in docs_blocks("yaml") if "upload-sarif" in block
    ]
    job_steps = workflow["jobs"]["validate"]["steps"]
    (use,) = action_steps(job_steps)
    result = runner.run(checkout, {k: str(v) for k, v in use.get("with", {}).items()})
    assert result.code == 0, result.err
    upload = next(step for step in job_steps if "upload-sarif" in step.get("uses", ""))
    assert json.loads((checkout / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))


def test_the_baseline_recipe_runs_word_for_word(
    installed: tuple[Runner, ActionRun], checkout: Path
) -> None:
    runner, first = installed
    (record,) = [block for block in docs_blocks("sh") if "--write-baseline" in block]
    subprocess.run(["git", "init", "-q"], cwd=checkout, check=True)
    env = {**runner_environment(), "PATH": os.pathsep.join([*first.path, os.environ["PATH"]])}
    done = subprocess.run(
        [*BASH, "-c", record], cwd=checkout, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    (use,) = [
        step
        for block in docs_blocks("yaml")
        for step in action_steps(yaml.safe_load(block))
        if "baseline" in step.get("with", {})
    ]
    result = runner.run(checkout, {**use["with"], "fail-severity": "info"})
    assert result.code == 0, result.err
    assert annotations(result.out) == []


@pytest.fixture
def cxkit_repository(tmp_path: Path) -> tuple[Path, str]:
    """A git repository of this checkout's files, and its commit: what a REF names."""
    repository = copy_checkout(tmp_path / "cxkit")
    git(repository, "init", "-q")
    commit(repository, "cxkit at a REF")
    return repository, git(repository, "rev-parse", "HEAD").strip()


def test_the_gitlab_recipe_runs_word_for_word(
    cxkit_repository: tuple[Path, str], checkout: Path, tmp_path: Path
) -> None:
    """The job's script in a fresh Python environment (the image's), with OWNER's repository
    replaced by a local one and REF by its commit: pip installs cxkit from git at that REF."""
    repository, sha = cxkit_repository
    (block,) = [block for block in docs_blocks("yaml") if ".gitlab-ci.yml" in block]
    job = yaml.safe_load(block)["cxkit"]
    image = tmp_path / "image"
    venv.create(image, with_pip=True)
    env = {**runner_environment(), "PATH": f"{image / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    script = "\n".join(job["script"])
    # `file://localhost/...`: the pip of Python 3.11's venv refuses a `name @ git+file:///...`.
    script = script.replace("https://github.com/OWNER/cxkit", f"file://localhost{repository}")
    script = script.replace("@REF", f"@{sha}")
    assert "OWNER" not in script and "REF" not in script
    done = subprocess.run(
        [*BASH, "-c", script],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "0 errors, 4 warnings" in done.stdout
    report = ET.parse(checkout / job["artifacts"]["reports"]["junit"]).getroot()
    assert report.iter("testcase")
    installed = subprocess.run(
        [str(image / "bin" / "python"), "-m", "pip", "show", "cxkit"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert f"Version: {cxkit.__version__}" in installed.stdout


def test_the_pre_commit_recipe_runs_word_for_word(
    cxkit_repository: tuple[Path, str], checkout: Path, tmp_path: Path
) -> None:
    """The three lines of docs/ci.md in a project's .pre-commit-config.yaml, with OWNER's
    repository replaced by a local one and REF by its commit: pre-commit installs the hook from
    the repository at that rev, and it passes the example and fails on an error."""
    repository, sha = cxkit_repository
    (block,) = [block for block in docs_blocks("yaml") if "hooks: [{id: cxkit-validate}]" in block]
    config = block.replace("https://github.com/OWNER/cxkit", f"file://localhost{repository}")
    config = re.sub(r"\brev: REF\b", f"rev: {sha}", config)
    assert "OWNER" not in config and "REF" not in config
    write(checkout, ".pre-commit-config.yaml", f"repos:\n{config}")
    git(checkout, "init", "-q")
    git(checkout, "add", "-A")
    env = {**runner_environment(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )

    passing = pre_commit()
    assert passing.returncode == 0, passing.stdout[-3000:] + passing.stderr[-3000:]
    write(checkout / "journeys", "more.yaml", "touchpoints:\n  - {id: x, name: X, owner: nobody}\n")
    git(checkout, "add", "-A")
    failing = pre_commit()
    assert failing.returncode == 1, failing.stdout[-3000:] + failing.stderr[-3000:]
    assert "ref-undefined" in failing.stdout
