"""The journal as a person uses it: finding an entry by a short id, filtering and listing,
searching with whatever they type, editing answers in a YAML document checked like a
non-interactive run, flags and tags, and the trash."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from reflect.core.editor import editing_file, run_editor
from reflect.core.filters import filter_from_options
from reflect.errors import AnswerError, EntryNotFoundError, ReflectError
from reflect.model import (
    AnswerMismatch,
    AnswerRecord,
    AnswerValue,
    DateRange,
    EmptiedTrash,
    EntryDetail,
    EntryFilter,
    EntryMarks,
    EntrySummary,
    QuestionSnapshot,
    SearchResults,
    TherapySession,
    check_answer,
)
from reflect.store.database import Database
from reflect.store.journal import (
    count_entries,
    empty_trash,
    entry_summaries,
    ids_with_prefix,
    iter_entries,
    iter_entry_details,
    iter_trashed,
    load_entry,
    note_texts,
    restore_entry,
    search_entries,
    set_marks,
    trash_entry,
    unique_prefix_length,
    update_answers,
)
from reflect.store.sessions import list_sessions, newest_session_before

__all__ = [
    "EntryFilter",
    "EntryMarks",
    "EntrySummary",
    "filter_from_options",
    "iter_entries",
    "iter_entry_details",
    "resolve_entry_id",
    "search_journal",
    "update_answers",
]

MIN_PREFIX_LENGTH = 4
MAX_CANDIDATES_SHOWN = 5
SHORT_ID_LENGTH = 8
_ID_CHARACTERS = re.compile(r"[0-9a-f-]+")
_YAML_LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def short_id(full_id: str) -> str:
    return full_id[:SHORT_ID_LENGTH]


def resolve_prefix(
    database: Database,
    table: str,
    prefix: str,
    *,
    what: str,
    describe: Callable[[list[str]], list[str]],
) -> str:
    """The one id of `table` starting with `prefix` (like git's short hashes)."""
    cleaned = prefix.strip().lower()
    if len(cleaned) < MIN_PREFIX_LENGTH:
        raise EntryNotFoundError(
            f"The {what} id {prefix.strip()!r} is too short: "
            f"give at least {MIN_PREFIX_LENGTH} characters of it."
        )
    if not _ID_CHARACTERS.fullmatch(cleaned):
        raise EntryNotFoundError(f"No {what} has the id {prefix.strip()[:40]!r}.")
    found = ids_with_prefix(database, table, cleaned, MAX_CANDIDATES_SHOWN + 1)
    if not found:
        raise EntryNotFoundError(f"No {what} has an id starting with {cleaned!r}.")
    if len(found) == 1:
        return found[0]
    shown = "; ".join(describe(found[:MAX_CANDIDATES_SHOWN]))
    more = ", and more" if len(found) > MAX_CANDIDATES_SHOWN else ""
    raise EntryNotFoundError(
        f"The id {cleaned!r} matches several {what}s: {shown}{more}. Give more characters."
    )


def resolve_entry_id(database: Database, prefix: str) -> str:
    """The full id of the one entry (trashed or not) whose id is or starts with `prefix`.

    Raises EntryNotFoundError for a prefix under 4 characters, an unknown one, or an ambiguous one
    (the message lists the candidates by short id, date and pack: never answer text).
    """

    def describe(ids: list[str]) -> list[str]:
        return [
            f"{short_id(summary.id)} ({summary.created_at.astimezone():%Y-%m-%d}, {summary.label}"
            + (", in the trash)" if summary.trashed else ")")
            for summary in entry_summaries(database, ids)
        ]

    return resolve_prefix(database, "entry", prefix, what="entry", describe=describe)


def entry_id_length(database: Database, entry_ids: Sequence[str]) -> int:
    """How many characters of these entries' ids to show so each one still names its entry
    alone (trashed entries count: `show` resolves them too), at least MIN_PREFIX_LENGTH."""
    return unique_prefix_length(database, "entry", entry_ids, MIN_PREFIX_LENGTH)


def full_note_texts(database: Database, entries: Sequence[EntrySummary]) -> dict[str, str]:
    """The whole text of the notes among these entries, by entry id (for `--json`)."""
    return note_texts(database, [entry.id for entry in entries if entry.kind == "note"])


# --- listing -----------------------------------------------------------------------------


class JournalListing(Struct, frozen=True):
    """What `reflect list` shows: entries, the sessions to divide them, and what it left out.

    `id_length`: how many characters of an id name each entry shown alone in the journal.
    """

    entries: list[EntrySummary]
    sessions: list[TherapySession]
    drafts_in_range: int
    journal_is_empty: bool
    id_length: int = MIN_PREFIX_LENGTH


def list_journal(
    database: Database, entry_filter: EntryFilter, *, with_preview: bool = True
) -> JournalListing:
    """Matching entries newest first, with the sessions among them as dividers: every session
    from the oldest entry shown onwards, and the one just before it (where the range begins)."""
    entries = list(iter_entries(database, entry_filter, with_preview=with_preview))
    sessions: list[TherapySession] = []
    if entries:
        oldest = entries[-1].created_at
        sessions = list_sessions(database, since=oldest, until=entry_filter.until)
        before = newest_session_before(database, oldest)
        if before is not None:
            sessions.append(before)
    drafts_in_range = 0
    if entry_filter.drafts is False:
        # Drafts among the entries shown, not in the whole journal: with -n 10 this stays a
        # short walk of the time index however large the journal grows.
        since = entries[-1].created_at if entries and entry_filter.limit else entry_filter.since
        drafts_in_range = count_entries(
            database,
            replace(
                entry_filter,
                dates=DateRange(since, entry_filter.until),
                drafts=True,
                limit=None,
            ),
        )
    journal_is_empty = not entries and count_entries(database, EntryFilter(drafts=None)) == 0
    id_length = entry_id_length(database, [entry.id for entry in entries])
    return JournalListing(entries, sessions, drafts_in_range, journal_is_empty, id_length)


def find_entry(database: Database, prefix: str) -> EntryDetail:
    """The entry (trashed or not) an id or unique prefix names, with its answers."""
    entry_id = resolve_entry_id(database, prefix)
    detail = load_entry(database, entry_id)
    if detail is None:  # erased by `trash --empty` in another reflect a moment ago
        raise EntryNotFoundError(f"No entry has the id {short_id(entry_id)!r} any more.")
    return detail


def _in_the_trash(entry_id: str) -> ReflectError:
    short = short_id(entry_id)
    return ReflectError(
        f"Entry {short} is in the trash.", f"Bring it back first with `reflect restore {short}`."
    )


def find_live_entry(database: Database, prefix: str) -> EntryDetail:
    """Like find_entry, for changes: an entry in the trash must be restored first."""
    detail = find_entry(database, prefix)
    if detail.summary.trashed:
        raise _in_the_trash(detail.summary.id)
    return detail


def change_marks(database: Database, entry_id: str, marks: EntryMarks) -> None:
    set_marks(database, entry_id, marks)


# --- the trash -----------------------------------------------------------------------------


def entry_to_trash(database: Database, prefix: str) -> EntrySummary:
    """The entry `reflect delete` is about to move (so it can ask first)."""
    summary = find_entry(database, prefix).summary
    if summary.trashed:
        raise ReflectError(f"Entry {short_id(summary.id)} is already in the trash.")
    return summary


def move_to_trash(database: Database, entry_id: str) -> None:
    trash_entry(database, entry_id)


def restore_from_trash(database: Database, prefix: str) -> str:
    """Bring back the entry a prefix names; its full id."""
    entry_id = resolve_entry_id(database, prefix)
    if not restore_entry(database, entry_id):
        raise ReflectError(f"Entry {short_id(entry_id)} is not in the trash.")
    return entry_id


def trashed_entries(database: Database) -> list[EntrySummary]:
    return list(iter_trashed(database))


def erase_trash(database: Database) -> EmptiedTrash:
    """Erase everything in the trash for good (see reflect.store.journal.empty_trash)."""
    return empty_trash(database)


# --- search -------------------------------------------------------------------------------

_OPERATORS = {"OR", "NOT"}
_IMPLICIT = {"AND", "NEAR"}  # AND is what words do anyway; NEAR's group is read as plain words
# FTS5 syntax that glues words together (`NEAR(a`, `col:word`, `^start`): read as spaces.
_GLUE = str.maketrans({character: " " for character in "():^+{},;"})


def _has_token_character(text: str) -> bool:
    """Whether FTS5's unicode61 tokenizer finds a word in text (letters, numbers, private use)."""
    return any(unicodedata.category(character)[0] in "LN" for character in text) or any(
        unicodedata.category(character) == "Co" for character in text
    )


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(text: str) -> str | None:
    """Whatever a person typed, as a safe FTS5 query; None when there is no word to look for.

    Every word becomes a quoted FTS5 string, so characters FTS5 treats as syntax (`*`, `-`, `:`,
    `(`, `^`, `+`) are just separators, as the tokenizer would read them. Kept from the input:
    "double-quoted phrases" (an unclosed quote runs to the end), a trailing `*` for a prefix
    (`trust*`), and upper-case OR / NOT between two words. AND and NEAR are dropped: words must
    all be there anyway.
    """
    items: list[str] = []
    # FTS5 reads a query as a C string: a NUL would end it in the middle of a quoted word.
    text = text.replace("\x00", " ")
    for index, segment in enumerate(text.split('"')):
        if index % 2 == 1:
            if _has_token_character(segment):
                items.append(_quoted(segment))
            continue
        for chunk in segment.translate(_GLUE).split():
            if chunk in _OPERATORS:
                items.append(chunk)
                continue
            if chunk in _IMPLICIT:
                continue
            prefix = chunk.endswith("*")
            word = chunk.rstrip("*")
            if _has_token_character(word):
                items.append(_quoted(word) + ("*" if prefix else ""))
    terms: list[str] = []
    for item in items:
        if item in _OPERATORS:
            # An operator needs a term on each side: drop leading, doubled and trailing ones.
            if terms and terms[-1] not in _OPERATORS:
                terms.append(item)
        else:
            terms.append(item)
    while terms and terms[-1] in _OPERATORS:
        terms.pop()
    return " ".join(terms) or None


def search_journal(database: Database, text: str, entry_filter: EntryFilter) -> SearchResults:
    """Entries matching what the person typed, best first; entry_filter.limit caps the entries."""
    query = fts_query(text)
    if query is None:
        raise ReflectError(
            "There is no word to search for.",
            'Type one or more words, e.g. `reflect search trust` or `reflect search "felt heard"`.',
        )
    return search_entries(database, query, entry_filter)


# --- editing answers as a YAML document ---------------------------------------------------

EDIT_HEADER = """\
# Editing {label} of {day} (entry {short}).
# Change the answers below, save and close. Leave a value empty (~) to mark it skipped.
# Nothing is saved if you close without changes, or if an answer does not fit its question.
"""


def _describe_question(question: QuestionSnapshot) -> str:
    if question.kind == "scale":
        ends = ""
        if question.min_label or question.max_label:
            ends = f": {question.scale_min} = {question.min_label or ''}, "
            ends += f"{question.scale_max} = {question.max_label or ''}"
        return f"a number from {question.scale_min} to {question.scale_max}{ends}"
    if question.kind == "choice":
        return "one of: " + ", ".join(question.options or ())
    if question.kind == "multi":
        return "a list, any of: " + ", ".join(question.options or ())
    if question.kind == "yesno":
        return "yes or no"
    return "text"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _yaml_dumper() -> Any:
    import yaml

    class AnswerDumper(yaml.SafeDumper):
        """Multi-line text as a readable `|` block (PyYAML falls back to quotes when it must)."""

    def represent_text(dumper: yaml.SafeDumper, text: str) -> Any:
        # A block ending in a newline would need `|+`, which swallows the blank line before the
        # next question's comment; quoted style round-trips exactly instead.
        if _YAML_LINE_BREAKS.search(text):
            # NEL and the Unicode separators are line breaks to a YAML reader: only the escapes
            # of a double-quoted string bring them back unchanged.
            return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
        block = "\n" in text and not text.endswith("\n")
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if block else None)

    def represent_skipped(dumper: yaml.SafeDumper, _: None) -> Any:
        return dumper.represent_scalar("tag:yaml.org,2002:null", "~")

    AnswerDumper.add_representer(str, represent_text)
    AnswerDumper.add_representer(type(None), represent_skipped)
    return AnswerDumper


