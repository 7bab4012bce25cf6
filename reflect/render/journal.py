"""The journal on screen and as JSON: entry lists with session dividers, one entry with its
questions, search results with highlighted snippets, sessions, the trash, and a pager for long
output on a terminal.

All user text (answers, notes, tags, session notes) goes through printable() before it reaches the
terminal, and into rich as Text, never as markup.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reflect.clock import to_db_time
from reflect.model import (
    SNIPPET_END,
    SNIPPET_START,
    AnswerRecord,
    EntryDetail,
    EntrySummary,
    SearchHit,
    TherapySession,
)
from reflect.render.console import printable

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

SHORT_ID = 8
PREVIEW_WIDTH = 60
_LINE_BREAKS = re.compile(r"\s*\n\s*")


# --- text pieces ----------------------------------------------------------------------------


def moment_text(moment: datetime, date_format: str, *, with_time: bool = True) -> str:
    """A stored UTC moment in local time, in the person's configured date format."""
    local = moment.astimezone()
    shown = local.strftime(date_format)
    return f"{shown} {local:%H:%M}" if with_time else shown


def session_moment_text(session: TherapySession, date_format: str) -> str:
    """A session's date, with its time only when one was given (a bare date is local midnight)."""
    local = session.held_on.astimezone()
    has_time = (local.hour, local.minute, local.second, local.microsecond) != (0, 0, 0, 0)
    return moment_text(session.held_on, date_format, with_time=has_time)


def one_line(text: str, width: int = PREVIEW_WIDTH) -> str:
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def entry_marks(summary: EntrySummary) -> list[str]:
    marks = []
    if summary.flagged:
        marks.append("flagged")
    if summary.private:
        marks.append("private")
    if summary.draft:
        marks.append("draft")
    if summary.trashed:
        marks.append("in the trash")
    return marks


def tags_text(summary: EntrySummary) -> str:
    return " ".join(f"#{printable(tag)}" for tag in summary.tags)


def answer_text(record: AnswerRecord) -> str:
    """An answer as a person reads it (the caller shows skipped answers differently)."""
    value = record.value
    question = record.question
    if question.kind == "scale":
        ends = f"{question.scale_min}–{question.scale_max}"
        labels = ""
        if question.min_label or question.max_label:
            labels = (
                f"; {question.scale_min} = {printable(question.min_label or '')}, "
                f"{question.scale_max} = {printable(question.max_label or '')}"
            )
        return f"{value}  (scale {ends}{labels})"
    if isinstance(value, list):
        return ", ".join(printable(item) for item in value) if value else "(none chosen)"
    return printable(str(value))


def highlighted_snippet(snippet: str, *, styled: bool) -> Text:
    """A search snippet with its matched words bold (or **marked** when styles are off)."""
    from rich.text import Text

    text = Text()
    for index, piece in enumerate(snippet.split(SNIPPET_START)):
        matched, _, rest = piece.partition(SNIPPET_END) if index else ("", "", piece)
        if matched:
            shown = " ".join(printable(matched).split())
            text.append(shown if styled else f"**{shown}**", style="bold reverse" if styled else "")
        text.append(_LINE_BREAKS.sub(" ", printable(rest)))
    return text


