"""Words and numbers shared by the human-readable export formats (Markdown, HTML, PDF, CSV)."""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta

from msgspec import Struct

from reflect.clock import from_db_time
from reflect.core.export import ExportDocument, LowMoment, ScoreRow, ScoreTable, StrainMoment
from reflect.model import StoredAnswer, StoredEntry

TITLE = "Reflections to bring to therapy"
FLAG_MARK = "⚑"


def local(moment: datetime | str) -> datetime:
    return (from_db_time(moment) if isinstance(moment, str) else moment).astimezone()


def laid_out(day: date, layout: str) -> str:
    """The day (or moment) in strftime's layout, with {day} for the day of the month without a
    leading zero: laid_out(moment, "%a {day} %b") is 'Tue 3 Nov'."""
    return day.strftime(layout.replace("{day}", str(day.day)))


def day_and_time(moment: datetime | str) -> str:
    """'Tuesday 3 November 2026, 20:15' in local time."""
    when = local(moment)
    return f"{_day_of(when.year, when.month, when.day)}, {when.hour:02d}:{when.minute:02d}"


@functools.lru_cache(maxsize=4096)
def _day_of(year: int, month: int, day: int) -> str:
    """'Tuesday 3 November 2026': the same few days head entry after entry of an export."""
    return laid_out(date(year, month, day), "%A {day} %B %Y")


def day(moment: datetime | str) -> str:
    return laid_out(local(moment), "%A {day} %B %Y")


def short_day(moment: datetime | str) -> str:
    return laid_out(local(moment), "{day} %b %Y")


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


class ShownAnswer(Struct, frozen=True):
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


# --- The brief

BRIEF_TITLE = "The brief"
BRING_HEADING = "What I'd like to bring"
MOMENTS_HEADING = "Moments worth a look"
TRENDS_HEADING = "How things moved"
ENTRIES_HEADING = "The entries"
EXCERPT_CHARACTERS = 170
TABLE_NOTE = (
    "Scores from 0 to 10, higher is better: the mean of the period's rated entries. "
    "A blank: not rated then."
)
TALKED_THROUGH = {
    "not yet": "not talked through yet",
    "no": "not talked through yet",
    "a little": "talked through a little",
    "properly": "talked through properly",
    "yes": "talked through",
}


# The brief names days the short way ('Tue 17 Nov'), which reads clearly for the months just
# gone (and a session booked soon); a day further from the export's own than this is written
# with its year ('Sat 26 Aug 2023'): a journal kept for years has many a 26 August.
YEARLESS_BEFORE = timedelta(days=300)
YEARLESS_AFTER = timedelta(days=60)


def _with_year(day: date, made_on: date | None) -> str:
    """' %Y' when `day` is far enough from `made_on` to need its year, else ''."""
    if made_on is None or made_on - YEARLESS_BEFORE <= day <= made_on + YEARLESS_AFTER:
        return ""
    return " %Y"


def brief_day(moment: datetime | str, made_on: date | None = None) -> str:
    """'Tue 17 Nov' in local time ('Sat 26 Aug 2023' when far from `made_on`)."""
    return brief_day_of(local(moment).date(), made_on)


def brief_day_and_time(moment: datetime | str, made_on: date | None = None) -> str:
    when = local(moment)
    return laid_out(when, f"%a {{day}} %b{_with_year(when.date(), made_on)}, %H:%M")


def entry_anchor(entry_id: str) -> str:
    return f"entry-{entry_id[:8]}"


def cut(text: str, limit: int = EXCERPT_CHARACTERS) -> str:
    """The text whole if it fits, else cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut_at = text.rfind(" ", 0, limit)
    if cut_at < limit * 0.6:
        cut_at = limit
    return text[:cut_at].rstrip(" ,;:·-.") + "…"  # "whether…", never "whether.…"


def full_entry_pointer(created_at: datetime | str, made_on: date | None = None) -> str:
    return f"full entry: {brief_day_and_time(created_at, made_on)}"


def entries_count(count: int, what: str = "entry") -> str:
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return f"{count} {what if count == 1 else plural}"


def table_heading(table: ScoreTable, made_on: date | None = None) -> str:
    if table.by == "session":
        if len(table.rows) == 1 and table.rows[0].label.startswith("session "):
            return f"Since the session on {brief_day_of(table.rows[0].start, made_on)}"
        return "Session by session"
    return "Week by week" if table.by == "week" else "Month by month"


def brief_day_of(day: date, made_on: date | None = None) -> str:
    return laid_out(day, f"%a {{day}} %b{_with_year(day, made_on)}")


def row_label(row: ScoreRow, by: str, made_on: date | None = None) -> str:
    """'After 10 Nov' (a session), 'Week of 10 Nov', 'November 2026' (the first two with the
    year when far from `made_on`: 'After 6 Sep 2023')."""
    year = _with_year(row.start, made_on)
    if by == "session":
        if row.label == "before first session":
            return "Before the first session"
        return laid_out(row.start, f"After {{day}} %b{year}")
    if by == "week":
        return laid_out(row.start, f"Week of {{day}} %b{year}")
    return f"{row.start:%B %Y}"


def score_cell(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


def table_left_out(table: ScoreTable) -> str | None:
    """The line under the table naming what it leaves out, if anything."""
    parts = []
    if table.rows_left_out:
        parts.append(f"{entries_count(table.rows_left_out, 'earlier period')} in the chart")
    if table.also_rated:
        parts.append("also rated: " + ", ".join(table.also_rated))
    if not parts:
        return None
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def low_point_line(moment: LowMoment, made_on: date | None = None) -> str:
    """'Connection: lowest 2.0 on Tue 27 Oct (After a session; 8 entries rated it)'."""
    source = "a note" if moment.source == "Note" else moment.source
    return (
        f"{moment.label}: lowest {moment.score:.1f} on {brief_day(moment.created_at, made_on)} "
        f"({source}; {entries_count(moment.entries)} rated it)"
    )


def strain_line(strain: StrainMoment, made_on: date | None = None) -> str:
    if strain.talked_through is None:
        state = "whether it was talked through is not answered"
    else:
        answer = strain.talked_through
        state = TALKED_THROUGH.get(answer, f"talked through: {answer}")
    return f"A strain recorded on {brief_day(strain.created_at, made_on)}: {state}"


def more_line(count: int, what: str) -> str:
    return f"And {entries_count(count, what)} more, in the entries below."


NOTHING_TO_BRING = "Nothing flagged or set aside to bring in these entries."


def covers_line(document: ExportDocument) -> str:
    """'Entries from 10 Nov to 24 Nov 2026 · 8 entries, 2 therapy sessions'."""
    parts = [date_range(document)]
    counts = []
    if document.entries_selected is not None:
        counts.append(entries_count(document.entries_selected))
    if document.sessions:
        counts.append(entries_count(len(document.sessions), "therapy session"))
    if counts:
        parts.append(", ".join(counts))
    return " · ".join(parts)
