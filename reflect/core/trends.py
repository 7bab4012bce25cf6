"""Trends: how each dimension's scores move from period to period, in numbers and plain words.

The scoring follows /work/shared/domain.md ("Scales and trends") and runs in SQLite (see
reflect.store.trends): every answered scale item is rescaled to 0-1 with the range it was asked
with, flipped when reverse-scored, averaged per entry and dimension, then averaged per period so
each entry weighs the same. Answers under a dimension's former name join the new one (see
reflect.core.dimensions), and an answer to a follow-up that was not asked in its entry does not
count. Here the means become 0-10 scores rounded to one decimal, once, so the table, the chart,
the sentences and the JSON all carry the same numbers.

The words tell the shape of a series, never a verdict ("improved" and "declined" are never
said): where it started and where it is, the lowest (and highest) period and when, the biggest
change between consecutive periods of at least `notable_change` points (2 by default), and how
the later half of the entries compares with the earlier half. "Held steady" only when every
period lies within STEADY_THRESHOLD of every other. With at least RELIABLE_MINIMUM_ENTRIES
scored entries the halves are also compared with the person's own ups and downs (the
reliable-change figure, see reliable_change()). A trend needs MINIMUM_ENTRIES scored entries:
below that `reflect trends` says there is not enough yet, and summary_lines() (what exports
print) leaves the dimension out.

Public interface (also used by exports): compute_trends(database, TrendQuery) -> TrendReport,
with report.dimensions (each with .periods, .summary (low, high, notable_changes,
reliable_change, ...) and .summary_sentence), report.summary_lines() and report.to_json_dict()
(the versioned "reflect-trends" shape documented on TrendReport).
"""

from __future__ import annotations

import math
from calendar import monthrange
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct, field
from msgspec.structs import replace

from reflect.clock import EARLIEST, LATEST, from_db_time, local_now, local_today, to_db_time
from reflect.core.dimensions import DimensionCatalog, dimension_catalog
from reflect.errors import ReflectError
from reflect.model import DateRange, EntryFilter
from reflect.store import trends as store
from reflect.store.trends import FollowUpRule, PeriodScore, StoredPackDefinition

if TYPE_CHECKING:
    from reflect.store.database import Database

