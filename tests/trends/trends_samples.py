"""Question snapshots and packs for the trend tests, written through reflect.store.entries."""

from __future__ import annotations

from datetime import datetime

from reflect.core.trends import PeriodKind, TrendQuery
from reflect.model import DateRange, EntryFilter, PackReference, QuestionSnapshot


def pack(pack_id: str) -> PackReference:
    return PackReference(id=pack_id, version="1", title=pack_id, content_hash=f"hash-{pack_id}")


def scale(
    question_id: str,
    dimension: str,
    low: int,
    high: int,
    *,
    reverse: bool = False,
    position: int = 0,
) -> QuestionSnapshot:
    return QuestionSnapshot(
        id=question_id,
        text=f"How was {question_id}?",
        kind="scale",
        position=position,
        scale_min=low,
        scale_max=high,
        min_label="not at all",
        max_label="completely",
        dimension=dimension,
        reverse=reverse,
    )


def text(question_id: str, position: int = 9) -> QuestionSnapshot:
    return QuestionSnapshot(id=question_id, text="What stood out?", kind="text", position=position)


def local(moment: str) -> datetime:
    """'2025-03-03 10:00' as an aware datetime in the process's local time zone."""
    return datetime.fromisoformat(moment).astimezone()


CHECKIN = pack("checkin")
REVIEW = pack("review")

# checkin: safety on 0-10, safety reverse-scored on 1-5, trust on 1-5, a text question.
SAFE = scale("safe", "safety", 0, 10, position=0)
GUARDED = scale("guarded", "safety", 1, 5, reverse=True, position=1)
TRUST = scale("trust", "trust", 1, 5, position=2)
STOOD_OUT = text("stood_out", position=3)
# review: a second pack feeding safety, on 1-5.
FELT_SAFE = scale("felt_safe", "safety", 1, 5, position=0)


def trend_query(
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    pack: str | None = None,
    include_drafts: bool = False,
    include_private: bool = True,
    by: PeriodKind = "week",
    dimensions: tuple[str, ...] = (),
    notable_change: float = 2.0,
) -> TrendQuery:
    """A TrendQuery from the options a trends test varies (the entries as one EntryFilter)."""
    entries = EntryFilter(
        dates=DateRange(since, until),
        pack=pack,
        drafts=None if include_drafts else False,
        include_private=include_private,
    )
    return TrendQuery(entries=entries, by=by, dimensions=dimensions, notable_change=notable_change)
