"""The queries `list -n 10`, `show` and `search` really run use indexes: each statement a command
executes is traced, then EXPLAINed. A full scan of entry or answer, or sorting every row before
LIMIT 10, fails the test."""

from __future__ import annotations

import re

import pytest

import reflect.core.access

FULL_SCAN = re.compile(r"^SCAN (entry|answer)\b(?! USING (COVERING )?INDEX)")


@pytest.fixture
def traced(monkeypatch) -> list[str]:
    statements: list[str] = []
    open_journal = reflect.core.access.open_journal

    def tracing_open_journal(*args, **kwargs):
        database = open_journal(*args, **kwargs)
        database.connection.set_trace_callback(statements.append)
        return database

    monkeypatch.setattr(reflect.core.access, "open_journal", tracing_open_journal)
    return statements


def _plans(journal, statements: list[str]) -> dict[str, list[tuple[int, str]]]:
    """(parent, detail) plan rows for every SELECT that reads entries or answers."""
    plans = {}
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT") and re.search(r"\b(entry|answer)\b", sql):
            rows = journal.query(f"EXPLAIN QUERY PLAN {sql}")
            plans[sql] = [(row[1], row[3]) for row in rows]
    assert plans, "no journal query was traced"
    return plans


def _assert_indexed(plans: dict[str, list[tuple[int, str]]], *, limited: bool = False) -> None:
    for sql, rows in plans.items():
        scans = [detail for _, detail in rows if FULL_SCAN.match(detail)]
        assert not scans, f"full scan {scans} in: {sql}"
        if limited:
            # A top-level sort would read and sort every entry before stopping at 10.
            sorts = [detail for parent, detail in rows if parent == 0 and "TEMP B-TREE" in detail]
            assert not sorts, f"sorts all rows: {sql}"


@pytest.fixture
def some_entries(write_entry, write_note):
    for day in range(1, 13):
        write_entry(f"2026-11-{day:02d}T10:00", tags=["work"], flagged=day % 2 == 0)
    return write_note("2026-11-20T10:00", "the warmth was hard to take")


@pytest.mark.parametrize(
    "options",
    [(), ("--since", "2026-11-05"), ("--pack", "checkin"), ("--tag", "work"), ("--flagged",)],
)
def test_list_n_10_uses_the_time_index(cli, journal, traced, some_entries, options):
    assert cli("list", "-n", "10", *options).exit_code == 0
    plans = _plans(journal, traced)
    assert any("LIMIT 10" in sql for sql in plans)
    _assert_indexed(plans, limited=True)


def test_show_by_prefix_uses_indexes(cli, journal, traced, some_entries):
    assert cli("show", some_entries[:6]).exit_code == 0
    _assert_indexed(_plans(journal, traced))


@pytest.mark.parametrize("options", [(), ("--since", "7d", "--tag", "work")])
def test_search_starts_from_the_full_text_index(cli, journal, traced, some_entries, options):
    assert cli("search", "warmth", *options).exit_code in (0, 1)
    plans = _plans(journal, traced)
    _assert_indexed(plans)
    search_plan = next(rows for sql, rows in plans.items() if "MATCH" in sql)
    assert search_plan[0][1].startswith("SCAN answer_fts VIRTUAL TABLE")


def test_the_full_scan_check_can_fail():
    assert FULL_SCAN.match("SCAN entry")
    assert FULL_SCAN.match("SCAN answer")
    assert not FULL_SCAN.match("SCAN entry USING INDEX entry_live_by_time")
    assert not FULL_SCAN.match("SCAN answer_fts VIRTUAL TABLE INDEX 0:M1")