PeriodKind = Literal["week", "month", "session"]
Direction = Literal["rose", "fell", "held steady", "no clear direction"]
ChangeKind = Literal["drop", "rise"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("week", "month", "session")

FORMAT_NAME = "reflect-trends"
FORMAT_VERSION = 1
MINIMUM_ENTRIES = 3
# A series "held steady" only when its highest and lowest period are at most one point apart:
# one step on a 0-10 item answered once is the usual wobble of a self-rating.
STEADY_THRESHOLD = Decimal("1.0")
# The later half of the entries "rose" or "fell" against the earlier half from one point on:
# a smaller difference between two averages of a handful of self-ratings is no clear direction.
DIRECTION_THRESHOLD = Decimal("1.0")
# A change between two consecutive periods of this many points (0-10) is named; session-feedback
# tools raise a similar flag when a session's rating drops. `--notable` changes it.
NOTABLE_CHANGE = Decimal("2.0")
# The reliable-change figure needs this many scored entries, and 1.96 standard errors (the
# usual 95% bound) before a difference between the halves counts as more than the ups and downs.
RELIABLE_MINIMUM_ENTRIES = 8
RELIABLE_Z = 1.96
# Without --since, `reflect trends` looks at the last dozen weeks, months or sessions: recent enough
# for the summary to describe how things are moving now, long enough to show a direction.
RECENT_PERIODS = 12
_ONE_DECIMAL = Decimal("0.1")


class TrendQuery(Struct, frozen=True):
    """What to chart: the entries (the shared EntryFilter: dates inclusive, drafts=None to count
    drafts too), the period, and the dimensions (all when empty). A pack in the filter limits
    every series to the entries written with it and adds one series per scale question of it.
    `notable_change` is the change between consecutive periods (0-10) the words name."""

    entries: EntryFilter = field(default_factory=EntryFilter)
    by: PeriodKind = "week"
    dimensions: tuple[str, ...] = ()
    notable_change: float = float(NOTABLE_CHANGE)
    # What an export's brief shows besides the trends: each dimension's lowest entry, and the
    # scored entries of the periods among each dimension's latest `entry_details` (0: neither;
    # `reflect trends` needs none of it, so it costs nothing there).
    entry_details: int = 0


class TrendPeriod(Struct, frozen=True):
    """One period with scored entries. Scores are 0-10 with one decimal, as shown."""

    start: date
    end: date  # inclusive; see TrendReport for open session periods
    label: str  # "2026-W45", "2026-11", "session 2026-11-03" or "before first session"
    entries: int
    score: float
    change: float | None  # from the previous period that has entries; None for the first
    notable: bool = False  # the change is at least the query's notable_change


class NotableChange(Struct, frozen=True):
    """A change between two consecutive periods of at least the notable threshold."""

    period: TrendPeriod  # the period the change arrived in
    previous_score: float
    score: float
    change: float  # score - previous_score

    @property
    def kind(self) -> ChangeKind:
        return "drop" if self.change < 0 else "rise"


class HalfComparison(Struct, frozen=True):
    """The earlier and the later half of a series' entries, split between periods."""

    earlier_entries: int
    earlier_mean: float  # 0-10, one decimal
    earlier_until: date  # the last day of the earlier half's last period
    later_entries: int
    later_mean: float
    later_from: date  # the first day of the later half's first period
    difference: float  # later_mean - earlier_mean, from the unrounded means, one decimal


class ReliableChange(Struct, frozen=True):
    """Whether the later half differs from the earlier half by more than the person's own ups
    and downs would explain (see reliable_change()). Figures on 0-10, one decimal."""

    entries: int
    difference: float  # later half mean - earlier half mean
    usual_variation: float  # the standard deviation of entry scores within the halves
    needed: float  # how big a difference has to be to count: 1.96 standard errors
    reliable: bool


class LowEntry(Struct, frozen=True):
    """A dimension's lowest entry score (0-10, as shown) and the entry it came from."""

    score: float
    entry_id: str
    created_at: datetime
    entries: int  # how many entries scored the dimension in the selection


class PeriodEntries(Struct, frozen=True):
    """How many entries with at least one score a period holds (any dimension)."""

    start: date
    end: date
    label: str
    entries: int


class TrendSummary(Struct, frozen=True):
    entries: int
    periods: int
    first_score: float | None
    last_score: float | None
    change: float | None  # last - first
    direction: Direction | None  # None while there is not enough to speak of a trend
    sentence: str  # what `reflect trends` says
    export_sentence: str | None = None  # what an export says; None: leave the series out
    low: TrendPeriod | None = None  # the lowest period (the latest of equals)
    high: TrendPeriod | None = None
    notable_changes: tuple[NotableChange, ...] = ()
    halves: HalfComparison | None = None
    reliable_change: ReliableChange | None = None

    @property
    def enough(self) -> bool:
        return self.entries >= MINIMUM_ENTRIES


class DimensionTrend(Struct, frozen=True):
    """A series: one dimension, or (with --pack) one scale question."""

    name: str  # the dimension, or the question id
    label: str  # how it reads in a sentence ("Safety")
    periods: tuple[TrendPeriod, ...]
    summary: TrendSummary
    dimension: str | None = None  # for a question series: the dimension it feeds
    question_text: str | None = None  # for a question series: its latest wording
    lowest_entry: LowEntry | None = None  # only with TrendQuery.entry_details

    @property
    def summary_sentence(self) -> str:
        return self.summary.sentence

    @property
    def entries(self) -> int:
        return self.summary.entries


class TrendReport(Struct, frozen=True):
    """Trends of every dimension (and, with a pack, every scale question of it).

    to_json_dict() gives this shape (format "reflect-trends", version 1; new keys may be added
    within a version, none removed or changed in meaning):

        {"format": "reflect-trends", "version": 1,
         "by": "week" | "month" | "session",
         "since": ISO datetime | null, "until": ISO datetime | null,
         "pack": pack id | null, "include_drafts": bool,
         "scale": {"min": 0, "max": 10, "decimals": 1},
         "minimum_entries": 3, "steady_threshold": 1.0, "notable_change": 2.0,
         "reliable_change_minimum_entries": 8,
         "dimensions": [
           {"name": "safety", "label": "Safety",
            "periods": [{"start": "2026-11-02", "end": "2026-11-08", "label": "2026-W45",
                         "entries": 4, "score": 6.3, "change": null, "notable": false}, ...],
            "summary": {"entries": 12, "periods": 3, "first_score": 5.1, "last_score": 6.8,
                        "change": 1.7,
                        "direction": "rose" | "fell" | "held steady" | "no clear direction"
                                     | null,
                        "sentence": "Safety went from 5.1 to 6.8 over 3 weeks ...",
                        "low": PERIOD | null, "high": PERIOD | null,
                        "notable_changes": [{"start", "end", "label", "from", "to", "change",
                                             "kind": "drop" | "rise"}, ...],
                        "halves": {"earlier": {"entries", "mean", "until"},
                                   "later": {"entries", "mean", "from"},
                                   "difference"} | null,
                        "reliable_change": {"entries", "difference", "usual_variation",
                                            "needed", "reliable"} | null}}, ...],
         "questions": [ same as a dimension, plus "dimension" and "question" (its text) ]}

    Periods without entries are left out (a gap is not a score). Dates are local calendar days,
    both ends inclusive. Week periods run Monday to Sunday, months from the first to the last
    day; a session period runs from a session to the day of the next one (to the day before
    when the next was recorded as a bare date), and the period after the latest session ends
    with its newest entry. Entries before the first recorded session form their own period,
    from the day of its first entry. "questions" is empty unless a pack was given. Dimensions
    come in the order of the packs' themes (reflect.core.dimensions.DIMENSION_ORDER).
    """

    query: TrendQuery
    dimensions: tuple[DimensionTrend, ...]
    questions: tuple[DimensionTrend, ...] = ()
    sessions_recorded: int = 0
    today: date = field(default_factory=local_today)
    # Per period, the entries with at least one score: only with TrendQuery.entry_details, and
    # only from the earliest of each dimension's latest `entry_details` periods on.
    scored_entries: tuple[PeriodEntries, ...] = ()

    @property
    def by(self) -> PeriodKind:
        return self.query.by

    @property
    def is_empty(self) -> bool:
        return not self.dimensions

    def summary_lines(self) -> list[str]:
        """The sentences an export prints, in the order of the dimensions: a dimension with too
        few scored entries is left out (only `reflect trends` says there is not enough yet)."""
        return [
            trend.summary.export_sentence
            for trend in self.dimensions
            if trend.summary.export_sentence is not None
        ]

    def to_json_dict(self, *, for_export: bool = False) -> dict[str, Any]:
        """The documented JSON shape. `for_export`: a series' "sentence" is what an export
        says (null while there is not enough yet) rather than what `reflect trends` says."""
        head, dimensions, questions = self.json_parts(for_export=for_export)
        return {**head, "dimensions": list(dimensions), "questions": list(questions)}

    def json_parts(
        self, *, for_export: bool = False
    ) -> tuple[dict[str, Any], Iterator[dict[str, Any]], Iterator[dict[str, Any]]]:
        """to_json_dict() in three parts, for a writer that streams it: every key but the last
        two, then the objects of "dimensions" and of "questions", one series at a time (over
        years of weekly entries the whole object is megabytes)."""
        entries = self.query.entries
        head = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "by": self.by,
            "since": entries.since.isoformat() if entries.since else None,
            "until": entries.until.isoformat() if entries.until else None,
            "pack": entries.pack,
            "include_drafts": entries.drafts is not False,
            "scale": {"min": 0, "max": 10, "decimals": 1},
            "minimum_entries": MINIMUM_ENTRIES,
            "steady_threshold": float(STEADY_THRESHOLD),
            "notable_change": self.query.notable_change,
            "reliable_change_minimum_entries": RELIABLE_MINIMUM_ENTRIES,
        }
        dimensions = (_series_json(trend, for_export) for trend in self.dimensions)
        questions = (
            {
                **_series_json(trend, for_export),
                "dimension": trend.dimension,
                "question": trend.question_text,
            }
            for trend in self.questions
        )
        return head, dimensions, questions


