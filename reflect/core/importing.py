"""`reflect import`: reflect's own JSON export, jrnl's `--format json` export, Daylio's CSV
export (reflect.core.import_daylio) or Day One's JSON export (reflect.core.import_dayone).

The file is parsed as a stream (ijson) and every entry is written as soon as it is read, all in ONE
transaction: a bad, truncated or foreign file raises ImportFormatError and the rollback leaves the
journal exactly as it was. `--dry-run` runs the very same import and rolls it back, so what it
reports is what would happen.

Idempotent by id: an entry already in the journal with the same `updated_at` is left alone; with a
different one, the newer version wins and the id is reported. jrnl entries carry no id, so theirs
is derived from the date, time and text (UUID 5): importing the same jrnl file twice adds nothing.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import uuid
import zipfile
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol

import msgspec
from msgspec import Struct, field
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator  # noqa: TID253

from reflect.clock import DATE_RANGE, in_range, to_db_time
from reflect.core import import_daylio
from reflect.core.foreign import imported_note
from reflect.core.import_dayone import DayOneEntry, dayone_note, json_members
from reflect.errors import DateParseError, ImportFormatError, ReflectError
from reflect.files import BoundedReader, ReaderOver, UserFileError, open_user_file
from reflect.model import (
    QuestionSnapshot,
    StoredAnswer,
    StoredEntry,
    StoredPackSnapshot,
    StoredSession,
    check_answer,
)
from reflect.packs.catalog import find_pack
from reflect.packs.rules import question_violations
from reflect.store import exchange
from reflect.store.entries import normalise_tags

if TYPE_CHECKING:
    from reflect.store.database import Database

ImportSource = Literal["reflect", "jrnl", "daylio", "dayone"]
REFLECT_FORMAT = "reflect-journal"
SUPPORTED_VERSIONS = (1,)
MAX_IMPORT_BYTES = 100 * 1024 * 1024
# Entries imported from jrnl get ids derived from their content, in this namespace.
JRNL_NAMESPACE = uuid.UUID("8f7c6a52-3b0e-4c55-9d3f-1a2b3c4d5e6f")


class ImportReport(Struct):
    source: ImportSource
    dry_run: bool
    added: int = 0
    unchanged: int = 0
    replaced: list[str] = field(default_factory=list)  # the file's version was newer
    kept_local: list[str] = field(default_factory=list)  # the journal's version was newer
    sessions_added: int = 0
    media_left_out: int = 0  # Day One photos, videos, audio and PDFs, which are not imported

    @property
    def conflicts(self) -> list[str]:
        return self.replaced + self.kept_local


# --- the file's shapes ------------------------------------------------------------------------


def _db_time(value: str) -> str:
    """A stored timestamp, normalised; it must carry its UTC offset."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a timestamp needs its UTC offset")
    try:
        return to_db_time(moment)
    except DateParseError as error:  # pydantic reports a ValueError with the field's name
        raise ValueError(
            f"{value[:40]} is outside the years reflect keeps ({DATE_RANGE})"
        ) from error


