"""The trend queries: scale answers scored and averaged per period inside SQLite.

Scoring (see /work/shared/domain.md, "Scales and trends"), all in one statement:
  1. each answered scale item is rescaled to 0-1 with ITS OWN snapshot range, (value - min) /
     (max - min), and flipped to 1 - x when the snapshot says it is reverse-scored;
  2. an entry's score for a series (a dimension, or one question) is the mean of its items
     (GROUP BY series, entry);
  3. a period's score is the mean of the entry scores in it (GROUP BY series, period), so every
     entry weighs the same however many items it answered.
Skipped items (value_number NULL) do not count. Periods are computed from the entry's local date
(SQLite's 'localtime' modifier follows the process time zone, like Python's astimezone()).
Scores leave this module on the 0-1 scale; the core turns them into 0-10 for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reflect.store.database import Database
from reflect.store.entries import normalise_tags

PeriodKind = Literal["week", "month", "session"]
SeriesKind = Literal["dimension", "question", "entry"]

# Each expression gives the key that opens an entry's period, from its created_at (UTC text).
# Weeks and months are taken in local time; ISO weeks start on Monday: 'weekday 0' moves forward
# to Sunday (or stays on it), then back six days. A session period opens at the latest session
# held at or before the entry (held_on is UTC text too, so the comparison is on instants and an
# entry written on a session day before the session belongs to the period before it); NULL,
# no session yet, is its own period. therapy_session_by_date makes this a seek per entry.
PERIOD_START_SQL: dict[str, str] = {
    "week": "date(entry.created_at, 'localtime', 'weekday 0', '-6 days')",
    "month": "strftime('%Y-%m-01', entry.created_at, 'localtime')",
    "session": (
        "(SELECT max(therapy_session.held_on) FROM therapy_session "
        "WHERE therapy_session.held_on <= entry.created_at)"
    ),
}

_ITEM_SCORE_SQL = (
    "CASE WHEN answer.reverse = 1 "
    "THEN 1.0 - (answer.value_number - answer.scale_min) / (answer.scale_max - answer.scale_min) "
    "ELSE (answer.value_number - answer.scale_min) / (answer.scale_max - answer.scale_min) END"
)


@dataclass(frozen=True)
class EntrySelection:
    """Which entries feed a trend. Times are database text (UTC ISO), both ends inclusive."""

    since: str | None = None
    until: str | None = None
    pack_id: str | None = None
    tag: str | None = None
    flagged: bool = False
    include_drafts: bool = False
    include_private: bool = True


@dataclass(frozen=True)
class PeriodScore:
    """One series in one period: how many entries scored, and their mean score on 0-1."""

    series: str
    # ISO local date opening a week or month; for sessions the session's held_on (UTC text),
    # None before the first recorded session. NULL sorts first, so periods come oldest first.
    period_start: str | None
    entries: int
    mean_score: float
    first_entry_at: str | None  # only for session periods
    last_entry_at: str | None


@dataclass(frozen=True)
class ScaleQuestion:
    """A scale question of a pack as last asked (for labelling per-question series)."""

    question_id: str
    text: str
    dimension: str | None
    position: int


def _entry_conditions(selection: EntrySelection) -> tuple[list[str], dict[str, object]]:
    # Only the filters in use are written out: an `:x IS NULL OR ...` clause would keep SQLite
    # from using the entry indexes.
    conditions = ["entry.trashed_at IS NULL"]
    parameters: dict[str, object] = {}
    if not selection.include_drafts:
        conditions.append("entry.completed_at IS NOT NULL")
    if not selection.include_private:
        conditions.append("entry.private = 0")
    if selection.since is not None:
        conditions.append("entry.created_at >= :since")
        parameters["since"] = selection.since
    if selection.until is not None:
        conditions.append("entry.created_at <= :until")
        parameters["until"] = selection.until
    if selection.pack_id is not None:
        conditions.append("entry.pack_id = :pack_id")
        parameters["pack_id"] = selection.pack_id
    if selection.tag is not None:
        # The tag as it was saved (`#Work` finds `work`), like the journal's EntryFilter.
        tags = normalise_tags([selection.tag])
        conditions.append(
            "EXISTS (SELECT 1 FROM entry_tag "
            "WHERE entry_tag.entry_id = entry.id AND entry_tag.tag = :tag)"
        )
        parameters["tag"] = tags[0] if tags else ""
    if selection.flagged:
        conditions.append("entry.flagged = 1")
    return conditions, parameters


def period_scores_sql(
    by: PeriodKind,
    selection: EntrySelection,
    *,
    series: SeriesKind = "dimension",
    dimensions: tuple[str, ...] = (),
) -> tuple[str, dict[str, object]]:
    """The statement (and its parameters) behind period_scores; separate for EXPLAIN."""
    conditions, parameters = _entry_conditions(selection)
    # The first two repeat the partial index's own condition so SQLite can use
    # answer_scores_by_entry (migration m003); a pack's scale questions always feed a dimension.
    conditions += [
        "answer.dimension IS NOT NULL",
        "answer.value_number IS NOT NULL",
        "answer.scale_max > answer.scale_min",
    ]
    if dimensions:
        names = [f":dimension_{index}" for index in range(len(dimensions))]
        conditions.append(f"answer.dimension IN ({', '.join(names)})")
        parameters.update({f"dimension_{index}": name for index, name in enumerate(dimensions)})
    # "entry": one series holding every scored entry, to count them per period.
    series_column = {
        "dimension": "answer.dimension",
        "question": "answer.question_id",
        "entry": "'entries'",
    }[series]
    where = "\n          AND ".join(conditions)
    # Entries drive the join (CROSS JOIN fixes the order): each entry is read once, its period
    # computed once, and its scored items come from the covering index already grouped, so the
    # inner GROUP BY needs no sort. The outer GROUP BY works on one row per entry and series.
    # Only session periods need their first and last entry (the period before the first session
    # and the one after the latest have no session on that side); carrying the times costs ~15%.
    if by == "session":
        entry_times = "min(entry_score.created_at), max(entry_score.created_at)"
        created_at = "entry.created_at AS created_at,"
    else:
        entry_times = "NULL, NULL"
        created_at = ""
    sql = f"""
    SELECT entry_score.series AS series,
           entry_score.period_start AS period_start,
           count(*) AS entries,
           avg(entry_score.score) AS mean_score,
           {entry_times}
    FROM (
        SELECT {series_column} AS series,
               {PERIOD_START_SQL[by]} AS period_start,
               {created_at}
               avg({_ITEM_SCORE_SQL}) AS score
        FROM entry
        CROSS JOIN answer ON answer.entry_id = entry.id
        WHERE {where}
        GROUP BY entry.rowid, {series_column}
    ) AS entry_score
    GROUP BY entry_score.series, entry_score.period_start
    ORDER BY entry_score.series, entry_score.period_start
    """
    return sql, parameters


def period_scores(
    database: Database,
    by: PeriodKind,
    selection: EntrySelection,
    *,
    series: SeriesKind = "dimension",
    dimensions: tuple[str, ...] = (),
) -> list[PeriodScore]:
    """Mean entry score per series and period, oldest period first within each series."""
    sql, parameters = period_scores_sql(by, selection, series=series, dimensions=dimensions)
    return [PeriodScore(*row) for row in database.query(sql, parameters)]


@dataclass(frozen=True)
class LowestEntry:
    """The entry with a dimension's lowest entry score (0-1) in a selection."""

    dimension: str
    entry_id: str
    created_at: str
    score: float
    entries: int  # how many entries scored this dimension