def _period_json(period: TrendPeriod) -> dict[str, Any]:
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "label": period.label,
        "entries": period.entries,
        "score": period.score,
        "change": period.change,
        "notable": period.notable,
    }


def _series_json(trend: DimensionTrend, for_export: bool) -> dict[str, Any]:
    summary = trend.summary
    halves = summary.halves
    reliable = summary.reliable_change
    return {
        "name": trend.name,
        "label": trend.label,
        "periods": [_period_json(period) for period in trend.periods],
        "summary": {
            "entries": summary.entries,
            "periods": summary.periods,
            "first_score": summary.first_score,
            "last_score": summary.last_score,
            "change": summary.change,
            "direction": summary.direction,
            "sentence": summary.export_sentence if for_export else summary.sentence,
            "low": _period_json(summary.low) if summary.low else None,
            "high": _period_json(summary.high) if summary.high else None,
            "notable_changes": [
                {
                    "start": notable.period.start.isoformat(),
                    "end": notable.period.end.isoformat(),
                    "label": notable.period.label,
                    "from": notable.previous_score,
                    "to": notable.score,
                    "change": notable.change,
                    "kind": notable.kind,
                }
                for notable in summary.notable_changes
            ],
            "halves": None
            if halves is None
            else {
                "earlier": {
                    "entries": halves.earlier_entries,
                    "mean": halves.earlier_mean,
                    "until": halves.earlier_until.isoformat(),
                },
                "later": {
                    "entries": halves.later_entries,
                    "mean": halves.later_mean,
                    "from": halves.later_from.isoformat(),
                },
                "difference": halves.difference,
            },
            "reliable_change": None
            if reliable is None
            else {
                "entries": reliable.entries,
                "difference": reliable.difference,
                "usual_variation": reliable.usual_variation,
                "needed": reliable.needed,
                "reliable": reliable.reliable,
            },
        },
    }


