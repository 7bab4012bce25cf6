"""The brief at the top of an export: one page a therapist can take in within two minutes.

Three parts, all drawn from exactly the entries the export selects:
  * What I'd like to bring: the flagged entries, and the answers to questions a pack marks as
    "bring" questions (`bring: true`, in the entry's own pack version or in the pack as it is now);
  * a table of scores, periods (sessions, weeks or months) as rows and the dimensions rated most
    often as columns, numbers from reflect.core.trends so they equal `reflect trends`;
  * moments worth a look: each column's lowest entry, and the strains recorded in the ruptures
    pack with how far they were talked through.
Only the few entries these parts need are read (flagged ones and those of packs with bring or
strain questions), so the brief costs little however long the journal is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from reflect.clock import from_db_time
from reflect.core.trends import STEADY_THRESHOLD, PeriodKind
from reflect.packs.plain import installed_pack_document, plain_bool
from reflect.store import exchange
from reflect.store.journal import entry_summaries

if TYPE_CHECKING:
    from reflect.core.trends import TrendReport
    from reflect.model import EntryFilter, StoredAnswer, StoredEntry, StoredPackSnapshot
    from reflect.store.database import Database

MAX_COLUMNS = 6
MAX_ROWS = 8
MAX_BRING = 6
MAX_STRAINS = 4
# A low point means something once a dimension was rated at least twice in the export.
LOW_POINT_MINIMUM_ENTRIES = 2


class BringItem(Struct, frozen=True):
    """An entry the person wants to bring: flagged, or holding an answer to a "bring" question.

    `excerpt` is the written answers that matter most (bring answers first), whole: writers cut
    it to fit. Empty with --scores-only."""

    entry_id: str
    created_at: datetime
    source: str
    flagged: bool
    excerpt: str


class ScoreRow(Struct, frozen=True):
    """One period: `label` is the trend report's ("2026-W45", "session 2026-11-03", "before
    first session"); start and end are local days, both inclusive."""

    label: str
    start: date
    end: date
    entries: int  # entries of the period with at least one score
    scores: tuple[float | None, ...]  # one per column; None: not rated in this period


class ScoreTable(Struct, frozen=True):
    """Periods as rows (the latest MAX_ROWS), the dimensions rated most as columns (at most
    six, in the trend report's order)."""

    by: PeriodKind
    columns: tuple[str, ...]  # labels, as people read them
    dimensions: tuple[str, ...]  # the names behind the columns
    rows: tuple[ScoreRow, ...]
    rows_left_out: int  # earlier periods, in the chart and the entries
    also_rated: tuple[str, ...]  # dimensions with scores that did not fit as columns


class LowMoment(Struct, frozen=True):
    label: str
    score: float
    entries: int  # how many entries rated this dimension in the export
    entry_id: str
    created_at: datetime
    source: str


class StrainMoment(Struct, frozen=True):
    """A strain recorded (ruptures: strain answered yes) and how far it was talked through."""

    entry_id: str
    created_at: datetime
    talked_through: str | None  # "not yet", "a little", "properly", "yes"; None: not answered


class Brief(Struct, frozen=True):
    """The one page at the top of md/html/pdf exports."""

    bring: tuple[BringItem, ...]
    bring_left_out: int  # more items than fit on the page; all of them are in the entries below
    table: ScoreTable | None
    low_points: tuple[LowMoment, ...]
    strains: tuple[StrainMoment, ...]
    strains_left_out: int
    scores_only: bool
    # The local day the export was made: a date in the brief further back than about ten
    # months from it is written with its year ("Sat 26 Aug 2023"), a recent one without.
    made_on: date | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.bring or self.table or self.low_points or self.strains)


STRAIN_PACK = "ruptures"
STRAIN_QUESTION = "strain"
TALKED_THROUGH_QUESTION = "talked-through"


