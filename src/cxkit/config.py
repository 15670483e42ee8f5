"""The config file, `.cxkit.yaml`: where it is, what it may say, and what it means.

Which file: `--config FILE`, else `CXKIT_CONFIG`, else the nearest `.cxkit.yaml` (or `.cxkit.yml`)
found walking up from the workspace folder (or the current folder when no workspace is named),
stopping at the repository root, the folder that holds `.git`. No file means every default.

The file is read by the same safe reader as workspace files and validated by a model that rejects
unknown keys, so every problem has a file:line:col. A config with problems stops the command:
guessing what a broken config meant would check the workspace against the wrong rules. Paths in
it are relative to its own folder. Command-line options override it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxkit.checks.findings import Finding, Location, Severity
from cxkit.checks.policy import Policy
from cxkit.checks.rules import RULES
from cxkit.errors import CxkitError
from cxkit.model.suggest import suggest
from cxkit.source.document import YamlDocument
from cxkit.source.files import read_named
from cxkit.source.globs import IgnoreRules
from cxkit.source.yamlreader import FileKind, read_yaml

if TYPE_CHECKING:
    from cxkit.model.config import ConfigFile, Setting

CONFIG_NAMES = (".cxkit.yaml", ".cxkit.yml")
CONFIG_FILE = FileKind(
    "config file",
    "settings (workspace, rules, ignore, fail_severity, render, coverage, calendar,"
    " review_every_days)",
)


@dataclass(frozen=True, slots=True)
class Config:
    """The settings in force: a config file's (or the defaults) with its paths resolved."""

    path: Path | None  # None: no config file
    settings: ConfigFile | None  # None: every default
    # Where each coverage minimum is written (`coverage.touchpoints` -> its place), for findings.
    places: dict[str, Location] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        """The folder that paths in the config are relative to."""
        return self.path.parent if self.path is not None else Path()

    @property
    def workspace(self) -> Path | None:
        """The workspace the config names, refused outside the config file's own folder: a
        config comes with the repository being checked, which anyone may have written, and
        must not point cxkit at YAML files elsewhere on the machine (a folder named on the
        command line may be anywhere)."""
        written = self.settings.workspace if self.settings else None
        if written is None:
            return None
        folder = self.folder / written
        if not folder.resolve().is_relative_to(self.folder.resolve()):
            raise CxkitError(
                f"the config's workspace ({_shown(folder).as_posix()}) leads outside the config"
                " file's folder; a config names a workspace inside its own folder (name others"
                " on the command line)"
            )
        return _shown(folder)

    @property
    def severities(self) -> dict[str, Setting]:
        return dict(self.settings.rules) if self.settings else {}

    @property
    def fail_severity(self) -> Severity | None:
        return self.settings.fail_severity if self.settings else None

    @property
    def ignore(self) -> IgnoreRules | None:
        patterns = self.settings.ignore if self.settings else []
        return IgnoreRules(self.folder, list(patterns)) if patterns else None

    @property
    def templates(self) -> Path | None:
        written = self.settings.render.templates if self.settings else None
        return None if written is None else _shown(self.folder / written)

    @property
    def waves(self) -> dict[str, int]:
        from cxkit.model.config import ConfigFile

        return (self.settings or ConfigFile()).render.waves.model_dump()

    @property
    def conflict_days(self) -> int:
        """How many days apart two releases changing one touchpoint may be and still collide."""
        from cxkit.model.config import ConfigFile

        return (self.settings or ConfigFile()).calendar.conflict_days

    def policy(self) -> Policy:
        """The coverage minimums and the review cadence, with today's date."""
        if self.settings is None:
            return Policy()
        written = self.settings.coverage.model_dump(exclude_none=True)
        return Policy(
            targets=written,
            where={name: self.places[name] for name in written if name in self.places},
            review_every_days=self.settings.review_every_days,
            cadence_set="review_every_days" in self.settings.model_fields_set,
        )


DEFAULTS = Config(None, None)


