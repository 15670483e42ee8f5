"""Write rendered files into an output folder: all or nothing, one render at a time, only inside
it, never over a file that cxkit did not write (unless forced).

cxkit records what it wrote in `OUT/.cxkit-render.json` with each file's hash. A file that is
in the record and unchanged since is cxkit's to replace; any other existing file is the user's.

A render goes through the folder in four steps (`OutputFolder.opened`, `check`, `stage`,
`commit`):

1. It takes the folder's lock, so that a second render into the same folder stops at once
   instead of mixing its pages with this one's, and removes what a killed render left behind.
2. It checks every file's place: a refusal leaves the folder as it was.
3. It writes every page into a staging folder inside the output folder, which nothing reads. A
   render that fails here (a template's error, a full disk) or is killed leaves the output as
   it was; the staging folder is removed then, or by the next render.
4. It commits: it records the new files beside the ones they replace, moves each staged file
   into place (a rename: it needs no space and cannot happen by halves), then records only the
   new ones. A render killed while moving leaves old and new pages, all of them recorded as
   cxkit's, which the next render replaces without --force.

The staging folder is inside the output folder rather than beside it: nothing is ever written
outside the output folder, the renames stay on one file system, and the output folder stays the
same folder (its permissions, the user's files in it, a shell sitting in it).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from cxkit.errors import CxkitError

MANIFEST = ".cxkit-render.json"
STAGING_PREFIX = ".cxkit-staging-"
# A record bigger than this is not one cxkit wrote (100,000 touchpoints make about 1.2 MB).
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_T = TypeVar("_T")
# Opening a file without following a link in its last place, nor waiting for a FIFO's writer,
# nor leaking it into another program (each flag where the system has it), in binary.
READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_WRITE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_TRUNC
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
# Names Windows keeps for devices, whatever follows their first dot (`con.html` is `con`), in
# any case: a page named so cannot be written or opened there.
_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))]
)
# The temporary files earlier versions of cxkit wrote each file through, `.NAME.XXXXXXXX.tmp`,
# which a killed render left behind.
_OLD_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")

# What a failed write means, in words a person acts on.
_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is bigger than this system allows",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.EXDEV: "part of the output folder is on another file system",
}


def safe_name(text: str, suffix: str = "") -> str:
    """A file name made from an id or title that every system can write: lowercase ASCII, no
    separators, no dot at either end, and not a name Windows keeps for a device (`con` is
    `con_`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = _UNSAFE.sub("-", ascii_text.lower()).strip("-.") or "unnamed"
    return _not_a_device(name[:80].rstrip("-.")) + suffix


def _not_a_device(name: str) -> str:
    stem, dot, rest = name.partition(".")
    return f"{stem}_{dot}{rest}" if stem in _WINDOWS_DEVICES else name


def unique_names(ids: list[str]) -> dict[str, str]:
    """A distinct safe file name for each id: ids that read alike (`con` and `con_`, once
    made safe) get `-2`, `-3`, ..."""
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


def fault(action: str, path: Path | str, exc: OSError) -> CxkitError:
    """The error to stop with when the machine refuses a file operation."""
    cause = _CAUSES.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    return CxkitError(f"cannot {action} {Path(path).as_posix()}: {cause}")


@dataclass(slots=True)
class OutputFolder:
    root: Path
    force: bool = False
    # cxkit's files as recorded before this render, and the new ones it writes.
    _record: dict[str, str] = field(default_factory=dict, init=False)
    _new: dict[str, str] = field(default_factory=dict, init=False)
    # Files a killed commit was replacing: either content is cxkit's.
    _replacing: dict[str, str] = field(default_factory=dict, init=False)
    # The digest of each existing file this render replaces, and its permissions (kept).
    _found: dict[str, str] = field(default_factory=dict, init=False)
    _modes: dict[str, int] = field(default_factory=dict, init=False)
    _staging: Path | None = field(default=None, init=False)
    _staged_folders: set[Path] = field(default_factory=set, init=False)
    _made_root: list[Path] = field(default_factory=list, init=False)
    _resolved: Path | None = field(default=None, init=False)
    # Each folder inside the output, by its relative name: resolved once, and made once.
    _folders: dict[str, Path] = field(default_factory=dict, init=False)
    _made: set[Path] = field(default_factory=set, init=False)

    @contextmanager
    def opened(self) -> Iterator[None]:
        """The folder, made if need be, locked, cleared of a killed render's leftovers, with a
        staging folder to write into; on failure, the staging folder removed again, and the
        output folder too when this render made it and nothing else is in it."""
        self._refuse_unsafe_root()
        lock = self._make_and_lock()
        try:
            self._remove_leftovers()
            self._record, self._replacing = self._read_record()
            self._staging = attempt("write into", self.root, self._make_staging)
            yield
        except BaseException:
            self._abandon()
            raise
        finally:
            if self._staging is not None:
                shutil.rmtree(self._staging, ignore_errors=True)
            if lock is not None:
                os.close(lock)  # releases the lock

    # --- opening ----------------------------------------------------------------------------

    def _refuse_unsafe_root(self) -> None:
        """A filesystem root is no output folder, and a link is not followed: a dangling one
        would make its target, wherever it points."""
        if self.root.is_symlink():
            raise CxkitError(
                f"the output folder {self.root} is a symbolic link; cxkit writes only into a"
                " real folder: give the folder itself"
            )
        real = attempt("find the output folder", self.root, self.root.resolve)
        if real.parent == real:
            raise CxkitError(
                f"refusing to write into {self.root}, the root of the file system;"
                " give a folder of its own for the render"
            )
        if self.root.exists() and not self.root.is_dir():
            raise CxkitError(f"the output path is a file, not a folder: {self.root}")

    def _make_and_lock(self) -> int | None:
        """Make the folder if it is missing, and lock it. A render that failed in a folder it
        had made removes it again, which a render waiting for that folder sees, and retries."""
        for _ in range(3):
            self._make_root()
            lock = _lock(self.root)
            if lock is None or _same_folder(lock, self.root):
                return lock
            os.close(lock)
        raise CxkitError(f"the output folder {self.root} keeps disappearing; try again")

    def _make_root(self) -> None:
        missing = []
        folder = self.root
        while not folder.exists() and folder.parent != folder:
            missing.append(folder)
            folder = folder.parent
        if missing:
            attempt(
                "make the output folder",
                self.root,
                lambda: self.root.mkdir(parents=True, exist_ok=True),
            )
        self._made_root = self._made_root or missing

    def _remove_leftovers(self) -> None:
        """Remove the staging folder a killed render left (the lock says none is running)."""
        for entry in attempt("read", self.root, lambda: list(os.scandir(self.root))):
            if entry.name.startswith(STAGING_PREFIX) or _is_old_temporary(entry.name, {MANIFEST}):
                attempt("remove", entry.path, partial(_remove, entry.path))

    def _read_record(self) -> tuple[dict[str, str], dict[str, str]]:
        data = _read_regular(self.root / MANIFEST, MAX_MANIFEST_BYTES)
        try:
            body = json.loads(data) if data is not None else None
        except (ValueError, RecursionError):  # not a record cxkit wrote: none is kept
            body = None
        if not isinstance(body, dict):
            return {}, {}
        return _digests(body.get("files")), _digests(body.get("replacing"))

    def _make_staging(self) -> Path:
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))

    def _abandon(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        for folder in self._made_root:  # deepest first; each only if left empty
            try:
                folder.rmdir()
            except OSError:
                break

    # --- checking ---------------------------------------------------------------------------

    def check(self, relative: str) -> Path:
        """The path for `relative`, refused when it would leave the folder or clobber a file.

        A render checks every file before it writes any, so a refusal leaves the folder as it
        was.
        """
        if any(part in ("", ".", "..") for part in relative.split("/")) or "\\" in relative:
            raise CxkitError(f"refusing to write outside the output folder: {relative}")
        target = self._inside(relative)
        try:
            found = os.lstat(target)
        except FileNotFoundError:
            return target
        except OSError as exc:
            raise fault("read", self.root / relative, exc) from None
        if stat.S_ISDIR(found.st_mode):
            raise CxkitError(f"{self.root / relative} is a folder; cxkit will not replace it")
        if not self.force and not self._is_ours(relative, target, found):
            raise CxkitError(
                f"{self.root / relative} exists and was not written by cxkit;"
                " use --force to overwrite it, or pick another output folder"
            )
        self._modes[relative] = stat.S_IMODE(found.st_mode)
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

    def _is_ours(self, relative: str, target: Path, found: os.stat_result) -> bool:
        if not stat.S_ISREG(found.st_mode):
            return False
        data = _read_regular(target)
        if data is None:
            return False
        digest = _digest(data)
        if digest not in (self._record.get(relative), self._replacing.get(relative)):
            return False
        self._found[relative] = digest
        return True

    # --- staging ----------------------------------------------------------------------------

    def stage(self, relative: str, text: str) -> str:
        """Write a file `check` allowed into the staging folder; its digest, for the record.

        Forked processes stage their pages too, and send the digests back to be recorded.
        """
        assert self._staging is not None, "stage inside `opened`"
        path = self._staging / relative
        data = text.encode("utf-8")  # once, for the file and for its digest
        mode = self._modes.get(relative)
        attempt("write", self.root / relative, lambda: self._write_staged(path, data, mode))
        digest = self._new[relative] = _digest(data)
        return digest

    def _write_staged(self, path: Path, data: bytes, mode: int | None) -> None:
        """Write `data` to `path` with the permissions `mode`, else those the user's umask
        gives a new file."""
        folder = path.parent
        if folder not in self._staged_folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._staged_folders.add(folder)
        handle = os.open(path, _WRITE_FLAGS, 0o666)
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)

    def record(self, relative: str, digest: str) -> None:
        """Note a file another process staged for this render."""
        self._new[relative] = digest

    # --- committing -------------------------------------------------------------------------

    def commit(self) -> None:
        """Move every staged file into place, recording first what it replaces."""
        assert self._staging is not None, "commit inside `opened`"
        files = {**self._record, **self._new}
        kept = {rel: d for rel, d in self._replacing.items() if rel not in self._new}
        replaced = {rel: self._found[rel] for rel in self._new if rel in self._found}
        self._write_record(files, {**kept, **replaced})
        placed: dict[Path, set[str]] = {}  # the names written in each folder
        for relative in self._new:
            target = self._place(relative)
            attempt(
                "write",
                self.root / relative,
                partial(os.replace, self._staging / relative, target),
            )
            placed.setdefault(target.parent, set()).add(target.name)
        self._remove_old_temporaries(placed)
        self._write_record(files, kept)
        shutil.rmtree(self._staging, ignore_errors=True)
        self._staging = None

    def _place(self, relative: str) -> Path:
        """Where a staged file goes, checked again to be inside the folder, and its folder made
        (a link put in the place of either since the check is refused)."""
        target = self._inside(relative)
        folder = target.parent
        if folder not in self._made:
            attempt("make the folder", folder, lambda: folder.mkdir(parents=True, exist_ok=True))
            if folder.resolve() != folder:
                raise CxkitError(f"refusing to write outside the output folder: {relative}")
            self._made.add(folder)
        return target

    def _write_record(self, files: dict[str, str], replacing: dict[str, str]) -> None:
        """Record what is cxkit's: written in the staging folder, then moved into place."""
        assert self._staging is not None
        body: dict[str, object] = {
            "generator": "cxkit render",
            "files": dict(sorted(files.items())),
        }
        if replacing:
            body["replacing"] = dict(sorted(replacing.items()))
        staged = self._staging / MANIFEST
        target = self.root / MANIFEST
        try:
            mode: int | None = stat.S_IMODE(os.lstat(target).st_mode)
        except OSError:
            mode = None
        data = (json.dumps(body, indent=2) + "\n").encode("utf-8")
        attempt("write", target, lambda: self._write_staged(staged, data, mode))
        attempt("write", target, lambda: os.replace(staged, target))

    def _remove_old_temporaries(self, placed: dict[Path, set[str]]) -> None:
        """Remove what earlier versions of cxkit left when killed while writing a file of this
        render: `.NAME.XXXXXXXX.tmp` beside it."""
        for folder, written in placed.items():
            entries = attempt("read", folder, partial(os.listdir, folder))
            stale = [folder / name for name in entries if _is_old_temporary(name, written)]
            for path in stale:
                attempt("remove", path, partial(os.unlink, path))


