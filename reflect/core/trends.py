"""Trends: how each dimension's scores move from period to period, in numbers and plain words.

The scoring follows /work/shared/domain.md ("Scales and trends") and runs in SQLite (see
reflect.store.trends): every answered scale item is rescaled to 0-1 with the range it was asked
with, flipped when reverse-scored, averaged per entry and dimension, then averaged per period so
each entry weighs the same. Here the means become 0-10 scores rounded to one decimal, once, so
the table, the chart, the sentences and the JSON all carry the same numbers.

Words stay humble: a trend needs at least MINIMUM_ENTRIES scored entries; a change smaller than
STEADY_THRESHOLD points (on 0-10) "held steady", otherwise the score "rose" or "fell" by that much.
Never "improved" or "declined": a lower score on, say, rupture is not better or worse in itself.

Public interface (also used by exports): compute_trends(database, TrendQuery) -> TrendReport,
with report.dimensions (each with .periods and .summary_sentence), report.summary_lines() and
report.to_json_dict() (the versioned "reflect-trends" shape documented on TrendReport).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Literal

from reflect.clock import from_db_time, to_db_time
from reflect.errors import ReflectError

if TYPE_CHECKING:
    from reflect.store.database import Database
    from reflect.store.trends import EntrySelection, PeriodScore

PeriodKind = Literal["week", "month", "session"]
Direction = Literal["rose", "fell", "held steady"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("week", "month", "session")

FORMAT_NAME = "reflect-trends"
FORMAT_VERSION = 1
MINIMUM_ENTRIES = 3
# Half a point on 0-10 is about one step on a 0-10 item answered once: smaller moves are noise
# in a handful of self-ratings, so they are reported as holding steady.
STEADY_THRESHOLD = Decimal("0.5")
# Without --since, `reflect trends` looks at the last dozen weeks, months or sessions: recent enough
# for the summary to describe how things are moving now, long enough to show a direction.
RECENT_PERIODS = 12
_ONE_DECIMAL = Decimal("0.1")

# How the usual dimensions read at the start of a sentence; any other is capitalised as it is.
DIMENSION_LABELS = {
    "understood": "Feeling understood",
    "accepted": "Feeling accepted",
    "genuine": "Genuineness",
    "goals": "Agreement on goals",
    "tasks": "Agreement on tasks",
}


@dataclass(frozen=True)
class TrendQuery:
    """What to chart. `since` and `until` are inclusive; `pack` limits every series to the
    entries written with that pack and adds one series per scale question of it."""

    since: datetime | None = None
    until: datetime | None = None
    by: PeriodKind = "week"
    dimensions: tuple[str, ...] = ()
    pack: str | None = None
    tag: str | None = None
    flagged: bool = False
    include_drafts: bool = False
    include_private: bool = True


@dataclass(frozen=True)
class TrendPeriod:
    """One period with scored entries. Scores are 0-10 with one decimal, as shown."""

    start: date
    end: date  # inclusive; see TrendReport for open session periods
    label: str  # "2026-W45", "2026-11", "session 2026-11-03" or "before first session"
    entries: int
    score: float
    change: float | None  # from the previous period that has entries; None for the first


@dataclass(frozen=True)
class TrendSummary:
    entries: int
    periods: int
    first_score: float | None
    last_score: float | None
    change: float | None
    direction: Direction | None  # None while there is not enough to speak of a trend
    sentence: str


@dataclass(frozen=True)
class DimensionTrend:
    """A series: one dimension, or (with --pack) one scale question."""

    name: str  # the dimension, or the question id
    label: str  # how it reads in a sentence ("Safety")
    periods: tuple[TrendPeriod, ...]
    summary: TrendSummary
    dimension: str | None = None  # for a question series: the dimension it feeds
    question_text: str | None = None  # for a question series: its latest wording

    @property
    def summary_sentence(self) -> str:
        return self.summary.sentence

    @property
    def entries(self) -> int:
        return self.summary.entries


@dataclass(frozen=True)
class TrendReport:
    """Trends of every dimension (and, with a pack, every scale question of it).

    to_json_dict() gives this shape (format "reflect-trends", version 1; new keys may be added
    within a version, none removed or changed in meaning):

        {"format": "reflect-trends", "version": 1,
         "by": "week" | "month" | "session",
         "since": ISO datetime | null, "until": ISO datetime | null,
         "pack": pack id | null, "include_drafts": bool,
         "scale": {"min": 0, "max": 10, "decimals": 1},
         "minimum_entries": 3, "steady_threshold": 0.5,
         "dimensions": [
           {"name": "safety", "label": "Safety",
            "periods": [{"start": "2026-11-02", "end": "2026-11-08", "label": "2026-W45",
                         "entries": 4, "score": 6.3, "change": null}, ...],
            "summary": {"entries": 12, "periods": 3, "first_score": 5.1, "last_score": 6.8,
                        "change": 1.7, "direction": "rose" | "fell" | "held steady" | null,
                        "sentence": "Safety rose by 1.7, from 5.1 to 6.8, ..."}}, ...],
         "questions": [ same as a dimension, plus "dimension" and "question" (its text) ]}

    Periods without entries are left out (a gap is not a score). Dates are local calendar days,
    both ends inclusive. Week periods run Monday to Sunday, months from the first to the last
    day; a session period runs from a session to the day of the next one (to the day before
    when the next was recorded as a bare date), and the period after the latest session ends
    with its newest entry. Entries before the first recorded session form their own period,
    from the day of its first entry. "questions" is empty unless a pack was given.
    """

    query: TrendQuery
    dimensions: tuple[DimensionTrend, ...]
    questions: tuple[DimensionTrend, ...] = ()
    sessions_recorded: int = 0
    today: date = field(default_factory=date.today)

    @property
    def by(self) -> PeriodKind:
        return self.query.by

    @property
    def is_empty(self) -> bool:
        return not self.dimensions

    def summary_lines(self) -> list[str]:
        """One plain-language sentence per dimension, in the order of the tables."""
        return [trend.summary_sentence for trend in self.dimensions]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "by": self.by,
            "since": self.query.since.isoformat() if self.query.since else None,
            "until": self.query.until.isoformat() if self.query.until else None,
            "pack": self.query.pack,
            "include_drafts": self.query.include_drafts,
            "scale": {"min": 0, "max": 10, "decimals": 1},
            "minimum_entries": MINIMUM_ENTRIES,
            "steady_threshold": float(STEADY_THRESHOLD),
            "dimensions": [_series_json(trend) for trend in self.dimensions],
            "questions": [
                {
                    **_series_json(trend),
                    "dimension": trend.dimension,
                    "question": trend.question_text,
                }
                for trend in self.questions
            ],
        }


def _series_json(trend: DimensionTrend) -> dict[str, Any]:
    summary = trend.summary
    return {
        "name": trend.name,
        "label": trend.label,
        "periods": [
            {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "label": period.label,
                "entries": period.entries,
                "score": period.score,
                "change": period.change,
            }
            for period in trend.periods
        ],
        "summary": {
            "entries": summary.entries,
            "periods": summary.periods,
            "first_score": summary.first_score,
            "last_score": summary.last_score,
            "change": summary.change,
            "direction": summary.direction,
            "sentence": summary.sentence,
        },
    }


def display_score(mean_score: float) -> Decimal:
    """A 0-1 mean as the 0-10 score people see: one decimal, halves rounded up.

    Rounded to 9 places first so binary noise (6.2499999999 for 6.25) cannot flip the result.
    """
    return Decimal(f"{mean_score * 10:.9f}").quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def dimension_label(dimension: str) -> str:
    if dimension in DIMENSION_LABELS:
        return DIMENSION_LABELS[dimension]
    words = dimension.replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]


def compute_trends(database: Database, query: TrendQuery) -> TrendReport:
    """Score every dimension (or those asked for) per period. Raises ReflectError for a dimension
    or pack the journal has never seen."""
    from reflect.store import trends as store

    if query.by not in PERIOD_KINDS:
        raise ReflectError(
            f"Cannot group trends by {query.by!r}.", "Use --by week, --by month or --by session."
        )
    dimensions = tuple(dict.fromkeys(name.strip().lower() for name in query.dimensions))
    _check_dimensions(database, dimensions)
    if query.pack is not None and not store.pack_was_used(database, query.pack):
        used = store.packs_used(database)
        raise ReflectError(
            f"No entries were written with the pack {query.pack!r}.",
            f"Packs in your journal: {', '.join(used)}." if used else None,
        )
    selection = _selection(query)
    sessions = store.session_dates(database) if query.by == "session" else []
    periods = _PeriodCalendar(query.by, sessions)
    today = date.today()
    rows = store.period_scores(database, query.by, selection, dimensions=dimensions)
    dimension_trends = tuple(
        _series_trend(name, dimension_label(name), series_rows, periods, today)
        for name, series_rows in _by_series(rows)
    )
    question_trends: tuple[DimensionTrend, ...] = ()
    if query.pack is not None:
        question_rows = dict(
            _by_series(
                store.period_scores(
                    database, query.by, selection, series="question", dimensions=dimensions
                )
            )
        )
        question_trends = tuple(
            _series_trend(
                question.question_id,
                question.question_id,
                question_rows[question.question_id],
                periods,
                today,
                dimension=question.dimension,
                question_text=question.text,
            )
            for question in store.pack_scale_questions(database, query.pack)
            if question.question_id in question_rows
        )
    return TrendReport(
        query=query,
        dimensions=dimension_trends,
        questions=question_trends,
        sessions_recorded=len(sessions),
        today=today,
    )


def _selection(query: TrendQuery) -> EntrySelection:
    from reflect.store.trends import EntrySelection

    return EntrySelection(
        since=to_db_time(query.since) if query.since else None,
        until=to_db_time(query.until) if query.until else None,
        pack_id=query.pack,
        tag=query.tag,
        flagged=query.flagged,
        include_drafts=query.include_drafts,
        include_private=query.include_private,
    )


@dataclass(frozen=True)
class PeriodEntries:
    """How many entries with at least one score a period holds (any dimension)."""

    start: date
    end: date
    label: str
    entries: int


def scored_entries_per_period(database: Database, query: TrendQuery) -> list[PeriodEntries]:
    """Per period of the query, the entries that gave at least one score, oldest first."""
    from reflect.store import trends as store

    sessions = store.session_dates(database) if query.by == "session" else []
    calendar = _PeriodCalendar(query.by, sessions)
    rows = store.period_scores(database, query.by, _selection(query), series="entry")
    counted = []
    for row in rows:
        start, end, label = calendar.bounds(row)
        counted.append(PeriodEntries(start, end, label, row.entries))
    return counted


@dataclass(frozen=True)
class LowPoint:
    """A dimension's lowest entry score (0-10, as shown) and the entry it came from."""

    dimension: str
    label: str
    score: float
    entry_id: str
    created_at: datetime
    entries: int  # how many entries scored the dimension in the selection


