"""Dates as people type them on the command line, turned into timezone-aware datetimes.

The common forms (ISO dates and datetimes, spans like `7d`, `today`, `yesterday`, `now`,
`last-session`) are parsed here with the standard library. Anything else goes to dateparser,
imported only then: its import plus first parse costs about 0.2 s, which `reflect list --since 7d`
should not pay.

A bare date means the start of that day in local time, or its end with `end_of_day=True` (so
`--until 2026-11-03` includes the whole of the 3rd).
"""

from __future__ import annotations

import os
import re
from calendar import monthrange
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from reflect.clock import DATE_RANGE, in_range, local_now, local_today, out_of_range_message
from reflect.errors import DateParseError
from reflect.store.sessions import newest_past_session

if TYPE_CHECKING:
    from reflect.store.database import Database

LAST_SESSION = "last-session"

DATE_EXAMPLES = (
    "2026-11-03, 2026-11-03T14:00, 7d, 2w, 3m, 1y, today, yesterday, "
    "'last monday', '3 days ago', last-session"
)

_SPAN = re.compile(r"(?P<count>\d{1,4})\s*(?P<unit>[dwmy])")
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?P<rest>[ t].*)?")


def names_last_session(text: str) -> bool:
    """`last-session` and its spellings: the one form that needs the journal to be understood."""
    return " ".join(text.strip().lower().split()) in (LAST_SESSION, "last session", "lastsession")


def check_when(text: str | None) -> None:
    """Raise DateParseError now for a date that can never be understood (before any prompt)."""
    if text is not None and not names_last_session(text):
        parse_when(text)


def parse_when(
    text: str, database: Database | None = None, *, end_of_day: bool = False
) -> datetime:
    """The moment `text` names, timezone-aware.

    `database` is needed only for `last-session` (the newest therapy session not in the future).
    Raises DateParseError, with examples of what works, for anything it cannot understand, and
    for a date outside the years reflect keeps (reflect.clock.check_in_range).
    """
    try:
        moment = _parse_when(text, database, end_of_day=end_of_day)
    except (OverflowError, ValueError) as error:  # so far away the calendar cannot hold it
        raise _out_of_range(text) from error
    if not in_range(moment):
        raise _out_of_range(text)
    return moment


def _out_of_range(text: str) -> DateParseError:
    return DateParseError(
        out_of_range_message(f"The date {text.strip()[:40]!r}"),
        f"Give a date in the years {DATE_RANGE}.",
    )


def _parse_when(text: str, database: Database | None, *, end_of_day: bool) -> datetime:
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise _unparseable(text)
    if names_last_session(cleaned):
        return _last_session(database)
    if cleaned == "now":
        return local_now()
    if cleaned == "today":
        return _day_boundary(local_today(), end_of_day)
    if cleaned == "yesterday":
        return _day_boundary(local_today() - timedelta(days=1), end_of_day)
    span = _SPAN.fullmatch(cleaned)
    if span:
        return _ago(int(span["count"]), span["unit"])
    iso = _parse_iso(cleaned, end_of_day, shown=text.strip())
    if iso is not None:
        return iso
    return _parse_words(text.strip(), end_of_day)


def parse_optional_when(
    text: str | None, database: Database | None = None, *, end_of_day: bool = False
) -> datetime | None:
    """parse_when for an optional command-line option: None stays None."""
    if text is None:
        return None
    return parse_when(text, database, end_of_day=end_of_day)


def _unparseable(text: str) -> DateParseError:
    shown = text.strip()[:40]
    return DateParseError(f"Could not understand the date {shown!r}. Try: {DATE_EXAMPLES}.")


def _day_boundary(day: date, end_of_day: bool) -> datetime:
    # combine() gives local wall-clock time; astimezone() attaches the local offset of that day
    # (so a day in summer gets the summer offset).
    return datetime.combine(day, time.max if end_of_day else time.min).astimezone()


def _ago(count: int, unit: str) -> datetime:
    now = local_now()
    if unit == "d":
        return now - timedelta(days=count)
    if unit == "w":
        return now - timedelta(weeks=count)
    months = count * (12 if unit == "y" else 1)
    return _months_before(now, months)


def _months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` earlier, clamped to the month's end (31 Mar - 1m = 28/29 Feb)."""
    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    if year < 1:
        raise OverflowError(f"{months} months ago is before the year 1")
    day = min(moment.day, monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _parse_iso(text: str, end_of_day: bool, *, shown: str) -> datetime | None:
    """An ISO date or datetime; None for text of another shape. A date written year first with
    dashes ('2026-11-3', '2026-11-03 14:00') is always read year-month-day, and refused when no
    such day exists: dateparser would read '2026-13-01' as 13 January."""
    year_first = _YEAR_FIRST.fullmatch(text)
    if year_first is not None:
        padded = f"{year_first['year']}-{int(year_first['month']):02}-{int(year_first['day']):02}"
        text = padded + (year_first["rest"] or "")
    if len(text) == 10:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            if year_first is not None:
                raise _does_not_exist(shown) from None
            return None
        return _day_boundary(day, end_of_day)  # at the calendar's ends: parse_when's range error
    if not text[:1].isdigit():
        return None
    try:
        moment = datetime.fromisoformat(text.upper().replace(" ", "T", 1))
    except ValueError:
        if year_first is not None:
            raise _does_not_exist(shown) from None
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _does_not_exist(shown: str) -> DateParseError:
    return DateParseError(
        f"The date {shown[:40]!r} does not exist: a date with dashes is year-month-day, "
        "such as 2026-11-03 or 2026-11-03T14:00."
    )


def _parse_words(text: str, end_of_day: bool) -> datetime:
    """Everything else ('last monday', '3 days ago', 'nov 3') through dateparser."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "last" if end_of_day else "first",
            "PREFER_MONTH_OF_YEAR": "last" if end_of_day else "first",
            "RELATIVE_BASE": local_now().replace(tzinfo=None),
        },
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError) as error:
        raise _unparseable(text) from error
    except LookupError as error:  # zoneinfo.ZoneInfoNotFoundError: TZ names no known zone
        zone = os.environ.get("TZ", "")
        raise DateParseError(
            f"Could not read the date {text.strip()[:40]!r}: the time zone TZ={zone[:40]!r} is "
            "not known.",
            "Set TZ to a zone such as Europe/London (or unset it), or give an ISO date.",
        ) from error
    moment = data.date_obj
    if moment is None:
        raise _unparseable(text)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    if end_of_day and moment.timetz().replace(tzinfo=None) == time.min:
        # 'last monday' names a whole day: --until it means to its end.
        moment = _day_boundary(moment.date(), True)
    return moment


def _last_session(database: Database | None) -> datetime:

    if database is None:
        raise DateParseError("last-session cannot be used here.")
    session = newest_past_session(database)
    if session is None:
        raise DateParseError(
            "There is no therapy session recorded yet, so last-session has no date: "
            "record one with `reflect sessions add [DATE]`."
        )
    return session.held_on
