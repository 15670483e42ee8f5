"""`cxkit codeowners` (issue 18, "Code-owner guardrail"): a CODEOWNERS file that asks the
accountable owners of what each workspace file defines to review it.

Every output is checked against GitHub's documented syntax ("About code owners"), by a small
validator written from the documented rules, and against what the rules match, by a matcher
written from the same page: the last matching pattern wins; a pattern follows gitignore's rules
except that `!` negation, `[ ]` ranges and escaping a leading `#` do not work.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run, write

# --- GitHub's documented syntax, as a validator and a matcher ---------------------------------

USER = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
TEAM = re.compile(r"@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
MAX_BYTES = 3 * 1024 * 1024  # "CODEOWNERS files must be under 3 MB in size"


def split_rule(line: str) -> list[str]:
    """A rule's fields: whitespace separates them, but not a space escaped with `\\`."""
    fields, current, escaped = [], "", False
    for ch in line:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\":
            current += ch
            escaped = True
        elif ch in " \t":
            if current:
                fields.append(current)
            current = ""
        else:
            current += ch
    if current:
        fields.append(current)
    return fields


def rules_of(text: str) -> list[tuple[str, list[str]]]:
    """The (pattern, owners) of each rule; an AssertionError for any line GitHub would not
    read as cxkit means it."""
    assert len(text.encode("utf-8")) < MAX_BYTES
    assert "\r" not in text and text.endswith("\n")
    rules = []
    for number, line in enumerate(text.split("\n")[:-1], 1):
        where = f"line {number}: {line!r}"
        if not line.strip() or line.startswith("#"):
            continue  # a blank line, or a comment
        assert line == line.strip(), where
        assert "#" not in line, f"{where}: no inline comment, no '#' in a pattern"
        pattern, *owners = split_rule(line)
        assert owners, f"{where}: a pattern is followed by one or more owners"
        assert not pattern.startswith("!"), f"{where}: negation does not work"
        assert "[" not in pattern and "]" not in pattern, f"{where}: ranges do not work"
        assert re.fullmatch(r"(?:[^\\\s]|\\ )+", pattern), f"{where}: only spaces are escaped"
        for owner in owners:
            assert any(p.fullmatch(owner) for p in (USER, TEAM, EMAIL)), f"{where}: {owner}"
        rules.append((pattern, owners))
    return rules


def matches(pattern: str, path: str) -> bool:
    """Whether a pattern of the forms cxkit writes matches a file (a path from the root): an
    anchored `/path`, a folder `/path/` (everything below it) or `*` (everything); `?` is one
    character but `/`, `\\ ` a space."""
    if pattern == "*":
        return True
    assert pattern.startswith("/")
    regex = ""
    body = pattern[1:]
    i = 0
    while i < len(body):
        if body.startswith("\\ ", i):
            regex, i = regex + " ", i + 2
            continue
        regex += "[^/]" if body[i] == "?" else re.escape(body[i])
        i += 1
    if body.endswith("/"):
        return re.match(regex, path) is not None
    return re.fullmatch(regex, path) is not None or re.match(regex + "/", path) is not None


def owners_of(text: str, path: str) -> list[str]:
    """The owners GitHub asks for `path`: the last matching rule's."""
    found: list[str] = []
    for pattern, owners in rules_of(text):
        if matches(pattern, path):
            found = owners
    return found


# --- workspaces -------------------------------------------------------------------------------

OWNERS = """\
owners:
  - {id: cx, name: Customer Experience, kind: team, lead: ana, github: "@acme/cx"}
  - {id: support, name: Support, kind: team, lead: sam, github: "@acme/support"}
  - {id: billing, name: Billing, kind: team, lead: dan}
  - {id: legal, name: Legal, kind: team}
  - {id: ana, name: Ana Rossi, kind: person, team: cx, github: "@ana-rossi"}
  - {id: sam, name: Sam Lee, kind: person, team: support, github: "@samlee"}
  - {id: dan, name: Dan Okafor, kind: person, team: billing, github: "@dokafor"}
  - {id: raj, name: Raj Patel, kind: person, team: billing, github: "@rajp"}
  - {id: eve, name: Eve Noor, kind: person, team: support}
"""


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True, capture_output=True)
    return path


