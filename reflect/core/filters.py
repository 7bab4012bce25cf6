"""The one place an EntryFilter is made from the command line's filter options.

`reflect list`, `search`, `trends` and `export` take the same --since, --until, --pack, --tag and
--flagged (reflect.cli.options) and hand them here, so the same words select the same entries and
a range that runs backwards is refused the same way everywhere (by DateRange).
"""

from __future__ import annotations

from msgspec import Struct

from reflect.core.dates import parse_optional_when
from reflect.errors import ReflectError
from reflect.model import DateRange, EntryFilter
from reflect.store.database import Database


def date_range_from_options(
    database: Database, *, since: str | None = None, until: str | None = None
) -> DateRange:
    """The inclusive range `--since`/`--until` name (a bare --until date: the whole day)."""
    start = parse_optional_when(since, database)
    end = parse_optional_when(until, database, end_of_day=True)
    return DateRange(since=start, until=end)


class FilterOptions(Struct, frozen=True):
    """The shared filter options as typed: --since, --until, --pack, --tag and --flagged."""

    since: str | None = None
    until: str | None = None
    pack: str | None = None
    tag: str | None = None
    flagged: bool = False


def filter_from_options(
    database: Database,
    options: FilterOptions,
    *,
    drafts: bool | None = False,
    include_private: bool = True,
    limit: int | None = None,
) -> EntryFilter:
    """An EntryFilter from the shared options as typed (dates through parse_when), with what
    the command adds: which drafts, private entries or not, how many.

    Raises DateParseError for a date it cannot read or a range that runs backwards, and
    ReflectError for a limit under 1.
    """
    dates = date_range_from_options(database, since=options.since, until=options.until)
    if limit is not None and limit < 1:
        raise ReflectError("-n must be 1 or more.")
    return EntryFilter(
        dates=dates,
        pack=options.pack,
        tag=options.tag,
        flagged=options.flagged,
        drafts=drafts,
        include_private=include_private,
        limit=limit,
    )