def display_score(mean_score: float) -> Decimal:
    """A 0-1 mean as the 0-10 score people see: one decimal, halves rounded up.

    Rounded to 9 places first so binary noise (6.2499999999 for 6.25) cannot flip the result.
    """
    return _one_decimal(mean_score * 10)


def _one_decimal(value: float) -> Decimal:
    return Decimal(f"{value:.9f}").quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def compute_trends(database: Database, query: TrendQuery) -> TrendReport:
    """Score every dimension (or those asked for) per period. Raises ReflectError for a dimension
    or pack the journal has never seen."""
    if query.by not in PERIOD_KINDS:
        raise ReflectError(
            f"Cannot group trends by {query.by!r}.", "Use --by week, --by month or --by session."
        )
    if not 0 < query.notable_change <= 10:
        raise ReflectError(
            f"A notable change of {query.notable_change:g} points is outside the 0-10 scale.",
            "Give a number of points above 0 and at most 10, for example --notable 2.",
        )
    stored = store.pack_definitions(database)
    catalog = dimension_catalog(database, stored)
    asked = tuple(dict.fromkeys(name.strip().lower() for name in query.dimensions))
    dimensions = tuple(dict.fromkeys(catalog.current_name(name) for name in asked))
    _check_dimensions(database, catalog, dimensions)
    if query.entries.pack is not None and not store.pack_was_used(database, query.entries.pack):
        used = store.packs_used(database)
        raise ReflectError(
            f"No entries were written with the pack {query.entries.pack!r}.",
            f"Packs in your journal: {', '.join(used)}." if used else None,
        )
    # Never wider than the years reflect keeps: a date an older version let in is skipped
    # (the command warns, `reflect db check` names the entry) instead of overflowing.
    dates = query.entries.dates
    selection = replace(
        query.entries,
        dates=DateRange(since=dates.since or EARLIEST, until=dates.until or LATEST),
    )
    stored_names = tuple(
        name for dimension in dimensions for name in catalog.stored_names(dimension)
    )
    scoring = store.Scoring(stored_names, catalog.join_list(), follow_up_rules(stored))

    def scores(series: store.SeriesKind) -> list[PeriodScore]:
        return store.period_scores(database, query.by, selection, series=series, scoring=scoring)

    sessions = store.session_dates(database) if query.by == "session" else []
    context = _SeriesContext(
        _PeriodCalendar(query.by, sessions),
        local_today(),
        Decimal(str(query.notable_change)),
    )
    lowest_entries: list[store.LowestEntry] = []
    if query.entry_details:
        rows, lowest_entries = store.period_scores_and_lowest(
            database, query.by, selection, scoring=scoring
        )
    else:
        rows = scores("dimension")
    grouped = dict(_by_series(rows))
    del rows
    dimension_trends = tuple(
        _series_trend(name, catalog.label(name), grouped[name], context)
        for name in catalog.ordered(grouped)
    )
    scored_entries: tuple[PeriodEntries, ...] = ()
    if query.entry_details:
        lowest = {row.series: row for row in lowest_entries}
        dimension_trends = tuple(
            replace(trend, lowest_entry=_low_entry(lowest[trend.name]))
            if trend.name in lowest
            else trend
            for trend in dimension_trends
        )
        scored_entries = _scored_entries(
            database, query, selection, scoring, context, dimension_trends
        )
    question_trends: tuple[DimensionTrend, ...] = ()
    if query.entries.pack is not None:
        question_rows = dict(_by_series(scores("question")))
        question_trends = tuple(
            _series_trend(
                question.question_id,
                question.question_id,
                question_rows[question.question_id],
                context,
                dimension=catalog.current_name(question.dimension) if question.dimension else None,
                question_text=question.text,
            )
            for question in store.pack_scale_questions(database, query.entries.pack)
            if question.question_id in question_rows
        )
    return TrendReport(
        query=query,
        dimensions=dimension_trends,
        questions=question_trends,
        sessions_recorded=len(sessions),
        today=context.today,
        scored_entries=scored_entries,
    )


