"""Load a workspace: discover files, read them, validate them, index every entity.

The result is one model of all files with a finding for every problem met on the way. Nothing
here raises for bad content; only a missing or unreadable workspace folder is fatal.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from cxkit.checks.findings import Finding, Location
from cxkit.model.records.base import Record
from cxkit.model.records.generated import (
    Journey,
    Owner,
    Persona,
    Stage,
    System,
    Touchpoint,
    WorkspaceFile,
    build,
)
from cxkit.runtime.keep import keep
from cxkit.source.discovery import Ignore, discover, no_files_found
from cxkit.source.document import YamlDocument
from cxkit.source.yamlreader import Source, read_yaml_files

E = TypeVar("E", bound=Record)
DataPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Placed(Generic[E]):
    """An entity and where it is written: its file and its path inside the file's data."""

    entity: E
    doc: YamlDocument
    path: DataPath

    def location(self, *fields: str | int, key: bool = False) -> Location:
        line, col = self.doc.position(self.path + fields, key=key)
        return Location(self.doc.path, line, col)


@dataclass(frozen=True, slots=True)
class Step:
    """One touchpoint on a journey: which stage, which of its paths, which touchpoint.

    A journey's steps are listed stage by stage and, inside a stage, path by path, each path
    in the order the customer meets it (`cxkit.analysis.route` says what comes next).
    """

    journey: str
    stage: str
    index: int  # position in the journey's list of steps, from 0
    touchpoint: str
    place: Placed[Stage]
    item: tuple[str | int, ...]  # where the item stands in the stage: ("touchpoints", 2), ...
    stage_index: int  # the stage's position in the journey, from 0
    path: str = ""  # the stage's path it is on; '' in a stage of one path (`touchpoints`)


