"""`cxkit render` against the machine's faults, hostile templates and checkouts, runaway
templates, unsafe output folders, and renders killed or run side by side (issue 14, items 7, 9,
12, 13 and 14).

Tests that need a process of their own (a resource limit, a kill, a second render at the same
time, a process that may fork its workers) run `python -m cxkit` as a user would, with a
timeout that catches a hang: the budget is tens of times what a run takes, no speed target.
The others run the real CLI in-process. Everything runs on real files in tmp_path.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_render import IVR, MANIFEST, render, snapshot
from tests.cli.test_render_parallel import JOURNEYS, big_workspace
from tests.conftest import CHANGES, EXAMPLE, Run, write

BILLING = CHANGES / "new-billing-platform.yaml"
# A run that takes this long has hung (a render of these workspaces takes about a second).
BUDGET = 120
LOOP_FOR_EVER = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
STAGING = ".cxkit-staging-"


def render_process(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """`cxkit render ARGS` in a process of its own; `before` runs in it first (a resource
    limit), `prefix` starts it (in a namespace)."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "cxkit", "render", *map(str, args)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        preexec_fn=before,
        capture_output=True,
        text=True,
        timeout=BUDGET,
    )


def one_clear_line(stderr: str) -> str:
    """The single `cxkit: error: ...` line a user-facing failure prints; never a traceback."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cxkit: error: "), stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Anything a render leaves that is not a page nor its record: staging folders and
    temporary files."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.name.startswith(STAGING) or p.name.endswith(".tmp")
    )


def recorded_truly(folder: Path) -> None:
    """Every file the record lists is there with the recorded content, and every file there
    is recorded: old and new pages are not mixed under a record that does not match."""
    record = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert "replacing" not in record
    present = {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    assert present == record["files"]


# === item 7: the machine's faults are named, exit 2 =========================================


def test_offsets_beyond_any_calendar_are_a_usage_error(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "--offsets", "99999999999,14,7,0")
    assert result.code == 2
    assert "--offsets" in result.err and "3652058" in result.err
    assert not out.exists()


def test_offsets_before_the_first_date_name_the_wave(cxkit: Run, tmp_path: Path) -> None:
    """Within the calendar's span, yet counted back from the release past year 1."""
    out = tmp_path / "pack"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "--offsets", "3652058,14,7,0")
    assert result.code == 2
    line = one_clear_line(result.err)
    assert "wave 1" in line and "3652058 days" in line and "0001-01-01" in line
    assert not out.exists()


def test_a_config_wave_too_big_for_dates(cxkit: Run, tmp_path: Path) -> None:
    config = write(
        tmp_path,
        ".cxkit.yaml",
        "render:\n  waves: {stakeholders: 100000000000000000000000000000, teams: 14,"
        " informed: 7, customers: 0}\n",
    )
    out = tmp_path / "pack"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-c", config, "-o", out)
    assert result.code == 2
    line = one_clear_line(result.err)
    assert "wave 1" in line and "render.waves" in line
    assert not out.exists()


def test_an_output_folder_below_a_file(cxkit: Run, tmp_path: Path) -> None:
    """What a read-only place looks like to root too: a folder cannot be made there."""
    blocker = write(tmp_path, "blocker", "a file\n")
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", blocker / "maps")
    assert result.code == 2
    line = one_clear_line(result.err)
    assert "cannot make the output folder" in line and "not a folder" in line
    assert blocker.read_text() == "a file\n"


