"""The export readers (iter_entry_rows for Markdown, iter_entries for the others): each answer's
question comes back from one JSON text per row exactly as it was asked, one shared object per
distinct question, whatever the question holds."""

from __future__ import annotations

import pytest

from reflect.model import EntryFilter, QuestionSnapshot
from reflect.store import exchange
from reflect.store.entries import create_complete_entry
from tests.exchange.journals import BRING, CHECKIN, HELD_BACK, MOOD, RAISED, SAFETY, at

EVERY = EntryFilter(include_private=True)
AWKWARD = QuestionSnapshot(
    id="awk",
    text='She said "fine" \\ then\nleft; 10% ☂ — 🙂 \u2028 end',
    kind="choice",
    position=5,
    options=('a "quoted" one', "[not json]", "null"),
)
HALVES = QuestionSnapshot(
    id="halves",
    text="Halfway?",
    kind="scale",
    position=6,
    scale_min=-5,
    scale_max=5,
    min_label="",
    max_label=None,
    dimension="safety",
    reverse=True,
)


def both_readings(journal):
    with exchange.read_snapshot(journal):
        full = [
            (entry.id, [answer.question for answer in entry.answers if answer.value is not None])
            for entry in exchange.iter_entries(journal, EVERY)
        ]
        rows = [
            (entry.id, [row[0] for row in given])
            for entry, given in exchange.iter_entry_rows(journal, EVERY)
        ]
    return full, rows


def test_each_rows_question_equals_the_full_readings(journal):
    for day in range(1, 4):
        create_complete_entry(
            journal,
            CHECKIN,
            [
                (SAFETY, 7),
                (HELD_BACK, 2),
                (BRING, "words"),
                (MOOD, ["calm"]),
                (RAISED, "no"),
                (AWKWARD, "[not json]"),
                (HALVES, -1),
            ],
            at=at(day),
        )
    asked = [SAFETY, HELD_BACK, BRING, MOOD, RAISED, AWKWARD, HALVES]
    full, rows = both_readings(journal)
    assert [questions for _, questions in rows] == [asked] * 3
    assert rows == full
    # One object per distinct question, shared by every row that asked it (the writer's caches
    # key on it).
    first, *others = (questions for _, questions in rows)
    for questions in others:
        assert all(a is b for a, b in zip(first, questions, strict=True))


def test_past_the_questions_kept_the_questions_are_built_again_and_still_equal(
    journal, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(exchange, "_QUESTIONS_KEPT", 1)
    create_complete_entry(journal, CHECKIN, [(SAFETY, 3), (AWKWARD, "null")], at=at(1))
    create_complete_entry(journal, CHECKIN, [(SAFETY, 4), (AWKWARD, "null")], at=at(2))
    full, rows = both_readings(journal)
    assert [questions for _, questions in rows] == [[SAFETY, AWKWARD]] * 2
    assert rows == full
