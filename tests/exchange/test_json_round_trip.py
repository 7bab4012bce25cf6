"""Must show 1: export JSON, import it into an empty journal, export again: the same document."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.core.importing import import_file
from reflect.model import EntryMarks
from reflect.paths import DataPaths
from reflect.store.database import Database, open_database
from reflect.store.entries import (
    PackReference,
    QuestionSnapshot,
    complete_entry,
    create_complete_entry,
    create_note,
    save_answer,
    start_entry,
)
from tests.exchange.journals import export_text

PACK = PackReference("weekly", "2", "Weekly", "feedface", {"id": "weekly", "questions": []})
QUESTIONS = (
    QuestionSnapshot(
        "trust", "How much did you trust?", "scale", 0, 0, 10, "none", "a lot", "trust"
    ),
    QuestionSnapshot("held", "Held back?", "scale", 1, 1, 5, None, None, "openness", reverse=True),
    QuestionSnapshot("said", "What was said?", "text", 2),
    QuestionSnapshot("fit", "Which fits?", "choice", 3, options=("a", "b")),
    QuestionSnapshot("words", "Words?", "multi", 4, options=("x", "y", "z")),
    QuestionSnapshot("raised", "Raised it?", "yesno", 5),
)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
VALUES = {
    "trust": st.none() | st.integers(0, 10),
    "held": st.none() | st.integers(1, 5),
    "said": st.none() | ANY_TEXT,
    "fit": st.none() | st.sampled_from(["a", "b"]),
    "words": st.none() | st.lists(st.sampled_from(["x", "y", "z"]), unique=True),
    "raised": st.none() | st.sampled_from(["yes", "no"]),
}
MOMENTS = st.integers(0, 400 * 24 * 60).map(
    lambda minutes: datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
)
TAGS = st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=3)
NOTES = st.fixed_dictionaries(
    {
        "kind": st.just("note"),
        "text": ANY_TEXT,
        "at": MOMENTS,
        "tags": TAGS,
        "flagged": st.booleans(),
        "private": st.booleans(),
    }
)
RUNS = st.fixed_dictionaries(
    {
        "kind": st.just("run"),
        "answers": st.fixed_dictionaries(VALUES),
        "at": MOMENTS,
        "tags": TAGS,
        "flagged": st.booleans(),
        "private": st.booleans(),
        "draft": st.booleans(),
    }
)
JOURNALS = st.fixed_dictionaries(
    {"entries": st.lists(NOTES | RUNS, max_size=8), "sessions": st.lists(MOMENTS, max_size=3)}
)


def _open(folder: Path, name: str) -> Database:
    home = folder / name
    return open_database(DataPaths(home, home / "j.db", home / "c.yaml", home / "packs"))


def _fill(database: Database, journal: dict) -> None:
    from reflect.store.sessions import add_session

    for held_on in journal["sessions"]:
        add_session(database, held_on, note="a session")
    for spec in journal["entries"]:
        marks = {"flagged": spec["flagged"], "private": spec["private"], "tags": spec["tags"]}
        if spec["kind"] == "note":
            create_note(database, spec["text"], at=spec["at"], **marks)
            continue
        answers = [(question, spec["answers"][question.id]) for question in QUESTIONS]
        if not spec["draft"]:
            create_complete_entry(database, PACK, answers, at=spec["at"], **marks)
            continue
        entry_id = start_entry(database, PACK, at=spec["at"], **marks)
        for question, value in answers[:3]:
            save_answer(database, entry_id, question, value)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JOURNALS)
def test_json_export_import_export_gives_the_same_document(journal: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        original, copy = _open(Path(folder), "original"), _open(Path(folder), "copy")
        try:
            _fill(original, journal)
            first = export_text(original, format="json", include_private=True, include_trends=True)
            exported = Path(folder) / "export.json"
            exported.write_text(first, encoding="utf-8")
            import_file(copy, exported, "reflect")
            second = export_text(copy, format="json", include_private=True, include_trends=True)
        finally:
            original.close()
            copy.close()
    assert second == first
    document = json.loads(first)
    assert len(document["entries"]) == len(journal["entries"])
    assert len(document["sessions"]) == len(journal["sessions"])


def test_a_draft_and_its_completion_both_round_trip(
    journal: Database, open_extra_journal, tmp_path
):
    entry_id = start_entry(journal, PACK, at=datetime(2026, 1, 2, tzinfo=UTC))
    save_answer(journal, entry_id, QUESTIONS[0], 3)
    complete_entry(journal, entry_id, EntryMarks(add_tags=("later",)))
    first = export_text(journal, format="json")
    exported = tmp_path / "e.json"
    exported.write_text(first, encoding="utf-8")
    copy = open_extra_journal("copy")
    import_file(copy, exported, "reflect")
    assert export_text(copy, format="json") == first
