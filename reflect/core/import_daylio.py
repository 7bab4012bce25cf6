"""Daylio's CSV export as entries of the built-in `mood` pack.

Daylio writes one row per mood entry, newest first, with eight columns: full_date, date, weekday,
time, mood, activities, note_title, note. `time` is "20:15" or "8:15 pm" depending on the phone's
settings and is local wall-clock time, read here as this computer's local time. `activities` are
joined by " | " and become tags. The five default moods map onto the 0-10 mood scale by their place
among five steps, rounded half up: awful 0, bad 3, meh 5, good 8, rad 10. Custom moods appear in
the file under their own names with no level, so the person says which level each stands for
(`--mood NAME=LEVEL`); the mood's own word is kept as the answer to "Is there a word for it?".

Ids are derived from the date, time and the row's place among rows of the same minute, so
importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

from msgspec import Struct

from reflect.clock import to_db_time
from reflect.errors import ImportFormatError
from reflect.model import StoredAnswer, StoredEntry
from reflect.packs.catalog import find_pack
from reflect.packs.definition import Pack
from reflect.store.entries import normalise_tags

DAYLIO_NAMESPACE = uuid.UUID("3d0c5f0e-8f1a-4b8e-9a43-5b0a6f7d2c11")
DAYLIO_COLUMNS = (
    "full_date",
    "date",
    "weekday",
    "time",
    "mood",
    "activities",
    "note_title",
    "note",
)
# Daylio's five levels, worst to best, by their default names.
DEFAULT_MOODS = {"awful": 1, "bad": 2, "meh": 3, "good": 4, "rad": 5}
LEVEL_SCORES = {1: 0, 2: 3, 3: 5, 4: 8, 5: 10}
MOOD_PACK = "mood"
_TIME_FORMATS = ("%H:%M", "%I:%M %p", "%I:%M%p")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


class DaylioRow(Struct, frozen=True):
    number: int  # the row's line in the file, for messages
    moment: datetime
    mood: str
    activities: tuple[str, ...]
    title: str
    note: str


def parse_mood_levels(pairs: list[str]) -> dict[str, int]:
    """`NAME=LEVEL` pairs, LEVEL one of Daylio's default moods or 1-5 (5 = rad)."""
    levels: dict[str, int] = {}
    for pair in pairs:
        name, separator, level = pair.partition("=")
        name, level = name.strip(), level.strip().lower()
        if not separator or not name or not level:
            raise ImportFormatError(
                f"--mood {pair!r} should look like NAME=LEVEL.",
                "For example --mood 'Refreshed=good' or --mood 'Anxious=2' (1 awful ... 5 rad).",
            )
        if level in DEFAULT_MOODS:
            levels[name.casefold()] = DEFAULT_MOODS[level]
        elif level.isdigit() and 1 <= int(level) <= 5:
            levels[name.casefold()] = int(level)
        else:
            raise ImportFormatError(
                f"--mood {pair!r}: {level!r} is not a Daylio mood level.",
                "Use awful, bad, meh, good or rad, or a number from 1 (awful) to 5 (rad).",
            )
    return levels


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"{path} is not UTF-8 text, so it is not a Daylio CSV export. Nothing was imported.",
            "Export it again from Daylio (More → Export entries → CSV).",
        ) from error


def _moment(full_date: str, time_text: str, number: int, path: Path) -> datetime:
    try:
        day = datetime.strptime(full_date.strip(), "%Y-%m-%d")
    except ValueError as error:
        raise ImportFormatError(
            f"{path}: row {number} has no date reflect can read. Nothing was imported.",
            "full_date should look like 2024-05-10.",
        ) from error
    for pattern in _TIME_FORMATS:
        try:
            clock = datetime.strptime(time_text.strip().upper(), pattern)
        except ValueError:
            continue
        # Daylio's times are local wall-clock time: this computer's zone gives the offset.
        return day.replace(hour=clock.hour, minute=clock.minute).astimezone()
    raise ImportFormatError(
        f"{path}: row {number} has a time reflect cannot read. Nothing was imported.",
        "time should look like 20:15 or 8:15 pm.",
    )


