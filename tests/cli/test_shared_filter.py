"""list, search, trends and export build their entry filter in one place (reflect.core.filters),
so the same filter options fail, and select, the same way in all four."""

from __future__ import annotations

import pytest

BACKWARDS = ("--since", "2026-01-02", "--until", "2026-01-01")
COMMANDS = [("list",), ("search", "calm"), ("trends",), ("export", "--format", "md")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_a_range_that_runs_backwards_fails_with_the_message_list_gives(cli, command):
    listed = cli("list", *BACKWARDS)
    outcome = cli(*command, *BACKWARDS)
    assert listed.exit_code == 1
    assert outcome.exit_code == 1, outcome.output
    assert outcome.stdout == ""
    assert outcome.stderr == listed.stderr
    assert outcome.stderr.strip() == (
        "Error: --since is later than --until, so no entry could match."
    )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_an_unreadable_date_fails_with_the_message_list_gives(cli, command):
    listed = cli("list", "--until", "blursday")
    outcome = cli(*command, "--until", "blursday")
    assert outcome.exit_code == 1, outcome.output
    assert outcome.stderr == listed.stderr
    assert "Could not understand the date 'blursday'" in outcome.stderr


def test_a_range_of_one_day_is_accepted_by_all_four(cli):
    assert cli("note", "written today").exit_code == 0
    for command in COMMANDS:
        outcome = cli(*command, "--since", "today", "--until", "today")
        assert outcome.exit_code == 0, (command, outcome.output)