def _limit_file_size() -> None:
    """Run in the child: no file may grow past 3 KB (root is bound by it too). A write past it
    fails with EFBIG, as one on a full disk fails with ENOSPC."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))


def test_a_write_the_system_refuses_changes_nothing(tmp_path: Path) -> None:
    """A render that cannot write every page (some pages fit the limit, some do not) stops
    with one line naming the cause, and leaves the folder exactly as the last render did;
    the next render needs no --force and leaves no temporary files."""
    out = tmp_path / "pack"
    first = render_process(BILLING, "-w", EXAMPLE, "-o", out, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    small = [name for name, data in before.items() if len(data) < 3000]
    assert small and len(small) < len(before)  # some pages would fit, some would not

    limited = render_process(IVR, "-w", EXAMPLE, "-o", out, cwd=tmp_path, before=_limit_file_size)
    assert limited.returncode == 2
    line = one_clear_line(limited.stderr)
    assert line.startswith(f"cxkit: error: cannot write {out.as_posix()}/")
    assert line.endswith(": the file is bigger than this system allows")
    assert snapshot(out) == before

    again = render_process(IVR, "-w", EXAMPLE, "-o", out, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert leftovers(out) == []
    recorded_truly(out)


def test_a_full_disk(tmp_path: Path) -> None:
    """A real full disk: a 64 KB tmpfs, mounted in a mount namespace of the render's own
    (`unshare`, as root or as a user where user namespaces are allowed)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed: no tmpfs can be mounted")
    probe = subprocess.run(
        [unshare, "--mount", "--map-root-user", "true"], capture_output=True, timeout=BUDGET
    )
    if probe.returncode != 0:
        pytest.skip(f"this machine allows no mount namespace: {probe.stderr.decode().strip()}")
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "pack"
    mount = f'mount -t tmpfs -o size=64k tmpfs {disk} && exec "$@"'
    result = render_process(
        IVR,
        "-w",
        EXAMPLE,
        "-o",
        out,
        cwd=tmp_path,
        prefix=(unshare, "--mount", "--map-root-user", "sh", "-c", mount, "sh"),
    )
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert line.startswith(f"cxkit: error: cannot write {out.as_posix()}/")
    assert line.endswith(": the disk is full")


def _without_root_override() -> None:
    """Run in the child: as root, give up the capability to write where permissions forbid
    (CAP_DAC_OVERRIDE) for the program about to start; as a user there is none to give up."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_capbset_drop, cap_dac_override = 24, 1
        if libc.prctl(pr_capbset_drop, cap_dac_override, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")


@pytest.mark.skipif(sys.platform != "linux", reason="drops a Linux capability to act as a user")
def test_a_read_only_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    first = render_process(IVR, "-w", EXAMPLE, "-o", out, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    out.chmod(0o555)
    try:
        result = render_process(
            IVR, "-w", EXAMPLE, "-o", out, cwd=tmp_path, before=_without_root_override
        )
    except subprocess.SubprocessError as exc:  # raised in the child by _without_root_override
        pytest.skip(f"root here cannot give up writing anywhere (CAP_DAC_OVERRIDE): {exc}")
    finally:
        out.chmod(0o755)
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert out.as_posix() in line and line.endswith(": permission denied")
    assert snapshot(out) == before


# === item 9: templates are read only from files inside their folder ==========================


def test_a_template_linked_to_the_process_environment_is_refused(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "briefing").mkdir(parents=True)
    (templates / "briefing/index.md.j2").symlink_to("/proc/self/environ")
    out = tmp_path / "pack"
    result = render_process(
        IVR,
        "-w",
        EXAMPLE,
        "-o",
        out,
        "--templates",
        templates,
        "-f",
        "markdown",
        cwd=tmp_path,
        env={"CI_TOKEN": "s3cr3t-t0ken"},
    )
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert "briefing/index.md.j2" in line and "outside its templates folder" in line
    assert "s3cr3t-t0ken" not in result.stdout + result.stderr
    assert not out.exists()


def test_an_include_through_a_link_to_etc_is_refused(cxkit: Run, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates, "maps/index.md.j2", "{% include 'system/passwd' %}\n")
    (templates / "system").symlink_to("/etc", target_is_directory=True)
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out, "--templates", templates)
    assert result.code == 2
    assert "system/passwd" in result.err and "outside its templates folder" in result.err
    assert "root:" not in result.out + result.err
    assert not out.exists()


def test_a_link_between_templates_inside_the_folder_is_followed(cxkit: Run, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates, "shared/index.md", "MINE {{ maps.total }}\n")
    (templates / "maps").mkdir()
    (templates / "maps/index.md.j2").symlink_to("../shared/index.md")
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out, "--templates", templates)
    assert result.code == 0, result.err
    assert (out / "index.md").read_text(encoding="utf-8") == "MINE 31\n"


def test_a_fifo_as_a_template_is_refused_at_once(tmp_path: Path) -> None:
    """Not waited on (nothing ever writes to it), and not skipped for cxkit's own template."""
    templates = tmp_path / "templates"
    (templates / "maps").mkdir(parents=True)
    os.mkfifo(templates / "maps/index.md.j2")
    out = tmp_path / "maps"
    result = render_process(
        "--maps", "-w", EXAMPLE, "-o", out, "--templates", templates, cwd=tmp_path
    )
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert "maps/index.md.j2" in line and "not a regular file" in line
    assert not out.exists()