def _scored_entries(
    database: Database,
    query: TrendQuery,
    selection: EntryFilter,
    scoring: store.Scoring,
    context: _SeriesContext,
    dimension_trends: tuple[DimensionTrend, ...],
) -> tuple[PeriodEntries, ...]:
    """The scored entries per period, from the earliest of each dimension's latest
    `query.entry_details` periods on: any period among a dimension's latest is counted in full,
    and only the entries of those days are read (over years of entries, a fraction of them)."""
    latest = [
        trend.periods[-min(query.entry_details, len(trend.periods))].start
        for trend in dimension_trends
        if trend.periods
    ]
    if not latest:
        return ()
    first = min(latest)
    # From the local midnight a day earlier: every entry of `first` or later is read whatever a
    # time-zone change did that night; a period before `first` read in part is left out.
    since = datetime.combine(first - timedelta(days=1), time.min).astimezone()
    dates = selection.dates
    counted = replace(
        selection, dates=DateRange(since=max(since, dates.since or since), until=dates.until)
    )
    rows = store.period_scores(database, query.by, counted, series="entry", scoring=scoring)
    bounds = [(context.calendar.bounds(row), row.entries) for row in rows]
    return tuple(
        PeriodEntries(*period, entries) for period, entries in bounds if period[0] >= first
    )


def _low_entry(row: store.LowestEntry) -> LowEntry:
    return LowEntry(
        score=float(display_score(row.score)),
        entry_id=row.entry_id,
        created_at=from_db_time(row.created_at),
        entries=row.entries,
    )


def follow_up_rules(stored: Sequence[StoredPackDefinition]) -> tuple[FollowUpRule, ...]:
    """For every stored pack version: the conditions under which each scale follow-up (and a
    follow-up of a follow-up) was asked, read from the definition its entries were written with."""
    rules: list[FollowUpRule] = []
    for snapshot in stored:
        questions = snapshot.definition.get("questions")
        if not isinstance(questions, list):
            continue
        by_id = {
            question["id"]: question
            for question in questions
            if isinstance(question, Mapping) and isinstance(question.get("id"), str)
        }
        for question_id, question in by_id.items():
            if question.get("kind") != "scale" or not question.get("dimension"):
                continue
            current: Mapping[str, Any] | None = question
            seen = {question_id}
            while current is not None and isinstance(current.get("when"), Mapping):
                when = current["when"]
                earlier = when.get("question")
                if not isinstance(earlier, str) or earlier in seen:
                    break
                seen.add(earlier)
                rule = FollowUpRule(
                    snapshot.content_hash,
                    question_id,
                    earlier,
                    at_most=_number(when.get("at_most")),
                    at_least=_number(when.get("at_least")),
                    equals=_condition_text(when.get("equals")),
                    includes=_condition_text(when.get("includes")),
                )
                if (
                    rule.at_most is None
                    and rule.at_least is None
                    and not (rule.equals or rule.includes)
                ):
                    break
                rules.append(rule)
                current = by_id.get(earlier)
    return tuple(rules)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _condition_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, str) else None


def recent_since(
    database: Database,
    by: PeriodKind,
    *,
    until: datetime | None = None,
    periods: int = RECENT_PERIODS,
) -> datetime | None:
    """Where the last `periods` weeks, months or sessions before `until` (default now) begin.

    None when there are fewer sessions than that: then every entry is recent enough.
    """
    anchor = (until or local_now()).astimezone()
    if by == "week":
        monday = anchor.date() - timedelta(days=anchor.weekday(), weeks=periods - 1)
        return datetime.combine(monday, time.min).astimezone()
    if by == "month":
        year, month_index = divmod(anchor.year * 12 + anchor.month - 1 - (periods - 1), 12)
        return datetime.combine(date(year, month_index + 1, 1), time.min).astimezone()
    held = [held_on for held_on in store.session_dates(database) if held_on <= to_db_time(anchor)]
    if len(held) < periods:
        return None
    return _session_moment(held[-periods])


def journal_has_scores(database: Database) -> bool:
    """Whether any answer in the journal, in any entry, feeds a trend."""
    return store.has_scale_answers(database)


def _check_dimensions(
    database: Database, catalog: DimensionCatalog, dimensions: tuple[str, ...]
) -> None:
    unknown = [
        name
        for name in dimensions
        if not any(store.dimension_exists(database, old) for old in catalog.stored_names(name))
    ]
    if not unknown:
        return
    known = catalog.ordered(catalog.current_name(name) for name in store.known_dimensions(database))
    if not known:
        return  # nothing is scored yet: the friendly empty report says so, not an error
    names = ", ".join(repr(name) for name in unknown)
    raise ReflectError(
        f"No answers feed the dimension {names}."
        if len(unknown) == 1
        else f"No answers feed the dimensions {names}.",
        f"Dimensions in your journal: {', '.join(known)}.",
    )


def _by_series(rows: list[PeriodScore]) -> list[tuple[str, list[PeriodScore]]]:
    grouped: dict[str, list[PeriodScore]] = {}
    for row in rows:
        grouped.setdefault(row.series, []).append(row)
    return list(grouped.items())