def edit_document(detail: EntryDetail) -> str:
    """The YAML a person edits: a comment with each question as asked, then `id: answer`."""
    import yaml

    dumper = _yaml_dumper()
    summary = detail.summary
    parts = [
        EDIT_HEADER.format(
            label=summary.label,
            day=f"{summary.created_at.astimezone():%Y-%m-%d}",
            short=short_id(summary.id),
        )
    ]
    for record in detail.answers:
        question = record.question
        parts.append(f"\n# {_one_line(question.text)}\n# ({_describe_question(question)})\n")
        if question.kind == "yesno" and record.value is not None:
            parts.append(f"{question.id}: {record.value}\n")  # plain yes/no reads back as a bool
            continue
        parts.append(
            yaml.dump(
                {question.id: record.value},
                Dumper=dumper,
                allow_unicode=True,
                # lists of options on one line ([a, b]); everything else in block style
                default_flow_style=None if isinstance(record.value, list) else False,
                sort_keys=False,
                width=88,
            )
        )
    return "".join(parts)


def _check_value(question: QuestionSnapshot, value: Any) -> AnswerValue:
    """The stored form of an edited value, or AnswerError naming the question (never the value).

    The rules are those of every answer (reflect.model.check_answer: the same as a run and an
    answers file); only the wording is the edit's own, one per kind of question.
    """
    try:
        return check_answer(question, value)
    except AnswerMismatch:
        raise AnswerError(
            f"The answer to {question.id!r} must be {_expected_in_edit(question)}. "
            "Nothing was changed."
        ) from None