def test_a_template_too_big_is_refused(cxkit: Run, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates, "maps/index.md.j2", "x" * (2 * 1024 * 1024) + "\n")
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out, "--templates", templates)
    assert result.code == 2
    assert "maps/index.md.j2" in result.err and "larger than 1024 KiB" in result.err
    assert not out.exists()


def test_links_out_of_the_folder_are_not_listed(cxkit: Run, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates, "mine.md.j2", "mine\n")
    (templates / "environ.md.j2").symlink_to("/proc/self/environ")
    result = render(cxkit, "--list-templates", "--templates", templates)
    assert result.code == 0
    assert "mine.md.j2  (yours)" in result.out.splitlines()
    assert "environ" not in result.out


def checkout(tmp_path: Path, templates: str) -> Path:
    """A repository anyone may have written: a config naming its templates folder."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(EXAMPLE, repo / "journeys")
    write(repo, ".cxkit.yaml", f"render:\n  templates: {templates}\n")
    return repo


def test_a_config_cannot_name_templates_outside_its_folder(cxkit: Run, tmp_path: Path) -> None:
    write(tmp_path, "elsewhere/maps/index.md.j2", "FROM ELSEWHERE\n")
    repo = checkout(tmp_path, "../elsewhere")
    result = cxkit("render", "--maps", "-o", repo / "maps", cwd=repo)
    assert result.code == 2
    line = one_clear_line(result.err)
    assert "render.templates" in line and "outside the config file's folder" in line
    assert not (repo / "maps").exists()


def test_a_config_cannot_name_a_link_to_templates_elsewhere(cxkit: Run, tmp_path: Path) -> None:
    write(tmp_path, "elsewhere/maps/index.md.j2", "FROM ELSEWHERE\n")
    repo = checkout(tmp_path, "templates")
    (repo / "templates").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = cxkit("render", "--maps", "-o", repo / "maps", cwd=repo)
    assert result.code == 2
    assert "outside the config file's folder" in result.err
    assert not (repo / "maps").exists()


def test_a_config_names_templates_inside_its_folder(cxkit: Run, tmp_path: Path) -> None:
    repo = checkout(tmp_path, "templates")
    write(repo, "templates/maps/index.md.j2", "OURS\n")
    result = cxkit("render", "--maps", "-o", repo / "maps", cwd=repo)
    assert result.code == 0, result.err
    assert (repo / "maps/index.md").read_text(encoding="utf-8") == "OURS\n"


# === item 12: a template's time and memory are bounded ======================================


def maps_with(
    tmp_path: Path, body: str, *extra: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    templates = tmp_path / "templates"
    write(templates, "maps/index.md.j2", body)
    out = tmp_path / "maps"
    result = render_process(
        "--maps", "-w", EXAMPLE, "-o", out, "--templates", templates, *extra, cwd=tmp_path
    )
    return result, out


def test_a_template_that_never_ends_is_stopped(tmp_path: Path) -> None:
    result, out = maps_with(tmp_path, "# Maps\n" + LOOP_FOR_EVER, "--time-limit", "1")
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert line.startswith("cxkit: error: template maps/index.md.j2 (index.md.j2, line 2): ")
    assert "after 1 s of processor time" in line and "--time-limit" in line
    assert not out.exists()


def test_a_template_that_never_ends_in_a_worker_is_stopped(tmp_path: Path) -> None:
    """The last journey page, which a forked worker renders, loops for ever: the worker's own
    timer stops it, the parent reports it, nothing is written."""
    workspace, change = big_workspace(tmp_path)
    templates = tmp_path / "templates"
    write(
        templates,
        "briefing/journey.md.j2",
        f"# {{{{ journey.name }}}}\n{{% if journey.id == 'journey-{JOURNEYS - 1}' %}}"
        f"{LOOP_FOR_EVER}{{% endif %}}\n",
    )
    out = tmp_path / "pack"
    result = render_process(
        change, "-w", workspace, "-o", out, "--templates", templates, "-j", "2",
        "--time-limit", "1", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert line.startswith("cxkit: error: template briefing/journey.md.j2 (journey.md.j2, line 2)")
    assert f"journeys/journey-{JOURNEYS - 1}.md" in line
    assert not out.exists()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{{ 'a' * 3 * 10**9 }}", "repeating 3 items 1,000,000,000 times"),
        ("{{ [0] * 10**9 }}", "repeating 1 items 1,000,000,000 times"),
        ("{{ 10 ** (10 ** 8) }}", "a power of more than"),
        (
            "{% set n = namespace(x=3) %}{% for i in range(40) %}{% set n.x = n.x * n.x %}"
            "{% endfor %}",
            "a product of more than",
        ),
    ],
    ids=["string-times", "list-times", "power", "squaring"],
)
def test_operators_cannot_make_values_too_big(tmp_path: Path, body: str, says: str) -> None:
    result, out = maps_with(tmp_path, f"# Maps\n{body}\n")
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert line.startswith("cxkit: error: template maps/index.md.j2 (index.md.j2, line 2): ")
    assert says in line
    assert not out.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the memory ceiling is Linux's RLIMIT_AS")
def test_a_template_asking_for_gigabytes_is_stopped(tmp_path: Path) -> None:
    """A string method makes 3 GB in one call: the render's memory ceiling stops it."""
    result, out = maps_with(tmp_path, "# Maps\n{{ 'x'.ljust(3 * 10**9) }}\n")
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert line.startswith("cxkit: error: template maps/index.md.j2 (index.md.j2, line 2): ")
    assert "more memory than a render may take" in line
    assert not out.exists()


