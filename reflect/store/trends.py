"""The trend queries: scale answers scored and averaged per period inside SQLite.

Scoring (see /work/shared/domain.md, "Scales and trends"), all in one statement:
  1. each answered scale item is rescaled to 0-1 with ITS OWN snapshot range, (value - min) /
     (max - min), and flipped to 1 - x when the snapshot says it is reverse-scored;
  2. an entry's score for a series (a dimension, or one question) is the mean of its items
     (GROUP BY series, entry);
  3. a period's score is the mean of the entry scores in it (GROUP BY series, period), so every
     entry weighs the same however many items it answered.
Skipped items (value_number NULL) do not count, and neither does an answer to a follow-up whose
condition does not hold in its entry (a FollowUpRule: left over after going back, or given in an
answers file). An answer stored under a dimension's former name is counted under the new one
(a DimensionJoin), flipped to 1 - x first when the old name read "higher is worse". Periods are
computed from the entry's local date (SQLite's 'localtime' modifier follows the process time
zone, like Python's astimezone()). Scores leave this module on the 0-1 scale; the core turns them
into 0-10 for people.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from msgspec import Struct

from reflect.model import EntryFilter
from reflect.store.database import Database
from reflect.store.journal import filter_clauses

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


class DimensionJoin(Struct, frozen=True):
    """Answers stored under `old` count under `new`; `inverted`: flipped (1 - x) on the way."""

    old: str
    new: str
    inverted: bool = False


class FollowUpRule(Struct, frozen=True):
    """In entries of the pack version `pack_hash`, an answer to `question_id` counts only when
    the answer to `asked_after` in the same entry meets this condition (see the pack schema's
    FollowUpCondition.is_met). A follow-up of a follow-up has one rule per condition above it."""

    pack_hash: str
    question_id: str
    asked_after: str
    at_most: float | None = None
    at_least: float | None = None
    equals: str | None = None
    includes: str | None = None


class Scoring(Struct, frozen=True):
    """What the trend queries score: answers under these stored dimension names (none: every
    dimension), former names joined to new ones, follow-up answers counted only where asked."""

    dimensions: tuple[str, ...] = ()
    joins: Sequence[DimensionJoin] = ()
    follow_ups: Sequence[FollowUpRule] = ()


# Every dimension, no joins, no follow-up rules: the default of the trend statements.
EVERY_SCORE = Scoring()


class StoredPackDefinition(Struct, frozen=True):
    """A pack version as entries were written with it (pack_snapshot), newest first."""

    content_hash: str
    pack_id: str
    definition: dict[str, Any]


class PeriodScore(Struct, frozen=True):
    """One series in one period: how many entries scored, and their mean score on 0-1."""

    series: str
    # ISO local date opening a week or month; for sessions the session's held_on (UTC text),
    # None before the first recorded session. NULL sorts first, so periods come oldest first.
    period_start: str | None
    entries: int
    mean_score: float
    first_entry_at: str | None  # only for session periods
    last_entry_at: str | None
    # The sum of the squared entry scores (0-1): with `entries` and `mean_score` it gives the
    # spread of the entry scores, which the reliable-change figure needs.
    sum_of_squares: float = 0.0


class ScaleQuestion(Struct, frozen=True):
    """A scale question of a pack as last asked (for labelling per-question series)."""

    question_id: str
    text: str
    dimension: str | None
    position: int


def _scored_answer_conditions(
    entry_filter: EntryFilter, dimensions: tuple[str, ...]
) -> tuple[list[str], list[Any]]:
    """The WHERE conditions (and their parameters) of the scored answers a filter selects."""
    conditions, parameters = filter_clauses(entry_filter)
    # The first two repeat the partial index's own condition so SQLite can use
    # answer_scores_by_entry (migration m003); a pack's scale questions always feed a dimension.
    conditions += [
        "answer.dimension IS NOT NULL",
        "answer.value_number IS NOT NULL",
        "answer.scale_max > answer.scale_min",
    ]
    if dimensions:
        conditions.append(f"answer.dimension IN ({', '.join('?' * len(dimensions))})")
        parameters.extend(dimensions)
    return conditions, parameters


def _joined_dimension_sql(joins: Sequence[DimensionJoin]) -> tuple[str, list[Any], str, list[Any]]:
    """(the dimension an answer counts under, its parameters, the item score, its parameters)
    with the joins applied."""
    if not joins:
        return "answer.dimension", [], _ITEM_SCORE_SQL, []
    cases = " ".join("WHEN ? THEN ?" for _ in joins)
    dimension = f"CASE answer.dimension {cases} ELSE answer.dimension END"
    dimension_parameters: list[Any] = [name for join in joins for name in (join.old, join.new)]
    inverted = [join.old for join in joins if join.inverted]
    if not inverted:
        return dimension, dimension_parameters, _ITEM_SCORE_SQL, []
    item = (
        f"CASE WHEN answer.dimension IN ({', '.join('?' * len(inverted))}) "
        f"THEN 1.0 - ({_ITEM_SCORE_SQL}) ELSE {_ITEM_SCORE_SQL} END"
    )
    return dimension, dimension_parameters, item, list(inverted)


_RULE_FIELDS = (
    "pack_hash",
    "question_id",
    "asked_after",
    "at_most",
    "at_least",
    "equals",
    "includes",
)


def _follow_up_sql(rules: Sequence[FollowUpRule]) -> tuple[str, list[Any], str, list[Any]]:
    """(a WITH clause listing the rules, its parameters, the condition keeping only answers that
    were asked, its parameters)."""
    if not rules:
        return "", [], "", []
    row = f"({', '.join('?' * len(_RULE_FIELDS))})"
    with_clause = (
        f"WITH follow_up ({', '.join(_RULE_FIELDS)}) AS (VALUES {', '.join([row] * len(rules))})\n"
    )
    with_parameters = [getattr(rule, name) for rule in rules for name in _RULE_FIELDS]
    # Most answers are no follow-up at all: a test on constants settles them before any lookup.
    # The earlier answer meets the condition exactly as FollowUpCondition.is_met decides it: a
    # number within the bounds, the same text (choice, yes/no), or an option a multi includes.
    question_ids = sorted({rule.question_id for rule in rules})
    listed = ", ".join("?" * len(question_ids))
    condition = f"""(answer.question_id NOT IN ({listed}) OR NOT EXISTS (
            SELECT 1 FROM follow_up
            WHERE follow_up.pack_hash = entry.pack_hash
              AND follow_up.question_id = answer.question_id
              AND NOT EXISTS (
                SELECT 1 FROM answer AS earlier
                WHERE earlier.entry_id = entry.id
                  AND earlier.question_id = follow_up.asked_after
                  AND (
                    (follow_up.equals IS NOT NULL AND earlier.question_kind != 'multi'
                     AND earlier.value_text = follow_up.equals)
                    OR (follow_up.includes IS NOT NULL AND earlier.question_kind = 'multi'
                        AND EXISTS (SELECT 1 FROM json_each(earlier.value_text) AS chosen
                                    WHERE chosen.value = follow_up.includes))
                    OR ((follow_up.at_most IS NOT NULL OR follow_up.at_least IS NOT NULL)
                        AND earlier.question_kind = 'scale'
                        AND earlier.value_number IS NOT NULL
                        AND (follow_up.at_most IS NULL OR earlier.value_number <= follow_up.at_most)
                        AND (follow_up.at_least IS NULL
                             OR earlier.value_number >= follow_up.at_least))
                  ))))"""
    return with_clause, with_parameters, condition, list(question_ids)


class _ScoredItems(Struct, frozen=True):
    """What both trend statements share: the scored answers a filter selects (WHERE), each under
    the dimension it counts for (joins applied), with its 0-1 item score and the follow-up rules'
    WITH clause; each part with its parameters."""

    with_clause: str
    with_parameters: list[Any]
    dimension_column: str
    dimension_parameters: list[Any]
    item_score: str
    item_parameters: list[Any]
    where: str
    where_parameters: list[Any]

    @classmethod
    def of(cls, entry_filter: EntryFilter, scoring: Scoring) -> _ScoredItems:
        conditions, parameters = _scored_answer_conditions(entry_filter, scoring.dimensions)
        dimension_column, dimension_parameters, item_score, item_parameters = _joined_dimension_sql(
            scoring.joins
        )
        with_clause, with_parameters, asked, asked_parameters = _follow_up_sql(scoring.follow_ups)
        if asked:
            conditions.append(asked)
            parameters.extend(asked_parameters)
        return cls(
            with_clause,
            with_parameters,
            dimension_column,
            dimension_parameters,
            item_score,
            item_parameters,
            "\n          AND ".join(conditions),
            parameters,
        )

    def parameters(self, series_parameters: Sequence[Any]) -> list[Any]:
        """Positional parameters in the order they appear in a statement that selects
        WITH ..., then a series column (its parameters given), an item score, and WHERE."""
        return [
            *self.with_parameters,
            *series_parameters,
            *self.item_parameters,
            *self.where_parameters,
        ]


# The per-entry GROUP BY of the trend statements. Entries come in the order of the index they
# are chosen by, entry_live_by_time's (created_at, rowid) without a pack filter, and each
# entry's scored items from the covering index answer_scores_by_entry ordered by dimension and
# question: grouped in that same order, the GROUP BY streams, without a temporary B-tree of one
# row per entry and dimension (the memory of an export would grow with the journal; 161,000
# rows at 100,000 entries). created_at adds nothing to the groups: it is the entry's own.
# Grouped by the stored name, not the joined one (that costs a sort, about 40% more time): an
# entry scores a joined dimension once per stored name it holds; a pack cannot use a former
# name next to the new one, so this only differs for an entry of a pack that uses both names at
# once without declaring the rename.
_ENTRY_GROUP = "entry.created_at, entry.rowid"


def period_scores_sql(
    by: PeriodKind,
    entry_filter: EntryFilter,
    *,
    series: SeriesKind = "dimension",
    scoring: Scoring = EVERY_SCORE,
    lowest: bool = False,
) -> tuple[str, list[Any]]:
    """The statement (and its parameters) behind period_scores; separate for EXPLAIN.

    `scoring.dimensions` are stored names (a joined dimension's former names included).

    The entries are chosen by the journal's own clauses (filter_clauses), so a trend covers
    exactly the entries `reflect list` shows for the same filter. Only the filters in use are
    written out: an `? IS NULL OR ...` clause would keep SQLite from using the entry indexes.
    """
    items = _ScoredItems.of(entry_filter, scoring)
    series_column, series_parameters = {
        "dimension": (items.dimension_column, items.dimension_parameters),
        "question": ("answer.question_id", []),
        "entry": ("'entries'", []),  # one series holding every scored entry, to count them
    }[series]
    group_column = {
        "dimension": f"{_ENTRY_GROUP}, answer.dimension",
        "question": f"{_ENTRY_GROUP}, answer.question_id",
        "entry": _ENTRY_GROUP,
    }[series]
    # Entries drive the join (CROSS JOIN fixes the order): each entry is read once, its period
    # computed once, and its scored items come from the covering index already grouped, so the
    # inner GROUP BY needs no sort. The outer GROUP BY works on one row per entry and series.
    # Only session periods need their first and last entry (the period before the first session
    # and the one after the latest have no session on that side); carrying the times costs ~15%.
    # With `lowest`, each period's lowest entry score and which entry holds it (a text key that
    # orders them: _LOWEST_FIRST), so that one walk gives the trends and the low points.
    entry_times = "NULL, NULL"
    entry_columns = ""
    if by == "session":
        entry_times = "min(entry_score.created_at), max(entry_score.created_at)"
    if by == "session" or lowest:
        entry_columns = "entry.created_at AS created_at,"
    if lowest:
        entry_columns += " entry.id AS entry_id,"
    lowest_columns = "min(entry_score.score), min(entry_score.lowest_first)" if lowest else ""
    sql = f"""
    {items.with_clause}SELECT entry_score.series AS series,
           entry_score.period_start AS period_start,
           count(*) AS entries,
           avg(entry_score.score) AS mean_score,
           {entry_times},
           sum(entry_score.score * entry_score.score) AS sum_of_squares
           {", " + lowest_columns if lowest else ""}
    FROM (
        SELECT *{", " + _LOWEST_FIRST + " AS lowest_first" if lowest else ""} FROM (
        SELECT {series_column} AS series,
               {PERIOD_START_SQL[by]} AS period_start,
               {entry_columns}
               avg({items.item_score}) AS score
        FROM entry
        CROSS JOIN answer ON answer.entry_id = entry.id
        WHERE {items.where}
        GROUP BY {group_column}
        )
    ) AS entry_score
    GROUP BY entry_score.series, entry_score.period_start
    ORDER BY entry_score.series, entry_score.period_start
    """
    return sql, items.parameters(series_parameters)


def period_scores(
    database: Database,
    by: PeriodKind,
    entry_filter: EntryFilter,
    *,
    series: SeriesKind = "dimension",
    scoring: Scoring = EVERY_SCORE,
) -> list[PeriodScore]:
    """Mean entry score per series and period, oldest period first within each series."""
    sql, parameters = period_scores_sql(by, entry_filter, series=series, scoring=scoring)
    return _period_rows(database.execute(sql, tuple(parameters)), None)


def period_scores_and_lowest(
    database: Database,
    by: PeriodKind,
    entry_filter: EntryFilter,
    *,
    scoring: Scoring = EVERY_SCORE,
) -> tuple[list[PeriodScore], list[LowestEntry]]:
    """period_scores by dimension, and from the same walk of the journal each dimension's
    lowest entry (the earliest of equal ones), by dimension."""
    sql, parameters = period_scores_sql(by, entry_filter, scoring=scoring, lowest=True)
    lowest = _Lowest()
    rows = _period_rows(database.execute(sql, tuple(parameters)), lowest)
    return rows, lowest.entries()


def _period_rows(cursor: Iterable[Sequence[Any]], lowest: _Lowest | None) -> list[PeriodScore]:
    """PeriodScores from the cursor, row by row (not a list of rows first: over years of weeks
    the rows alone are megabytes), each series name and period key held once, not per row;
    with `lowest`, the rows' two extra columns go to it."""
    names: dict[str, str] = {}
    starts: dict[str | None, str | None] = {}
    rows = []
    for row in cursor:
        series = names.setdefault(row[0], row[0])
        period_start = starts.setdefault(row[1], row[1])
        rows.append(PeriodScore(series, period_start, *row[2:7]))
        if lowest is not None:
            lowest.add(series, row[2], row[7], row[8])
    return rows


class LowestEntry(Struct, frozen=True):
    """The entry with a series' lowest entry score (0-1) in a selection."""

    series: str  # the dimension, joins applied
    entry_id: str
    created_at: str
    score: float
    entries: int  # how many entries scored this dimension in the selection


class _Lowest:
    """Each series' lowest entry, from its periods' lowest (score, _LOWEST_FIRST) one by one."""

    def __init__(self) -> None:
        self.lowest: dict[str, tuple[float, str]] = {}
        self.counted: dict[str, int] = {}

    def add(self, series: str, entries: int, score: float | None, first: str | None) -> None:
        self.counted[series] = self.counted.get(series, 0) + entries
        if score is None or first is None:
            return
        found = self.lowest.get(series)
        if found is None or (score, first) < found:
            self.lowest[series] = (score, first)

    def entries(self) -> list[LowestEntry]:
        found = []
        for series, (score, first) in sorted(self.lowest.items()):
            _, created_at, entry_id = first.split("\x01")
            found.append(LowestEntry(series, entry_id, created_at, score, self.counted[series]))
        return found


# Orders the entry scores of a period as (score, created_at, entry_id) do, in one text: the
# score written fixed-width and zero-padded, shifted by 10 so that a score outside 0-1 from
# damaged data still sorts by its value (anything from -10 to 90), and char(1), which sorts
# before every character of a time or an id, between the parts. Its minimum in a period names
# the period's lowest entry, the earliest of equal ones; the exact score comes beside it as
# min(score).
_LOWEST_FIRST = "printf('%020.17f', score + 10.0) || char(1) || created_at || char(1) || entry_id"


def lowest_entries(
    database: Database, entry_filter: EntryFilter, scoring: Scoring = EVERY_SCORE
) -> list[LowestEntry]:
    """Per dimension, the entry whose score is lowest (the earliest of equal ones), scored
    exactly as period_scores scores it (same entries, joins and follow-up rules)."""
    return period_scores_and_lowest(database, "month", entry_filter, scoring=scoring)[1]


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


def pack_definitions(database: Database) -> list[StoredPackDefinition]:
    """Every pack version entries were written with, newest first (definitions as stored)."""
    rows = database.query(
        "SELECT content_hash, pack_id, definition FROM pack_snapshot "
        "ORDER BY first_used_at DESC, content_hash"
    )
    definitions = []
    for content_hash, pack_id, text in rows:
        try:
            definition = json.loads(text)
        except (TypeError, ValueError):  # a damaged snapshot: its entries keep every answer
            continue
        if isinstance(definition, dict):
            definitions.append(StoredPackDefinition(content_hash, pack_id, definition))
    return definitions
