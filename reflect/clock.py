"""The one clock, and timestamps as stored: ISO 8601 in UTC, microsecond precision, sortable as
text.

Everything that asks what time or what day it is goes through utc_now (local_now and local_today
are read from it), so a test can fix the moment in one place and the program and the test agree
on "today", even across midnight.

Every date reflect stores lies in the years 1900 to 2200: far enough for any journal, and a
range every command can show, shift into any time zone, and step a week or a month beyond
without overflowing (Python's datetime ends at the year 9999, and 0001-01-01 in a time zone
west of UTC is before the year 1). The years are those of the date as given (2200-12-31 23:00
at UTC-5 is kept, though it is 2201 in UTC). `check_in_range` is the one place that says so:
every way a date comes in (`--at`, `--since`/`--until`, sessions, imports) passes through it,
and `to_db_time` refuses to store anything outside. A journal written by an older version may
still hold such a date: `from_db_time` then gives the nearest date inside the range and counts
it, so the command can warn once instead of failing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from reflect.errors import DateParseError

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
DATE_RANGE = f"{EARLIEST_YEAR} to {LATEST_YEAR}"
# The same range in UTC, whatever offset a date was given with (offsets stay within a day).
EARLIEST = datetime(EARLIEST_YEAR - 1, 12, 31, tzinfo=UTC)
LATEST = datetime(LATEST_YEAR + 1, 1, 1, 23, 59, 59, 999999, tzinfo=UTC)

_clamped_reads = 0


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_now() -> datetime:
    """Now, in local time with its offset."""
    return utc_now().astimezone()


def local_today() -> date:
    """Today's local date."""
    return local_now().date()


def in_range(moment: datetime) -> bool:
    """Whether the moment falls in the years 1900 to 2200, in the time zone it was given in."""
    return EARLIEST_YEAR <= moment.year <= LATEST_YEAR


def out_of_range_message(what: str) -> str:
    return f"{what} is outside the years reflect keeps ({DATE_RANGE})."


def check_in_range(moment: datetime, what: str = "The date") -> datetime:
    """moment itself, or DateParseError naming the range reflect accepts."""
    if not in_range(moment):
        raise DateParseError(
            out_of_range_message(f"{what} {moment.date().isoformat()}"),
            f"Give a date in the years {DATE_RANGE}.",
        )
    return moment


def to_db_time(moment: datetime) -> str:
    """An aware (or local naive) datetime as the fixed-width UTC text the database stores."""
    try:
        if moment.tzinfo is None:
            moment = moment.astimezone()  # naive means local wall-clock time
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        check_in_range(moment)  # names the range (and a date inside it passes at the entrance)
        raise DateParseError(
            out_of_range_message("The date"), f"Give a date in the years {DATE_RANGE}."
        )
    return utc.isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """A stored timestamp; one outside the range (an older version's) comes back clamped to it."""
    global _clamped_reads
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if EARLIEST <= moment <= LATEST:
        return moment
    _clamped_reads += 1
    return EARLIEST if moment < EARLIEST else LATEST


def clamped_reads() -> int:
    """How many stored dates outside the range this process has read (and clamped)."""
    return _clamped_reads


def db_now() -> str:
    return to_db_time(utc_now())


EARLIEST_DB_TIME = EARLIEST.isoformat(timespec="microseconds")
LATEST_DB_TIME = LATEST.isoformat(timespec="microseconds")
