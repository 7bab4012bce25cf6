"""The Markdown export: CommonMark that reads well in a plain text editor.

The structure is ours alone: `#` the title, `##` the trend summary and each therapy session, `###`
each entry. Nothing a person wrote can add to it or break it: every character that means something
to CommonMark is backslash-escaped (escapes are part of CommonMark and show as the plain character
once rendered), line-start markers (`-`, `+`, `=`, `1.`) are neutralised, and leading spaces become
no-break spaces so indentation can never start a code block. Written answers are quoted (`> `).
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import TextIO

from reflect.core.export import (
    AnswerRow,
    Brief,
    BringItem,
    ExportDocument,
    ScoreTable,
    SessionDivider,
    answer_from_row,
)
from reflect.model import QuestionSnapshot, StoredAnswer, StoredEntry
from reflect.render.export import wording

# Characters with meaning anywhere on a line: emphasis, code spans and fences, links and images,
# raw HTML and autolinks, a heading's closing #s, tables and strikethrough (GFM).
_SPECIAL_ANYWHERE = "\\`*_[]<#|~"
_ESCAPED_ANYWHERE = str.maketrans({character: "\\" + character for character in _SPECIAL_ANYWHERE})
_NEEDS_ESCAPE = re.compile(f"[{re.escape(_SPECIAL_ANYWHERE)}]")
# `&name;` and `&#123;` would be read as character references.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Markers that only mean something at the start of a line: block quotes, bullet lists, thematic
# breaks and setext heading underlines; and the `1.` / `1)` of an ordered list.
_ESCAPED_AT_START = (">", "+", "=", "-")
_ORDERED_LIST = re.compile(r"^(\d{1,9})([.)])")
_NO_BREAK_SPACE = "\u00a0"


def escape_line(line: str) -> str:
    """One line of a person's text, safe to place anywhere in a CommonMark paragraph."""
    line = line.rstrip()  # trailing spaces would make a hard line break
    text = line.lstrip(" \t")
    indent = line[: len(line) - len(text)]
    if _NEEDS_ESCAPE.search(text) is not None:  # most lines have none: translate is slow
        text = text.translate(_ESCAPED_ANYWHERE)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    if text.startswith(_ESCAPED_AT_START):
        text = "\\" + text
    elif text[:1].isdigit():
        text = _ORDERED_LIST.sub(r"\1\\\2", text)
    # Leading blanks as no-break spaces: the indentation shows, but never starts a code block.
    return _NO_BREAK_SPACE * len(indent.expandtabs(4)) + text


def _escape_inline(text: str) -> str:
    return escape_line(" ".join(text.split()))


@functools.lru_cache(maxsize=1024)
def escape_inline(text: str) -> str:
    """Text for a heading or a single line (newlines become spaces). Cached: question texts and
    headings repeat entry after entry."""
    return _escape_inline(text)


def quoted(text: str) -> str:
    """A person's text as a block quote: paragraphs kept, every line escaped."""
    if "\n" not in text and "\r" not in text:  # most answers: one line (what the loop gives)
        line = escape_line(text)
        return f"> {line}" if line.strip() else "> "
    lines: list[str] = []
    blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = escape_line(raw)
        if not line.strip():
            blank = bool(lines)
            continue
        if blank:
            lines.append(">")
            blank = False
        lines.append(f"> {line}")
    return "\n".join(lines) if lines else "> "


def _entry_head(entry: StoredEntry, pack_titles: dict[str, str]) -> list[str]:
    """The heading of an entry and its notes (flagged, tags, private)."""
    heading = wording.entry_heading(entry, pack_titles)
    if entry.flagged:
        heading = f"{wording.FLAG_MARK} {heading}"
    parts = [f"### {_escape_inline(heading)}"]  # every heading differs: not cached
    notes: list[str] = []
    if entry.flagged:
        notes.append("**Flagged to bring to the session.**")
    if entry.tags:
        notes.append("Tags: " + ", ".join(escape_inline(tag) for tag in entry.tags))
    if entry.private:
        notes.append("*Private entry.*")
    if notes:
        parts.append("  \n".join(notes))
    return parts