class _SeriesContext(Struct, frozen=True):
    calendar: _PeriodCalendar
    today: date
    notable_change: Decimal


def _series_trend(
    name: str,
    label: str,
    rows: list[PeriodScore],
    context: _SeriesContext,
    *,
    dimension: str | None = None,
    question_text: str | None = None,
) -> DimensionTrend:
    periods: list[TrendPeriod] = []
    previous: Decimal | None = None
    for row in rows:
        score = display_score(row.mean_score)
        start, end, period_label = context.calendar.bounds(row)
        change = None if previous is None else score - previous
        periods.append(
            TrendPeriod(
                start=start,
                end=end,
                label=period_label,
                entries=row.entries,
                score=float(score),
                change=None if change is None else float(change),
                notable=change is not None and abs(change) >= context.notable_change,
            )
        )
        previous = score
    summary = _summarise(label, periods, rows, context)
    return DimensionTrend(
        name=name,
        label=label,
        periods=tuple(periods),
        summary=summary,
        dimension=dimension,
        question_text=question_text,
    )


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def split_index(periods: Sequence[TrendPeriod]) -> int | None:
    """Where the earlier half of the entries ends: between two periods (a period is never cut),
    at the split whose earlier part comes closest to half the entries, the earlier split on a
    tie. None with fewer than two periods."""
    if len(periods) < 2:
        return None
    total = sum(period.entries for period in periods)
    counted = 0
    best, best_distance = 1, math.inf
    for index in range(1, len(periods)):
        counted += periods[index - 1].entries
        distance = abs(counted - total / 2)
        if distance < best_distance:
            best, best_distance = index, distance
    return best


def compare_halves(
    periods: Sequence[TrendPeriod], rows: Sequence[PeriodScore], index: int
) -> HalfComparison:
    earlier, later = _pooled(rows[:index]), _pooled(rows[index:])
    return HalfComparison(
        earlier_entries=earlier.entries,
        earlier_mean=float(_one_decimal(earlier.mean)),
        earlier_until=periods[index - 1].end,
        later_entries=later.entries,
        later_mean=float(_one_decimal(later.mean)),
        later_from=periods[index].start,
        difference=float(_one_decimal(later.mean - earlier.mean)),
    )


class _Pooled(Struct, frozen=True):
    entries: int
    mean: float  # 0-10
    squares: float  # the sum of squared deviations from the mean, 0-10 units


def _pooled(rows: Sequence[PeriodScore]) -> _Pooled:
    entries = sum(row.entries for row in rows)
    total = sum(row.mean_score * row.entries for row in rows) * 10
    sum_of_squares = sum(row.sum_of_squares for row in rows) * 100
    mean = total / entries
    return _Pooled(entries, mean, max(0.0, sum_of_squares - total * mean))


def reliable_change(rows: Sequence[PeriodScore], index: int) -> ReliableChange | None:
    """Is the later half different from the earlier half by more than the ups and downs of this
    person's own ratings would explain? `index`: where the earlier half ends (split_index).

    With n1 entries in the earlier half (mean m1) and n2 in the later (mean m2), all on 0-10:
    the usual variation s is the standard deviation of the entry scores around their own half's
    mean, sqrt((SS1 + SS2) / (n1 + n2 - 2)); the difference m2 - m1 counts as reliable when it is
    at least 1.96 * s * sqrt(1/n1 + 1/n2), a size that ups and downs of that spread reach by
    chance only about one time in twenty. None below RELIABLE_MINIMUM_ENTRIES entries.
    """
    entries = sum(row.entries for row in rows)
    if entries < RELIABLE_MINIMUM_ENTRIES:
        return None
    earlier, later = _pooled(rows[:index]), _pooled(rows[index:])
    variation = math.sqrt((earlier.squares + later.squares) / (entries - 2))
    needed = RELIABLE_Z * variation * math.sqrt(1 / earlier.entries + 1 / later.entries)
    difference = later.mean - earlier.mean
    return ReliableChange(
        entries=entries,
        difference=float(_one_decimal(difference)),
        usual_variation=float(_one_decimal(variation)),
        needed=float(_one_decimal(needed)),
        reliable=abs(difference) > 1e-9 and abs(difference) >= needed - 1e-9,
    )


def _lowest(periods: Sequence[TrendPeriod]) -> TrendPeriod:
    """The lowest period; of equal ones the latest, the one closest to now."""
    return min(reversed(periods), key=lambda period: period.score)


def _highest(periods: Sequence[TrendPeriod]) -> TrendPeriod:
    return max(reversed(periods), key=lambda period: period.score)


def _notable_changes(periods: Sequence[TrendPeriod]) -> tuple[NotableChange, ...]:
    return tuple(
        NotableChange(period, periods[index - 1].score, period.score, period.change)
        for index, period in enumerate(periods)
        if period.notable and period.change is not None
    )