DbTime = Annotated[str, AfterValidator(_db_time)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _filed_question() -> type[Any]:
    """QuestionSnapshot's fields (names, resolved types, defaults) as a stdlib dataclass, which
    pydantic checks as it always checked the question of an export file: each field's type,
    none missing, none unknown. Built from the record itself, so the two cannot drift."""
    fields = [
        (field.name, field.type)
        if field.required
        else (field.name, field.type, dataclasses.field(default=field.default))
        for field in msgspec.structs.fields(QuestionSnapshot)
    ]
    return dataclasses.make_dataclass("ImportedQuestion", fields, frozen=True)


if TYPE_CHECKING:  # a class made at run time: to mypy, any value
    ImportedQuestion = Any
else:
    ImportedQuestion = _filed_question()


def _snapshot(filed: Any) -> QuestionSnapshot:
    """The QuestionSnapshot of a filed question ([] in a file stored as None, as a pack's
    question without options is)."""
    fields = dataclasses.asdict(filed)
    return QuestionSnapshot(**(fields | {"options": fields["options"] or None}))


class ImportedAnswer(_Strict):
    question: ImportedQuestion
    # As the file has it (no coercion: `true` must not become 1.0): checked against its question
    # by the validator a run uses, in _checked_answers.
    value: Any
    answered_at: DbTime


class ImportedPackReference(_Strict):
    id: str | None
    version: str | None
    content_hash: str | None


class ImportedEntry(_Strict):
    id: str
    kind: Literal["run", "note"]
    pack: ImportedPackReference | None
    created_at: DbTime
    updated_at: DbTime
    completed_at: DbTime | None
    flagged: bool
    private: bool
    tags: list[str]
    answers: list[ImportedAnswer]

    @field_validator("id")
    @classmethod
    def _uuid(cls, value: str) -> str:
        return str(uuid.UUID(value))


class ImportedSession(_Strict):
    id: str
    held_on: DbTime
    note: str | None
    created_at: DbTime


class ImportedPack(_Strict):
    content_hash: str
    id: str
    version: str
    title: str
    first_used_at: DbTime
    definition: dict[str, Any]


class JrnlEntry(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    title: str
    body: str = ""
    date: str
    time: str
    tags: list[str] = []
    starred: bool = False


# --- streaming the file -------------------------------------------------------------------------


_OPENING = ("start_map", "start_array")
_CLOSING = ("end_map", "end_array")
# reflect's own items nest five levels deep (an entry's answer's question's options); anything far
# deeper is not an export, and is refused before it can cost time or memory.
MAX_NESTING = 32


def _too_deep(path: Path) -> ImportFormatError:
    return ImportFormatError(
        f"{path} nests data more than {MAX_NESTING} levels deep, so it is not an export. "
        "Nothing was imported."
    )


ARRAY_STARTED = object()
"""Yielded by _top_level as (key, ARRAY_STARTED) when one of the named arrays begins, so an empty
array is told apart from a missing one."""


class ByteSource(Protocol):
    """What the importers read from: a file, a checked stream or bytes in memory."""

    def read(self, size: int = -1, /) -> bytes: ...


def _top_level(
    source: ByteSource, path: Path, arrays: tuple[str, ...]
) -> Iterator[tuple[str, Any]]:
    """(key, value) for each top-level scalar, and (key, item) for each item of the named arrays
    (after (key, ARRAY_STARTED) at the start of each).

    Only one array item is ever in memory; everything else is skipped as it streams past. Built
    on ijson's basic_parse, whose events carry no path: ijson.parse's dotted prefixes grow with
    the depth, which a hostile file nested 100,000 levels deep turns into gigabytes.
    """
    import ijson

    key = ""
    in_array = False  # inside one of `arrays`
    builder: Any = None  # building one array item
    depth = 0  # nesting inside the item being built, or skipped
    started = False
    for event, value in ijson.basic_parse(source, use_float=True):
        if builder is not None or depth:
            depth += 1 if event in _OPENING else -1 if event in _CLOSING else 0
            if depth > MAX_NESTING:
                raise _too_deep(path)
            if builder is not None:
                builder.event(event, value)
                if depth == 0:
                    yield key, builder.value
                    builder = None
            continue
        if not started:
            if event != "start_map":
                raise ImportFormatError(f"{path} is not a JSON object, so it is not an export.")
            started = True
        elif in_array:
            if event == "end_array":
                in_array = False
            elif event in _OPENING:
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
                depth = 1
            else:
                yield key, value
        elif event == "map_key":
            key = value
        elif event == "start_array" and key in arrays:
            in_array = True
            yield key, ARRAY_STARTED
        elif event in _OPENING:
            depth = 1  # a top-level value reflect does not read (filters, trends): skipped
        elif event != "end_map":
            yield key, value


def _size(count: int) -> str:
    if count >= 1_048_576:
        return f"{count / 1_048_576:.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, round(count / 1024))} KB"


def _open(path: Path) -> _TextCheckedStream:
    """The file as a byte stream held to MAX_IMPORT_BYTES by the bytes actually read (a pipe or
    a growing file cannot slip past a size from stat), checked to be UTF-8 as it streams."""

    def too_large() -> ImportFormatError:
        return ImportFormatError(
            f"{path} is larger than {_size(MAX_IMPORT_BYTES)}; reflect imports files up to "
            f"{_size(MAX_IMPORT_BYTES)}. Nothing was imported.",
            "Split the export into smaller date ranges (reflect export --since/--until).",
        )

    try:
        return _TextCheckedStream(
            open_user_file(path, limit=MAX_IMPORT_BYTES, on_excess=too_large), path
        )
    except UserFileError as error:
        raise ReflectError(error.message, error.hint) from error


_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


class _TextCheckedStream(ReaderOver[BoundedReader]):
    """Passes the bytes through to the JSON parser, having checked they are UTF-8: a UTF-16 or
    UTF-32 file and invalid UTF-8 are named as such (with the byte offset), not reported as
    broken JSON; a UTF-8 byte-order mark at the start is skipped, as JSON readers may do."""

    def __init__(self, reader: BoundedReader, path: Path) -> None:
        super().__init__(reader)
        self.path = path
        self.offset = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.started = False

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for 0 bytes to learn whether the stream is binary
            return b""
        data = self.raw.read(size)
        if not self.started:
            self.started = True
            while len(data) < 4 and data:  # enough bytes to tell a byte-order mark
                more = self.raw.read(4 - len(data))
                if not more:
                    break
                data += more
            encoding = next((name for mark, name in _OTHER_BOMS if data.startswith(mark)), None)
            if encoding is None and _looks_utf16(data):
                encoding = "UTF-16"
            if encoding is not None:
                raise ImportFormatError(
                    f"{self.path} is {encoding} text; reflect reads exports in UTF-8. "
                    "Nothing was imported.",
                    "Save the file as UTF-8 (most editors offer it under 'encoding').",
                )
            if data.startswith(_UTF8_BOM):
                data = data[len(_UTF8_BOM) :]
                self.offset = len(_UTF8_BOM)
        try:
            self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise ImportFormatError(
                f"{self.path} is not UTF-8 text (byte {self.offset + error.start + 1} is not "
                "valid UTF-8). Nothing was imported.",
                "Check that it is an export file, saved as UTF-8.",
            ) from error
        self.offset += len(data)
        return data


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: JSON starts with ASCII, so every other byte is NUL."""
    return len(data) >= 4 and ((data[1] == 0 and data[3] == 0) or (data[0] == 0 and data[2] == 0))


def _invalid(path: Path, what: str, number: int, error: Exception) -> ImportFormatError:
    # The message names the item and the field, never its contents (they may be answer text).
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        place = ".".join(str(part) for part in first["loc"]) or "the item"
        reason = f"{place}: {first['msg']}"
    else:
        reason = type(error).__name__ if not str(error) else str(error)
    return ImportFormatError(
        f"{path}: {what} {number} is not valid ({reason}). Nothing was imported.",
        "Check that the file is an unchanged export.",
    )


# --- turning items into stored rows ----------------------------------------------------------


class _AnswerProblem(ValueError):
    """One answer of an imported entry does not fit its question."""

    def __init__(self, entry_id: str, question_id: str, reason: str) -> None:
        super().__init__(reason)
        self.entry_id = entry_id
        self.question_id = question_id
        self.reason = reason

    def error(self, path: Path) -> ImportFormatError:
        # Ids and what the question expects, never the answer itself.
        shown = self.question_id[:60]
        return ImportFormatError(
            f"{path}: entry {self.entry_id}, question {shown!r}: {self.reason}. "
            "Nothing was imported.",
            "Check that the file is an unchanged export.",
        )


def _question_problem(question: Any) -> str | None:
    """What is wrong with a question as the file describes it, by the rules packs follow."""

    fields: dict[str, Any] = {"kind": question.kind}
    for name, value in (
        ("min", question.scale_min),
        ("max", question.scale_max),
        ("min_label", question.min_label),
        ("max_label", question.max_label),
        ("dimension", question.dimension),
        ("options", question.options),
    ):
        if value is not None:
            fields[name] = value
    if question.kind == "scale":
        fields.setdefault("dimension", "-")  # a snapshot may lack one; trends then skip it
    if question.reverse:
        fields["reverse"] = True
    violations = question_violations(fields)
    return violations[0].message if violations else None


def _checked_answers(item: ImportedEntry) -> list[StoredAnswer]:
    """Every answer checked the way `reflect run --answers` checks it (kind, whole number in
    range, one of the options), each question once per entry and well formed."""
    answers: list[StoredAnswer] = []
    seen: set[str] = set()
    for answer in item.answers:
        filed = answer.question
        question = _snapshot(filed)
        if question.id in seen:
            raise _AnswerProblem(item.id, question.id, "the question appears twice in the entry")
        seen.add(question.id)
        problem = _question_problem(filed)
        if problem is not None:
            raise _AnswerProblem(item.id, question.id, problem)
        # The one check every answer passes (the same as a run's), reported by entry and question.
        try:
            value = check_answer(question, answer.value)
        except ValueError as error:
            raise _AnswerProblem(item.id, question.id, str(error)) from error
        answers.append(StoredAnswer(question, value, answer.answered_at))
    return answers


def _stored_entry(item: ImportedEntry) -> StoredEntry:

    answers = _checked_answers(item)
    pack = item.pack
    return StoredEntry(
        id=item.id,
        kind=item.kind,
        pack_id=pack.id if pack else None,
        pack_version=pack.version if pack else None,
        pack_hash=pack.content_hash if pack else None,
        created_at=item.created_at,
        updated_at=item.updated_at,
        completed_at=item.completed_at,
        flagged=item.flagged,
        private=item.private,
        tags=tuple(normalise_tags(item.tags)),
        answers=tuple(answers),
    )


def jrnl_note(item: JrnlEntry) -> StoredEntry:
    """A jrnl entry as a reflect note: title and body joined as jrnl writes them, local time."""
    text = f"{item.title}\n{item.body}" if item.body else item.title
    # jrnl writes local wall-clock time without an offset: read it as this machine's local time.
    written = datetime.fromisoformat(f"{item.date}T{item.time}")
    if not in_range(written):
        raise ValueError(f"its date is outside the years reflect keeps ({DATE_RANGE})")
    at = to_db_time(written)
    entry_id = str(uuid.uuid5(JRNL_NAMESPACE, f"{item.date} {item.time}\n{text}"))
    return imported_note(entry_id, text, created=at, flagged=item.starred, tags=item.tags)


# --- the import ----------------------------------------------------------------------------


class _RollBack(Exception):
    """Raised at the end of a dry run so the transaction undoes everything it did."""


def import_file(
    database: Database,
    path: Path,
    source: ImportSource,
    *,
    dry_run: bool = False,
    mood_levels: Mapping[str, int] | None = None,
) -> ImportReport:
    """Import `path` in one transaction (rolled back when dry_run). Raises ImportFormatError.

    mood_levels maps Daylio custom mood names (case-folded) to Daylio's levels 1-5.
    """
    import ijson

    report = ImportReport(source=source, dry_run=dry_run)
    with _open(path) as stream:
        try:
            if source == "daylio":
                prepared = _daylio_entries(stream, path, mood_levels or {})
            with database.transaction() as cursor:
                if source == "reflect":
                    _import_reflect(cursor, stream, path, report)
                elif source == "jrnl":
                    _import_notes(cursor, stream, path, report, _JRNL)
                elif source == "dayone":
                    _import_dayone(cursor, stream, path, report)
                else:
                    _write_mood_pack(cursor)
                    for entry in prepared:
                        _write(cursor, entry, report, newer_wins=False)
                if dry_run:
                    raise _RollBack
        except _RollBack:
            pass
        except ijson.common.IncompleteJSONError as error:
            raise ImportFormatError(
                f"{path} is not complete JSON: it may be cut short or damaged. "
                "Nothing was imported.",
                "Export it again, or check the file was copied whole.",
            ) from error
        except ijson.JSONError as error:
            raise ImportFormatError(
                f"{path} is not valid JSON. Nothing was imported.",
                "Check that it is an export file and was not edited by hand.",
            ) from error
        except UnicodeDecodeError as error:
            raise ImportFormatError(
                f"{path} is not UTF-8 text. Nothing was imported.",
                "Check that it is an export file.",
            ) from error
    return report


def _write(cursor: Any, entry: StoredEntry, report: ImportReport, *, newer_wins: bool) -> None:

    existing = exchange.entry_updated_at(cursor, entry.id)
    if existing is None:
        exchange.write_entry(cursor, entry, replace=False)
        report.added += 1
    elif existing == entry.updated_at or not newer_wins:
        report.unchanged += 1
    elif entry.updated_at > existing:
        exchange.write_entry(cursor, entry, replace=True)
        report.replaced.append(entry.id)
    else:
        report.kept_local.append(entry.id)


_ITEM_NAMES = {"packs": "pack", "sessions": "session", "entries": "entry"}


def _import_reflect(cursor: Any, stream: ByteSource, path: Path, report: ImportReport) -> None:

    header: dict[str, Any] = {}
    counts = {"packs": 0, "sessions": 0, "entries": 0}

    def check_header() -> None:
        if header.get("format") != REFLECT_FORMAT:
            raise ImportFormatError(
                f'{path} is not a reflect export (it has no "format": "{REFLECT_FORMAT}").',
                "For a file written by `jrnl --format json`, use --from jrnl.",
            )
        version = header.get("version")
        # `true == 1` in Python: a version must be a whole number, not a boolean or 1.0.
        if type(version) is not int or version not in SUPPORTED_VERSIONS:
            raise ImportFormatError(
                f"{path} is a reflect export of version {version!r}; this reflect reads "
                f"version {', '.join(map(str, SUPPORTED_VERSIONS))}.",
                "Upgrade reflect to import it.",
            )

    for key, value in _top_level(stream, path, ("packs", "sessions", "entries")):
        if key not in counts:
            header[key] = value
            continue
        check_header()
        if value is ARRAY_STARTED:
            continue
        counts[key] += 1
        try:
            if key == "packs":
                pack = ImportedPack.model_validate(value)
                stored = StoredPackSnapshot(
                    pack.content_hash,
                    pack.id,
                    pack.version,
                    pack.title,
                    pack.definition,
                    pack.first_used_at,
                )
                exchange.insert_pack_snapshot(cursor, stored)
            elif key == "sessions":
                session = StoredSession(**ImportedSession.model_validate(value).__dict__)
                if not exchange.session_exists(cursor, session.id):
                    exchange.insert_session(cursor, session)
                    report.sessions_added += 1
            else:
                entry = _stored_entry(ImportedEntry.model_validate(value))
                _write(cursor, entry, report, newer_wins=True)
        except _AnswerProblem as problem:
            raise problem.error(path) from problem
        except (ValidationError, TypeError, ValueError) as error:
            raise _invalid(path, _ITEM_NAMES[key], counts[key], error) from error
    check_header()


class _NotesApp(Struct, frozen=True):
    """Another app whose JSON export, {"entries": [...]}, holds one note per item."""

    name: str
    newer_wins: bool
    how_to_export: str
    note: Callable[[Any], tuple[StoredEntry, int]]
    """An item as (entry, media items left out); raises ValidationError/ValueError/TypeError."""


def _jrnl_item(value: Any) -> tuple[StoredEntry, int]:
    return jrnl_note(JrnlEntry.model_validate(value)), 0


def _dayone_item(value: Any) -> tuple[StoredEntry, int]:
    converted = dayone_note(DayOneEntry.model_validate(value))
    return converted.entry, converted.media_left_out


_JRNL = _NotesApp("jrnl", False, "Make one with: jrnl --format json > export.json", _jrnl_item)
_DAY_ONE = _NotesApp(
    "Day One", True, "Export it from Day One with File → Export → JSON.", _dayone_item
)


def _import_notes(
    cursor: Any, stream: ByteSource, path: Path, report: ImportReport, app: _NotesApp
) -> None:
    seen_entries = False
    for key, value in _top_level(stream, path, ("entries",)):
        if key == "format":
            raise ImportFormatError(
                f"{path} is a reflect export, not a {app.name} one.", "Use --from reflect."
            )
        if key != "entries":
            continue
        seen_entries = True
        if value is ARRAY_STARTED:
            continue
        number = report.added + report.unchanged + len(report.conflicts) + 1
        try:
            entry, media_left_out = app.note(value)
        except (ValidationError, ValueError, TypeError) as error:
            raise _invalid(path, f"{app.name} entry", number, error) from error
        report.media_left_out += media_left_out
        _write(cursor, entry, report, newer_wins=app.newer_wins)
    if not seen_entries:
        raise ImportFormatError(
            f'{path} does not look like a {app.name} JSON export (it has no "entries").',
            app.how_to_export,
        )


def _read_whole(stream: ByteSource, path: Path) -> bytes:
    """The file's bytes, refused past the size limit by what was read (not by its stated size)."""
    data = stream.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError(
            f"{path} is larger than {_size(MAX_IMPORT_BYTES)}; reflect imports files up to that.",
            "Split the export into smaller date ranges.",
        )
    return data


def _daylio_entries(
    stream: ByteSource, path: Path, mood_levels: Mapping[str, int]
) -> list[StoredEntry]:
    """Every row read and checked before anything is written: a bad row refuses the file whole."""

    rows = list(import_daylio.read_rows(_read_whole(stream, path), path))
    if not rows:
        raise ImportFormatError(f"{path} is a Daylio export with no entries. Nothing was imported.")
    unknown = import_daylio.unknown_moods(rows, mood_levels)
    if unknown:
        shown = ", ".join(repr(name) for name in unknown[:8])
        more = f" and {len(unknown) - 8} more" if len(unknown) > 8 else ""
        example = unknown[0].replace("'", "")
        raise ImportFormatError(
            f"{path} uses custom moods reflect cannot place on the mood scale: {shown}{more}. "
            "Nothing was imported.",
            f"Say which of Daylio's five levels each stands for: --mood '{example}=LEVEL', "
            "LEVEL one of awful, bad, meh, good, rad (or 1-5), once for each.",
        )
    return list(import_daylio.daylio_entries(rows, mood_levels))


def _write_mood_pack(cursor: Any) -> None:

    pack = find_pack("mood")
    reference = pack.reference()
    exchange.insert_pack_snapshot(
        cursor,
        StoredPackSnapshot(
            reference.content_hash,
            reference.id,
            reference.version,
            reference.title,
            reference.definition,
            to_db_time(datetime.now().astimezone()),
        ),
    )


def _import_dayone(cursor: Any, stream: ByteSource, path: Path, report: ImportReport) -> None:

    # A zip is opened by its path (zipfile needs to seek); the stream is left unread for JSON.
    if path.is_file() and zipfile.is_zipfile(path):
        for name, data in json_members(path):
            _import_notes(cursor, io.BytesIO(data), Path(f"{path}:{name}"), report, _DAY_ONE)
    else:
        _import_notes(cursor, stream, path, report, _DAY_ONE)
