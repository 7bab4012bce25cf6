"""The import checks a question of an export file through ImportedQuestion, a stdlib dataclass
made from QuestionSnapshot's own fields (pydantic knows dataclasses, not msgspec Structs): the
same names, types and defaults, and the snapshot it gives back is the one the file describes."""

from __future__ import annotations

import dataclasses

import msgspec
import pytest
from pydantic import ValidationError

from reflect.core.importing import ImportedAnswer, ImportedQuestion, _snapshot
from reflect.model import QuestionSnapshot

ANSWERED_AT = "2026-01-01T00:00:00.000000+00:00"


def test_the_filed_question_has_the_snapshots_fields_types_and_defaults():
    filed = dataclasses.fields(ImportedQuestion)
    kept = msgspec.structs.fields(QuestionSnapshot)
    assert [(field.name, field.type) for field in filed] == [
        (field.name, field.type) for field in kept
    ]
    assert [field.default for field in filed] == [
        dataclasses.MISSING if field.required else field.default for field in kept
    ]


def test_a_filed_question_gives_the_snapshot_it_describes():
    question = QuestionSnapshot(
        id="q", text="How?", kind="choice", position=2, options=("a", "b"), dimension="d"
    )
    assert _snapshot(ImportedQuestion(**msgspec.structs.asdict(question))) == question
    empty = ImportedQuestion(id="t", text="T", kind="text", position=0, options=())
    assert _snapshot(empty) == QuestionSnapshot(id="t", text="T", kind="text", position=0)


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ({"id": "a", "text": "t", "kind": "nope", "position": 0}, "literal_error"),
        ({"id": "a", "text": "t", "kind": "text"}, "missing"),
        ({"id": 1, "text": "t", "kind": "text", "position": 0}, "string_type"),
        ({"id": "a", "text": "t", "kind": "text", "position": 0, "bogus": 1}, "unexpected_keyword"),
    ],
)
def test_pydantic_refuses_a_question_as_it_did(question, problem):
    with pytest.raises(ValidationError) as refused:
        ImportedAnswer.model_validate(
            {"question": question, "value": "x", "answered_at": ANSWERED_AT}
        )
    assert refused.value.errors()[0]["type"].startswith(problem)