def _expected_in_edit(question: QuestionSnapshot) -> str:
    if question.kind == "scale":
        return f"a whole number from {question.scale_min} to {question.scale_max}"
    if question.kind == "yesno":
        return "yes or no"
    if question.kind == "choice":
        return _describe_question(question)
    if question.kind == "multi":
        return _describe_question(question) + ", each at most once"
    return "text (put numbers and dates in quotes)"


def parse_edit_document(
    text: str, answers: Sequence[AnswerRecord]
) -> list[tuple[QuestionSnapshot, AnswerValue]]:
    """The answers that changed, each checked against its question snapshot.

    A key left out keeps its answer; an unknown key, a value of the wrong type, out of range or
    not among the options raises AnswerError naming the question.
    """
    import yaml

    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise AnswerError(
            f"The edited answers are not valid YAML{where}. Nothing was changed."
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise AnswerError(
            "The edited answers must be `question_id: answer` lines. Nothing changed."
        )
    by_id = {record.question.id: record for record in answers}
    unknown = [str(key) for key in data if str(key) not in by_id]
    if unknown:
        raise AnswerError(
            f"This entry has no question {unknown[0][:60]!r}. Nothing was changed.",
            "Edit only the answers below each question; question ids cannot be added.",
        )
    changes: list[tuple[QuestionSnapshot, AnswerValue]] = []
    for key, raw in data.items():
        record = by_id[str(key)]
        value = _check_value(record.question, raw)
        if value != record.value:
            changes.append((record.question, value))
    return changes


def edit_text(text: str, *, editor: str, folder: Path, suffix: str = ".yaml") -> str:
    """Open text in the person's editor and return what they saved.

    The file lives in the data folder (0700) with mode 0600, not in a shared /tmp, and is
    shredded afterwards on every way out, signals included (reflect.core.editor.editing_file):
    it holds answer text.
    """

    with editing_file(folder, text, purpose="edit", suffix=suffix) as path:
        run_editor(path, editor)
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise AnswerError("The edited file is not UTF-8 text. Nothing was changed.") from error
