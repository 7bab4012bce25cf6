"""The CSV export: one row per answer, for a spreadsheet.

UTF-8 with a byte-order mark: Excel reads a CSV without one in the machine's legacy code page
(mangling accents, emoji and non-Latin scripts); LibreOffice, Numbers, Google Sheets and Python's
`utf-8-sig` all accept the mark. Text cells that a spreadsheet would run as a formula (starting
with = + - @, tab or carriage return) get a leading apostrophe, as OWASP recommends.
"""

from __future__ import annotations

import csv
from typing import TextIO

from reflect.core.export import ExportDocument
from reflect.render.export import wording

BYTE_ORDER_MARK = "\ufeff"
COLUMNS = (
    "entry_id",
    "date",
    "pack",
    "question_id",
    "question_text",
    "kind",
    "value",
    "dimension",
    "score",
    "tags",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    """Text that a spreadsheet will show as text, never evaluate."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def write_csv(document: ExportDocument, stream: TextIO) -> None:
    stream.write(BYTE_ORDER_MARK)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    titles = document.pack_titles
    for entry in document.entries():
        pack = (
            "" if entry.kind == "note" else titles.get(entry.pack_hash or "", entry.pack_id or "")
        )
        tags = ", ".join(entry.tags)
        date = wording.local(entry.created_at).isoformat(timespec="minutes")
        for answer in entry.answers:
            question = answer.question
            value = answer.value
            if value is None:
                shown = ""
            elif question.kind == "scale" and isinstance(value, int | float):
                shown = _number(value)  # a number we stored, safe as it is
            elif isinstance(value, list):
                shown = guard("; ".join(value))
            else:
                shown = guard(str(value))
            score = wording.item_score(answer)
            writer.writerow(
                (
                    entry.id,
                    date,
                    guard(pack),
                    question.id,
                    guard(question.text),
                    question.kind,
                    shown,
                    question.dimension or "",
                    "" if score is None else _number(score),
                    guard(tags),
                )
            )
