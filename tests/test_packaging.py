"""The package as users get it: the sdist and the wheel built from this checkout, the wheel
installed in a clean environment, and its console script run there on the example workspace.

One module-scoped build serves every test: building and installing takes tens of seconds, and
needs the package index (for the build backend and cxkit's dependencies), as installing the test
dependencies does.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import cxkit
from tests.conftest import CHANGES, EXAMPLE, ROOT, Run

pytestmark = pytest.mark.installs

# Repository plumbing a user of the source distribution has no use for: CI's script and git's
# own settings. Every other file of the checkout is in the sdist.
NOT_IN_SDIST = {".ci/run", ".gitignore", ".gitattributes"}

# A build or an install that hangs is a failure, not a wait for ever.
INSTALL_TIMEOUT = 900


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path
    bin: Path  # the clean environment's scripts, with the wheel installed


def clean_environment() -> dict[str, str]:
    """The variables of this process, without those that would let the installed cxkit see
    this checkout or this session (the pip settings stay: they say where the index is)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GITHUB_", "CXKIT_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`python -m build` of this checkout (the sdist, then the wheel from the sdist), and the
    wheel installed in a new virtual environment."""
    dist = tmp_path_factory.mktemp("dist")
    done = run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=dist)
    assert done.returncode == 0, f"building failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    (wheel,) = dist.glob("cxkit-*.whl")
    (sdist,) = dist.glob("cxkit-*.tar.gz")
    environment = tmp_path_factory.mktemp("clean") / "venv"
    venv.create(environment, with_pip=True)
    bin_ = environment / "bin"
    done = run(bin_ / "python", "-m", "pip", "install", "-q", wheel, cwd=dist)
    assert done.returncode == 0, f"installing the wheel failed:\n{done.stderr[-4000:]}"
    return Built(wheel, sdist, bin_)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding a copy of the example workspace and change files."""
    shutil.copytree(EXAMPLE, tmp_path / "journeys")
    shutil.copytree(CHANGES, tmp_path / "changes")
    return tmp_path


def checkout_files() -> set[str]:
    """The files of this checkout as git sees them: tracked, and new ones not ignored."""
    done = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip("not a git checkout: nothing to compare the sdist with")
    return {name for name in done.stdout.split("\0") if name and (ROOT / name).is_file()}


def pages(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_installed_wheel_validates_the_example_as_the_source_does(
    built: Built, project: Path, cxkit: Run
) -> None:
    where = run(built.bin / "python", "-c", "import cxkit; print(cxkit.__file__)", cwd=project)
    assert Path(where.stdout.strip()).is_relative_to(built.bin.parent), "not the installed cxkit"
    installed = run(built.bin / "cxkit", "validate", "journeys", "-f", "parsable", cwd=project)
    source = cxkit("validate", "journeys", "-f", "parsable", cwd=project)
    assert (installed.returncode, installed.stdout) == (source.code, source.out), installed.stderr
    assert installed.returncode == 0 and "journeys/" in installed.stdout
    failing = run(built.bin / "cxkit", "validate", "--fail-severity", "warning", cwd=project)
    assert failing.returncode == 1


def test_the_installed_wheel_renders_with_the_templates_it_ships(
    built: Built, project: Path, cxkit: Run
) -> None:
    shipped = {str(path.relative_to(ROOT / "templates")) for path in ROOT.glob("templates/**/*.j2")}
    with zipfile.ZipFile(built.wheel) as wheel:
        in_wheel = {name.removeprefix("cxkit/templates/") for name in wheel.namelist()}
    assert shipped <= in_wheel
    maps = run(built.bin / "cxkit", "render", "--maps", "-o", "maps", cwd=project)
    assert maps.returncode == 0, maps.stderr
    assert cxkit("render", "--maps", "-o", "source-maps", cwd=project).code == 0
    assert pages(project / "maps") == pages(project / "source-maps")
    assert {Path(name).suffix for name in pages(project / "maps")} >= {".html", ".md"}
    change = "changes/ivr-callback.yaml"
    briefing = run(built.bin / "cxkit", "render", change, "-o", "briefing", cwd=project)
    assert briefing.returncode == 0, briefing.stderr
    assert (project / "briefing" / "index.html").stat().st_size > 0


def test_one_version_from_the_source_to_the_installed_command(built: Built, project: Path) -> None:
    with zipfile.ZipFile(built.wheel) as wheel:
        (metadata,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
        wheel_version = email.message_from_bytes(wheel.read(metadata))["Version"]
    with tarfile.open(built.sdist) as sdist:
        (pkg_info,) = [
            name for name in sdist.getnames() if name.count("/") == 1 and name.endswith("/PKG-INFO")
        ]
        member = sdist.extractfile(pkg_info)
        assert member is not None
        sdist_version = email.message_from_bytes(member.read())["Version"]
    printed = run(built.bin / "cxkit", "--version", cwd=project).stdout.strip()
    assert printed == f"cxkit {wheel_version}"
    assert wheel_version == sdist_version == cxkit.__version__
    assert built.wheel.name.startswith(f"cxkit-{cxkit.__version__}-")


def test_the_sdist_holds_every_file_of_the_checkout_but_ci_plumbing(built: Built) -> None:
    with tarfile.open(built.sdist) as sdist:
        top = f"cxkit-{cxkit.__version__}/"
        in_sdist = {
            member.name.removeprefix(top) for member in sdist.getmembers() if member.isfile()
        }
    wanted = checkout_files() - NOT_IN_SDIST
    assert sorted(wanted - in_sdist) == [], "missing from the sdist"
    # hatchling adds the metadata, and the ignore rules it built with.
    backend = {"PKG-INFO", ".gitignore"}
    assert sorted(in_sdist - wanted - backend) == [], "in the sdist, not in the checkout"
    needed = {"README.md", "CHANGELOG.md", "pyproject.toml", "src/cxkit/__init__.py"}
    assert needed <= in_sdist
    assert any(name.startswith("templates/maps/") for name in in_sdist)
    assert any(name.startswith("tests/data/") for name in in_sdist)
    assert {name for name in wanted if name.upper().startswith(("LICENSE", "COPYING"))} <= in_sdist
