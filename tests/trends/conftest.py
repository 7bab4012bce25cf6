"""Fixtures for the trend tests: entries through reflect.store.entries, a local time zone."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from trends_samples import CHECKIN, local

from reflect.store.entries import (
    AnswerValue,
    PackReference,
    QuestionSnapshot,
    create_complete_entry,
    save_answer,
    start_entry,
)
from reflect.store.journal import trash_entry


@pytest.fixture
def write_run(journal) -> Callable[..., str]:
    """write_run('2025-03-03 10:00', {SAFE: 7, GUARDED: None}, pack=REVIEW, private=True)."""

    def write(
        at: str,
        answers: dict[QuestionSnapshot, AnswerValue],
        *,
        pack: PackReference = CHECKIN,
        **options: Any,
    ) -> str:
        return create_complete_entry(journal, pack, list(answers.items()), at=local(at), **options)

    return write


@pytest.fixture
def write_draft(journal) -> Callable[..., str]:
    """An unfinished run: started and answered, never completed."""

    def write(at: str, answers: dict[QuestionSnapshot, AnswerValue]) -> str:
        entry_id = start_entry(journal, CHECKIN, at=local(at))
        for question, value in answers.items():
            save_answer(journal, entry_id, question, value)
        return entry_id

    return write


@pytest.fixture
def trash(journal) -> Callable[[str], None]:
    def move_to_trash(entry_id: str) -> None:
        assert trash_entry(journal, entry_id)

    return move_to_trash


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """Switch the process time zone (Python and SQLite's 'localtime' both follow tzset)."""
    before = os.environ.get("TZ")

    def switch(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield switch
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
