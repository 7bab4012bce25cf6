"""`reflect sessions add`: one session per day unless the person says there were two."""

from __future__ import annotations

import json

from journal_samples import local

from reflect.store.sessions import add_session


def _sessions(cli) -> list[dict]:
    return json.loads(cli("sessions", "list", "--json").stdout)


def test_adding_a_session_on_a_day_that_has_one_says_so_and_adds_nothing(cli):
    assert cli("sessions", "add", "2026-11-10", "--note", "the first").exit_code == 0
    before = _sessions(cli)
    again = cli("sessions", "add", "2026-11-10", "--note", "typed twice")
    assert again.exit_code == 0
    assert "already recorded" in again.stderr and "--again" in again.stderr
    assert before[0]["id"][:8] in again.stderr
    assert _sessions(cli) == before


def test_a_time_on_the_same_day_is_the_same_day(cli, journal):
    add_session(journal, local("2026-11-10T17:00"))
    outcome = cli("sessions", "add", "2026-11-10T09:00")
    assert "already recorded" in outcome.stderr
    assert len(_sessions(cli)) == 1


def test_again_records_a_real_second_session_that_day(cli):
    assert cli("sessions", "add", "2026-11-10 09:00").exit_code == 0
    outcome = cli("sessions", "add", "2026-11-10 18:00", "--again", "--note", "an extra one")
    assert outcome.exit_code == 0 and "Recorded a session on 2026-11-10" in outcome.stderr
    assert [session["note"] for session in _sessions(cli)] == ["an extra one", None]


def test_the_next_day_is_a_new_session(cli):
    assert cli("sessions", "add", "2026-11-10").exit_code == 0
    outcome = cli("sessions", "add", "2026-11-11")
    assert "Recorded a session on 2026-11-11" in outcome.stderr
    assert len(_sessions(cli)) == 2


def test_a_duplicate_adds_no_second_divider_to_exports(cli, write_note):
    write_note("2026-11-09T10:00", "before")
    write_note("2026-11-11T10:00", "after")
    cli("sessions", "add", "2026-11-10")
    cli("sessions", "add", "2026-11-10")
    exported = json.loads(cli("export", "--format", "json").stdout)
    assert [session["held_on"][:10] for session in exported["sessions"]] == ["2026-11-10"]
    markdown = cli("export", "--format", "md").stdout
    assert markdown.count("10 November 2026") == 1, markdown
