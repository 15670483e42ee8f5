"""The impact document both ways: `document` writes an `Impact`, `parse` reads it back.

What is read back must write the same document again, byte for byte, for the example changes,
the benchmarks' generated change and a `--since` change; and a document malformed at any place
must be refused with that place named, never taken in or failed on.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import generate

from cxkit.analysis.changes import change_since, load_change
from cxkit.analysis.graph import build_graph
from cxkit.analysis.impact import Impact, PlannedChange, analyse
from cxkit.errors import CxkitError
from cxkit.report import jsondoc
from cxkit.report.impact_json import CXKIT, Tool, document, load, parse
from cxkit.workspace import load_workspace
from tests.conftest import CHANGES, EXAMPLE, Run

Place = tuple[str | int, ...]


def impact_of(change_file: Path, workspace: Path) -> Impact:
    ws = load_workspace(workspace)
    change, _ = load_change(change_file, ws)
    assert change is not None
    return analyse(PlannedChange.of(change), ws, build_graph(ws))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The benchmarks' workspace, small, and its change file."""
    out = tmp_path_factory.mktemp("bench")
    return out / "change.yaml", generate(1000, out)


@pytest.mark.parametrize("change", ["ivr-callback", "new-billing-platform"])
def test_an_example_change_reads_back_as_itself(change: str) -> None:
    impact = impact_of(CHANGES / f"{change}.yaml", EXAMPLE)
    written = document(impact)
    read, tool = parse(written)
    assert read == impact
    assert tool == CXKIT
    assert document(read, tool) == written


def test_the_generated_change_reads_back_as_itself(generated: tuple[Path, Path]) -> None:
    impact = impact_of(*generated)
    assert impact.touchpoints and impact.waves  # a change with something in every list
    written = document(impact)
    read, tool = parse(written)
    assert read == impact
    assert document(read, tool) == written


def test_a_since_change_reads_back_as_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A change made from a diff has no owner and an id with a slash: no change file could say
    # so, yet its document must read back like any other.
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "journeys").mkdir()
    tp = repo / "journeys" / "touchpoints.yaml"
    tp.write_text("touchpoints:\n  - {id: help, name: Help}\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c"]
    subprocess.run([*git, "commit.gpgsign=false", "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit.gpgsign=false", "commit", "-qm", "x"], cwd=repo, check=True)
    tp.write_text("touchpoints:\n  - {id: help, name: Help, channel: chat}\n", encoding="utf-8")
    monkeypatch.chdir(repo)  # git reads the revision of the repository it is run in
    change, ws = change_since("HEAD", Path("journeys"))
    impact = analyse(change, ws, build_graph(ws))
    assert impact.change.owner == "" and impact.touchpoints
    written = document(impact)
    read, tool = parse(written)
    assert read == impact
    assert document(read, tool) == written


@pytest.mark.parametrize("change", ["ivr-callback", "new-billing-platform"])
def test_a_saved_document_writes_again_byte_for_byte(
    cxkit: Run, tmp_path: Path, change: str
) -> None:
    saved = tmp_path / "impact.json"
    made = cxkit("impact", CHANGES / f"{change}.yaml", "-w", EXAMPLE, "-f", "json", "-o", saved)
    assert made.code == 0, made.err
    impact, tool = load(saved.read_bytes(), "impact.json")
    again = io.StringIO()
    jsondoc.dump(document(impact, tool), again)
    assert again.getvalue() == saved.read_text(encoding="utf-8")


def test_the_tool_that_wrote_a_document_is_kept() -> None:
    written = document(impact_of(CHANGES / "ivr-callback.yaml", EXAMPLE), Tool("cxkit", "0.0.1"))
    _, tool = parse(written)
    assert tool == Tool("cxkit", "0.0.1")


# --- malformed documents -------------------------------------------------------------------


# Mappings whose keys are ids the change file chose (owner and persona notes), not fields.
FREE_KEYS = {("change", "notes", "teams"), ("change", "notes", "customers")}