def lowest_entries(database: Database, selection: EntrySelection) -> list[LowestEntry]:
    """Per dimension, the entry whose score is lowest (the earliest of equal ones)."""
    conditions, parameters = _entry_conditions(selection)
    conditions += [
        "answer.dimension IS NOT NULL",
        "answer.value_number IS NOT NULL",
        "answer.scale_max > answer.scale_min",
    ]
    where = "\n          AND ".join(conditions)
    sql = f"""
    SELECT dimension, entry_id, created_at, score, entries FROM (
        SELECT entry_score.*,
               row_number() OVER (
                   PARTITION BY dimension ORDER BY score, created_at, entry_id
               ) AS rank,
               count(*) OVER (PARTITION BY dimension) AS entries
        FROM (
            SELECT answer.dimension AS dimension, entry.id AS entry_id,
                   entry.created_at AS created_at, avg({_ITEM_SCORE_SQL}) AS score
            FROM entry
            CROSS JOIN answer ON answer.entry_id = entry.id
            WHERE {where}
            GROUP BY entry.rowid, answer.dimension
        ) AS entry_score
    )
    WHERE rank = 1
    ORDER BY dimension
    """
    return [LowestEntry(*row) for row in database.query(sql, parameters)]


def known_dimensions(database: Database) -> list[str]:
    """Every dimension any answer was ever given for, sorted."""
    rows = database.query(
        "SELECT DISTINCT dimension FROM answer WHERE dimension IS NOT NULL ORDER BY dimension"
    )
    return [row[0] for row in rows]


def dimension_exists(database: Database, dimension: str) -> bool:
    row = database.query_one(
        "SELECT 1 FROM answer WHERE dimension = ? LIMIT 1",
        (dimension,),
    )
    return row is not None


def session_dates(database: Database) -> list[str]:
    """Distinct therapy-session dates (ISO), oldest first."""
    rows = database.query("SELECT DISTINCT held_on FROM therapy_session ORDER BY held_on")
    return [row[0] for row in rows]


def pack_scale_questions(database: Database, pack_id: str) -> list[ScaleQuestion]:
    """The scale questions ever asked in a pack, each with its most recent wording."""
    # A bare column next to max() takes its values from the row holding the maximum (SQLite).
    rows = database.query(
        """
        SELECT answer.question_id, answer.question_text, answer.dimension, answer.position,
               max(entry.created_at)
        FROM entry
        JOIN answer ON answer.entry_id = entry.id
        WHERE entry.pack_id = ? AND answer.question_kind = 'scale'
        GROUP BY answer.question_id
        ORDER BY answer.position, answer.question_id
        """,
        (pack_id,),
    )
    return [ScaleQuestion(row[0], row[1], row[2], row[3]) for row in rows]


def pack_was_used(database: Database, pack_id: str) -> bool:
    return (
        database.query_one("SELECT 1 FROM entry WHERE pack_id = ? LIMIT 1", (pack_id,)) is not None
    )


def packs_used(database: Database) -> list[str]:
    rows = database.query(
        "SELECT DISTINCT pack_id FROM entry WHERE pack_id IS NOT NULL ORDER BY pack_id"
    )
    return [row[0] for row in rows]


def has_scale_answers(database: Database) -> bool:
    row = database.query_one(
        "SELECT 1 FROM answer WHERE dimension IS NOT NULL AND value_number IS NOT NULL LIMIT 1"
    )
    return row is not None