def test_the_time_limit_must_be_positive(cxkit: Run, tmp_path: Path) -> None:
    result = cxkit("render", "--maps", "-w", EXAMPLE, "-o", tmp_path / "m", "--time-limit", "0")
    assert result.code == 2 and "--time-limit" in result.err


# === item 13: no filesystem root, no link as the output folder ==============================


@pytest.mark.parametrize("root", ["/", "/tmp/.."])
def test_the_filesystem_root_is_no_output_folder(cxkit: Run, root: str) -> None:
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", root, "-f", "markdown")
    assert result.code == 2
    assert "the root of the file system" in one_clear_line(result.err)
    assert not Path("/", MANIFEST).exists()


def test_a_dangling_link_as_output_makes_nothing(cxkit: Run, tmp_path: Path) -> None:
    target = tmp_path / "nowhere/maps"
    (tmp_path / "maps").symlink_to(target, target_is_directory=True)
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", tmp_path / "maps")
    assert result.code == 2
    assert "is a symbolic link" in one_clear_line(result.err)
    assert not (tmp_path / "nowhere").exists()


def test_a_link_to_a_folder_as_output_is_refused(cxkit: Run, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "maps").symlink_to(real, target_is_directory=True)
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", tmp_path / "maps")
    assert result.code == 2
    assert "is a symbolic link" in result.err
    assert list(real.iterdir()) == []
    example = render(cxkit, "--maps", "-w", EXAMPLE, "-o", real)  # the folder itself is fine
    assert example.code == 0, example.err


# === item 14: all or nothing, one at a time, no leftovers ====================================


def slow_templates(tmp_path: Path) -> Path:
    """Templates whose overview page renders for as long as the test lets it."""
    templates = tmp_path / "templates"
    write(templates, "briefing/index.md.j2", "# Slow\n" + LOOP_FOR_EVER)
    return templates


