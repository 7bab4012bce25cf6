"""Questions and a pack to write test entries with (the pack loader is tested elsewhere)."""

from __future__ import annotations

from datetime import datetime

from reflect.store.entries import PackReference, QuestionSnapshot

PACK = PackReference(id="checkin", version="1", title="Check-in", content_hash="hash-checkin-1")

FEELING = QuestionSnapshot(id="feeling", text="What stayed with you?", kind="text", position=0)
SAFETY = QuestionSnapshot(
    id="safety",
    text="How safe did it feel to speak?",
    kind="scale",
    position=1,
    scale_min=0,
    scale_max=10,
    min_label="not at all",
    max_label="completely",
    dimension="safety",
)
MOOD = QuestionSnapshot(
    id="mood", text="Which word fits?", kind="choice", position=2, options=("calm", "tense")
)
TOPICS = QuestionSnapshot(
    id="topics",
    text="What came up?",
    kind="multi",
    position=3,
    options=("work", "family", "the relationship"),
)
RETURN = QuestionSnapshot(id="return", text="Do you want to go back?", kind="yesno", position=4)
LATER = QuestionSnapshot(id="later", text="Anything to bring next time?", kind="text", position=5)
QUESTIONS = (FEELING, SAFETY, MOOD, TOPICS, RETURN, LATER)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()
