"""Named files: check a few files of a workspace (pre-commit, an editor) in the whole workspace.

References cross files, so the whole workspace is read whatever is named; only the findings in
the named files are reported. Text an editor has not saved yet can stand in for a file (or add
one that is not on disk yet), as `ruff --stdin-filename` does.

A named file must lie in the workspace folder: anywhere else its references would be checked
against the wrong files. One the workspace does not read (ignored by the config, a name starting
with `.`) is left out with a note that says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cxkit.checks.findings import Finding, Location
from cxkit.errors import CxkitError
from cxkit.source.discovery import YAML_SUFFIXES, Discovery, Ignore, discover
from cxkit.source.yamlreader import Source


@dataclass(frozen=True, slots=True)
class Unsaved:
    """Text that stands in for the file at `path`: what an editor holds, read from stdin."""

    path: Path
    text: bytes


@dataclass(frozen=True, slots=True)
class NamedFiles:
    """The files to report on, as named, and unsaved text standing in for one of them."""

    paths: tuple[Path, ...]
    unsaved: Unsaved | None = None


@dataclass(slots=True)
class Selection:
    """A workspace's sources with the named files among them: what to read, what to report."""

    sources: list[Source]
    notes: list[Finding]  # files found but not read
    shown: list[str] = field(default_factory=list)  # the named files, as findings name them
    # Named files the workspace does not read, each with why.
    left_out: list[tuple[str, str]] = field(default_factory=list)


def select(root: Path, named: NamedFiles, ignore: Ignore | None = None) -> Selection:
    """Every file of the workspace at `root`, with `named.unsaved` in place of its file; and
    which of them were named. CxkitError for a named file outside `root` or not found."""
    if not root.is_dir():
        named_first = named.paths[0].as_posix()
        raise CxkitError(
            f"{named_first} is checked in its workspace, but there is no workspace folder"
            f" {root.as_posix()}: name the workspace with -w, or set `workspace` in .cxkit.yaml"
        )
    found = discover(root, ignore)
    by_real = {f.real: f.display for f in found.files}
    selection = Selection(
        sources=[(f.display, f.real.read_bytes) for f in found.files],
        notes=[Finding(Location(s.display), "file-unreadable", s.reason) for s in found.skipped],
    )
    for path in dict.fromkeys(named.paths):
        unsaved = named.unsaved if named.unsaved and named.unsaved.path == path else None
        display = by_real.get(path.resolve()) or _not_found(root, path, found, unsaved, ignore)
        if display is None:
            selection.left_out.append((path.as_posix(), _why_left_out(root, path)))
            continue
        if unsaved is not None:
            _stand_in(selection, display, unsaved.text)
        if display not in selection.shown:
            selection.shown.append(display)
    return selection


def _not_found(
    root: Path, path: Path, found: Discovery, unsaved: Unsaved | None, ignore: Ignore | None
) -> str | None:
    """How a named file the workspace's discovery did not find is shown: as a new file when
    unsaved text stands in for it, else None (the workspace leaves it out); CxkitError when it
    is not in the workspace at all, or not anywhere."""
    relative = _in_workspace(root, path)
    display = _display_in(root, relative)
    if any(skip.display == display for skip in found.skipped):
        return display  # not read, and its finding says why
    if path.exists():
        return None
    if unsaved is None:
        raise CxkitError(f"file not found: {path.as_posix()}")
    # Unsaved text for a file not on disk yet: read it where discovery would read the file.
    ignored = ignore is not None and ignore(Path(os.path.abspath(path)), False)
    return display if _is_yaml(path) and not _hidden(relative) and not ignored else None


def _in_workspace(root: Path, path: Path) -> Path:
    """`path` relative to the workspace folder `root`; CxkitError when it lies outside."""
    top, written_top = root.resolve(), Path(os.path.abspath(root))
    written = Path(os.path.abspath(path))
    if written.is_relative_to(written_top):  # through the links as written, if any
        return written.relative_to(written_top)
    if path.resolve().is_relative_to(top):
        return path.resolve().relative_to(top)
    raise CxkitError(
        f"{path.as_posix()} is not in the workspace {root.as_posix()}: cxkit checks a file"
        " with the other files of its workspace (name that workspace with -w, or set"
        " `workspace` in .cxkit.yaml)"
    )


def _why_left_out(root: Path, path: Path) -> str:
    if not _is_yaml(path):
        return "not a workspace file: cxkit reads *.yaml and *.yml files"
    if _hidden(_in_workspace(root, path)):
        return "not checked: the workspace skips names starting with '.'"
    return "not checked: the config's ignore leaves it out"


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _is_yaml(path: Path) -> bool:
    return path.name.lower().endswith(YAML_SUFFIXES)


def _display_in(root: Path, relative: Path) -> str:
    """A path in the workspace as discovery shows its files: below the folder as named."""
    shown = root
    if root.is_absolute():
        try:
            shown = root.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = root
    return (shown / relative).as_posix()


def _stand_in(selection: Selection, display: str, text: bytes) -> None:
    """Read `text` as the file `display`, in its place or added in order."""
    read: Callable[[], bytes] = lambda: text  # noqa: E731
    sources = selection.sources
    for i, (shown, _) in enumerate(sources):
        if shown == display:
            sources[i] = (display, read)
            return
    sources.append((display, read))
    sources.sort(key=lambda source: source[0])
