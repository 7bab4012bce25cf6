"""Bad ids, ambiguous prefixes and dates nobody can read: one clear line on stderr, exit 1."""

from __future__ import annotations

import pytest


def _one_error_line(outcome) -> str:
    assert outcome.exit_code == 1, outcome.output
    assert outcome.stdout == ""
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith("Error: ") and "Traceback" not in outcome.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["show", "edit", "delete", "restore"])
@pytest.mark.parametrize(
    ("entry_id", "says"),
    [("abc", "too short"), ("ffff0000", "No entry"), ("not-an-id!", "No entry")],
)
def test_bad_ids_get_one_line(cli, write_entry, command, entry_id, says):
    write_entry("2026-11-01T10:00")
    assert says in _one_error_line(cli(command, entry_id))


def test_ambiguous_prefix_gets_one_line_listing_candidates(cli, write_entry, monkeypatch):
    ids = iter(["abcd1111-0000-4000-8000-000000000000", "abcd2222-0000-4000-8000-000000000000"])
    monkeypatch.setattr("reflect.store.entries.new_entry_id", lambda: next(ids))
    write_entry("2026-11-01T10:00", feeling="private words")
    write_entry("2026-11-02T10:00")
    line = _one_error_line(cli("show", "abcd"))
    assert "abcd1111 (2026-11-01, Check-in)" in line and "abcd2222" in line
    assert "private words" not in line


@pytest.mark.parametrize("command", [("list",), ("search", "calm")])
@pytest.mark.parametrize("date", ["banana", "blursday", ""])
def test_unparseable_dates_get_one_line_with_examples(cli, command, date):
    line = _one_error_line(cli(*command, "--since", date))
    assert "Could not understand the date" in line and "7d" in line


@pytest.mark.parametrize("command", [("list",), ("search", "calm")])
@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01"])
def test_a_day_the_calendar_lacks_gets_one_line_saying_how_dates_are_read(cli, command, date):
    line = _one_error_line(cli(*command, "--since", date))
    assert f"The date '{date}' does not exist" in line and "year-month-day" in line


def test_since_after_until_is_explained(cli):
    line = _one_error_line(cli("list", "--since", "2026-11-05", "--until", "2026-11-01"))
    assert "--since is later than --until" in line


def test_a_real_process_exits_1_on_a_bad_id(run_reflect):
    outcome = run_reflect("show", "0000")
    assert "No entry" in _one_error_line(outcome)