@dataclass(slots=True)
class Workspace:
    """Every entity of a workspace by kind and id (the first definition wins)."""

    root: Path
    documents: list[YamlDocument] = field(default_factory=list)
    owners: dict[str, Placed[Owner]] = field(default_factory=dict)
    personas: dict[str, Placed[Persona]] = field(default_factory=dict)
    systems: dict[str, Placed[System]] = field(default_factory=dict)
    touchpoints: dict[str, Placed[Touchpoint]] = field(default_factory=dict)
    journeys: dict[str, Placed[Journey]] = field(default_factory=dict)
    # Every definition, duplicates included, by kind then id.
    definitions: dict[str, dict[str, list[Placed[Record]]]] = field(default_factory=dict)
    # The customer's path through each journey, and every step that uses each touchpoint.
    paths: dict[str, list[Step]] = field(default_factory=dict)
    uses: dict[str, list[Step]] = field(default_factory=dict)
    all_paths: list[list[Step]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def all_steps(self) -> Iterator[Step]:
        """Every step of every journey, duplicated journeys included."""
        for steps in self.all_paths:
            yield from steps

    def definitions_of(self, kind: str) -> Iterator[Placed[Record]]:
        """Every definition of a kind, duplicates included, in file order."""
        for places in self.definitions.get(kind, {}).values():
            yield from places


def load_workspace(
    root: Path, ignore: Ignore | None = None, *, allow_empty: bool = False
) -> Workspace:
    """Read and index every file of the workspace folder at `root` (but those `ignore` names).

    A folder without workspace files is an error, unless `allow_empty`.
    """
    return build_workspace(root, *folder_sources(root, ignore, allow_empty=allow_empty))


def folder_sources(
    root: Path, ignore: Ignore | None = None, *, allow_empty: bool = False
) -> tuple[list[Source], list[Finding]]:
    """The files of the workspace folder at `root`, and a finding for each one left unread.

    A folder with nothing in it to read is an error (CxkitError), unless `allow_empty`.
    """
    found = discover(root, ignore)
    if not (found.files or found.skipped or allow_empty):
        raise no_files_found(root.as_posix(), found.ignored)
    notes = [
        Finding(Location(skip.display), "file-unreadable", skip.reason) for skip in found.skipped
    ]
    return [(f.display, f.real.read_bytes) for f in found.files], notes


def build_workspace(
    root: Path,
    sources: list[Source],
    notes: list[Finding] | None = None,
    documents: list[YamlDocument] | None = None,
) -> Workspace:
    """Read and index files from anywhere (a folder, a git revision).

    `documents` are the sources already read, one for each and in the same order, where
    another process read them (source/background.py).
    """
    workspace = Workspace(root=root, findings=list(notes or []))
    keep(workspace)
    if documents is None:
        documents = read_sources(sources)
    for doc, (display, read) in zip(documents, sources, strict=True):
        workspace.documents.append(doc)
        workspace.findings.extend(doc.problems)
        if doc.data is None:
            continue
        records = build(doc.data)
        if records is None:
            if not doc.positioned:  # its problems need positions: read it again, here
                doc = workspace.documents[-1] = read_yaml_files([(display, read)])[0]
            records, problems = _explained(doc)
            workspace.findings.extend(problems)
        _index(workspace, doc, records)
    return workspace


def read_sources(sources: list[Source]) -> list[YamlDocument]:
    """Each source read into a document."""
    # Reading builds many small objects and no cycles; the cyclic collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return read_yaml_files(sources)
    finally:
        if collecting:
            gc.enable()


def _explained(doc: YamlDocument) -> tuple[WorkspaceFile, list[Finding]]:
    """What the models say of a file the fast check refused: a finding for each problem, and
    the records of everything in it that is valid.

    pydantic is imported here, not at the top: a workspace without problems never needs it, and
    importing it costs more than checking a small workspace.
    """
    from cxkit.model.entities import WorkspaceFile as FileModel
    from cxkit.model.validation import as_record, validate_document

    model, problems = validate_document(doc, FileModel)
    return as_record(model), problems


def _index(workspace: Workspace, doc: YamlDocument, model: WorkspaceFile) -> None:
    for i, owner in enumerate(model.owners):
        _define(workspace, workspace.owners, "owners", Placed(owner, doc, ("owners", i)))
    for i, persona in enumerate(model.personas):
        _define(workspace, workspace.personas, "personas", Placed(persona, doc, ("personas", i)))
    for i, system in enumerate(model.systems):
        _define(workspace, workspace.systems, "systems", Placed(system, doc, ("systems", i)))
    for i, touchpoint in enumerate(model.touchpoints):
        _define(
            workspace,
            workspace.touchpoints,
            "touchpoints",
            Placed(touchpoint, doc, ("touchpoints", i)),
        )
    for i, journey in enumerate(model.journeys):
        placed = Placed(journey, doc, ("journeys", i))
        _define(workspace, workspace.journeys, "journeys", placed)
        _index_journey(workspace, placed)


def _index_journey(workspace: Workspace, journey: Placed[Journey]) -> None:
    steps: list[Step] = []
    for s, stage in enumerate(journey.entity.stages):
        stage_place = Placed(stage, journey.doc, (*journey.path, "stages", s))
        for lane, items in stage.lanes().items():
            for t, item in enumerate(items):
                where = (*stage.lane_field(lane), t)
                if isinstance(item, Touchpoint):
                    placed = Placed(item, journey.doc, (*stage_place.path, *where))
                    _define(workspace, workspace.touchpoints, "touchpoints", placed)
                    ident = item.id
                else:
                    ident = item
                if ident:
                    steps.append(
                        Step(
                            journey.entity.id,
                            stage.id,
                            len(steps),
                            ident,
                            stage_place,
                            where,
                            s,
                            lane,
                        )
                    )
    workspace.all_paths.append(steps)
    if journey.entity.id and journey.entity.id not in workspace.paths:
        workspace.paths[journey.entity.id] = steps
        for step in steps:
            workspace.uses.setdefault(step.touchpoint, []).append(step)


def _define(
    workspace: Workspace, index: dict[str, Placed[E]], kind: str, placed: Placed[E]
) -> None:
    ident = getattr(placed.entity, "id", "")
    if not ident:
        return
    workspace.definitions.setdefault(kind, {}).setdefault(ident, []).append(placed)  # type: ignore[arg-type]
    index.setdefault(ident, placed)