def workspace(repo: Path, touchpoints: str, extra_owners: str = "", journeys: str = "") -> Path:
    ws = repo / "journeys"
    write(ws, "owners.yaml", OWNERS + extra_owners)
    write(ws, "touchpoints.yaml", "touchpoints:\n" + touchpoints)
    if journeys:
        write(ws, "journeys.yaml", journeys)
    return ws


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the example workspace in `journeys/`."""
    root = git_repo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, root / "journeys")
    return root


# --- the example ------------------------------------------------------------------------------


def test_the_example_asks_each_files_accountable_owners_moments_of_truth_first(
    cxkit: Run, repo: Path
) -> None:
    result = cxkit("codeowners", "-w", "journeys", cwd=repo)
    assert result.code == 0, result.err
    text = result.out
    rules = dict(rules_of(text))
    # touchpoints.yaml: ivr-menu and agent-call (Contact Centre), final-bill (Billing) are
    # moments of truth; help-centre and sign-in (Digital) and the survey (CX) are not.
    assert rules["/journeys/touchpoints.yaml"] == [
        "@brightwave/contact-centre",
        "@brightwave/billing-ops",
        "@brightwave/digital-channels",
        "@brightwave/customer-experience",
    ]
    assert "# Moments of truth: ivr-menu, agent-call, final-bill" in text
    # A journey's file: its moment of truth's owner, then its leader, then the others.
    assert rules["/journeys/billing/billing-dispute.yaml"][:2] == [
        "@brightwave/billing-ops",
        "@oclarke",
    ]
    # Files that define nothing anyone is accountable for have no rule, and say so.
    assert "/journeys/owners.yaml" not in rules and "/journeys/personas.yaml" not in rules
    assert "#   journeys/personas.yaml: nothing in it has an accountable owner" in text


def test_owners_without_a_handle_are_listed_in_the_file_and_on_stderr(
    cxkit: Run, repo: Path
) -> None:
    result = cxkit("codeowners", "-w", "journeys", cwd=repo)
    # Grace Mensah leads moving-home but has no handle: her team reviews for her.
    grace = (
        "grace-mensah (Grace Mensah) has no github handle: their team cx"
        " (@brightwave/customer-experience) reviews instead"
    )
    # Legal runs the cancellation policy, with neither a handle nor a lead: nobody reviews.
    legal = "legal (Legal & Regulatory) has no github handle, and no lead: nobody reviews for them"
    for gap in (grace, legal):
        assert f"#   {gap}\n" in result.out
        assert f"cxkit: {gap} (1 file)\n" in result.err
    assert "#     for journeys/moving/moving-home.yaml\n" in result.out
    assert (
        "@brightwave/customer-experience"
        in dict(rules_of(result.out))["/journeys/moving/moving-home.yaml"]
    )


def test_the_header_says_it_is_generated_and_its_command_writes_it_again(
    cxkit: Run, repo: Path
) -> None:
    written = cxkit("codeowners", "-w", "journeys", "-o", ".github/CODEOWNERS", cwd=repo)
    assert written.code == 0, written.err
    text = (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert text.startswith("# Code owners of the customer journeys in journeys/, written by cxkit")
    command = re.search(r"^#   (cxkit codeowners .*) -o <this file>$", text, re.MULTILINE)
    assert command is not None and command[1] == "cxkit codeowners -w journeys"
    # From a subfolder the workspace is named differently; the file is the same.
    again = cxkit("codeowners", "-w", "../journeys", cwd=repo / ".github")
    assert again.out == text


# --- who reviews: successors, stand-ins, nobody ---------------------------------------------


def test_an_inactive_owner_is_reviewed_for_by_their_active_successor(
    cxkit: Run, tmp_path: Path
) -> None:
    repo = git_repo(tmp_path / "repo")
    workspace(
        repo,
        "  - {id: ivr, name: Phone menu, owner: tom, moment_of_truth: true}\n",
        extra_owners=(
            '  - {id: tom, name: Tom, kind: person, team: billing, github: "@twalsh",'
            " active: false, successor: kim}\n"
            "  - {id: kim, name: Kim, kind: person, team: billing, active: false, successor: raj}\n"
        ),
    )
    result = cxkit("codeowners", cwd=repo)
    assert result.code == 0, result.err
    assert owners_of(result.out, "journeys/touchpoints.yaml") == ["@rajp"]
    assert "@twalsh" not in result.out
    assert "tom" not in result.err  # a successor with a handle is the hand-over working


@pytest.mark.parametrize(
    ("owner", "reviewer", "gap"),
    [
        # A person without a handle: their team.
        ("eve", "@acme/support", "eve (Eve Noor) has no github handle: their team support"),
        # A team without a handle: its lead.
        ("billing", "@dokafor", "billing (Billing) has no github handle: their lead dan"),
        # A person who left with no successor: their team.
        ("leo", "@acme/support", "leo (Leo) left with no successor: their team support"),
        # A person who left whose successor has no handle: the successor's team.
        ("max", "@acme/support", "eve (Eve Noor) has no github handle: their team support"),
    ],
)
def test_someone_stands_in_for_an_owner_without_a_handle(
    cxkit: Run, tmp_path: Path, owner: str, reviewer: str, gap: str
) -> None:
    repo = git_repo(tmp_path / "repo")
    workspace(
        repo,
        f"  - {{id: ivr, name: Phone menu, owner: {owner}, moment_of_truth: true}}\n",
        extra_owners=(
            "  - {id: leo, name: Leo, kind: person, team: support, active: false}\n"
            "  - {id: max, name: Max, kind: person, team: cx, active: false, successor: eve}\n"
        ),
    )
    result = cxkit("codeowners", cwd=repo)
    assert result.code == 0, result.err
    assert owners_of(result.out, "journeys/touchpoints.yaml") == [reviewer]
    assert f"#   {gap}" in result.out
    assert f"cxkit: {gap}" in result.err


@pytest.mark.parametrize(
    ("owner", "gap"),
    [
        ("legal", "legal (Legal) has no github handle, and no lead: nobody reviews for them"),
        ("gone", "gone (Gone team) left with no successor: nobody reviews for them"),
        ("nobody-here", "nobody-here is not defined in the workspace: nobody reviews for them"),
    ],
)
def test_an_owner_nobody_can_review_for_is_listed_and_the_file_has_no_rule(
    cxkit: Run, tmp_path: Path, owner: str, gap: str
) -> None:
    repo = git_repo(tmp_path / "repo")
    workspace(
        repo,
        f"  - {{id: ivr, name: Phone menu, owner: {owner}}}\n",
        extra_owners="  - {id: gone, name: Gone team, kind: team, active: false}\n",
    )
    result = cxkit("codeowners", cwd=repo)
    assert result.code == 0, result.err
    assert owners_of(result.out, "journeys/touchpoints.yaml") == []
    assert f"#   {gap}\n#     for journeys/touchpoints.yaml\n" in result.out
    assert "#   journeys/touchpoints.yaml: none of its owners has a handle to ask" in result.out
    assert f"cxkit: {gap} (1 file)" in result.err


def test_moments_of_truth_owners_come_first_then_leaders_then_the_rest(
    cxkit: Run, tmp_path: Path
) -> None:
    repo = git_repo(tmp_path / "repo")
    journeys = """\
