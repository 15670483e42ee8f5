"""`cxkit render SAVED.json`: a saved impact document is read by one parser into the impact.

A document malformed anywhere, not only at its top, is one clear error naming the place of the
bad value, exit 2, and nothing written; one cxkit wrote renders as the change file itself does,
and templates are given the document as it was saved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_render import IVR, example_pack, render, snapshot
from tests.conftest import EXAMPLE, Run, write

REWRITE = "; write it again with cxkit impact -f json"


def saved(cxkit: Run) -> dict[str, Any]:
    made = cxkit("impact", IVR, "-w", EXAMPLE, "-f", "json")
    assert made.code == 0, made.err
    data: dict[str, Any] = json.loads(made.out)
    return data


def at(data: dict[str, Any], *where: str | int) -> Any:
    for step in where:
        data = data[step]
    return data


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        # a touchpoint that is not a mapping
        (("touchpoints", 2), ["ivr-menu"], "touchpoints[2]: expected a mapping, got a list"),
        (("touchpoints", 2, "how"), "sideways", "touchpoints[2].how: expected one of 'direct',"),
        # a release date that is not a date, and one that is no real day
        (("change", "release"), "soon", "change.release: expected a date as YYYY-MM-DD"),
        (("change", "release"), "2025-02-30", "change.release: 2025-02-30 is not a real date"),
        # wrong types deep inside
        (("waves", 1, "audience", 0, "active"), "yes", "waves[1].audience[0].active: expected"),
        (("engage", 0, "because"), "ivr-menu", "engage[0].because: expected a list, got"),
        (("journeys", 0, "stages_total"), "4", "journeys[0].stages_total: expected a whole"),
        (("decider",), "telephony", "decider: expected a mapping, got 'telephony'"),
        (("waves", 0, "number"), -3, "waves[0].number: expected a wave number from 1 to 4"),
        (("most_exposed", 0), "nowhere", "most_exposed[0]: 'nowhere' is not the id of one"),
    ],
    ids=[
        "touchpoint-not-mapping",
        "how",
        "release-not-date",
        "release-no-day",
        "flag-deep",
        "list-deep",
        "number-as-text",
        "decider",
        "wave-number",
        "most-exposed",
    ],
)
def test_a_malformed_document_names_the_place(
    cxkit: Run, tmp_path: Path, where: tuple[str | int, ...], value: Any, says: str
) -> None:
    data = saved(cxkit)
    at(data, *where[:-1])[where[-1]] = value
    _refused(cxkit, tmp_path, data, says)


@pytest.mark.parametrize(
    ("where", "says"),
    [
        (("engage", 0, "who", "name"), "engage[0].who.name: missing"),
        (("change", "affects", "owners"), "change.affects.owners: missing"),
        (("totals",), "totals: missing"),
    ],
    ids=["deep", "in-the-change", "top"],
)
def test_a_missing_field_names_the_place(
    cxkit: Run, tmp_path: Path, where: tuple[str | int, ...], says: str
) -> None:
    data = saved(cxkit)
    del at(data, *where[:-1])[where[-1]]
    _refused(cxkit, tmp_path, data, says)


def test_a_field_cxkit_never_writes_names_the_place(cxkit: Run, tmp_path: Path) -> None:
    data = saved(cxkit)
    data["journeys"][1]["colour"] = "red"
    _refused(cxkit, tmp_path, data, "journeys[1].colour: not a field of an impact document")


def _refused(cxkit: Run, tmp_path: Path, data: dict[str, Any], says: str) -> None:
    document = write(tmp_path, "saved.json", json.dumps(data))
    out = tmp_path / "briefing"
    result = render(cxkit, document, "-w", EXAMPLE, "-o", out)  # never an internal error
    assert result.code == 2
    assert result.err.startswith(f"cxkit: error: {document}: {says}"), result.err
    assert result.err.endswith(f"{REWRITE}\n"), result.err
    assert result.err.count("\n") == 1
    assert not out.exists()


def test_templates_get_the_saved_document_as_it_was(cxkit: Run, tmp_path: Path) -> None:
    # A user's template sees `b.impact` as the document itself, the cxkit that wrote it too.
    data = saved(cxkit)
    data["tool"]["version"] = "0.0.1"
    document = write(tmp_path, "saved.json", json.dumps(data))
    templates = tmp_path / "templates"
    write(templates, "briefing/index.md.j2", "{{ b.impact | tojson }}\n")
    out = tmp_path / "briefing"
    result = render(cxkit, document, "-w", EXAMPLE, "-o", out, "--templates", templates)
    assert result.code == 0, result.err
    assert json.loads((out / "index.md").read_text(encoding="utf-8")) == data


def test_a_change_files_pack_gives_templates_its_impact_document(
    cxkit: Run, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    write(templates, "briefing/index.md.j2", "{{ b.impact | tojson }}\n")
    out = tmp_path / "briefing"
    example_pack(cxkit, out, "--templates", templates)
    assert json.loads((out / "index.md").read_text(encoding="utf-8")) == saved(cxkit)


def test_a_saved_document_renders_the_same_pack(cxkit: Run, tmp_path: Path) -> None:
    document = write(tmp_path, "saved.json", json.dumps(saved(cxkit)))
    from_yaml, from_json = tmp_path / "from-yaml", tmp_path / "from-json"
    example_pack(cxkit, from_yaml)
    result = render(cxkit, document, "-w", EXAMPLE, "-o", from_json)
    assert result.code == 0, result.err
    assert snapshot(from_json) == snapshot(from_yaml)
