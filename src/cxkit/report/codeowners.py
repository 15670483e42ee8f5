"""A CODEOWNERS file, as GitHub and GitLab read it, from `cxkit.analysis.codeowners`.

Only what both read alike is written: comments on lines of their own, then one rule per line,
a pattern and one or more handles (`@user`, `@org/team`). Patterns are anchored at the
repository's root (`/journeys/owners.yaml`); a space is escaped (`\\ `), and a character that
no pattern can hold as itself (`#`, which GitHub reads as a comment even escaped; `[ ]`,
`*`, `?`, `\\`, control characters) is written as `?`, which matches it (and, in principle,
any other one character in its place): a rule never fails to cover its file.

The later rule wins in both, so the folder's default rule comes first. The file carries a
digest of its own text (`# cxkit-digest: ...`): a file whose digest matches is one cxkit wrote
and nobody changed since, which `cxkit codeowners -o` may replace.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cxkit.analysis.codeowners import DEFAULT_RULE, CodeOwners, FileOwners, GapFiles
from cxkit.report.escape import terminal

DIGEST_PREFIX = "# cxkit-digest: "
_DIGEST_LINE = re.compile(r"^# cxkit-digest: ([0-9a-f]{16})\n", re.MULTILINE)
# Characters a pattern cannot hold as themselves, in either tool: written as `?`.
_NOT_LITERAL = frozenset("#\\[]*?")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the workspace sits in the repository: its folder and each file (by the path the
    workspace shows), relative to the root; how the root was found; and the options that
    write this file again."""

    folder: PurePosixPath
    files: Mapping[str, PurePosixPath]
    root: Path
    root_found: str  # "git", "given" or "current folder"
    options: Sequence[str]


def codeowners_file(owners: CodeOwners, place: Placement) -> str:
    """The whole file, with its digest."""
    lines = [*_header(owners, place), *_rules(owners, place), *_gaps(owners, place)]
    body = "\n".join(lines) + "\n"
    return body.replace(f"{DIGEST_PREFIX}\n", f"{DIGEST_PREFIX}{_digest(body)}\n", 1)


def is_generated(text: str) -> bool:
    """Whether `text` is a file cxkit wrote and nobody changed since (its digest matches)."""
    text = text.replace("\r\n", "\n")
    found = _DIGEST_LINE.search(text)
    if found is None:
        return False
    unstamped = text[: found.start()] + DIGEST_PREFIX + "\n" + text[found.end() :]
    return found[1] == _digest(unstamped)


def pattern(path: PurePosixPath, folder: bool = False) -> str:
    """The pattern for a file (or a folder and all below it), anchored at the root."""
    if str(path) == ".":
        return "*"
    escaped = "".join(_escaped(ch) for ch in path.as_posix())
    return f"/{escaped}/" if folder else f"/{escaped}"


def regenerate_command(options: Sequence[str], action: str, file: str = "") -> str:
    """The command that writes (`-o`) or checks (`--check`) this file, from the root."""
    named = shlex.quote(file) if file else "<this file>"
    return shlex.join(["cxkit", "codeowners", *options]) + f" {action} {named}"


def _escaped(ch: str) -> str:
    if ch == " ":
        return "\\ "
    if ch in _NOT_LITERAL or not ch.isprintable():
        return "?"
    return ch


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _header(owners: CodeOwners, place: Placement) -> Iterator[str]:
    folder = "the repository" if str(place.folder) == "." else f"{place.folder}/"
    yield f"# Code owners of the customer journeys in {_comment(folder)}, written by cxkit."
    yield "# Do not edit it by hand: change the owners in the journeys, then, from the"
    yield "# repository root, write it again:"
    yield f"#   {_comment(regenerate_command(place.options, '-o'))}"
    yield "# or check in CI that it is current:"
    yield f"#   {_comment(regenerate_command(place.options, '--check'))}"
    yield "#"
    yield "# Each file is reviewed by the owners accountable for what it defines: the owners"
    yield "# of its moments of truth first, then its journeys' leaders, then the owners of its"
    yield "# other touchpoints and of its systems. Someone who left is replaced by their"
    yield "# successor; a person without a github handle by their team, a team by its lead."
    if owners.default:
        yield "# The last rule that matches a file wins, so the default rule comes first."
    if place.root_found == "current folder":
        yield "# No git repository was found: paths are relative to the folder cxkit ran in."
    yield DIGEST_PREFIX


def _rules(owners: CodeOwners, place: Placement) -> Iterator[str]:
    if owners.default:
        yield ""
        yield "# Reviewers of the files in the workspace folder that no later rule names:"
        yield f"{pattern(place.folder, folder=True)} {' '.join(owners.default)}"
    for file in sorted(owners.files, key=lambda f: place.files[f.file]):
        if not file.handles:
            continue
        path = place.files[file.file]
        written = pattern(path)
        yield ""
        if "?" in written:
            yield f"# {_comment(str(path))}: ? stands for what a pattern cannot hold"
        if file.moments_of_truth:
            yield f"# Moments of truth: {_comment(', '.join(file.moments_of_truth))}"
        yield f"{written} {' '.join(file.handles)}"


def _gaps(owners: CodeOwners, place: Placement) -> Iterator[str]:
    """Comment blocks: owners whose own review is not asked for, files without a rule."""
    if owners.gaps:
        yield ""
        yield "# Owners whose own review cannot be asked for:"
        for gap in owners.gaps:
            yield f"#   {_comment(gap_text(gap))}"
            where = ", ".join(_where(file, place) for file in gap.files)
            yield f"#     for {_comment(where)}"
    without = [f for f in owners.files if not f.handles]
    if without:
        yield ""
        covered = "the default rule covers them" if owners.default else "nobody is asked"
        yield f"# Files with no reviewer of their own ({covered}):"
        for file in sorted(without, key=lambda f: place.files[f.file]):
            yield f"#   {_comment(str(place.files[file.file]))}: {_why_no_rule(file)}"


def gap_text(gap: GapFiles) -> str:
    """A gap in words: who, why, and who reviews instead."""
    g = gap.gap
    who = f"{g.owner} ({gap.name})" if gap.name else g.owner
    why = {
        "no-handle": "has no github handle",
        "left": "left with no successor",
        "undefined": "is not defined in the workspace",
    }[g.kind]
    if g.handle is None and g.kind == "no-handle" and g.role is not None:
        nor = f"nor has their {g.role} {g.stand_in}" if g.stand_in else f"and no {g.role}"
        return f"{who} {why}, {nor}: nobody reviews for them"
    if g.handle is None:
        return f"{who} {why}: nobody reviews for them"
    return f"{who} {why}: their {g.role} {g.stand_in} ({g.handle}) reviews instead"


def _where(file: str, place: Placement) -> str:
    if file == DEFAULT_RULE:
        return "the default rule"
    return str(place.files[file])


def _why_no_rule(file: FileOwners) -> str:
    if not file.accountable:
        return "nothing in it has an accountable owner"
    return "none of its owners has a handle to ask"


def _comment(text: str) -> str:
    """Text from the workspace made safe in a comment line: nothing in it can end the line."""
    return terminal(text)
