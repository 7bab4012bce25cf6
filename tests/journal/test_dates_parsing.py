from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from reflect.core.dates import parse_when
from reflect.errors import DateParseError
from reflect.store.sessions import add_session


def test_iso_date_is_start_of_local_day_or_its_end():
    start = parse_when("2026-11-03")
    end = parse_when("2026-11-03", end_of_day=True)
    assert start.tzinfo is not None
    assert (start.year, start.month, start.day, start.hour) == (2026, 11, 3, 0)
    assert (end.day, end.hour, end.minute) == (3, 23, 59)


def test_iso_datetime_keeps_its_time():
    moment = parse_when("2026-11-03T14:05")
    assert (moment.hour, moment.minute) == (14, 5) and moment.tzinfo is not None
    assert parse_when("2026-11-03 14:05+02:00").utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-1-5", (2026, 1, 5, 0)),
        ("2026-11-3", (2026, 11, 3, 0)),
        ("2026-11-3 14:00", (2026, 11, 3, 14)),
    ],
)
def test_a_date_with_dashes_is_year_month_day_even_unpadded(text, day):
    moment = parse_when(text)
    assert (moment.year, moment.month, moment.day, moment.hour) == day


@pytest.mark.parametrize(
    "text",
    [
        "2026-13-01",
        "2026-13-45",
        "2026-25-12",
        "2026-02-30",
        "2026-00-10",
        "2026-11-03T25:00",
        "2026-11-3 10:61",
    ],
)
def test_a_date_with_dashes_that_does_not_exist_is_refused_not_reread(text):
    """dateparser would read 2026-13-01 as 13 January and 2026-25-12 as Christmas."""
    with pytest.raises(DateParseError) as raised:
        parse_when(text)
    assert str(raised.value) == (
        f"The date {text!r} does not exist: a date with dashes is year-month-day, such as "
        "2026-11-03 or 2026-11-03T14:00."
    )


def test_export_since_a_month_that_does_not_exist_changes_nothing_and_says_so(cli, tmp_path):
    out = tmp_path / "out.md"
    done = cli("export", "--since", "2026-13-01", "-o", str(out))
    assert done.exit_code == 1 and not out.exists()
    assert "The date '2026-13-01' does not exist:" in done.stderr


@pytest.mark.parametrize(
    ("text", "expected_days"), [("7d", 7), ("2w", 14), ("3m", 92), ("1y", 365), ("10D", 10)]
)
def test_spans_count_back_from_now(text, expected_days):
    elapsed = datetime.now().astimezone() - parse_when(text)
    assert abs(elapsed.days - expected_days) <= 3


def test_today_and_yesterday_are_local_midnights(frozen_clock):
    now = frozen_clock(datetime(2026, 11, 8, 23, 59, 59, 999999))  # a breath before midnight
    today = parse_when("today")
    assert today.hour == 0 and today.date() == now.date()
    assert (today - parse_when("Yesterday")).days == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", datetime(2026, 3, 31, 9, 30)),
        ("today", datetime(2026, 3, 31)),
        ("yesterday", datetime(2026, 3, 30)),
        ("7d", datetime(2026, 3, 24, 9, 30)),
        ("1m", datetime(2026, 2, 28, 9, 30)),
        ("3 days ago", datetime(2026, 3, 28, 9, 30)),
        ("last monday", datetime(2026, 3, 30)),
    ],
)
def test_every_relative_date_counts_from_reflects_one_clock(frozen_clock, text, expected):
    frozen_clock(datetime(2026, 3, 31, 9, 30))  # a Tuesday
    assert parse_when(text).replace(tzinfo=None) == expected


@pytest.mark.parametrize("text", ["last monday", "3 days ago", "nov 3"])
def test_words_go_through_dateparser(text):
    moment = parse_when(text)
    assert moment.tzinfo is not None and moment <= datetime.now().astimezone()


def test_last_monday_until_means_the_end_of_that_day():
    moment = parse_when("last monday", end_of_day=True)
    assert moment.weekday() == 0 and (moment.hour, moment.minute) == (23, 59)


@pytest.mark.parametrize("text", ["banana", "", "   ", "7x", "last-sesion"])
def test_unparseable_dates_raise_with_examples(text):
    with pytest.raises(DateParseError) as caught:
        parse_when(text)
    assert "7d" in caught.value.message and "last-session" in caught.value.message
    assert "\n" not in str(caught.value)


def test_last_session_is_the_newest_past_session(journal):
    add_session(journal, datetime(2026, 10, 1, 15).astimezone())
    newest = datetime(2026, 11, 2, 15).astimezone()
    add_session(journal, newest)
    add_session(journal, datetime.now().astimezone() + timedelta(days=5))  # booked ahead
    assert parse_when("last-session", journal) == newest


def test_last_session_without_sessions_says_how_to_record_one(journal):
    with pytest.raises(DateParseError, match="reflect sessions add"):
        parse_when("last-session", journal)


def test_fast_paths_do_not_import_dateparser():
    code = (
        "import sys; from reflect.core.dates import parse_when\n"
        "for text in ('2026-11-03', '2026-11-03T14:00', '7d', 'today', 'yesterday'):\n"
        "    parse_when(text)\n"
        "print('dateparser' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
