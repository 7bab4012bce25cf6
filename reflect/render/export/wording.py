"""Words and numbers shared by the human-readable export formats (Markdown, HTML, PDF, CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reflect.clock import from_db_time
from reflect.core.export import ExportDocument
from reflect.model import StoredAnswer, StoredEntry

TITLE = "Reflections to bring to therapy"
FLAG_MARK = "⚑"


def local(moment: datetime | str) -> datetime:
    return (from_db_time(moment) if isinstance(moment, str) else moment).astimezone()


def day_and_time(moment: datetime | str) -> str:
    """'Tuesday 3 November 2026, 20:15' in local time."""
    when = local(moment)
    return f"{when:%A} {when.day} {when:%B %Y, %H:%M}"


def day(moment: datetime | str) -> str:
    when = local(moment)
    return f"{when:%A} {when.day} {when:%B %Y}"


def short_day(moment: datetime | str) -> str:
    when = local(moment)
    return f"{when.day} {when:%b %Y}"


def date_range(document: ExportDocument) -> str:
    """What the export covers: the range asked for, or else the dates of the entries in it."""
    start = document.options.entries.since or document.first_at
    end = document.options.entries.until or document.last_at
    if start is None and end is None:
        return "All entries"
    if start is None:
        return f"Entries up to {short_day(end)}"  # type: ignore[arg-type]
    if end is None or short_day(start) == short_day(end):
        return f"Entries of {short_day(start)}" if end else f"Entries from {short_day(start)}"
    return f"Entries from {short_day(start)} to {short_day(end)}"


def made_line(document: ExportDocument) -> str:
    return f"Made {day_and_time(document.made_at)}"


def entry_heading(entry: StoredEntry, pack_titles: dict[str, str]) -> str:
    """'Tuesday 3 November 2026, 20:15 · Check-in' (notes say 'Note')."""
    if entry.kind == "note":
        source = "Note"
    else:
        source = pack_titles.get(entry.pack_hash or "", entry.pack_id or "Reflection")
    heading = f"{day_and_time(entry.created_at)} · {source}"
    if entry.completed_at is None:
        heading += " (unfinished)"
    return heading


def session_heading(held_on: str) -> str:
    return f"Therapy session · {day(held_on)}"


def answered(entry: StoredEntry) -> list[StoredAnswer]:
    """The answers a reader sees: skipped questions are left out of the human formats."""
    return [answer for answer in entry.answers if answer.value is not None]


def item_score(answer: StoredAnswer) -> float | None:
    """A scale answer on 0-10, reverse-scored items flipped (the domain's scoring rule)."""
    question = answer.question
    value = answer.value
    if question.kind != "scale" or not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if question.scale_min is None or question.scale_max is None:
        return None
    span = question.scale_max - question.scale_min
    if span <= 0:
        return None
    share = (value - question.scale_min) / span
    if question.reverse:
        share = 1 - share
    return round(share * 10, 1)


@dataclass(frozen=True)
class ShownAnswer:
    """An answer as the human formats show it: the question, and the value in words."""

    question: str
    value: str
    is_written: bool  # free text the person wrote (shown as a quotation), not a pick or a number


def shown_answer(answer: StoredAnswer) -> ShownAnswer:
    question = answer.question
    value = answer.value
    if question.kind == "scale":
        shown = f"{value} on a scale of {question.scale_min} to {question.scale_max}"
        ends = [
            f"{end} = {label}"
            for end, label in (
                (question.scale_min, question.min_label),
                (question.scale_max, question.max_label),
            )
            if label
        ]
        if ends:
            shown += f" ({', '.join(ends)})"
        return ShownAnswer(question.text, shown, is_written=False)
    if isinstance(value, list):
        return ShownAnswer(question.text, ", ".join(value) or "(none chosen)", is_written=False)
    return ShownAnswer(question.text, str(value), is_written=question.kind == "text")
