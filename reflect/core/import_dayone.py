"""Day One's JSON export (the .json file, or the .zip Day One makes) as reflect notes.

Day One writes {"metadata": {"version": "1.0"}, "entries": [...]}; each entry has a `uuid`,
`creationDate` (UTC, ISO 8601), `timeZone` (where it was written), `text` (Markdown, with Day One's
backslash escapes and `![](dayone-moment://...)` references to photos), optional `modifiedDate`,
`tags` and `starred`. An entry becomes a note with the same text (media references removed, since
photos, video, audio and PDFs are not imported: the summary counts them), its tags, and starred as
flagged. Ids derive from Day One's uuid, so importing again adds nothing, and an entry edited in
Day One since (a newer modifiedDate) replaces the older copy.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msgspec import Struct
from pydantic import BaseModel, ConfigDict, Field  # noqa: TID253

from reflect.clock import to_db_time
from reflect.core.foreign import imported_note
from reflect.errors import ImportFormatError
from reflect.model import (
    StoredEntry,
)

DAYONE_NAMESPACE = uuid.UUID("b5b1e0a4-6f55-4a0e-8a9e-2f6c2f1e7d90")
MEDIA_KEYS = ("photos", "videos", "audios", "pdfAttachments")
# A zip is refused when its JSON would unpack to more than this (a zip bomb costs nothing to send).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
_MOMENT = re.compile(r"!\[[^\]]*\]\(dayone-moment:/*[^)]*\)\n?")
# Markdown's backslash escapes: any ASCII punctuation (CommonMark), which Day One adds freely.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class DayOneEntry(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    uuid: str = Field(min_length=1, max_length=64)
    creationDate: str
    modifiedDate: str | None = None
    timeZone: str | None = None
    text: str = ""
    tags: list[str] = []
    starred: bool = False
    photos: list[Any] = []
    videos: list[Any] = []
    audios: list[Any] = []
    pdfAttachments: list[Any] = []


class DayOneNote(Struct):
    entry: StoredEntry
    media_left_out: int


def _aware(text: str, zone: str | None) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("creationDate needs its UTC offset")
    if zone:
        try:
            return moment.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            pass  # an unknown zone name only loses where it was written, not when
    return moment


def plain_text(text: str) -> str:
    """Day One's Markdown without its media references and backslash escapes."""
    return _ESCAPE.sub(r"\1", _MOMENT.sub("", text)).strip()


def dayone_note(item: DayOneEntry) -> DayOneNote:
    created = to_db_time(_aware(item.creationDate, item.timeZone))
    updated = to_db_time(_aware(item.modifiedDate, None)) if item.modifiedDate else created
    updated = max(updated, created)
    entry = imported_note(
        str(uuid.uuid5(DAYONE_NAMESPACE, item.uuid.upper())),
        plain_text(item.text),
        created=created,
        updated=updated,
        flagged=item.starred,
        tags=item.tags,
    )
    media = sum(len(getattr(item, key)) for key in MEDIA_KEYS)
    return DayOneNote(entry, media)


def json_members(path: Path) -> Iterator[tuple[str, bytes]]:
    """The journal .json files inside a Day One .zip, each read whole within the size limit."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFormatError(
            f"{path} is not a readable zip file. Nothing was imported.",
            "Export it again from Day One (File → Export → JSON).",
        ) from error
    with archive:
        members = [
            info
            for info in archive.infolist()
            if info.filename.lower().endswith(".json")
            and "/" not in info.filename.strip("/")
            and not info.filename.startswith(("__MACOSX", "."))
        ]
        if not members:
            raise ImportFormatError(
                f"{path} holds no Day One journal (.json) file. Nothing was imported.",
                "Export it again from Day One as JSON.",
            )
        budget = MAX_UNPACKED_BYTES
        for info in members:
            with archive.open(info) as member:
                data = member.read(budget + 1)
            budget -= len(data)
            if budget < 0:
                raise ImportFormatError(
                    f"{path} unpacks to more than {MAX_UNPACKED_BYTES // 1_048_576} MB of "
                    "journal text; reflect imports up to that. Nothing was imported.",
                    "Export the journal in smaller date ranges.",
                )
            yield info.filename, data
