"""The import's ImportedQuestion (a stdlib dataclass pydantic checks) has exactly the fields of
QuestionSnapshot, with the same types and defaults, and gives the same snapshot back."""

from __future__ import annotations

import dataclasses
import typing

import msgspec

from reflect.core import importing
from reflect.core.importing import ImportedQuestion
from reflect.model import QuestionSnapshot
from reflect.model import entries as model_entries


def test_the_imported_question_has_the_snapshots_fields_types_and_defaults():
    filed = dataclasses.fields(ImportedQuestion)
    kept = msgspec.structs.fields(QuestionSnapshot)
    assert [field.name for field in filed] == [field.name for field in kept]
    assert [field.default for field in filed] == [
        dataclasses.MISSING if field.default is msgspec.NODEFAULT else field.default
        for field in kept
    ]
    assert typing.get_type_hints(ImportedQuestion, vars(importing)) == typing.get_type_hints(
        QuestionSnapshot, vars(model_entries)
    )


def test_a_filed_question_gives_the_snapshot_it_describes():
    question = QuestionSnapshot(
        id="q", text="How?", kind="choice", position=2, options=("a", "b"), dimension="d"
    )
    filed = ImportedQuestion(**msgspec.structs.asdict(question))
    assert filed.snapshot() == question
    assert ImportedQuestion(id="t", text="T", kind="text", position=0, options=()).snapshot() == (
        QuestionSnapshot(id="t", text="T", kind="text", position=0, options=None)
    )
