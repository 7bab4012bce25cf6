"""The journal on screen and as JSON: entry lists with session dividers, one entry with its
questions, search results with highlighted snippets, sessions, the trash, and a pager for long
output on a terminal.

All user text (answers, notes, tags, session notes) goes through printable() before it reaches the
terminal, and into rich as Text, never as markup.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from reflect.clock import to_db_time
from reflect.model import (
    PREVIEW_CHARACTERS,
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


# A line of output as (text, rich style) pieces: printed through rich on a terminal, and as its
# text alone to a file or another program, which then needs no rich console (see
# render.console._plainly_not_a_terminal: importing rich.console costs more than a `show`).
Pieces = list[tuple[str, str]]
INDENT = "  "


class Indented(list[tuple[str, str]]):
    """A block shown INDENT in, every line of it: on a terminal the lines rich wraps too, so a
    long answer stays a column under its question instead of running back to the margin."""


def as_texts(blocks: Iterable[Pieces]) -> list[RenderableType]:
    """Each block as one rich Text, styled (an Indented one padded on the left)."""
    from rich.padding import Padding
    from rich.text import Text

    return [
        Padding(Text.assemble(*block), (0, 0, 0, len(INDENT)), expand=False)
        if isinstance(block, Indented)
        else Text.assemble(*block)
        for block in blocks
    ]


def as_plain(blocks: Iterable[Pieces]) -> str:
    """The blocks' words as rich would print them to a file, without wrapping them."""
    return "\n".join(_plain_block(block) for block in blocks)


def _plain_block(block: Pieces) -> str:
    text = "".join(text for text, _ in block)
    if isinstance(block, Indented):
        return "\n".join(INDENT + line for line in text.split("\n"))
    return text


def snippet_pieces(snippet: str, *, styled: bool) -> Pieces:
    """A search snippet with its matched words highlighted on a terminal (plain text elsewhere:
    a file or another program gets the words as they were written)."""
    pieces: Pieces = []
    for index, piece in enumerate(snippet.split(SNIPPET_START)):
        matched, _, rest = piece.partition(SNIPPET_END) if index else ("", "", piece)
        if matched:
            shown = " ".join(printable(matched).split())
            pieces.append((shown, "bold reverse" if styled else ""))
        pieces.append((_LINE_BREAKS.sub(" ", printable(rest)), ""))
    return pieces


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


# --- the entry list -------------------------------------------------------------------------

LIST_FORMAT_VERSION = 1
SEARCH_FORMAT_VERSION = 1

MARKS = (
    ("flagged", "F", "flagged for your next session"),
    ("private", "P", "private"),
    ("draft", "D", "unfinished"),
)
"""Short markers for the entry list, in the order they are shown, with the legend's words."""

GAP = 2
ENTRY_MIN = 10
TAGS_MIN = 6
TAGS_MAX = 24
WORDS_COMFORT = 24
"""The first words get at least this much room while the entry and tags columns can give it."""
WORDS_MIN = 10
"""Below this the first words say nothing: the column is left out rather than shown as `Fe…`."""
_DIVIDER = "─"


def preview_text(summary: EntrySummary) -> str:
    """An entry's first words as the list and `--json` show them: its first text answer on one
    line, up to PREVIEW_CHARACTERS characters, ending in … (at a word) when the answer goes on."""
    raw = summary.preview or ""
    cut = len(raw) > PREVIEW_CHARACTERS
    flat = " ".join(raw[:PREVIEW_CHARACTERS].split())
    if cut:
        words = flat.rsplit(" ", 1)[0] if " " in flat else flat
        flat = words.rstrip(" ,;:.-") + "…"
    return flat


def short_marks(summary: EntrySummary) -> str:
    """F, P and D for flagged, private and unfinished (the list's legend says so)."""
    states = {"flagged": summary.flagged, "private": summary.private, "draft": summary.draft}
    return "".join(letter for name, letter, _ in MARKS if states[name])


def marks_legend(letters: Iterable[str]) -> str:
    shown = set("".join(letters))
    return "  ".join(f"{letter} {words}" for _, letter, words in MARKS if letter in shown)