def start_slow_render(tmp_path: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable, "-m", "cxkit", "render", str(IVR), "-w", str(EXAMPLE),
            "-o", str(out), "--templates", str(slow_templates(tmp_path)), "-j", "1",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def wait_for_staging(out: Path, process: subprocess.Popen[str]) -> None:
    """Until the slow render has begun staging (and so holds the folder's lock)."""
    deadline = time.monotonic() + BUDGET
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and any(p.name.startswith(STAGING) for p in out.iterdir()):
            return
        time.sleep(0.02)
    # Not seen: the test goes on, and fails on what it finds.


def test_a_render_killed_midway_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    first = render_process(BILLING, "-w", EXAMPLE, "-o", out, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    slow = start_slow_render(tmp_path, out)
    try:
        wait_for_staging(out, slow)
    finally:
        slow.send_signal(signal.SIGKILL)
        slow.communicate(timeout=BUDGET)
    assert {n: d for n, d in snapshot(out).items() if not n.startswith(STAGING)} == before

    again = render_process(IVR, "-w", EXAMPLE, "-o", out, cwd=tmp_path)  # no --force
    assert again.returncode == 0, again.stderr
    assert leftovers(out) == []
    recorded_truly(out)


def test_a_second_render_into_the_same_folder_stops_at_once(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    slow = start_slow_render(tmp_path, out)
    try:
        wait_for_staging(out, slow)
        second = render_process(BILLING, "-w", EXAMPLE, "-o", out, cwd=tmp_path)
    finally:
        slow.send_signal(signal.SIGKILL)
        slow.communicate(timeout=BUDGET)
    assert second.returncode == 2
    line = one_clear_line(second.stderr)
    assert "another cxkit render is writing into" in line and out.as_posix() in line
    assert [p.name for p in out.iterdir() if not p.name.startswith(STAGING)] == []

    after = render_process(BILLING, "-w", EXAMPLE, "-o", out, cwd=tmp_path)  # the lock is gone
    assert after.returncode == 0, after.stderr
    assert leftovers(out) == []
    recorded_truly(out)


def test_temporary_files_a_killed_render_left_are_removed(cxkit: Run, tmp_path: Path) -> None:
    """What cxkit before staging left when killed while writing (`.NAME.XXXXXXXX.tmp` beside
    each file) goes with the next render, with or without --force; others' files stay."""
    out = tmp_path / "pack"
    assert render(cxkit, IVR, "-w", EXAMPLE, "-o", out).code == 0
    write(out, ".index.html.k3j9x0_a.tmp", "half a page")
    write(out, "teams/.telephony.md.a8fh20sk.tmp", "half a brief")
    write(out, f"{STAGING}q8w7e6/index.html", "a killed render's page")
    write(out, ".notes.txt.12345678.tmp", "not cxkit's: no such page")
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "--force")
    assert result.code == 0, result.err
    assert leftovers(out) == [".notes.txt.12345678.tmp"]


# --- impact documents and records a render reads ---------------------------------------------


def test_an_impact_document_that_is_a_pipe_or_nests_too_deep(tmp_path: Path) -> None:
    # Named like an impact document (`.json`), but a pipe nobody writes to: refused at once,
    # not waited on; and one of 100,000 `[`: a clear message, not an internal error.
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    deep = write(tmp_path, "deep.json", "[" * 100_000)
    for document, says in ((pipe, "named pipe"), (deep, "too deeply")):
        done = render_process(document, "-w", EXAMPLE, "-o", tmp_path / "out", cwd=tmp_path)
        assert done.returncode == 2
        assert says in one_clear_line(done.stderr)
        assert not (tmp_path / "out").exists()


def test_a_record_that_nests_too_deep_is_no_record_of_cxkit(cxkit: Run, tmp_path: Path) -> None:
    # A manifest cxkit did not write keeps nothing: the folder's files are the user's.
    out = tmp_path / "out"
    write(out, MANIFEST, "[" * 100_000)
    write(out, "index.html", "the user's own page\n")
    result = render(cxkit, BILLING, "-w", EXAMPLE, "-o", out)
    assert result.code == 2
    assert "use --force" in result.err
    assert (out / "index.html").read_text() == "the user's own page\n"
