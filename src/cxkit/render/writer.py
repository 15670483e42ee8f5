"""Write rendered files into an output folder: atomically, only inside it, never over a file
that cxkit did not write (unless forced).

cxkit records what it wrote in `OUT/.cxkit-render.json` with each file's hash. A file that is
in the record and unchanged since is cxkit's to replace; any other existing file is the user's.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cxkit.errors import CxkitError
from cxkit.output import write_atomically

MANIFEST = ".cxkit-render.json"
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def safe_name(text: str, suffix: str = "") -> str:
    """A file name made from an id or title: lowercase ASCII, no separators, no dot-start."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = _UNSAFE.sub("-", ascii_text.lower()).strip("-.") or "unnamed"
    return name[:80] + suffix


def unique_names(ids: list[str]) -> dict[str, str]:
    """A distinct safe file name for each id: ids that read alike get `-2`, `-3`, ..."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for ident in ids:
        base = name = safe_name(ident)
        counter = 2
        while name in taken:
            name = f"{base}-{counter}"
            counter += 1
        taken.add(name)
        names[ident] = name
    return names


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class OutputFolder:
    root: Path
    force: bool = False
    _record: dict[str, str] = field(default_factory=dict)
    _resolved: Path | None = field(default=None, init=False)
    # Each folder inside the output, by its relative name: resolved once, and made once.
    _folders: dict[str, Path] = field(default_factory=dict, init=False)
    _made: set[Path] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise CxkitError(f"the output path is a file, not a folder: {self.root}")
        self._record = self._read_record()

    def _read_record(self) -> dict[str, str]:
        try:
            data = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}

    def check(self, relative: str) -> Path:
        """The path for `relative`, refused when it would leave the folder or clobber a file.

        A render checks every file before it writes any, so a refusal leaves the folder as it
        was.
        """
        target = self._inside(relative)
        if not self.force and target.exists() and not self._is_ours(relative, target):
            raise CxkitError(
                f"{self.root / relative} exists and was not written by cxkit;"
                " use --force to overwrite it, or pick another output folder"
            )
        return target

    def _inside(self, relative: str) -> Path:
        """The path for `relative`, refused when it would leave the folder.

        A render writes a thousand files into a few folders: each folder is resolved once, and
        each file is only looked at to see whether it is a link (which is then followed).
        """
        folder_name, _, name = relative.rpartition("/")
        folder = self._folders.get(folder_name)
        if folder is None:
            folder = self._folders[folder_name] = (self.root / folder_name).resolve()
        target = folder / name
        if name in ("", ".", "..") or "\\" in name or target.is_symlink():
            target = target.resolve()
        top = self._top()
        if target == top or not target.is_relative_to(top):
            raise CxkitError(f"refusing to write outside the output folder: {relative}")
        return target

    def _top(self) -> Path:
        """The folder, resolved once: every file of a render is checked against it, twice.

        Should the folder turn into a link to elsewhere during the run, files then resolve
        outside the folder as first resolved, and are refused.
        """
        if self._resolved is None:
            self._resolved = self.root.resolve()
        return self._resolved

    def _is_ours(self, relative: str, target: Path) -> bool:
        recorded = self._record.get(relative)
        try:
            return recorded is not None and recorded == _digest(
                target.read_text(encoding="utf-8").encode("utf-8")
            )
        except (OSError, UnicodeDecodeError):
            return False

    def write(self, relative: str, text: str) -> str:
        """Write a file `check` allowed, and give its digest for the record.

        Whether the file may be replaced was settled by `check`. That it is still inside the
        folder is checked again: the file is looked at again, and its folder once made (a link
        put in the place of either since is refused).
        """
        target = self._inside(relative)
        folder = target.parent
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            if folder.resolve() != folder:
                raise CxkitError(f"refusing to write outside the output folder: {relative}")
            self._made.add(folder)
        data = text.encode("utf-8")  # once, for the file and for its digest
        write_atomically(target, data, make_folder=False)
        digest = self._record[relative] = _digest(data)
        return digest

    def record(self, relative: str, digest: str) -> None:
        """Note a file another process wrote into this folder for this render."""
        self._record[relative] = digest

    def finish(self) -> None:
        """Record what was written, so the next run may replace it."""
        body = {"generator": "cxkit render", "files": dict(sorted(self._record.items()))}
        write_atomically(self.root / MANIFEST, json.dumps(body, indent=2) + "\n")