class ListRow(Struct, frozen=True):
    """One row of the entry list as plain cells (a therapy session when `session` is set)."""

    marks: str
    id: str
    date: str
    entry: str
    tags: str
    words: str
    session: bool = False


class ListColumns(Struct, frozen=True):
    """Cell widths of the entry list; 0 leaves a column out."""

    marks: int
    id: int
    date: int
    entry: int
    tags: int
    words: int

    @property
    def total(self) -> int:
        widths = [self.marks, self.id, self.date, self.entry, self.tags, self.words]
        shown = [width for width in widths if width]
        return sum(shown) + GAP * (len(shown) - 1)


def _rows_in_order(
    entries: Sequence[EntrySummary],
    sessions: Sequence[TherapySession],
    newest_first: bool,
) -> list[EntrySummary | TherapySession]:
    """Entries with the therapy sessions between them, in the list's order."""
    pending = sorted(sessions, key=lambda session: session.held_on, reverse=newest_first)
    rows: list[EntrySummary | TherapySession] = []
    position = 0
    for summary in entries:
        while position < len(pending) and (
            pending[position].held_on > summary.created_at
            if newest_first
            else pending[position].held_on <= summary.created_at
        ):
            rows.append(pending[position])
            position += 1
        rows.append(summary)
    rows.extend(pending[position:])  # sessions older (or, oldest first, newer) than all
    return rows


def entry_list_rows(
    entries: Sequence[EntrySummary],
    sessions: Sequence[TherapySession],
    date_format: str,
    *,
    id_length: int = 8,
    newest_first: bool = True,
) -> list[ListRow]:
    rows: list[ListRow] = []
    for item in _rows_in_order(entries, sessions, newest_first):
        if isinstance(item, TherapySession):
            note = " ".join(printable(item.note).split()) if item.note else ""
            moment = session_moment_text(item, date_format)
            rows.append(ListRow("", "", moment, "therapy session", "", note, session=True))
            continue
        rows.append(
            ListRow(
                marks=short_marks(item),
                id=item.id[:id_length],
                date=moment_text(item.created_at, date_format),
                entry=printable(item.label),
                tags=tags_text(item),
                words=printable(preview_text(item)),
            )
        )
    return rows


HEADERS = ListRow("", "id", "date", "entry", "tags", "first words")


def plan_list_columns(rows: Sequence[ListRow], width: int) -> ListColumns:
    """Widths that fit `width` cells, giving up room in this order as it shrinks: the tags
    (cut, then left out when the first words would still be short of WORDS_COMFORT), the entry's
    title (cut to ENTRY_MIN), then the first words (cut, then left out under WORDS_MIN). The
    markers, the id and the whole date with its minutes are never cut."""
    from rich.cells import cell_len

    def widest(cells: Iterable[str]) -> int:
        return max([cell_len(cell) for cell in cells], default=0)

    entry_rows = [row for row in rows if not row.session]
    marks = widest(row.marks for row in entry_rows)
    ids = max(widest(row.id for row in entry_rows), cell_len(HEADERS.id))
    date = max(widest(row.date for row in rows), cell_len(HEADERS.date))
    entry = max(widest(row.entry for row in entry_rows), cell_len(HEADERS.entry))
    tags_natural = widest(row.tags for row in entry_rows)
    tags = min(max(tags_natural, cell_len(HEADERS.tags)), TAGS_MAX) if tags_natural else 0
    words_natural = widest(row.words for row in entry_rows)
    words_natural = max(words_natural, cell_len(HEADERS.words)) if words_natural else 0

    fixed = ListColumns(marks, ids, date, 0, 0, 0).total

    def room_for_words(entry_width: int, tags_width: int) -> int:
        used = fixed + GAP + entry_width + (GAP + tags_width if tags_width else 0)
        return width - used - GAP

    if words_natural:
        # Give the first words a comfortable room: first from the tags, then from the title.
        # Cut tags that leave the first words less than that are left out instead.
        wanted = min(words_natural, WORDS_COMFORT)
        natural_entry = entry
        for tags_kept in (tags, 0):
            tags, entry = tags_kept, natural_entry
            while room_for_words(entry, tags) < wanted and tags > TAGS_MIN:
                tags -= 1
            while room_for_words(entry, tags) < wanted and entry > ENTRY_MIN:
                entry -= 1
            if room_for_words(entry, tags) >= wanted:
                break
    elif tags:
        while fixed + GAP + entry + GAP + tags > width and tags > TAGS_MIN:
            tags -= 1
        while fixed + GAP + entry + GAP + tags > width and entry > ENTRY_MIN:
            entry -= 1
        if fixed + GAP + entry + GAP + tags > width:
            tags = 0
    words = min(words_natural, room_for_words(entry, tags)) if words_natural else 0
    if words < WORDS_MIN:
        words = 0
    if not words:
        while fixed + GAP + entry + (GAP + tags if tags else 0) > width and entry > ENTRY_MIN:
            entry -= 1
    return ListColumns(marks, ids, date, entry, tags, words)