def _entry(entry: StoredEntry, pack_titles: dict[str, str]) -> str:
    parts = _entry_head(entry, pack_titles)
    answers = wording.answered(entry)
    if not answers:
        parts.append("*No answers.*")
    parts += [_answer_block(entry.kind == "note", answer) for answer in answers]
    return "\n\n".join(parts)


def _answer_block(in_note: bool, answer: StoredAnswer) -> str:
    """An answer given, as the export shows it: a note's text quoted; a run's written answer as
    its question in bold, then quoted; a pick or a number with its question."""
    value = answer.value
    if not in_note and isinstance(value, int | float | str) and not isinstance(value, bool):
        block = _picked_or_written(answer.question, value)
        if block is not None:
            return block
    shown = wording.shown_answer(answer)
    if in_note:
        return quoted(shown.value)
    if shown.is_written:
        return f"**{escape_inline(shown.question)}**\n\n{quoted(shown.value)}"
    return _picked(shown)


# Blocks of the picks and numbers of runs, and the bold question over a written answer, by the
# question object (one per question as asked, shared by every row that asked it; the entry
# holds it, so its id stays its own) and the value as stored. Bounded: cleared when full.
_ROW_CACHE_LIMIT = 8192
_row_blocks: dict[tuple[int, str | None, float | None], tuple[QuestionSnapshot, str]] = {}
_written_heads: dict[int, tuple[QuestionSnapshot, str]] = {}


def _entry_from_rows(entry: StoredEntry, rows: list[AnswerRow], pack_titles: dict[str, str]) -> str:
    """What _entry writes for the same entry, from its given answers as rows: the text of a pick
    or a number is made once per question and value, a written answer is only quoted."""
    parts = _entry_head(entry, pack_titles)
    if not rows:
        parts.append("*No answers.*")
    elif entry.kind == "note":
        parts += [_answer_block(True, answer_from_row(row)) for row in rows]
    else:
        blocks = _row_blocks
        heads = _written_heads
        for row in rows:
            question, value_text, value_number = row
            if question.kind == "text" and value_text is not None:
                head = heads.get(id(question))
                if head is None or head[0] is not question:
                    if len(heads) >= _ROW_CACHE_LIMIT:
                        heads.clear()
                    head = heads[id(question)] = (question, f"**{escape_inline(question.text)}**")
                parts.append(f"{head[1]}\n\n{quoted(value_text)}")
                continue
            key = (id(question), value_text, value_number)
            found = blocks.get(key)
            if found is None or found[0] is not question:
                if len(blocks) >= _ROW_CACHE_LIMIT:
                    blocks.clear()
                found = blocks[key] = (question, _answer_block(False, answer_from_row(row)))
            parts.append(found[1])
    return "\n\n".join(parts)


def _picked(shown: wording.ShownAnswer) -> str:
    return f"**{escape_inline(shown.question)}**  \n{escape_inline(shown.value)}"


@functools.lru_cache(maxsize=8192, typed=True)
def _picked_block(question: QuestionSnapshot, value: int | float | str) -> str:
    """A scale number or a single choice with its question: the same few, entry after entry."""
    return _picked(wording.shown_answer(StoredAnswer(question, value, "")))


def _picked_or_written(question: QuestionSnapshot, value: int | float | str) -> str | None:
    """The block of an answer of a run, None when it is written text (quoted, not cached)."""
    if question.kind == "text":
        return f"**{escape_inline(question.text)}**\n\n{quoted(str(value))}"
    return _picked_block(question, value)


def _session(divider: SessionDivider) -> str:
    parts = ["---", f"## {escape_inline(wording.session_heading(divider.session.held_on))}"]
    if divider.session.note:
        parts.append(quoted(divider.session.note))
    return "\n\n".join(parts)


