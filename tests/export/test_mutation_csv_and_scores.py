"""The CSV export cell by cell, and the 0-10 score of an item at the edges of its scale
(tests/MUTATION.md: each test here kills mutants of reflect/render/export/ that survived)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from reflect.model import QuestionSnapshot, StoredAnswer
from reflect.render.export.wording import item_score
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.journals import CHECKIN, export_text

CALM = QuestionSnapshot(
    id="calm",
    text="How calm were you?",
    kind="scale",
    position=0,
    scale_min=-2,
    scale_max=2,
    dimension="calm",
)
WORDS = QuestionSnapshot(
    id="words", text="Which words fit?", kind="multi", position=1, options=("calm", "tense")
)
SAID = QuestionSnapshot(id="said", text="What did you say?", kind="text", position=2)
LATER = QuestionSnapshot(id="later", text="Anything else?", kind="text", position=3)


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_every_csv_cell_of_a_run_and_a_note(journal: Database):
    run = create_complete_entry(
        journal,
        CHECKIN,
        [(CALM, -1), (WORDS, ["calm", "tense"]), (SAID, "-not a formula"), (LATER, None)],
        at=datetime(2026, 11, 3, 20, 15, tzinfo=UTC),
        tags=["work", "home"],
    )
    note = create_note(journal, "=1+1", at=datetime(2026, 11, 4, 8, 0, tzinfo=UTC))
    text = export_text(journal, format="csv")
    assert text.endswith("\r\n") and "\r\n" in text.removesuffix("\r\n")
    header, *rows = _rows(text)
    assert header == ["entry_id", "date", "pack", "question_id", "question_text", "kind",
                      "value", "dimension", "score", "tags"]  # fmt: skip

    def cells(question: str, text: str, kind: str, value: str, dimension: str, score: str):
        return [run, "2026-11-03T20:15+00:00", "Check-in", question, text, kind, value,
                dimension, score, "home, work"]  # fmt: skip

    assert rows == [
        # A negative scale value is a number reflect stored: shown as it is, never guarded;
        # -1 on -2..2 is a quarter of the way up: 2.5.
        cells("calm", "How calm were you?", "scale", "-1", "calm", "2.5"),
        cells("words", "Which words fit?", "multi", "calm; tense", "", ""),
        cells("said", "What did you say?", "text", "'-not a formula", "", ""),
        cells("later", "Anything else?", "text", "", "", ""),  # skipped: empty, not "None"
        [note, "2026-11-04T08:00+00:00", "", "note", "Note", "text", "'=1+1", "", "", ""],
    ]


def _answer(question: QuestionSnapshot, value: object) -> StoredAnswer:
    return StoredAnswer(question=question, value=value, answered_at="2026-11-03T20:15:00")  # type: ignore[arg-type]


def _scale(low: int | None, high: int | None, *, reverse: bool = False) -> QuestionSnapshot:
    return QuestionSnapshot(
        id="q", text="q", kind="scale", position=0, scale_min=low, scale_max=high, reverse=reverse
    )


@pytest.mark.parametrize(
    ("question", "value", "score"),
    [
        (_scale(0, 1), 1, 10.0),  # a two-point scale is a scale
        (_scale(0, 1), 0, 0.0),
        (_scale(0, 3), 1, 3.3),  # one decimal
        (_scale(1, 5, reverse=True), 2, 7.5),
        (_scale(-2, 2), -2, 0.0),
        (_scale(5, 5), 5, None),  # no span: no score (and no division by zero)
        (_scale(0, None), 3, None),  # one bound missing: no score
        (_scale(None, 10), 3, None),
        (_scale(0, 10), True, None),  # a yes is not a number on a scale
        (_scale(0, 10), "7", None),
    ],
)
def test_an_items_score_at_the_edges_of_its_scale(
    question: QuestionSnapshot, value: object, score: float | None
):
    assert item_score(_answer(question, value)) == score