def lowest_points(database: Database, query: TrendQuery) -> list[LowPoint]:
    """The lowest entry of every dimension in the query's selection (the earliest of equals)."""
    from reflect.store import trends as store

    return [
        LowPoint(
            dimension=row.dimension,
            label=dimension_label(row.dimension),
            score=float(display_score(row.score)),
            entry_id=row.entry_id,
            created_at=from_db_time(row.created_at),
            entries=row.entries,
        )
        for row in store.lowest_entries(database, _selection(query))
    ]


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
    anchor = (until or datetime.now()).astimezone()
    if by == "week":
        monday = anchor.date() - timedelta(days=anchor.weekday(), weeks=periods - 1)
        return datetime.combine(monday, time.min).astimezone()
    if by == "month":
        year, month_index = divmod(anchor.year * 12 + anchor.month - 1 - (periods - 1), 12)
        return datetime.combine(date(year, month_index + 1, 1), time.min).astimezone()
    from reflect.store import trends as store

    held = [held_on for held_on in store.session_dates(database) if held_on <= to_db_time(anchor)]
    if len(held) < periods:
        return None
    return _session_moment(held[-periods])


def journal_has_scores(database: Database) -> bool:
    """Whether any answer in the journal, in any entry, feeds a trend."""
    from reflect.store import trends as store

    return store.has_scale_answers(database)