def snippet_plain(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet without markers, and the [start, end) spans of its matched words (for JSON)."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for index, piece in enumerate(snippet.split(SNIPPET_START)):
        matched, _, rest = piece.partition(SNIPPET_END) if index else ("", "", piece)
        if matched:
            spans.append((length, length + len(matched)))
            plain.append(matched)
            length += len(matched)
        plain.append(rest)
        length += len(rest)
    return "".join(plain), spans


# --- tables and blocks ----------------------------------------------------------------------


def _table(*columns: str, flexible: str = "") -> Table:
    """A borderless table; every column keeps its width except `flexible`, which takes the rest."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=bool(flexible))
    for column in columns:
        if column == flexible:
            table.add_column(column, overflow="ellipsis", no_wrap=True, ratio=1, min_width=10)
        else:
            table.add_column(column, no_wrap=True, overflow="fold", max_width=30)
    return table


def entry_list_table(
    entries: Sequence[EntrySummary],
    sessions: Sequence[TherapySession],
    date_format: str,
    *,
    newest_first: bool = True,
) -> Table:
    """Entries with the therapy sessions between them as divider rows."""
    from rich.text import Text

    table = _table("id", "date", "entry", "tags", "first words", flexible="first words")
    pending = sorted(sessions, key=lambda session: session.held_on, reverse=newest_first)
    position = 0

    def divider(session: TherapySession) -> None:
        note = one_line(session.note) if session.note else ""
        table.add_row(
            Text("──────", style="dim"),
            Text(session_moment_text(session, date_format), style="bold"),
            Text("therapy session", style="bold"),
            "",
            Text(note, style="dim"),
            end_section=True,
        )

    for summary in entries:
        while position < len(pending) and (
            pending[position].held_on > summary.created_at
            if newest_first
            else pending[position].held_on <= summary.created_at
        ):
            if table.rows:
                table.rows[-1].end_section = True
            divider(pending[position])
            position += 1
        label = Text(printable(summary.label))
        marks = entry_marks(summary)
        if marks:
            label.append(f" ({', '.join(marks)})", style="dim")
        table.add_row(
            summary.id[:SHORT_ID],
            moment_text(summary.created_at, date_format),
            label,
            Text(tags_text(summary), style="cyan"),
            Text(one_line(summary.preview or "")),
        )
    for session in pending[position:]:  # sessions older (or, oldest first, newer) than all
        if table.rows:
            table.rows[-1].end_section = True
        divider(session)
    return table


def entry_view(detail: EntryDetail, date_format: str) -> list[RenderableType]:
    """One entry: a header, then every question as it was asked with its answer."""
    from rich.text import Text

    summary = detail.summary
    header = Text(printable(summary.label), style="bold")
    if summary.pack_id and summary.kind != "note":
        header.append(f"  ({printable(summary.pack_id)} v{printable(summary.pack_version or '?')})")
    header.append(f"\n{moment_text(summary.created_at, date_format)} · entry {summary.id}")
    details = entry_marks(summary)
    if summary.tags:
        details.append(tags_text(summary))
    if summary.trashed_at is not None:
        details.append(f"trashed {moment_text(summary.trashed_at, date_format)}")
    if details:
        header.append("\n" + " · ".join(details), style="dim")
    blocks: list[RenderableType] = [header]
    for record in detail.answers:
        block = Text()
        if summary.kind != "note":
            block.append(printable(record.question.text), style="bold")
            block.append("\n")
        if record.skipped:
            block.append("  (skipped)", style="dim italic")
        else:
            shown = answer_text(record)
            indent = "" if summary.kind == "note" else "  "
            block.append("\n".join(indent + line for line in shown.split("\n")))
        blocks.append(Text(""))
        blocks.append(block)
    if not detail.answers:
        blocks.extend([Text(""), Text("(no answers yet)", style="dim italic")])
    return blocks


def search_view(hits: Sequence[SearchHit], date_format: str, *, styled: bool) -> list[Text]:
    from rich.text import Text

    blocks: list[Text] = []
    for hit in hits:
        summary = hit.entry
        head = Text(summary.id[:SHORT_ID], style="yellow")
        head.append(f"  {moment_text(summary.created_at, date_format)}  ")
        head.append(printable(summary.label), style="bold")
        marks = entry_marks(summary)
        if marks:
            head.append(f" ({', '.join(marks)})", style="dim")
        if summary.tags:
            head.append(f"  {tags_text(summary)}", style="cyan")
        blocks.append(head)
        for match in hit.matches:
            line = Text("  ")
            if summary.kind != "note":
                line.append(one_line(match.question_text, 40), style="dim")
                line.append(": ", style="dim")
            line.append_text(highlighted_snippet(match.snippet, styled=styled))
            blocks.append(line)
        blocks.append(Text(""))
    return blocks


def sessions_table(sessions: Iterable[TherapySession], date_format: str) -> Table:
    from rich.text import Text

    table = _table("id", "date", "note", flexible="note")
    for session in sessions:
        table.add_row(
            session.id[:SHORT_ID],
            session_moment_text(session, date_format),
            Text(one_line(session.note or "", 70)),
        )
    return table


def trash_table(entries: Iterable[EntrySummary], date_format: str) -> Table:
    from rich.text import Text

    table = _table("id", "date", "entry", "trashed")
    for summary in entries:
        table.add_row(
            summary.id[:SHORT_ID],
            moment_text(summary.created_at, date_format),
            Text(printable(summary.label)),
            moment_text(summary.trashed_at, date_format) if summary.trashed_at else "",
        )
    return table


# --- JSON -----------------------------------------------------------------------------------


def _time(moment: datetime | None) -> str | None:
    return to_db_time(moment) if moment is not None else None


def summary_json(summary: EntrySummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "kind": summary.kind,
        "pack": (
            {"id": summary.pack_id, "version": summary.pack_version, "title": summary.pack_title}
            if summary.pack_id
            else None
        ),
        "created_at": _time(summary.created_at),
        "updated_at": _time(summary.updated_at),
        "completed_at": _time(summary.completed_at),
        "draft": summary.draft,
        "flagged": summary.flagged,
        "private": summary.private,
        "tags": list(summary.tags),
        "trashed_at": _time(summary.trashed_at),
    }


def answer_json(record: AnswerRecord) -> dict[str, Any]:
    question = record.question
    data: dict[str, Any] = {
        "question_id": question.id,
        "question": question.text,
        "kind": question.kind,
        "value": record.value,
        "skipped": record.skipped,
        "answered_at": _time(record.answered_at),
    }
    if question.kind == "scale":
        data["scale"] = {
            "min": question.scale_min,
            "max": question.scale_max,
            "min_label": question.min_label,
            "max_label": question.max_label,
            "dimension": question.dimension,
            "reverse": question.reverse,
        }
    if question.options:
        data["options"] = list(question.options)
    return data


def detail_json(detail: EntryDetail) -> dict[str, Any]:
    return {**summary_json(detail.summary), "answers": [answer_json(a) for a in detail.answers]}


def search_hit_json(hit: SearchHit) -> dict[str, Any]:
    matches = []
    for match in hit.matches:
        text, spans = snippet_plain(match.snippet)
        matches.append(
            {
                "question_id": match.question_id,
                "question": match.question_text,
                "snippet": text,
                "highlights": [list(span) for span in spans],
            }
        )
    return {**summary_json(hit.entry), "score": hit.score, "matches": matches}


def session_json(session: TherapySession) -> dict[str, Any]:
    return {
        "id": session.id,
        "held_on": _time(session.held_on),
        "note": session.note,
        "created_at": _time(session.created_at),
    }


# --- output ---------------------------------------------------------------------------------


def _pager_takes_styles() -> bool:
    """Colours through the pager only when it is less with -R (rich's pager goes via pydoc)."""
    if os.environ.get("MANPAGER") or os.environ.get("PAGER"):
        return False
    # -F: no pager when it fits after all, -R: colours, -X: leave the text on screen after quitting.
    os.environ.setdefault("LESS", "-FRX")
    return "R" in os.environ["LESS"]


def print_paged(console: Console, renderables: Sequence[RenderableType]) -> None:
    """Print; through a pager only on a terminal and only when it is taller than the screen."""
    if not renderables:
        return
    if console.is_terminal and console.is_interactive:
        with console.capture() as capture:
            for renderable in renderables:
                console.print(renderable)
        if capture.get().count("\n") > console.size.height - 1:
            with console.pager(styles=_pager_takes_styles()):
                for renderable in renderables:
                    console.print(renderable)
            return
    for renderable in renderables:
        console.print(renderable)
