"""reflect's own JSON format, written as a stream.

The document is one JSON object: {"format": "reflect-journal", "version": 1, ...header...,
"entries": [...]}. The header parts are small and written first; the entries follow one per line,
each serialised on its own as the store yields it, so the whole document never exists in memory.
`reflect import --from reflect` reads it back (see reflect.core.importing).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from msgspec.structs import asdict

from reflect.clock import to_db_time
from reflect.core.export import ExportDocument

if TYPE_CHECKING:
    from reflect.core.trends import TrendReport
from reflect.model import StoredAnswer, StoredEntry

FORMAT_NAME = "reflect-journal"
FORMAT_VERSION = 1


_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def question_dict(answer: StoredAnswer) -> dict[str, Any]:
    # Spelled out: a generic asdict would copy every field, and the writer needs a few keys.
    question = answer.question
    return {
        "id": question.id,
        "text": question.text,
        "kind": question.kind,
        "position": question.position,
        "scale_min": question.scale_min,
        "scale_max": question.scale_max,
        "min_label": question.min_label,
        "max_label": question.max_label,
        "dimension": question.dimension,
        "reverse": question.reverse,
        "options": list(question.options) if question.options else None,
    }


def entry_dict(entry: StoredEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "pack": (
            {"id": entry.pack_id, "version": entry.pack_version, "content_hash": entry.pack_hash}
            if entry.pack_hash or entry.pack_id
            else None
        ),
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "completed_at": entry.completed_at,
        "flagged": entry.flagged,
        "private": entry.private,
        "tags": list(entry.tags),
        "answers": [
            {
                "question": question_dict(answer),
                "value": answer.value,
                "answered_at": answer.answered_at,
            }
            for answer in entry.answers
        ],
    }


def _write_trends(report: TrendReport, stream: TextIO) -> None:
    """report.to_json_dict(for_export=True) as _dumps writes it, a series at a time."""
    head, dimensions, questions = report.json_parts(for_export=True)
    stream.write(_dumps(head)[:-1])  # the head has keys: it ends with "}", never is "{}"
    for key, series in (("dimensions", dimensions), ("questions", questions)):
        stream.write(f', "{key}": [')
        separator = ""
        for one in series:
            stream.write(separator)
            stream.write(_dumps(one))
            separator = ", "
        stream.write("]")
    stream.write("}")


def write_json(document: ExportDocument, stream: TextIO) -> None:
    options = document.options
    entries = options.entries
    header: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "made_at": to_db_time(document.made_at),
        "filters": {
            "since": to_db_time(entries.since) if entries.since else None,
            "until": to_db_time(entries.until) if entries.until else None,
            "pack": entries.pack,
            # A tag is a word the person wrote: a scores-only export does not name it.
            "tag": None if options.scores_only else entries.tag,
            "flagged_only": entries.flagged,
            "include_private": entries.include_private,
            "scores_only": options.scores_only,
        },
        "packs": [
            {
                "content_hash": pack.content_hash,
                "id": pack.pack_id,
                "version": pack.version,
                "title": pack.title,
                "first_used_at": pack.first_used_at,
                "definition": pack.definition,
            }
            for pack in document.packs
        ],
        "sessions": [asdict(session) for session in document.sessions],
    }
    opening = _dumps(header)
    # The header without its closing brace, then the trends object and the entries array
    # streamed after it: the same text as one json.dumps of the whole, never all in memory.
    stream.write(opening[:-1])
    if document.trends is not None and document.trends.report is not None:
        stream.write(', "trends": ')
        _write_trends(document.trends.report, stream)
    stream.write(', "entries": [')
    separator = "\n"
    if document.entry_json_stream is not None:
        # SQLite wrote each entry's JSON (reflect.store.exchange.iter_entry_json): one write
        # per batch of entries, no Python per answer.
        for batch in document.entry_json_batches():
            stream.write(separator)
            stream.write(",\n".join(batch))
            separator = ",\n"
    else:
        for entry in document.entries():
            stream.write(separator)
            stream.write(_dumps(entry_dict(entry)))
            separator = ",\n"
    stream.write("\n]}\n")