def resolve_config(explicit: Path | None, start: Path | None, *, isolated: bool = False) -> Config:
    """The config in force for a command on the workspace `start` (None: the current folder).

    `explicit` (from --config or CXKIT_CONFIG) wins over the nearest config file; `isolated`
    uses the defaults whatever files exist.
    """
    if isolated:
        return DEFAULTS
    path = explicit if explicit is not None else find_config(start or Path())
    return DEFAULTS if path is None else load_config(path)


def find_config(start: Path) -> Path | None:
    """The nearest config file in `start` or a folder above, up to the repository root."""
    folder = (start.parent if start.is_file() else start).resolve()
    for here in (folder, *folder.parents):
        found = [here / name for name in CONFIG_NAMES if (here / name).is_file()]
        if len(found) > 1:
            names = " and ".join(_shown(p).as_posix() for p in found)
            raise CxkitError(f"two config files, {names}: keep one")
        if found:
            return _shown(_inside_its_folder(found[0], here))
        if (here / ".git").exists():
            return None
    return None


def _inside_its_folder(path: Path, folder: Path) -> Path:
    """`path`, a config file found in `folder`; CxkitError when it is a link leading out of it.

    A config file found in a checkout is as untrusted as the rest of it: a link to a file
    elsewhere would have cxkit read it and quote it in the config's problems. A file named
    with --config or CXKIT_CONFIG is the user's own choice and read wherever it is.
    """
    if not path.resolve().is_relative_to(folder):
        raise CxkitError(
            f"the config file {(_shown(folder) / path.name).as_posix()} is a link that leads"
            " outside its folder; cxkit reads a config file it finds only inside its folder"
            " (name it with --config to read it anyway)"
        )
    return path


def load_config(path: Path) -> Config:
    """Read and validate the config file at `path`; CxkitError listing every problem."""
    # The models (pydantic) are imported only when there is a config file to read.
    from cxkit.model.config import ConfigFile
    from cxkit.model.validation import validate_document

    raw = read_named(path, "config file")
    doc = read_yaml(path.as_posix(), raw, CONFIG_FILE)
    problems = list(doc.problems)
    settings = ConfigFile()
    if doc.data is not None:
        settings, invalid = validate_document(doc, ConfigFile)
        problems += invalid
        problems += _rule_problems(doc)
    if problems:
        listed = "\n".join(f"{f.location}: {f.message}" for f in sorted(problems))
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise CxkitError(f"the config file {path.as_posix()} has {count}:\n{listed}")
    return Config(path, settings, _target_places(doc, settings))


def _target_places(doc: YamlDocument, settings: ConfigFile) -> dict[str, Location]:
    """Where each coverage minimum the config sets is written: its key."""
    written = settings.coverage.model_dump(exclude_none=True)
    return {
        name: Location(doc.path, *doc.position(("coverage", name), key=True)) for name in written
    }


def _rule_problems(doc: YamlDocument) -> Iterator[Finding]:
    """Rule ids the config cannot set: unknown ones, and the format checks (always errors)."""
    rules = doc.data.get("rules") if isinstance(doc.data, dict) else None
    if not isinstance(rules, dict):
        return
    configurable = [r.id for r in RULES.values() if r.configurable]
    for rule_id in rules:
        rule = RULES.get(rule_id)
        if rule is not None and rule.configurable:
            continue
        line, col = doc.position(("rules", rule_id), key=True)
        message = (
            f"unknown rule '{rule_id}'{suggest(rule_id, configurable)}; `cxkit rules` lists them"
            if rule is None
            else f"'{rule_id}' is a format check: format checks are always errors and cannot"
            " be configured"
        )
        yield Finding(Location(doc.path, line, col), "invalid-value", message)


def _shown(path: Path) -> Path:
    """A path as the user would write it: relative to the current folder (`journeys`,
    `../journeys`) unless the two share nothing but the filesystem root."""
    if not path.is_absolute():
        return Path(os.path.normpath(path))
    here = Path.cwd().resolve()
    resolved = path.resolve()
    try:
        common = Path(os.path.commonpath([here, resolved]))
    except ValueError:  # another drive, on Windows
        return path
    if common == Path(common.anchor):
        return path
    return Path(os.path.relpath(resolved, here))
