"""Sessions as older journals and imports stored them: a bare date (`2025-03-10`, no time of
day) or a time without its UTC offset (read as UTC). Trends by session still give each period
its true local days: a bare-date session opens on its own day and the period before it ends the
day before; a timed one ends the period before on the local day it was held (here in Tokyo,
UTC+9, where the UTC and local days differ)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from trends_samples import SAFE, local, trend_query

from reflect.core.trends import compute_trends, recent_since


@pytest.fixture
def in_tokyo(local_zone) -> None:
    local_zone("Asia/Tokyo")


def store_session(journal, session_id: str, held_on: str) -> None:
    with journal.transaction() as cursor:
        cursor.execute(
            "INSERT INTO therapy_session (id, held_on, note, created_at) VALUES (?, ?, NULL, ?)",
            (session_id, held_on, "2025-01-01T00:00:00.000000+00:00"),
        )


def periods(journal) -> list[tuple[str, date, date, int]]:
    (trend,) = compute_trends(journal, trend_query(by="session")).dimensions
    return [(p.label, p.start, p.end, p.entries) for p in trend.periods]


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/New_York"])
def test_a_bare_date_session_opens_on_its_day_and_closes_the_period_before(
    journal, write_run, local_zone, zone
):
    local_zone(zone)  # a bare date is a local calendar day, east or west of UTC alike
    store_session(journal, "a", "2025-03-03")
    store_session(journal, "b", "2025-03-10")
    store_session(journal, "c", "2025-03-17")
    write_run("2025-03-01 10:00", {SAFE: 2})
    write_run("2025-03-04 10:00", {SAFE: 4})
    write_run("2025-03-11 10:00", {SAFE: 6})
    write_run("2025-03-18 10:00", {SAFE: 8})

    assert periods(journal) == [
        ("before first session", date(2025, 3, 1), date(2025, 3, 2), 1),
        ("session 2025-03-03", date(2025, 3, 3), date(2025, 3, 9), 1),
        ("session 2025-03-10", date(2025, 3, 10), date(2025, 3, 16), 1),
        ("session 2025-03-17", date(2025, 3, 17), date(2025, 3, 18), 1),
    ]


def test_a_session_time_without_an_offset_is_read_as_utc(journal, write_run, in_tokyo):
    store_session(journal, "a", "2025-03-03")
    # 20:00 UTC on the 10th is 05:00 on the 11th in Tokyo: the period before ends on the 11th.
    store_session(journal, "b", "2025-03-10T20:00:00")
    write_run("2025-03-04 10:00", {SAFE: 4})
    write_run("2025-03-12 10:00", {SAFE: 6})

    assert periods(journal)[0] == ("session 2025-03-03", date(2025, 3, 3), date(2025, 3, 11), 1)
    assert periods(journal)[1][:3] == ("session 2025-03-11", date(2025, 3, 11), date(2025, 3, 12))


def test_the_recent_window_opens_at_local_midnight_of_a_bare_date_session(journal, in_tokyo):
    first = date(2025, 1, 6)
    for week in range(13):
        store_session(journal, f"s{week:02d}", (first + timedelta(weeks=week)).isoformat())

    since = recent_since(journal, "session", until=local("2025-04-30 12:00"))

    assert since == datetime.combine(first + timedelta(weeks=1), time.min).astimezone()
    assert since is not None and since.utcoffset() == timedelta(hours=9)
