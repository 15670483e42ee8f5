"""The vocabulary (model/vocabulary.py) names the same sections and fields as the models."""

from __future__ import annotations

import typing

from cxkit.model import entities
from cxkit.model.vocabulary import KINDS, RACI, REFERENCES, Section

MODEL_OF = {
    "owners": entities.Owner,
    "personas": entities.Persona,
    "systems": entities.System,
    "touchpoints": entities.Touchpoint,
    "journeys": entities.Journey,
}


def test_the_kinds_are_the_sections_of_a_workspace_file() -> None:
    sections = [kind.section for kind in KINDS]
    assert sections == list(entities.WorkspaceFile.model_fields)
    assert sections == list(typing.get_args(Section))
    assert set(MODEL_OF) == set(sections)


def test_every_reference_is_a_field_of_its_kind_and_lists_are_lists() -> None:
    for section, references in REFERENCES.items():
        fields = MODEL_OF[section].model_fields
        for ref in references:
            assert ref.field in fields, (section, ref.field)
            annotation = fields[ref.field].annotation
            assert (typing.get_origin(annotation) is list) == ref.is_list, (section, ref.field)


def test_the_raci_roles_are_the_touchpoint_references_to_owners() -> None:
    owners_named = [r.field for r in REFERENCES["touchpoints"] if r.names == "owners"]
    assert owners_named == [raci.field for raci in RACI]
    assert [raci.letter for raci in RACI] == ["A", "R", "C", "I"]
