"""One answer check for every way an answer arrives (run, answers file, edit, import)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflect.model import (
    AnswerMismatch,
    AnswerProblem,
    PackReference,
    QuestionSnapshot,
    check_answer,
)
from reflect.packs.definition import Question
from reflect.store.entries import create_complete_entry

SCALE = QuestionSnapshot(
    id="safe", text="Safe?", kind="scale", position=0, scale_min=0, scale_max=10
)
CHOICE = QuestionSnapshot(
    id="mood", text="Mood?", kind="choice", position=1, options=("calm", "tense")
)
MULTI = QuestionSnapshot(
    id="words", text="Words?", kind="multi", position=2, options=("calm", "tense")
)
YESNO = QuestionSnapshot(id="raised", text="Raised it?", kind="yesno", position=3)
TEXT = QuestionSnapshot(id="notes", text="Notes?", kind="text", position=4)


@pytest.mark.parametrize(
    ("question", "given", "stored"),
    [
        (SCALE, 7, 7),
        (SCALE, 7.0, 7),
        (SCALE, 0, 0),
        (SCALE, 10, 10),
        (CHOICE, "calm", "calm"),
        (MULTI, ["tense", "calm"], ["tense", "calm"]),
        (MULTI, [], []),
        (YESNO, True, "yes"),
        (YESNO, " False ", "no"),
        (YESNO, "YES", "yes"),
        (TEXT, "It went fine.", "It went fine."),
        (TEXT, None, None),
        (SCALE, None, None),
    ],
)
def test_a_fitting_answer_comes_back_as_it_is_stored(question, given, stored):
    assert check_answer(question, given) == stored


@pytest.mark.parametrize(
    ("question", "given", "problem"),
    [
        (SCALE, True, AnswerProblem.NOT_A_WHOLE_NUMBER),
        (SCALE, 6.5, AnswerProblem.NOT_A_WHOLE_NUMBER),
        (SCALE, "7", AnswerProblem.NOT_A_WHOLE_NUMBER),
        (SCALE, 11, AnswerProblem.OUT_OF_RANGE),
        (SCALE, -1, AnswerProblem.OUT_OF_RANGE),
        (CHOICE, "Calm", AnswerProblem.NOT_AN_OPTION),
        (CHOICE, ["calm"], AnswerProblem.NOT_AN_OPTION),
        (MULTI, "calm", AnswerProblem.NOT_A_LIST),
        (MULTI, ["calm", 3], AnswerProblem.NOT_A_LIST),
        (MULTI, ["calm", "angry"], AnswerProblem.UNKNOWN_OPTION),
        (MULTI, ["calm", "calm"], AnswerProblem.REPEATED_OPTION),
        (YESNO, "maybe", AnswerProblem.NOT_YES_OR_NO),
        (YESNO, 1, AnswerProblem.NOT_YES_OR_NO),
        (TEXT, 2026, AnswerProblem.NOT_TEXT),
    ],
)
def test_an_answer_that_does_not_fit_names_the_problem(question, given, problem):
    with pytest.raises(AnswerMismatch) as refused:
        check_answer(question, given)
    assert refused.value.problem is problem


def test_the_message_never_repeats_the_answer_text():
    with pytest.raises(AnswerMismatch) as refused:
        check_answer(CHOICE, "my private words")
    assert "my private words" not in str(refused.value)
    assert str(refused.value) == 'expected one of its options: "calm", "tense"'


@pytest.mark.parametrize("given", [0, 10, 11, -1, 5.5, True, "5", None])
def test_a_pack_question_and_its_stored_snapshot_accept_the_same_answers(given):
    question = Question(id="safe", text="Safe?", kind="scale", min=0, max=10, dimension="safety")
    snapshot = question.snapshot(0)

    def outcome(shape: object) -> object:
        try:
            return check_answer(shape, given)  # type: ignore[arg-type]
        except AnswerMismatch as mismatch:
            return mismatch.problem

    assert outcome(question) == outcome(snapshot)


def test_an_import_with_a_scale_answer_outside_its_scale_imports_nothing(
    cli, journal, tmp_path: Path
):
    pack = PackReference(id="checkin", version="1", title="Check-in", content_hash="c0ffee")
    create_complete_entry(journal, pack, [(SCALE, 7)])
    exported = tmp_path / "export.json"
    assert cli("export", "--format", "json", "-o", str(exported)).exit_code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    (answer,) = [a for a in document["entries"][0]["answers"] if a["question"]["kind"] == "scale"][
        :1
    ]
    answer["value"] = answer["question"]["scale_max"] + 1
    document["entries"][0]["id"] = "00000000-0000-4000-8000-000000000001"
    exported.write_text(json.dumps(document), encoding="utf-8")

    outcome = cli("import", str(exported))

    assert outcome.exit_code == 1
    assert "is outside its scale" in outcome.stderr and "Nothing was imported" in outcome.stderr
    assert journal.query_one("SELECT count(*) FROM entry")[0] == 1