def build_brief(
    database: Database,
    entry_filter: EntryFilter,
    packs: list[StoredPackSnapshot],
    report: TrendReport | None,
    by: PeriodKind,
    *,
    scores_only: bool,
    made_at: datetime | None = None,
) -> Brief:
    titles = {pack.content_hash: pack.title for pack in packs}
    bring_by_hash = {pack.content_hash: _bring_ids(pack.definition) for pack in packs}
    pack_ids = {pack.pack_id for pack in packs}
    current: dict[str, frozenset[str]] = {}

    def _current_bring_ids(pack_id: str) -> frozenset[str]:
        if pack_id not in current:
            current[pack_id] = current_bring_ids(pack_id)
        return current[pack_id]

    bring_packs = {pack_id for pack_id in pack_ids if _current_bring_ids(pack_id)} | {
        pack.pack_id for pack in packs if bring_by_hash[pack.content_hash]
    }

    def bring_questions(entry: StoredEntry) -> set[str]:
        if entry.pack_id is None:
            return set()
        return bring_by_hash.get(entry.pack_hash or "", set()) | _current_bring_ids(entry.pack_id)

    # The latest items only (the page shows no more), and how many there were: memory stays
    # flat however many entries are flagged or answer a bring question.
    bring: deque[tuple[StoredEntry, set[str]]] = deque(maxlen=MAX_BRING)
    strains: deque[StrainMoment] = deque(maxlen=MAX_STRAINS)
    bring_count = strain_count = 0
    for entry in _entries_for_brief(
        database,
        entry_filter,
        bring_packs | {STRAIN_PACK},
        bring_by_hash,
        _current_bring_ids,
        scores_only=scores_only,
    ):
        bring_ids = bring_questions(entry)
        if _is_bring_item(entry, bring_ids, scores_only):
            bring.append((entry, bring_ids))
            bring_count += 1
        strain = None if scores_only else _strain(entry)
        if strain is not None:
            strains.append(strain)
            strain_count += 1
    table = _table(report, by) if report is not None else None
    low_points = (
        _low_points(database, table, report) if table is not None and report is not None else ()
    )
    return Brief(
        bring=tuple(
            item
            for entry, bring_ids in bring
            if (item := _bring_item(entry, bring_ids, titles, scores_only)) is not None
        ),
        bring_left_out=max(0, bring_count - MAX_BRING),
        table=table,
        low_points=low_points,
        strains=tuple(strains),
        strains_left_out=max(0, strain_count - MAX_STRAINS),
        scores_only=scores_only,
        made_on=made_at.astimezone().date() if made_at is not None else None,
    )


def _bring_ids(definition: dict[str, Any]) -> set[str]:
    questions = definition.get("questions")
    if not isinstance(questions, list):
        return set()
    return {
        str(question["id"])
        for question in questions
        if isinstance(question, dict) and question.get("bring") is True and "id" in question
    }


def current_bring_ids(pack_id: str) -> frozenset[str]:
    """Bring questions of the pack as it is installed now (older entries predate the `bring`
    flag); none when the pack is gone or its file does not read as a pack (its stored version
    still counts)."""
    document = installed_pack_document(pack_id)
    questions = document.get("questions") if document is not None else None
    if not isinstance(questions, list):
        return frozenset()
    return frozenset(
        question["id"]
        for question in questions
        if isinstance(question, dict)
        and isinstance(question.get("id"), str)
        and plain_bool(question.get("bring", False))
    )


def _entries_for_brief(
    database: Database,
    entry_filter: EntryFilter,
    pack_ids: set[str],
    bring_by_hash: dict[str, set[str]],
    current_bring_ids: Callable[[str], frozenset[str]],
    *,
    scores_only: bool,
) -> Iterator[StoredEntry]:
    """The flagged entries and those of the given packs, within the export's filter, by time,
    in one walk of the journal. Each comes with the answers the brief can use, no others: its
    bring questions' (of its pack version, and of its pack as it is now), the strain questions
    of a ruptures entry, and a flagged entry's written answers (with --scores-only also its
    scale answers, which decide whether it is in the export at all)."""
    filters = [replace(entry_filter, flagged=True)]
    for pack_id in sorted(pack_ids):
        if entry_filter.pack is None or entry_filter.pack == pack_id:
            filters.append(replace(entry_filter, pack=pack_id))
    by_pack: dict[str, set[str]] = {
        pack_id: set(current_bring_ids(pack_id))
        for pack_id in exchange.pack_ids_of(database, filters)
    }
    by_pack.setdefault(STRAIN_PACK, set()).update((STRAIN_QUESTION, TALKED_THROUGH_QUESTION))
    return exchange.iter_entries_with_some_answers(
        database,
        filters,
        questions_by_hash=bring_by_hash,
        questions_by_pack=by_pack,
        flagged_kinds=("text", "scale") if scores_only else ("text",),
    )


def _source(entry: StoredEntry, titles: dict[str, str]) -> str:
    if entry.kind == "note":
        return "Note"
    return titles.get(entry.pack_hash or "", entry.pack_id or "Reflection")


def _shown_value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _given(answer: StoredAnswer) -> bool:
    value = answer.value
    return not (value is None or value == [] or (isinstance(value, str) and not value.strip()))


def _brings(entry: StoredEntry, answer: StoredAnswer, bring_ids: set[str]) -> bool:
    """Whether a given answer is one the entry brings: to a bring question (not in a note), and
    not a "no" to a yes/no one."""
    question = answer.question
    return (
        question.id in bring_ids
        and entry.kind != "note"
        and not (question.kind == "yesno" and answer.value == "no")
    )