def _named_change(changes: Sequence[NotableChange]) -> NotableChange:
    """The change a sentence names: the biggest drop if there is one (a drop is what a person
    may want to bring up), else the biggest rise; of equal ones the latest."""
    drops = [change for change in changes if change.kind == "drop"]
    candidates = drops or list(changes)
    return max(reversed(candidates), key=lambda change: abs(change.change))


def _direction(halves: HalfComparison | None, steady: bool) -> Direction | None:
    if halves is None:
        return None
    if steady:
        return "held steady"
    if Decimal(str(halves.difference)) >= DIRECTION_THRESHOLD:
        return "rose"
    if Decimal(str(halves.difference)) <= -DIRECTION_THRESHOLD:
        return "fell"
    return "no clear direction"


_BETWEEN = {"week": "between weeks", "month": "between months", "session": "between sessions"}
_LATER = {"week": "weeks", "month": "months", "session": "sessions"}


def _summarise(
    label: str,
    periods: list[TrendPeriod],
    rows: list[PeriodScore],
    context: _SeriesContext,
) -> TrendSummary:
    calendar = context.calendar
    entries = sum(period.entries for period in periods)
    if entries < MINIMUM_ENTRIES:
        return TrendSummary(
            entries=entries,
            periods=len(periods),
            first_score=None,
            last_score=None,
            change=None,
            direction=None,
            sentence=(
                f"{label}: not enough yet to show a trend "
                f"({_plural(entries, 'scored entry', 'scored entries')} so far; "
                f"a trend needs {MINIMUM_ENTRIES})."
            ),
        )
    first, last = periods[0], periods[-1]
    low, high = _lowest(periods), _highest(periods)
    counted = f"({_plural(entries, 'entry', 'entries')})"
    if len(periods) == 1:
        said = f"{label} was {first.score:.1f} {calendar.single_period_phrase(first)} {counted}"
        return TrendSummary(
            entries=entries,
            periods=1,
            first_score=first.score,
            last_score=last.score,
            change=None,
            direction=None,
            sentence=f"{said}; a trend shows once there are two {calendar.plural_noun}.",
            export_sentence=f"{said}.",
            low=low,
            high=high,
        )
    index = split_index(periods)
    assert index is not None  # two periods or more
    halves = compare_halves(periods, rows, index)
    reliable = reliable_change(rows, index)
    notable = _notable_changes(periods)
    steady = Decimal(str(high.score)) - Decimal(str(low.score)) <= STEADY_THRESHOLD
    span = calendar.span_phrase(rows[0], rows[-1], first, last, context.today)
    sentences: list[str] = []
    if steady:
        between = (
            f"at {low.score:.1f}"
            if low.score == high.score
            else f"between {low.score:.1f} and {high.score:.1f}"
        )
        sentences.append(f"{label} held steady {span} {counted}, {between}.")
    else:
        shape = (
            f"{label} went from {first.score:.1f} to {last.score:.1f} {span} {counted}; "
            f"lowest {low.score:.1f} {calendar.single_period_phrase(low)}"
        )
        if high is not first and high is not last:
            shape += f", highest {high.score:.1f} {calendar.single_period_phrase(high)}"
        sentences.append(shape + ".")
    if notable:
        named = _named_change(notable)
        others = "the only change" if len(notable) == 1 else f"{len(notable)} changes"
        sentences.append(
            f"Biggest {named.kind} {_BETWEEN[calendar.by]}: {abs(named.change):.1f}, from "
            f"{named.previous_score:.1f} to {named.score:.1f} "
            f"{calendar.single_period_phrase(named.period)} ({others} of "
            f"{context.notable_change:.1f} or more)."
        )
    later = _LATER[calendar.by]
    if reliable is not None:
        compared = (
            f"Later {later} averaged {halves.later_mean:.1f}, earlier ones "
            f"{halves.earlier_mean:.1f}: a difference of {abs(reliable.difference):.1f}"
        )
        if reliable.reliable:
            sentences.append(
                f"{compared}, more than your usual ups and downs "
                f"({reliable.needed:.1f} or more stands out)."
            )
        else:
            sentences.append(
                f"{compared}, within your usual ups and downs "
                f"(it takes {reliable.needed:.1f} to stand out)."
            )
    elif not notable and not steady:
        difference = Decimal(str(halves.difference))
        if abs(difference) >= DIRECTION_THRESHOLD:
            word = "higher" if difference > 0 else "lower"
            sentences.append(
                f"Later {later} averaged {abs(difference):.1f} {word} than earlier ones."
            )
        else:
            sentences.append(f"Earlier and later {later} averaged about the same.")
    sentence = " ".join(sentences)
    return TrendSummary(
        entries=entries,
        periods=len(periods),
        first_score=first.score,
        last_score=last.score,
        change=float(Decimal(str(last.score)) - Decimal(str(first.score))),
        direction=_direction(halves, steady),
        sentence=sentence,
        export_sentence=sentence,
        low=low,
        high=high,
        notable_changes=notable,
        halves=halves,
        reliable_change=reliable,
    )


