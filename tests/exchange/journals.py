"""Journals to export (a small realistic one), extra journals side by side, and export helpers."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reflect.paths import DataPaths
from reflect.store.database import Database, open_database
from reflect.store.entries import (
    PackReference,
    QuestionSnapshot,
    create_complete_entry,
    create_note,
)

# A 0-10 scale question of its own dimension, for entries that need one score.
EASE = QuestionSnapshot(
    id="ease",
    text="How easy was it?",
    kind="scale",
    position=0,
    scale_min=0,
    scale_max=10,
    dimension="ease",
)

CHECKIN = PackReference(
    id="checkin",
    version="1",
    title="Check-in",
    content_hash="c0ffee",
    definition={"id": "checkin", "title": "Check-in", "version": "1"},
)
SAFETY = QuestionSnapshot(
    id="safety",
    text="How safe did it feel to speak openly?",
    kind="scale",
    position=0,
    scale_min=0,
    scale_max=10,
    min_label="not at all",
    max_label="completely",
    dimension="safety",
)
HELD_BACK = QuestionSnapshot(
    id="held_back",
    text="How much did you hold back?",
    kind="scale",
    position=1,
    scale_min=1,
    scale_max=5,
    dimension="openness",
    reverse=True,
)
BRING = QuestionSnapshot(id="bring", text="What do you want to bring?", kind="text", position=2)
MOOD = QuestionSnapshot(
    id="mood", text="Which words fit?", kind="multi", position=3, options=("calm", "tense")
)
RAISED = QuestionSnapshot(id="raised", text="Did you raise it?", kind="yesno", position=4)

HOSTILE_ANSWER = "<script>document.title='pwned'</script> & <b>bold</b>"
PRIVATE_TEXT = "This one stays between me and me"


def at(day: int, hour: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, 15, tzinfo=UTC)


@dataclass(frozen=True)
class SampleJournal:
    """What the sample journal holds, so tests can look for it in exports."""

    public_answers: tuple[str, ...]
    private_answer: str
    hostile_answer: str


def fill_sample_journal(database: Database) -> SampleJournal:
    from reflect.store.sessions import add_session

    create_complete_entry(
        database,
        CHECKIN,
        [
            (SAFETY, 7),
            (HELD_BACK, 2),
            (BRING, "I pulled back when she asked about my father.\nSecond line."),
            (MOOD, ["calm"]),
            (RAISED, "no"),
        ],
        at=at(3),
        tags=["trust"],
    )
    add_session(database, at(5, 10), note="Talked about cancelling")
    create_complete_entry(
        database,
        CHECKIN,
        [(SAFETY, 4), (HELD_BACK, 4), (BRING, HOSTILE_ANSWER)],
        at=at(6),
        flagged=True,
        tags=["rupture", "Safety"],
    )
    create_note(database, "Café, naïve — שלום and 日本語 with 🌱", at=at(8), tags=["notes"])
    create_note(database, PRIVATE_TEXT, at=at(9), private=True)
    create_complete_entry(database, CHECKIN, [(SAFETY, 8), (HELD_BACK, 1)], at=at(10))
    return SampleJournal(
        public_answers=(
            "I pulled back when she asked about my father.",
            "Café, naïve",
        ),
        private_answer=PRIVATE_TEXT,
        hostile_answer=HOSTILE_ANSWER,
    )


@pytest.fixture(autouse=True)
def export_caches_emptied() -> None:
    """Each export test starts with the Markdown writer's caches empty (the blocks of picks and
    numbers by question, the escaped lines, the day headings), so what it checks is made by the
    code it runs, not remembered from an earlier test, whatever order the tests run in (and
    mutation testing sees which tests call the functions behind the caches)."""
    markdown = sys.modules.get("reflect.render.export.markdown")
    if markdown is not None:
        markdown._row_blocks.clear()
        markdown._written_heads.clear()
        markdown.escape_inline.cache_clear()
        markdown._picked_block.cache_clear()
    wording = sys.modules.get("reflect.render.export.wording")
    if wording is not None:
        wording._day_of.cache_clear()


@pytest.fixture
def sample(journal: Database) -> SampleJournal:
    return fill_sample_journal(journal)


@pytest.fixture
def open_extra_journal(tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    """Open further journals (beside the test's own), closed at the end of the test."""
    opened: list[Database] = []

    def open_named(name: str) -> Database:
        home = tmp_path / name
        database = open_database(
            DataPaths(home, home / "journal.db", home / "config.yaml", home / "packs")
        )
        opened.append(database)
        return database

    yield open_named
    for database in opened:
        database.close()


def export_text(database: Database, **options: object) -> str:
    """An export as text, made at a fixed moment (so two exports can be compared)."""
    from reflect.core.export import ExportOptions, open_document
    from reflect.model import EntryFilter
    from reflect.render.export import write_document

    chosen = {"include_trends": False, "made_at": datetime(2026, 11, 20, 9, 0, tzinfo=UTC)}
    chosen.update(options)
    # The entries to export are one EntryFilter; private ones stay out unless asked for.
    chosen["entries"] = EntryFilter(include_private=bool(chosen.pop("include_private", False)))
    buffer = io.StringIO()
    with open_document(database, ExportOptions(**chosen)) as document:  # type: ignore[arg-type]
        write_document(document, buffer)
    return buffer.getvalue()