def _is_bring_item(entry: StoredEntry, bring_ids: set[str], scores_only: bool) -> bool:
    """Whether _bring_item gives the entry an item: it is flagged or brings an answer (with
    --scores-only: it is flagged and holds a number, or there would be nothing to show and
    nothing to point to). Answers this without writing the excerpt: of the many entries that
    qualify, the page keeps only the latest few."""
    answers = entry.answers
    if not entry.flagged and not any(
        _given(answer) and _brings(entry, answer, bring_ids) for answer in answers
    ):
        return False
    return not scores_only or (
        entry.flagged and any(answer.question.kind == "scale" for answer in answers)
    )


def _bring_item(
    entry: StoredEntry, bring_ids: set[str], titles: dict[str, str], scores_only: bool
) -> BringItem | None:
    """The entry as an item to bring, or None when it is not one (_is_bring_item). Bring
    answers come first; a flagged entry adds its other written answers."""
    if not _is_bring_item(entry, bring_ids, scores_only):
        return None
    brought: list[str] = []
    written: list[str] = []
    for answer in entry.answers:
        if not _given(answer):
            continue
        question = answer.question
        value = answer.value
        if question.id in bring_ids and entry.kind != "note":
            if question.kind == "text":
                brought.append(" ".join(str(value).split()))
            elif _brings(entry, answer, bring_ids):
                brought.append(f"{question.text} {_shown_value(value)}")
        elif question.kind == "text":
            written.append(" ".join(str(value).split()))
    parts = brought + (written if entry.flagged else [])
    return BringItem(
        entry_id=entry.id,
        created_at=from_db_time(entry.created_at),
        source=_source(entry, titles),
        flagged=entry.flagged,
        excerpt="" if scores_only else " · ".join(parts),
    )


def _strain(entry: StoredEntry) -> StrainMoment | None:
    if entry.pack_id != STRAIN_PACK:
        return None
    answers = {answer.question.id: answer.value for answer in entry.answers}
    if answers.get(STRAIN_QUESTION) not in ("yes", True):
        return None
    talked = answers.get(TALKED_THROUGH_QUESTION)
    return StrainMoment(
        entry_id=entry.id,
        created_at=from_db_time(entry.created_at),
        talked_through=None if talked is None else _shown_value(talked),
    )


def _table(report: TrendReport, by: PeriodKind) -> ScoreTable | None:
    rated = [trend for trend in report.dimensions if trend.entries > 0]
    if not rated:
        return None
    most_rated = sorted(rated, key=lambda trend: -trend.entries)[:MAX_COLUMNS]
    columns = [trend for trend in rated if trend in most_rated]  # in the report's own order
    counts = report.scored_entries
    scores = [{period.start: period.score for period in trend.periods} for trend in columns]
    rows = [
        ScoreRow(
            label=period.label,
            start=period.start,
            end=period.end,
            entries=period.entries,
            scores=tuple(by_start.get(period.start) for by_start in scores),
        )
        for period in counts
    ]
    rows = [row for row in rows if any(score is not None for score in row.scores)]
    # The counts start at the latest periods (TrendQuery.entry_details); what is left out is
    # counted from the columns' own periods, each of which has a row.
    shown = rows[-MAX_ROWS:]
    rated_periods = len({period.start for trend in columns for period in trend.periods})
    return ScoreTable(
        by=by,
        columns=tuple(trend.label for trend in columns),
        dimensions=tuple(trend.name for trend in columns),
        rows=tuple(shown),
        rows_left_out=max(0, rated_periods - len(shown)),
        also_rated=tuple(trend.label for trend in rated if trend not in most_rated),
    )


def _low_points(
    database: Database, table: ScoreTable, report: TrendReport
) -> tuple[LowMoment, ...]:
    """The lowest entry of each column, when the dimension was rated more than once and did
    not stay level (a low point of a flat line is no moment)."""
    trends = {trend.name: trend for trend in report.dimensions}
    lowest = {}
    for name in table.dimensions:
        trend = trends[name]
        point = trend.lowest_entry
        if point is None or point.entries < LOW_POINT_MINIMUM_ENTRIES or not trend.periods:
            continue
        highest = max(period.score for period in trend.periods)
        if highest - point.score >= float(STEADY_THRESHOLD):
            lowest[name] = point
    sources = {
        summary.id: summary.label
        for summary in entry_summaries(database, {point.entry_id for point in lowest.values()})
    }
    return tuple(
        LowMoment(
            label=label,
            score=point.score,
            entries=point.entries,
            entry_id=point.entry_id,
            created_at=point.created_at,
            source=sources.get(point.entry_id, "Reflection"),
        )
        for name, label in zip(table.dimensions, table.columns, strict=True)
        if (point := lowest.get(name)) is not None
    )
