"""`cxkit init`'s files: a small workspace that validates clean, a config, a change, schemas.

Every YAML file starts with the yaml-language-server line that points at the JSON Schema written
beside it, so an editor completes and checks fields as they are typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cxkit.errors import CxkitError
from cxkit.model.schema import schema_text
from cxkit.runtime.atomic import write_atomically

WORKSPACE_FOLDER = "journeys"

OWNERS = """\
# yaml-language-server: $schema=../schema/workspace.schema.json
# Who owns the experience: teams and people, the customers it is for, the systems behind it.
# Ids defined in one file can be used from any other file of the workspace.

owners:
  - {id: customer-care, name: Customer Care, kind: team, function: support, lead: sam}
  - {id: sam, name: Sam Patel, kind: person, team: customer-care, contact: sam@example.com}
  - {id: digital, name: Digital, kind: team, function: product, lead: lee}
  - {id: lee, name: Lee Chen, kind: person, team: digital}

personas:
  - id: new-customer
    name: New customer
    goals: [Get set up without having to call]

systems:
  - {id: website, name: Website, owner: digital}
"""

SIGN_UP = """\
# yaml-language-server: $schema=../schema/workspace.schema.json
# A journey: its stages in the order the customer lives them, each with its touchpoints.

journeys:
  - id: sign-up
    name: Sign up
    persona: new-customer
    leader: sam                   # the experience leader: one person answers for the journey
    goal: The customer is set up on the first attempt
    metrics:
      - {name: completion_rate, target: 0.9, actual: 0.93}
    stages:
      - id: discover
        name: Finds the offer
        touchpoints:
          - id: pricing-page
            name: Reads the prices
            channel: web
            owner: digital        # the one owner accountable for the touchpoint
            systems: [website]
            metrics:
              - {name: conversion, target: 0.05, actual: 0.06}
      - id: welcome
        name: Gets started
        touchpoints:
          - id: welcome-call
            name: Welcome call
            channel: phone
            owner: customer-care
            responsible: [sam]
            informed: [digital]
            moment_of_truth: true
            emotion: 4            # 1 very negative .. 5 delighted
            effort: 2             # 1 effortless .. 5 very high
            metrics:
              - {name: csat, target: 4.5, actual: 4.6, unit: points}
"""

CHANGE = """\
# yaml-language-server: $schema=../schema/change.schema.json
# A planned change, for `cxkit impact`: what it touches, why, and who owns it.
# Change files are not part of the workspace.

change:
  id: pricing-page-chat
  title: Offer chat on the pricing page
  reason: customer
  purpose: >-
    New customers call to ask what the pricing page could tell them; chat answers them there.
  owner: digital
  release: 2026-09-01
  affects:
    touchpoints: [pricing-page]
    systems: [website]
  customer_message: >-
    Questions about our prices? Chat with us right on the pricing page.
"""

CONFIG = """\
# yaml-language-server: $schema=schema/config.schema.json
# cxkit settings. Paths are relative to this file; command-line options override them.

# The workspace `cxkit validate` checks when no folder is named.
workspace: journeys

# A rule's severity (error, warning, info) or off: `cxkit rules` lists the rules.
# Format checks are always errors.
rules:
  touchpoint-unowned: warning
  # team-no-lead: off

# Files and folders not to read, as globs relative to this file (`**`: any folders).
ignore:
  # - journeys/archive/**

# The lowest severity that fails `cxkit validate`: error, warning or info.
fail_severity: error

# cxkit render: how many days before a change's release each wave of communication starts.
render:
  waves: {stakeholders: 21, teams: 14, informed: 7, customers: 0}
  # templates: templates
"""


@dataclass(frozen=True, slots=True)
class Planned:
    """A file `cxkit init` writes: its path below the folder, and its text."""

    path: str
    text: str


_SCHEMAS = ("workspace", "change", "config")


def planned_files() -> list[Planned]:
    return [
        Planned(".cxkit.yaml", CONFIG),
        Planned(f"{WORKSPACE_FOLDER}/owners.yaml", OWNERS),
        Planned(f"{WORKSPACE_FOLDER}/sign-up.yaml", SIGN_UP),
        Planned("changes/example.yaml", CHANGE),
        *(Planned(f"schema/{which}.schema.json", schema_text(which)) for which in _SCHEMAS),
    ]


def scaffold(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the starter files into `folder`; the paths written, in order.

    Refuses (CxkitError, nothing written) when a file is there already or the workspace folder
    holds files, unless `force`; and always when a path would lead outside `folder` through a
    link.
    """
    if folder.exists() and not folder.is_dir():
        raise CxkitError(f"not a folder: {folder}")
    planned = planned_files()
    targets = [_inside(folder, item.path) for item in planned]
    if not force:
        _refuse_to_overwrite(folder, targets)
    for item, target in zip(planned, targets, strict=True):
        try:
            write_atomically(target, item.text)
        except OSError as exc:
            raise CxkitError(f"cannot write {target}: {exc.strerror or exc}") from None
    return targets


def _inside(folder: Path, relative: str) -> Path:
    target = folder / relative
    top = folder.resolve()
    if not target.resolve().is_relative_to(top):
        raise CxkitError(
            f"{target} leads outside {folder} (through a link); cxkit init writes only inside it"
        )
    return target


def _refuse_to_overwrite(folder: Path, targets: list[Path]) -> None:
    existing = [t.as_posix() for t in targets if t.exists()]
    if existing:
        raise CxkitError(
            f"not overwriting {', '.join(existing)}; use --force to overwrite"
            f" {'it' if len(existing) == 1 else 'them'}"
        )
    workspace = folder / WORKSPACE_FOLDER
    if workspace.is_dir() and any(workspace.iterdir()):
        raise CxkitError(
            f"{workspace.as_posix()}/ holds files already and cxkit init starts a new workspace;"
            " use --force to add the example files to it"
        )