def read_rows(raw: bytes, path: Path) -> Iterator[DaylioRow]:
    """The rows of a Daylio CSV export, checked; ImportFormatError for anything else."""
    reader = csv.reader(io.StringIO(_decode(raw, path), newline=""))
    try:
        header = next(reader, None)
        if header is None or tuple(name.strip() for name in header) != DAYLIO_COLUMNS:
            raise ImportFormatError(
                f"{path} does not look like a Daylio CSV export. Nothing was imported.",
                f"Its first line should name the columns {','.join(DAYLIO_COLUMNS)}.",
            )
        for row in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(DAYLIO_COLUMNS):
                raise ImportFormatError(
                    f"{path}: row {number} has {len(row)} columns, not "
                    f"{len(DAYLIO_COLUMNS)}. Nothing was imported.",
                    "The file may be cut short or edited; export it again from Daylio.",
                )
            cells = dict(zip(DAYLIO_COLUMNS, row, strict=True))
            if not cells["mood"].strip():
                raise ImportFormatError(
                    f"{path}: row {number} has no mood. Nothing was imported.",
                    "Export it again from Daylio.",
                )
            yield DaylioRow(
                number=number,
                moment=_moment(cells["full_date"], cells["time"], number, path),
                mood=cells["mood"].strip(),
                activities=tuple(
                    activity.strip()
                    for activity in cells["activities"].split("|")
                    if activity.strip()
                ),
                title=cells["note_title"].replace("\r\n", "\n").strip(),
                note=_LINE_BREAK.sub("\n", cells["note"].replace("\r\n", "\n")).strip(),
            )
    except csv.Error as error:
        raise ImportFormatError(
            f"{path} is not a readable CSV file (line {reader.line_num}). Nothing was imported.",
            "Export it again from Daylio.",
        ) from error


def unknown_moods(rows: list[DaylioRow], levels: Mapping[str, int]) -> list[str]:
    names = {row.mood for row in rows}
    known = set(DEFAULT_MOODS) | set(levels)
    return sorted(name for name in names if name.casefold() not in known)


def _level(mood: str, levels: Mapping[str, int]) -> int:
    folded = mood.casefold()
    return levels.get(folded) or DEFAULT_MOODS[folded]


def daylio_entries(
    rows: list[DaylioRow], levels: Mapping[str, int], pack: Pack | None = None
) -> Iterator[StoredEntry]:
    """Each row as a completed entry of the mood pack (levels: custom mood -> 1-5)."""
    pack = pack or find_pack(MOOD_PACK)
    reference = pack.reference()
    questions = {
        question.id: question.snapshot(index) for index, question in enumerate(pack.questions)
    }
    seen: dict[str, int] = {}
    for row in rows:
        at = to_db_time(row.moment)
        minute = row.moment.strftime("%Y-%m-%d %H:%M")
        seen[minute] = seen.get(minute, 0) + 1
        entry_id = str(uuid.uuid5(DAYLIO_NAMESPACE, f"{minute}#{seen[minute]}"))
        note = "\n".join(part for part in (row.title, row.note) if part)
        values: list[tuple[str, str | int]] = [
            ("mood", LEVEL_SCORES[_level(row.mood, levels)]),
            ("mood-word", row.mood),
        ]
        if note:
            values.append(("note", note))
        yield StoredEntry(
            id=entry_id,
            kind="run",
            pack_id=reference.id,
            pack_version=reference.version,
            pack_hash=reference.content_hash,
            created_at=at,
            updated_at=at,
            completed_at=at,
            flagged=False,
            private=False,
            tags=tuple(normalise_tags(list(row.activities))),
            answers=tuple(StoredAnswer(questions[qid], value, at) for qid, value in values),
        )
