"""The generated fast check accepts exactly what the pydantic models accept, and builds the same
records; and the generated file is what the generator writes today."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cxkit.model.entities import WorkspaceFile
from cxkit.model.records import generated as records
from cxkit.model.records.generated import build
from cxkit.model.validation import as_record
from cxkit.source.document import Quoted

FIELDS = {
    kind: list(record.field_names())
    for kind, record in {
        "owners": records.Owner,
        "personas": records.Persona,
        "systems": records.System,
        "touchpoints": records.Touchpoint,
        "metrics": records.Metric,
        "stages": records.Stage,
        "journeys": records.Journey,
    }.items()
}
# Texts that sit on the edges of the scalar types.
WORDS = [
    "team", "person", "higher", "lower", "true", "false", "True", "yes", "3", "0", "6", "-1",
    "2.5", "1e3", ".inf", "-.nan", "0x1f", "007", "a", "ivr-menu", "A", "a b", "a\n", "-a",
    "x" * 65, "", "null", "2026-01-31", "2026-02-30", "@team", "@org/team", "@", "é",
]  # fmt: skip

texts = st.sampled_from(WORDS) | st.text(max_size=6)
scalars = st.one_of(texts, texts.map(Quoted), st.none())


def mapping(kind: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.sampled_from([*FIELDS[kind], "extra"])
    return st.dictionaries(keys, values, max_size=len(FIELDS[kind]))


def values(depth: int) -> st.SearchStrategy[Any]:
    leaf = st.one_of(scalars, st.lists(scalars, max_size=3))
    if depth == 0:
        return leaf
    nested = st.sampled_from(["metrics", "stages", "touchpoints"]).flatmap(
        lambda kind: st.lists(mapping(kind, values(depth - 1)) | scalars, max_size=2)
    )
    return leaf | nested


def section(kind: str) -> st.SearchStrategy[Any]:
    return st.lists(mapping(kind, values(2)), max_size=2) | scalars


files = st.dictionaries(
    st.sampled_from(["owners", "personas", "systems", "touchpoints", "journeys", "stages"]),
    st.deferred(lambda: st.sampled_from(list(FIELDS)).flatmap(section)),
    max_size=3,
)
VALID_TOUCHPOINT = {
    "id": "ivr-menu",
    "name": "Phone menu",
    "owner": "team-contact",
    "responsible": ["a", Quoted("b")],
    "moment_of_truth": "true",
    "emotion": "2",
    "metrics": [{"name": "csat", "target": "4.5", "actual": "3", "better": "higher"}],
}


def models_accept(data: Any) -> WorkspaceFile | None:
    try:
        return WorkspaceFile.model_validate(data)
    except ValidationError:
        return None


def assert_same_verdict(data: Any) -> None:
    fast, model = build(data), models_accept(data)
    assert (fast is None) == (model is None), data
    if model is not None:
        assert fast == as_record(model)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(files)
def test_the_fast_check_and_the_models_agree_on_any_data(data: dict[str, Any]) -> None:
    assert_same_verdict(data)


changes = scalars | st.lists(scalars, max_size=2) | st.just([]) | st.just({})


@settings(max_examples=400)
@given(st.sampled_from(FIELDS["touchpoints"] + ["extra"]), changes)
def test_one_changed_field_of_a_valid_touchpoint_gets_the_same_verdict(
    name: str, value: Any
) -> None:
    touchpoint = {**VALID_TOUCHPOINT, name: value}
    stage = {"id": "s", "name": "S", "touchpoints": ["ivr-menu", touchpoint]}
    journey = {"id": "j", "name": "J", "stages": [stage]}
    assert_same_verdict({"touchpoints": [touchpoint], "journeys": [journey]})


@settings(max_examples=300)
@given(st.sampled_from(FIELDS["journeys"] + FIELDS["owners"] + ["extra"]), changes)
def test_one_changed_field_of_a_valid_journey_or_owner_gets_the_same_verdict(
    name: str, value: Any
) -> None:
    stage = {"id": "s", "name": "S", "touchpoints": ["ivr-menu"]}
    journey = {"id": "j", "name": "J", "leader": "ana", "stages": [stage], name: value}
    owner = {"id": "ana", "name": "Ana", "kind": "person", name: value}
    assert_same_verdict({"journeys": [journey]})
    assert_same_verdict({"owners": [owner]})


path_names = st.sampled_from(["phone", "chat", "Bad Name", "x" * 65]) | texts | texts.map(Quoted)
path_items = st.sampled_from(["ivr-menu", VALID_TOUCHPOINT, {"id": "x"}]) | scalars
paths = st.dictionaries(path_names, changes | st.lists(path_items, max_size=3), max_size=3)


@settings(max_examples=400)
@given(paths | changes, st.sampled_from([None, ["ivr-menu"]]))
def test_a_stage_s_paths_get_the_same_verdict(value: Any, touchpoints: list[str] | None) -> None:
    stage: dict[str, Any] = {"id": "s", "name": "S", "paths": value}
    if touchpoints is not None:  # both: the models take it, integrity reports it
        stage["touchpoints"] = touchpoints
    assert_same_verdict({"journeys": [{"id": "j", "name": "J", "stages": [stage]}]})


def test_a_valid_file_is_taken_by_both() -> None:
    data = {"touchpoints": [VALID_TOUCHPOINT], "owners": None}
    assert build(data) is not None
    assert_same_verdict(data)


def test_the_generated_records_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cxkit.model.regenerate", "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
