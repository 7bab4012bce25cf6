from __future__ import annotations

import json

from journal_samples import local

from reflect.store.sessions import add_session


def test_since_last_session_picks_exactly_the_entries_after_the_newest_session(
    cli, journal, write_entry, write_note
):
    add_session(journal, local("2026-10-20T17:00"))
    write_entry("2026-10-25T09:00")
    add_session(journal, local("2026-11-03T17:00"))
    write_note("2026-11-03T16:59", "just before the session")
    after = [
        write_note("2026-11-03T17:30", "straight after"),
        write_entry("2026-11-05T09:00"),
        write_entry("2026-11-05T09:00", flagged=True),
    ]
    listed = json.loads(cli("list", "--since", "last-session", "--json").stdout)["entries"]
    assert sorted(entry["id"] for entry in listed) == sorted(after)
    found = json.loads(cli("search", "straight", "--since", "last-session", "--json").stdout)
    assert [hit["id"] for hit in found["entries"]] == [after[0]]


def test_last_session_without_any_session_is_a_clear_error(cli, write_entry):
    write_entry("2026-11-05T09:00")
    outcome = cli("list", "--since", "last-session")
    assert outcome.exit_code == 1
    assert outcome.stderr.strip().count("\n") == 0
    assert "reflect sessions add" in outcome.stderr


def test_sessions_divide_the_list(cli, journal, write_entry):
    write_entry("2026-11-01T09:00")
    write_entry("2026-11-05T09:00")
    add_session(journal, local("2026-11-03T17:00"), "about the break")
    lines = cli("list").stdout.splitlines()
    session_line = next(i for i, line in enumerate(lines) if "therapy session" in line)
    dated = [i for i, line in enumerate(lines) if "2026-11-0" in line and "therapy" not in line]
    assert dated[0] < session_line < dated[1]
    assert "about the break" in lines[session_line]


def test_sessions_add_list_and_remove_by_prefix(cli):
    assert cli("sessions", "add", "2026-11-03", "--note", "first after the break").exit_code == 0
    assert cli("sessions", "add", "yesterday").exit_code == 0
    sessions = json.loads(cli("sessions", "list", "--json").stdout)
    assert [session["note"] for session in sessions] == [None, "first after the break"]
    assert sessions[1]["held_on"].startswith("2026-11-03")
    assert "first after the break" in cli("sessions", "list").stdout
    assert cli("sessions", "remove", sessions[0]["id"][:5]).exit_code == 0
    remaining = json.loads(cli("sessions", "list", "--json").stdout)
    assert [session["id"] for session in remaining] == [sessions[1]["id"]]
    outcome = cli("sessions", "remove", "ffff")
    assert outcome.exit_code == 1 and "No session" in outcome.stderr


def test_the_session_a_range_starts_from_closes_the_list(cli, journal, write_entry):
    write_entry("2026-10-01T09:00")
    add_session(journal, local("2026-10-20T17:00"), "older")
    add_session(journal, local("2026-11-03T17:00"), "newest")
    write_entry("2026-11-05T09:00")
    output = cli("list", "--since", "last-session").stdout
    lines = [line for line in output.splitlines() if line.strip()]
    assert "2026-11-05" in lines[-2] and "newest" in lines[-1]
    assert "older" not in "".join(lines)


def test_times_stored_without_an_offset_count_as_utc(cli, journal, write_entry):
    # reflect writes UTC with "+00:00"; a generated or hand-made journal may hold bare dates.
    write_entry("2026-11-05T09:00")
    journal.execute(
        "INSERT INTO therapy_session (id, held_on, note, created_at) "
        "VALUES ('0c00888d-0000-4000-8000-000000000000', '2026-11-03', NULL, '2026-11-03T10:00')"
    )
    outcome = cli("list")
    assert outcome.exit_code == 0, outcome.stderr
    assert "2026-11-03" in outcome.stdout
    assert cli("list", "--since", "last-session").exit_code == 0