def _cell(text: str, width: int, style: str = "") -> Text:
    from rich.text import Text

    cell = Text(text, style=style)
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell


def _session_line(row: ListRow, columns: ListColumns, width: int) -> Text:
    """A therapy session across the list: a rule where the markers and id go, its date, then
    "therapy session" and its note in the room the entry's title and first words use."""
    from rich.text import Text

    rule = columns.marks + GAP + columns.id if columns.marks else columns.id
    line = Text(_DIVIDER * rule, style="dim")
    line.append(" " * GAP)
    line.append_text(_cell(row.date, columns.date, "bold"))
    line.append(" " * GAP)
    rest = Text(row.entry, style="bold")
    if row.words:
        rest.append(f" · {row.words}", style="dim")
    rest.truncate(max(width - line.cell_len, ENTRY_MIN), overflow="ellipsis")
    line.append_text(rest)
    return line


def _line(row: ListRow, columns: ListColumns, *, header: bool = False) -> Text:
    from rich.text import Text

    style = "bold" if header else ""
    cells = [
        _cell(row.marks, columns.marks, style or "bold") if columns.marks else None,
        _cell(row.id, columns.id, style or "yellow"),
        _cell(row.date, columns.date, style),
        _cell(row.entry, columns.entry, style),
        _cell(row.tags, columns.tags, style or "cyan") if columns.tags else None,
    ]
    line = Text(" " * GAP).join(cell for cell in cells if cell is not None)
    if columns.words:
        words = Text(row.words, style=style)
        words.truncate(columns.words, overflow="ellipsis")
        line.append(" " * GAP)
        line.append_text(words)
    line.rstrip()
    return line


def entry_list_lines(
    entries: Sequence[EntrySummary],
    sessions: Sequence[TherapySession],
    date_format: str,
    width: int,
    *,
    id_length: int = 8,
    newest_first: bool = True,
) -> list[Text]:
    """The entry list for a terminal `width` cells wide: a header, one line per entry with the
    therapy sessions between them as divider lines, and a legend for the markers shown."""
    from rich.text import Text

    rows = entry_list_rows(
        entries, sessions, date_format, id_length=id_length, newest_first=newest_first
    )
    columns = plan_list_columns(rows, width)
    lines = [_line(HEADERS, columns, header=True)]
    lines.append(Text(_DIVIDER * min(columns.total, width), style="dim"))
    lines.extend(
        _session_line(row, columns, width) if row.session else _line(row, columns) for row in rows
    )
    legend = marks_legend(row.marks for row in rows)
    if legend:
        lines.append(Text(""))
        lines.append(Text(legend, style="dim"))
    return lines


TSV_COLUMNS = ("id", "date", "kind", "pack", "title", "flags", "tags", "preview")


def _tsv_value(text: str) -> str:
    return " ".join(printable(text).split())


