"""The pack models in code: the same rules as in files; follow-up conditions, snapshots."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from reflect.packs.definition import FollowUpCondition, Pack, Question
from reflect.packs.schema import pack_models, validated_pack

SCALE = {"kind": "scale", "min": 0, "max": 10, "dimension": "trust"}


def pack_with(*questions: dict) -> Pack:
    return validated_pack({"id": "p", "title": "P", "questions": list(questions)})


def test_a_pack_built_in_code_enforces_unique_question_ids():
    with pytest.raises(ValidationError, match="already used"):
        pack_with(
            {"id": "a", "text": "A", "kind": "text"}, {"id": "a", "text": "B", "kind": "text"}
        )


def test_a_pack_built_in_code_enforces_follow_ups_on_earlier_questions():
    with pytest.raises(ValidationError, match="no question 'b'"):
        pack_with({"id": "a", "text": "A", "kind": "text", "when": {"question": "b", "at_most": 1}})


def test_a_question_built_in_code_enforces_its_kind():
    with pytest.raises(ValidationError, match="only belongs to scale questions"):
        pack_models().Question(id="q", text="Q", kind="text", reverse=True)


def test_a_condition_needs_exactly_one_test():
    with pytest.raises(ValidationError, match="has no condition"):
        pack_models().FollowUpCondition(question="a")
    with pytest.raises(ValidationError, match="give one condition"):
        pack_models().FollowUpCondition(question="a", equals="yes", includes="x")


@pytest.mark.parametrize(
    ("condition", "answer", "met"),
    [
        ({"at_most": 3}, 3, True),
        ({"at_most": 3}, 4, False),
        ({"at_least": 7}, 7.5, True),
        ({"at_least": 2, "at_most": 4}, 5, False),
        ({"at_most": 3}, None, False),
        ({"at_most": 3}, True, False),
        ({"equals": "yes"}, "yes", True),
        ({"equals": "yes"}, True, True),
        ({"equals": "no"}, "yes", False),
        ({"includes": "hurt"}, ["quiet", "hurt"], True),
        ({"includes": "hurt"}, "hurt", False),
    ],
)
def test_follow_up_condition_is_met(condition, answer, met):
    assert FollowUpCondition(question="a", **condition).is_met(answer) is met


def test_snapshot_keeps_the_wording_scale_and_dimension_as_asked():
    question = Question(
        id="q", text="How safe?", min_label="not", max_label="very", reverse=True, **SCALE
    )
    snapshot = question.snapshot(3)
    assert (snapshot.id, snapshot.text, snapshot.position) == ("q", "How safe?", 3)
    assert (snapshot.scale_min, snapshot.scale_max, snapshot.dimension) == (0, 10, "trust")
    assert snapshot.reverse is True


def test_reference_changes_with_the_wording_but_not_with_key_order():
    first = pack_with({"id": "q", "text": "How safe?", **SCALE})
    reordered = validated_pack(
        {"questions": [{**SCALE, "text": "How safe?", "id": "q"}], "title": "P", "id": "p"}
    )
    reworded = pack_with({"id": "q", "text": "How safe was it?", **SCALE})
    assert first.reference().content_hash == reordered.reference().content_hash
    assert first.reference().content_hash != reworded.reference().content_hash
    assert first.reference().definition["questions"][0]["dimension"] == "trust"
