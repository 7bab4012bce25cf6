"""Fixtures for the journal tests: entries are written through reflect.store.entries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from journal_samples import PACK, QUESTIONS, local

from reflect.store.entries import AnswerValue, QuestionSnapshot, create_complete_entry, create_note


@pytest.fixture
def write_entry(journal) -> Callable[..., str]:
    """Write a complete check-in; keyword answers override the defaults."""

    def write(at: str, *, feeling: AnswerValue = "It went fine.", **options: Any) -> str:
        values: dict[str, AnswerValue] = {
            "feeling": feeling,
            "safety": 7,
            "mood": "calm",
            "topics": ["work"],
            "return": "yes",
            "later": None,
        }
        for key in list(options):
            if key in values:
                values[key] = options.pop(key)
        answers: Sequence[tuple[QuestionSnapshot, AnswerValue]] = [
            (question, values[question.id]) for question in QUESTIONS
        ]
        return create_complete_entry(journal, PACK, answers, at=local(at), **options)

    return write


@pytest.fixture
def write_note(journal) -> Callable[..., str]:
    def write(at: str, text: str, **options: Any) -> str:
        return create_note(journal, text, at=local(at), **options)

    return write