def entry_list_tsv(
    entries: Sequence[EntrySummary],
    sessions: Sequence[TherapySession],
    *,
    newest_first: bool = True,
) -> str:
    """The entry list for a pipe: a header line, then one tab-separated line per entry or
    session with whole values (full id, local ISO time, flags and tags as comma lists)."""
    lines = ["\t".join(TSV_COLUMNS)]
    for item in _rows_in_order(entries, sessions, newest_first):
        if isinstance(item, TherapySession):
            moment = item.held_on.astimezone().isoformat(timespec="seconds")
            cells = [item.id, moment, "session", "", "therapy session", "", "", item.note or ""]
        else:
            flags = [name for name, _, _ in MARKS if getattr(item, name)]
            cells = [
                item.id,
                item.created_at.astimezone().isoformat(timespec="seconds"),
                item.kind,
                item.pack_id or "",
                item.label,
                ",".join(flags),
                ",".join(item.tags),
                preview_text(item),
            ]
        lines.append("\t".join(_tsv_value(cell) for cell in cells))
    return "\n".join(lines)


def entry_view(detail: EntryDetail, date_format: str) -> list[Pieces]:
    """One entry: a header, then every question as it was asked with its answer."""
    summary = detail.summary
    header: Pieces = [(printable(summary.label), "bold")]
    if summary.pack_id and summary.kind != "note":
        version = printable(summary.pack_version or "?")
        header.append((f"  ({printable(summary.pack_id)} v{version})", "bold"))
    header.append(
        (f"\n{moment_text(summary.created_at, date_format)} · entry {summary.id}", "bold")
    )
    details = entry_marks(summary)
    if summary.tags:
        details.append(tags_text(summary))
    if summary.trashed_at is not None:
        details.append(f"trashed {moment_text(summary.trashed_at, date_format)}")
    if details:
        header.append(("\n" + " · ".join(details), "bold dim"))
    blocks: list[Pieces] = [header]
    for record in detail.answers:
        blocks.append([])
        answer: Pieces = Indented() if summary.kind != "note" or record.skipped else []
        if summary.kind != "note":
            blocks.append([(printable(record.question.text), "bold")])
        if record.skipped:
            answer.append(("(skipped)", "dim italic"))
        else:
            answer.append((answer_text(record), ""))
        blocks.append(answer)
    if not detail.answers:
        blocks.extend([[], [("(no answers yet)", "dim italic")]])
    return blocks


def search_view(
    hits: Sequence[SearchHit], date_format: str, *, styled: bool, id_length: int = SHORT_ID
) -> list[Pieces]:
    blocks: list[Pieces] = []
    for hit in hits:
        summary = hit.entry
        head: Pieces = [
            (summary.id[:id_length], "yellow"),
            (f"  {moment_text(summary.created_at, date_format)}  ", ""),
            (printable(summary.label), "bold"),
        ]
        marks = entry_marks(summary)
        if marks:
            head.append((f" ({', '.join(marks)})", "dim"))
        if summary.tags:
            head.append((f"  {tags_text(summary)}", "cyan"))
        blocks.append(head)
        for match in hit.matches:
            line: Pieces = Indented()
            if summary.kind != "note":
                line.append((one_line(match.question_text, 40), "dim"))
                line.append((": ", "dim"))
            line.extend(snippet_pieces(match.snippet, styled=styled))
            blocks.append(line)
        blocks.append([])
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
        "title": summary.label,
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


def listed_entry_json(summary: EntrySummary, note_text: str | None) -> dict[str, Any]:
    """An entry as `list --json` and `search --json` give it: its summary, the first words the
    list shows (uncut) and, for a note, its whole text."""
    return {**summary_json(summary), "preview": preview_text(summary), "text": note_text}


def list_json(
    entries: Sequence[EntrySummary],
    sessions: Sequence[TherapySession],
    note_texts: Mapping[str, str],
) -> dict[str, Any]:
    return {
        "format": "reflect-list",
        "version": LIST_FORMAT_VERSION,
        "entries": [listed_entry_json(entry, note_texts.get(entry.id)) for entry in entries],
        "sessions": [session_json(session) for session in sessions],
    }


def search_json(
    query: str, hits: Sequence[SearchHit], more: bool, note_texts: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "format": "reflect-search",
        "version": SEARCH_FORMAT_VERSION,
        "query": query,
        "more": more,
        "entries": [search_hit_json(hit, note_texts.get(hit.entry.id)) for hit in hits],
    }


def search_hit_json(hit: SearchHit, note_text: str | None = None) -> dict[str, Any]:
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
    return {**listed_entry_json(hit.entry, note_text), "score": hit.score, "matches": matches}


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