def attempt(action: str, path: Path | str, operation: Callable[[], _T]) -> _T:
    """`operation()`, its OSError told as what could not be done to `path` and why."""
    try:
        return operation()
    except OSError as exc:
        raise fault(action, path, exc) from None


def _lock(folder: Path) -> int | None:
    """Lock the folder for this render, or stop when another render holds it. The lock is the
    folder's own (no lock file): it goes when this process and its workers end, however."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        return None
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        raise fault("open the output folder", folder, exc) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise CxkitError(
            f"another cxkit render is writing into {folder}; run again once it has finished"
        ) from None
    except OSError:
        pass  # a file system without locks: render unlocked, as before locks
    return handle


def _same_folder(handle: int, folder: Path) -> bool:
    try:
        now = os.stat(folder, follow_symlinks=False)
    except OSError:
        return False
    locked = os.fstat(handle)
    return (now.st_dev, now.st_ino) == (locked.st_dev, locked.st_ino)


def _read_regular(path: Path, limit: int | None = None) -> bytes | None:
    """A regular file's bytes (at most `limit`), or None: a link, a FIFO or a device is not
    waited on or read, nor is a file that cannot be read."""
    try:
        handle = os.open(path, READ_FLAGS)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        try:
            data = file.read() if limit is None else file.read(limit + 1)
        except OSError:
            return None
    return data if limit is None or len(data) <= limit else None


def _digests(value: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _is_old_temporary(entry: str, names: Collection[str]) -> bool:
    match = _OLD_TEMPORARY.fullmatch(entry)
    return match is not None and match["name"] in names


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)