def _local_day(db_time: str) -> date:
    return from_db_time(db_time).astimezone().date()


class _PeriodCalendar:
    """Turns the period keys SQLite grouped by into dates, labels and the words for a span."""

    def __init__(self, by: PeriodKind, sessions: list[str]) -> None:
        self.by = by
        self.sessions = sessions
        self.session_index = {held_on: index for index, held_on in enumerate(sessions)}
        # Every dimension has rows for the same periods: each period's bounds are worked out
        # once (the days of an open session period depend on its first and last entry too).
        self._bounds: dict[tuple[str | None, str | None, str | None], tuple[date, date, str]] = {}

    @property
    def plural_noun(self) -> str:
        return {"week": "weeks", "month": "months", "session": "periods between sessions"}[self.by]

    def bounds(self, row: PeriodScore) -> tuple[date, date, str]:
        key = (row.period_start, row.first_entry_at, row.last_entry_at)
        found = self._bounds.get(key)
        if found is None:
            found = self._bounds[key] = self._worked_out_bounds(row)
        return found

    def _worked_out_bounds(self, row: PeriodScore) -> tuple[date, date, str]:
        if self.by == "week":
            start = date.fromisoformat(row.period_start or "")
            year, week, _ = start.isocalendar()
            return start, start + timedelta(days=6), f"{year}-W{week:02d}"
        if self.by == "month":
            start = date.fromisoformat(row.period_start or "")
            last_day = monthrange(start.year, start.month)[1]
            return start, start.replace(day=last_day), f"{start:%Y-%m}"
        return self._session_bounds(row)

    def _session_bounds(self, row: PeriodScore) -> tuple[date, date, str]:
        if row.period_start is None:
            following = self.sessions[0] if self.sessions else None
            start = _local_day(row.first_entry_at or "")
            label = "before first session"
        else:
            index = self.session_index[row.period_start]
            following = self.sessions[index + 1] if index + 1 < len(self.sessions) else None
            start = _session_day(row.period_start)
            label = f"session {start.isoformat()}"
        end = _day_before(following) if following else _local_day(row.last_entry_at or "")
        return start, max(start, end), label

    def single_period_phrase(self, period: TrendPeriod) -> str:
        """Where a period sits, in dates people read: "in the week of 21 Sep 2026"."""
        if self.by == "week":
            return f"in the week of {_day_text(period.start)}"
        if self.by == "month":
            return f"in {period.start:%B %Y}"
        if period.label == "before first session":
            return "before the first recorded session"
        return f"after the session on {_day_text(period.start)}"

    def span_phrase(
        self,
        first_row: PeriodScore,
        last_row: PeriodScore,
        first: TrendPeriod,
        last: TrendPeriod,
        today: date,
    ) -> str:
        if self.by == "week":
            count = (last.start - first.start).days // 7 + 1
            noun = "weeks"
        elif self.by == "month":
            count = (last.start.year - first.start.year) * 12 + last.start.month - first.start.month
            count += 1
            noun = "months"
        else:
            first_index = self._session_position(first_row.period_start)
            last_index = self._session_position(last_row.period_start)
            return f"over {last_index - first_index + 1} periods between sessions"
        recent = "the last " if last.start <= today <= last.end else ""
        return f"over {recent}{count} {noun}"

    def _session_position(self, period_start: str | None) -> int:
        return -1 if period_start is None else self.session_index[period_start]


def _day_text(day: date) -> str:
    """21 Sep 2026: the day as the sentences and the exports write it (JSON keeps ISO dates)."""
    return f"{day.day} {day:%b %Y}"


def _session_moment(held_on: str) -> datetime:
    if len(held_on) == 10:
        return datetime.combine(date.fromisoformat(held_on), time.min).astimezone()
    return from_db_time(held_on)


def _session_day(held_on: str) -> date:
    """The local day of a session; held_on is UTC text, or a bare ISO date from older data."""
    if len(held_on) == 10:
        return date.fromisoformat(held_on)
    return _local_day(held_on)


def _day_before(held_on: str) -> date:
    """The last local day before a session starts (its own day when it has a time of day)."""
    if len(held_on) == 10:
        return date.fromisoformat(held_on) - timedelta(days=1)
    moment = from_db_time(held_on)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - timedelta(microseconds=1)).astimezone().date()