def under_free_key(where: Place) -> bool:
    """A note under an id the change file chose: no field to miss, and named by its id."""
    return len(where) > 3 and where[:3] in FREE_KEYS


@pytest.fixture(scope="module")
def written() -> dict[str, Any]:
    return document(impact_of(CHANGES / "ivr-callback.yaml", EXAMPLE))


def places(value: Any, where: Place = ()) -> Iterator[Place]:
    """Every place in a JSON value, below the top (the top's `kind` says what it is: left out)."""
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if where or key != "kind":
            yield (*where, key)
            yield from places(item, (*where, key))


def shown(where: Place) -> str:
    return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in where).lstrip(".")


def changed(data: dict[str, Any], where: Place, value: Any = None, *, drop: bool = False) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    if drop:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    return data


def refusal(data: Any) -> str:
    with pytest.raises(CxkitError) as caught:
        parse(data, "saved.json")
    return str(caught.value)


def test_a_value_of_the_wrong_kind_anywhere_is_named(written: dict[str, Any]) -> None:
    # A list holding an empty mapping is wrong everywhere in the document: where a text, a
    # number, a flag or a mapping belongs, and inside every list (no list holds mappings
    # without fields). The place named is the value's, or one inside it.
    for where in places(written):
        if under_free_key(where):
            continue
        message = refusal(changed(written, where, [{}]))
        assert message.startswith(f"saved.json: {shown(where)}"), (where, message)
        assert message.endswith("; write it again with cxkit impact -f json")


def test_a_missing_field_anywhere_is_named(written: dict[str, Any]) -> None:
    for where in places(written):
        if isinstance(where[-1], str) and not under_free_key(where):
            message = refusal(changed(written, where, drop=True))
            assert message.startswith(f"saved.json: {shown(where)}: missing;"), message


def test_a_field_cxkit_never_writes_is_named(written: dict[str, Any]) -> None:
    for where in [*places(written), ()]:
        if where in FREE_KEYS:
            continue
        parent = written
        for step in where:
            parent = parent[step]
        if isinstance(parent, dict):
            message = refusal(changed(written, (*where, "colour"), "red"))
            assert message.startswith(f"saved.json: {shown((*where, 'colour'))}: not a field")


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        (("change", "release"), "2025-02-30", "2025-02-30 is not a real date"),
        (("change", "release"), "20251215", "expected a date as YYYY-MM-DD, got '20251215'"),
        (("touchpoints", 0, "how"), "sideways", "expected one of 'direct', 'downstream'"),
        (("waves", 0, "number"), 0, "expected a wave number from 1 to 4, got 0"),
        (("waves", 0, "number"), True, "expected a whole number, got true"),
        (("totals", "stages_changed"), 2.5, "expected a whole number, got 2.5"),
        (("most_exposed", 0), "nowhere", "'nowhere' is not the id of one of the touchpoints"),
        (("version",), "1", "expected one of 2, got '1'"),
    ],
)
def test_a_value_of_the_right_kind_but_wrong(
    written: dict[str, Any], where: Place, value: Any, says: str
) -> None:
    message = refusal(changed(written, where, value))
    assert message.startswith(f"saved.json: {shown(where)}: {says}"), message


def test_a_key_that_is_no_name_is_quoted_on_one_line(written: dict[str, Any]) -> None:
    message = refusal(changed(written, ("touchpoints", 1, "a\nb"), 1))
    assert message.startswith("saved.json: touchpoints[1]['a\\nb']: not a field"), message


def test_json_that_is_no_document(tmp_path: Path) -> None:
    with pytest.raises(CxkitError, match="not an impact document"):
        load(json.dumps([1]).encode(), "x.json")
    with pytest.raises(CxkitError, match="version 3; this cxkit reads version 2"):
        load(json.dumps({"kind": "impact", "version": 3}).encode(), "x.json")
    with pytest.raises(CxkitError, match=r"cannot read the impact document x\.json"):
        load(b"\xff{", "x.json")