journeys:
  - id: billing
    name: Dispute a bill
    leader: ana
    stages:
      - id: notice
        name: Notices
        touchpoints:
          - {id: email, name: Bill email, owner: dan}
          - {id: call, name: Agent call, owner: sam, moment_of_truth: true}
systems:
  - {id: crm, name: CRM, owner: raj}
"""
    workspace(repo, "  - {id: web, name: Web, owner: dan}\n", journeys=journeys)
    result = cxkit("codeowners", cwd=repo)
    assert owners_of(result.out, "journeys/journeys.yaml") == [
        "@samlee",  # the moment of truth's owner
        "@ana-rossi",  # the leader
        "@dokafor",  # another touchpoint's owner
        "@rajp",  # the system's
    ]


# --- paths --------------------------------------------------------------------------------


def test_paths_with_spaces_and_special_characters_are_escaped_and_still_matched(
    cxkit: Run, tmp_path: Path
) -> None:
    repo = git_repo(tmp_path / "repo")
    ws = repo / "cx maps"
    write(ws, "owners.yaml", OWNERS)
    names = ["call #2 [draft].yaml", "star*and?mark.yaml", "back\\slash.yaml", "café.yaml"]
    for i, name in enumerate(names):
        write(ws, f"sub dir/{name}", f"touchpoints:\n  - {{id: t{i}, name: T, owner: sam}}\n")
    result = cxkit("codeowners", "-w", "cx maps", cwd=repo)
    assert result.code == 0, result.err
    for name in names:
        assert owners_of(result.out, f"cx maps/sub dir/{name}") == ["@samlee"], name
    assert "/cx\\ maps/sub\\ dir/call\\ ?2\\ ?draft?.yaml @samlee\n" in result.out
    assert "/cx\\ maps/sub\\ dir/café.yaml @samlee\n" in result.out
    assert "# cx maps/sub dir/call #2 [draft].yaml: ? stands for" in result.out


def test_without_a_git_repository_paths_are_relative_to_the_current_folder(
    cxkit: Run, tmp_path: Path
) -> None:
    workspace(tmp_path / "plain", "  - {id: ivr, name: Phone menu, owner: sam}\n")
    result = cxkit("codeowners", "-w", "journeys", cwd=tmp_path / "plain")
    assert result.code == 0, result.err
    assert "# No git repository was found: paths are relative to the folder cxkit ran in.\n" in (
        result.out
    )
    assert owners_of(result.out, "journeys/touchpoints.yaml") == ["@samlee"]


def test_root_sets_what_paths_are_relative_to(cxkit: Run, tmp_path: Path) -> None:
    workspace(tmp_path / "site" / "cx", "  - {id: ivr, name: Phone menu, owner: sam}\n")
    result = cxkit("codeowners", "-w", "site/cx/journeys", "--root", "site", cwd=tmp_path)
    assert result.code == 0, result.err
    assert owners_of(result.out, "cx/journeys/touchpoints.yaml") == ["@samlee"]
    assert "#   cxkit codeowners -w cx/journeys --root . -o <this file>\n" in result.out
    assert "No git repository" not in result.out


def test_a_workspace_outside_the_root_is_an_error(cxkit: Run, tmp_path: Path) -> None:
    workspace(tmp_path / "a", "  - {id: ivr, name: Phone menu, owner: sam}\n")
    (tmp_path / "b").mkdir()
    result = cxkit("codeowners", "-w", tmp_path / "a" / "journeys", "--root", tmp_path / "b")
    assert result.code == 2
    assert "is outside the repository root" in result.err and "--root" in result.err
    assert "Traceback" not in result.err


# --- the default rule ---------------------------------------------------------------------


def test_a_default_reviewer_comes_first_so_every_specific_rule_wins_over_it(
    cxkit: Run, repo: Path
) -> None:
    result = cxkit("codeowners", "--default", "cx", "--default", "@brightwave/cx-leads", cwd=repo)
    assert result.code == 0, result.err
    rules = rules_of(result.out)
    assert rules[0] == (
        "/journeys/",
        ["@brightwave/customer-experience", "@brightwave/cx-leads"],
    )
    # The files nobody else owns fall to the default; the others keep their own reviewers.
    assert owners_of(result.out, "journeys/owners.yaml") == rules[0][1]
    assert owners_of(result.out, "journeys/touchpoints.yaml")[0] == "@brightwave/contact-centre"
    assert "--default cx --default @brightwave/cx-leads -o <this file>" in result.out


def test_a_default_owner_without_a_handle_has_a_stand_in_too(cxkit: Run, repo: Path) -> None:
    result = cxkit("codeowners", "--default", "grace-mensah", cwd=repo)
    assert rules_of(result.out)[0] == ("/journeys/", ["@brightwave/customer-experience"])
    assert "#     for the default rule, journeys/moving/moving-home.yaml\n" in result.out
    assert "reviews instead (2 files)" in result.err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nobody", "no owner 'nobody'"),
        ("@bad/handle/x", "not a handle"),
        ("@two\n/journeys/ @lines", "not a handle"),
    ],
)
def test_a_default_that_is_no_owner_nor_handle_is_a_usage_error(
    cxkit: Run, repo: Path, value: str, message: str
) -> None:
    result = cxkit("codeowners", "--default", value, cwd=repo)
    assert result.code == 2
    assert message in result.err


# --- writing and checking -----------------------------------------------------------------


def test_write_replaces_only_a_file_cxkit_wrote_and_nobody_edited(cxkit: Run, repo: Path) -> None:
    target = repo / ".github" / "CODEOWNERS"
    assert cxkit("codeowners", "-o", target, cwd=repo).code == 0
    first = target.read_text(encoding="utf-8")
    assert cxkit("codeowners", "-o", target, cwd=repo).code == 0  # cxkit's own: replaced
    assert target.read_text(encoding="utf-8") == first

    edited = first + "/docs/ @someone\n"
    target.write_text(edited, encoding="utf-8")
    refused = cxkit("codeowners", "-o", target, cwd=repo)
    assert refused.code == 2
    assert "was not written by cxkit, or was edited since; use --force" in refused.err
    assert target.read_text(encoding="utf-8") == edited

    forced = cxkit("codeowners", "-o", target, "--force", cwd=repo)
    assert forced.code == 0
    assert target.read_text(encoding="utf-8") == first


def test_write_never_overwrites_someone_elses_file(cxkit: Run, repo: Path) -> None:
    theirs = write(repo, "CODEOWNERS", "* @acme/everyone\n")
    result = cxkit("codeowners", "-o", "CODEOWNERS", cwd=repo)
    assert result.code == 2 and "use --force" in result.err
    assert theirs.read_text(encoding="utf-8") == "* @acme/everyone\n"
    # Nor a link, even to a file cxkit wrote: the link would be replaced by a file.
    assert cxkit("codeowners", "-o", "ours", cwd=repo).code == 0
    (repo / "link").symlink_to("ours")
    linked = cxkit("codeowners", "-o", "link", cwd=repo)
    assert linked.code == 2 and "use --force" in linked.err
    assert (repo / "link").is_symlink()
    folder = cxkit("codeowners", "-o", "journeys", cwd=repo)
    assert folder.code == 2 and "is a folder" in folder.err


def test_check_exits_0_when_current_and_1_with_a_diff_when_not(cxkit: Run, repo: Path) -> None:
    assert cxkit("codeowners", "-o", "CODEOWNERS", cwd=repo).code == 0
    current = cxkit("codeowners", "--check", "CODEOWNERS", cwd=repo)
    assert current.code == 0, current.out + current.err
    assert current.out == "CODEOWNERS is current\n"
    # The same file with Windows line endings (git's autocrlf) is current too.
    path = repo / "CODEOWNERS"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert cxkit("codeowners", "--check", "CODEOWNERS", cwd=repo).code == 0

    owners = repo / "journeys" / "owners.yaml"
    owners.write_text(owners.read_text(encoding="utf-8").replace("@oclarke", "@owen-c"), "utf-8")
    stale = cxkit("codeowners", "--check", "CODEOWNERS", cwd=repo)
    assert stale.code == 1
    assert "--- CODEOWNERS\n+++ CODEOWNERS (as cxkit codeowners writes it)\n" in stale.out
    assert re.search(r"^-/journeys/billing/billing-dispute\.yaml .*@oclarke", stale.out, re.M)
    assert re.search(r"^\+/journeys/billing/billing-dispute\.yaml .*@owen-c", stale.out, re.M)
    assert (
        "CODEOWNERS is out of date; write it again, from the repository root:"
        " cxkit codeowners -w journeys -o CODEOWNERS" in stale.err
    )
    assert path.read_text(encoding="utf-8").count("@oclarke")  # --check writes nothing


def test_check_of_a_missing_file_exits_1(cxkit: Run, repo: Path) -> None:
    result = cxkit("codeowners", "--check", ".github/CODEOWNERS", cwd=repo)
    assert result.code == 1
    assert "+# Code owners of the customer journeys" in result.out
    assert ".github/CODEOWNERS does not exist" in result.err
    assert not (repo / ".github").exists()


def test_check_and_output_together_are_a_usage_error(cxkit: Run, repo: Path) -> None:
    result = cxkit("codeowners", "-o", "A", "--check", "B", cwd=repo)
    assert result.code == 2
    assert "not both" in result.err


# --- what the workspace holds cannot break the file ---------------------------------------


def test_a_name_with_line_breaks_stays_inside_its_comment(cxkit: Run, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    workspace(
        repo,
        "  - {id: ivr, name: Phone menu, owner: zed}\n",
        extra_owners='  - {id: zed, name: "Zed\\n/journeys/ @attacker\\r", kind: person}\n',
    )
    result = cxkit("codeowners", cwd=repo)
    assert result.code == 0, result.err
    assert "@attacker" not in [o for _, owners in rules_of(result.out) for o in owners]
    assert "#   zed (Zed\\n/journeys/ @attacker\\r) has no github handle" in result.out


def test_a_workspace_with_errors_still_gets_its_file_with_a_warning(
    cxkit: Run, tmp_path: Path
) -> None:
    repo = git_repo(tmp_path / "repo")
    ws = workspace(repo, "  - {id: ivr, name: Phone menu, owner: sam}\n")
    write(ws, "broken.yaml", "touchpoints: [\n")
    result = cxkit("codeowners", cwd=repo)
    assert result.code == 0
    assert "the workspace has 1 error(s)" in result.err
    assert owners_of(result.out, "journeys/touchpoints.yaml") == ["@samlee"]
    assert "#   journeys/broken.yaml: nothing in it has an accountable owner" in result.out