def _bring_item(item: BringItem, made_on: date | None) -> str:
    mark = f"{wording.FLAG_MARK} " if item.flagged else ""
    where = escape_inline(f"{wording.brief_day(item.created_at, made_on)} · {item.source}")
    line = f"- {mark}**{where}**"
    if item.excerpt:
        line += f": {escape_inline(wording.cut(item.excerpt))}"
    elif item.flagged:
        line += " (flagged)"
    pointer = wording.full_entry_pointer(item.created_at, made_on)
    return line + f" *({escape_inline(pointer)})*"


def _table(table: ScoreTable, made_on: date | None) -> list[str]:
    header = ["", "Rated entries", *table.columns]
    lines = [
        "| " + " | ".join(escape_inline(cell) for cell in header) + " |",
        "|---|" + "---:|" * (len(header) - 1),
    ]
    for row in table.rows:
        # Numbers are ours and need no escaping (escape_line would guard "6." as a list marker).
        cells = [escape_inline(wording.row_label(row, table.by, made_on)), str(row.entries)]
        cells += [wording.score_cell(score) for score in row.scores]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [wording.TABLE_NOTE]
    left_out = wording.table_left_out(table)
    if left_out:
        notes.append(left_out)
    return ["\n".join(lines), escape_inline(" ".join(notes))]


def brief_markdown(brief: Brief) -> str:
    made_on = brief.made_on
    parts = [f"## {wording.BRIEF_TITLE}", f"### {escape_inline(wording.BRING_HEADING)}"]
    if brief.bring:
        lines = [_bring_item(item, made_on) for item in brief.bring]
        if brief.bring_left_out:
            lines.append(f"- {wording.more_line(brief.bring_left_out, 'item')}")
        parts.append("\n".join(lines))
    else:
        parts.append(wording.NOTHING_TO_BRING)
    if brief.table is not None:
        parts.append(f"### {escape_inline(wording.table_heading(brief.table, made_on))}")
        parts += _table(brief.table, made_on)
    if brief.low_points or brief.strains:
        parts.append(f"### {wording.MOMENTS_HEADING}")
        lines = [
            f"- {escape_inline(wording.low_point_line(low, made_on))}" for low in brief.low_points
        ]
        lines += [
            f"- {escape_inline(wording.strain_line(strain, made_on))}" for strain in brief.strains
        ]
        if brief.strains_left_out:
            lines.append(f"- {wording.more_line(brief.strains_left_out, 'strain')}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def write_markdown(document: ExportDocument, stream: TextIO) -> None:
    stream.write(f"# {wording.TITLE}\n\n")
    stream.write(
        f"{escape_inline(wording.covers_line(document))}  \n"
        f"{escape_inline(wording.made_line(document))}\n\n"
    )
    if document.brief is not None:
        stream.write(brief_markdown(document.brief) + "\n\n")
    if document.trends is not None and document.trends.summary_lines:
        stream.write(f"## {wording.TRENDS_HEADING}\n\n")
        for line in document.trends.summary_lines:
            stream.write(f"- {escape_inline(line)}\n")
        stream.write("\n")
    if document.brief is not None or document.trends is not None:
        stream.write(f"## {wording.ENTRIES_HEADING}\n\n")
    titles = document.pack_titles
    if document.entry_row_stream is not None:
        for row_item in document.item_rows():
            if isinstance(row_item, SessionDivider):
                stream.write(_session(row_item) + "\n\n")
            else:
                stream.write(_entry_from_rows(row_item[0], row_item[1], titles) + "\n\n")
    else:
        for item in document.items():
            if isinstance(item, SessionDivider):
                stream.write(_session(item) + "\n\n")
            else:
                stream.write(_entry(item, titles) + "\n\n")
    if document.entries_written == 0:
        stream.write("*No entries matched.*\n")
