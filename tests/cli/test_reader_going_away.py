"""A reader that stops early (`reflect list | head -1`, `reflect export | head`): every command
ends quietly with status 1 (as rich and Click answer it, and Python's "Note on SIGPIPE"), with
no "something unexpected went wrong" and no traceback, and a write it was doing still lands."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import reflect_command

READING_COMMANDS = [
    ("list",),
    ("show", "{entry}"),
    ("search", "quillwort"),
    ("trends",),
    ("sessions", "list"),
    ("packs", "list"),
    ("export", "--format", "md", "-o", "-"),
    ("export", "--format", "json", "-o", "-"),
    ("--help",),
    ("list", "--help"),
]


def run_into_a_closed_pipe(*args: str, input: str = "") -> subprocess.CompletedProcess[bytes]:
    """`reflect ARGS` writing into a pipe whose reader has already gone (as after `head -0`)."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(
            [*reflect_command(), *args],
            input=input.encode(),
            stdout=writing,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writing)


ANSWERS = "connected: 6\nworth-it: 4\nhelped-most: A word to find, quillwort.\n"


@pytest.fixture
def entry(run_reflect) -> str:
    """A scored check-in after a recorded session: every command above has something to say."""
    assert run_reflect("sessions", "add", "yesterday").exit_code == 0
    saved = run_reflect("run", "checkin", "--answers", "-", input=ANSWERS)
    assert saved.exit_code == 0, saved.stderr
    return saved.stdout.strip()


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_a_reader_that_went_away_ends_the_command_quietly(entry: str, command: tuple[str, ...]):
    done = run_into_a_closed_pipe(*(part.format(entry=entry) for part in command))
    assert done.stderr == b""
    assert done.returncode == 1


def test_a_run_whose_reader_went_away_is_still_saved(run_reflect, reflect_home):
    """`run --answers` prints the new entry's id on stdout: the entry is saved before that."""
    answers = ANSWERS.replace("quillwort", "saved even so")
    done = run_into_a_closed_pipe("run", "checkin", "--answers", "-", input=answers)
    assert done.returncode == 1 and b"unexpected" not in done.stderr
    found = run_reflect("search", "saved even so")
    assert found.exit_code == 0 and "saved even so" in found.stdout