def _check_dimensions(database: Database, dimensions: tuple[str, ...]) -> None:
    from reflect.store import trends as store

    unknown = [name for name in dimensions if not store.dimension_exists(database, name)]
    if not unknown:
        return
    known = store.known_dimensions(database)
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


def _series_trend(
    name: str,
    label: str,
    rows: list[PeriodScore],
    calendar: _PeriodCalendar,
    today: date,
    *,
    dimension: str | None = None,
    question_text: str | None = None,
) -> DimensionTrend:
    periods: list[TrendPeriod] = []
    previous: Decimal | None = None
    for row in rows:
        score = display_score(row.mean_score)
        start, end, period_label = calendar.bounds(row)
        periods.append(
            TrendPeriod(
                start=start,
                end=end,
                label=period_label,
                entries=row.entries,
                score=float(score),
                change=None if previous is None else float(score - previous),
            )
        )
        previous = score
    summary = _summarise(label, periods, calendar, rows, today)
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


def _summarise(
    label: str,
    periods: list[TrendPeriod],
    calendar: _PeriodCalendar,
    rows: list[PeriodScore],
    today: date,
) -> TrendSummary:
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
    counted = f"({_plural(entries, 'entry', 'entries')})"
    if len(periods) == 1:
        return TrendSummary(
            entries=entries,
            periods=1,
            first_score=first.score,
            last_score=last.score,
            change=None,
            direction=None,
            sentence=(
                f"{label} was {first.score:.1f} {calendar.single_period_phrase(first)} "
                f"{counted}; a trend shows once there are two {calendar.plural_noun}."
            ),
        )
    change = Decimal(str(last.score)) - Decimal(str(first.score))
    span = calendar.span_phrase(rows[0], rows[-1], first, last, today)
    direction: Direction
    if abs(change) < STEADY_THRESHOLD:
        direction = "held steady"
        sentence = (
            f"{label} held steady, from {first.score:.1f} to {last.score:.1f}, {span} {counted}."
        )
    else:
        direction = "rose" if change > 0 else "fell"
        sentence = (
            f"{label} {direction} by {abs(change):.1f}, from {first.score:.1f} to "
            f"{last.score:.1f}, {span} {counted}."
        )
    return TrendSummary(
        entries=entries,
        periods=len(periods),
        first_score=first.score,
        last_score=last.score,
        change=float(change),
        direction=direction,
        sentence=sentence,
    )


def _local_day(db_time: str) -> date:
    return from_db_time(db_time).astimezone().date()


class _PeriodCalendar:
    """Turns the period keys SQLite grouped by into dates, labels and the words for a span."""

    def __init__(self, by: PeriodKind, sessions: list[str]) -> None:
        self.by = by
        self.sessions = sessions
        self.session_index = {held_on: index for index, held_on in enumerate(sessions)}

    @property
    def plural_noun(self) -> str:
        return {"week": "weeks", "month": "months", "session": "periods between sessions"}[self.by]

    def bounds(self, row: PeriodScore) -> tuple[date, date, str]:
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
        if self.by == "week":
            return f"in the week of {period.start.isoformat()}"
        if self.by == "month":
            return f"in {period.start:%Y-%m}"
        if period.label == "before first session":
            return "before the first recorded session"
        return f"after the session on {period.start.isoformat()}"

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
