"""`reflect list` in real terminals of 80, 120 and 200 columns (tmux): every row keeps its
markers, its whole date with the minutes and an id that `reflect show` resolves."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from tmux import TmuxTerminal, terminal_environment

from reflect.cli.access import open_journal
from reflect.store.entries import (
    PackReference,
    QuestionSnapshot,
    create_complete_entry,
    create_note,
)
from reflect.store.sessions import add_session

pytestmark = pytest.mark.terminal

CHECKIN = PackReference(
    id="checkin", version="1", title="After-session check-in", content_hash="hash-checkin-list"
)
ONE_LINE = QuestionSnapshot(
    id="one-line", text="In a line, what is staying with you?", kind="text", position=0
)
LONG_ANSWER = (
    "I felt heard when I talked about my sister, and that surprised me more than anything "
    "else today; I want to remember how it felt to be taken seriously for once."
)


def reflect_executable() -> list[str]:
    script = Path(sys.executable).parent / "reflect"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reflect"]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


@pytest.fixture
def journal_to_list(reflect_home: Path) -> dict[str, tuple[str, str, str]]:
    """Entry id -> (markers, date as shown, first words) for a journal of runs and notes."""
    database = open_journal()
    try:
        rows = {}
        entry = create_complete_entry(
            database,
            CHECKIN,
            [(ONE_LINE, LONG_ANSWER)],
            at=at("2026-11-05T09:37"),
            flagged=True,
            tags=["hard", "rupture"],
        )
        rows[entry] = ("F", "2026-11-05 09:37", LONG_ANSWER)
        note = create_note(database, "Short, and private.", at=at("2026-11-04T21:15"), private=True)
        rows[note] = ("P", "2026-11-04 21:15", "Short, and private.")
        both = create_complete_entry(
            database,
            CHECKIN,
            [(ONE_LINE, "We laughed, which helped.")],
            at=at("2026-11-02T18:49"),
            flagged=True,
            private=True,
            tags=["laughter"],
        )
        rows[both] = ("FP", "2026-11-02 18:49", "We laughed, which helped.")
        plain = create_note(database, "Felt rushed at the end.", at=at("2026-11-01T08:05"))
        rows[plain] = ("", "2026-11-01 08:05", "Felt rushed at the end.")
        add_session(database, at("2026-11-03T17:00"), "after the break")
    finally:
        database.close()
    return rows


@pytest.fixture
def sized_terminal(request: pytest.FixtureRequest) -> Iterator[type[TmuxTerminal]]:
    shared = request.config.pluginmanager.get_plugin(
        str(Path(__file__).resolve().parents[1] / "conftest.py")
    )
    tmux = shared.require_tool("tmux")
    folder = Path(tempfile.mkdtemp(prefix="reflect-tmux-"))
    opened: list[TmuxTerminal] = []

    def make(width: int) -> TmuxTerminal:
        terminal = TmuxTerminal(tmux, folder, width=width, height=40)
        opened.append(terminal)
        return terminal

    try:
        yield make  # type: ignore[misc]
    finally:
        for terminal in opened:
            terminal.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("width", [80, 120, 200])
def test_every_row_keeps_markers_date_and_minutes_and_its_id_resolves(
    sized_terminal, journal_to_list, reflect_home, run_reflect, width
):
    terminal = sized_terminal(width)
    terminal.start([*reflect_executable(), "list"], terminal_environment(reflect_home))
    assert terminal.wait_for_exit(timeout=60) == 0
    screen = terminal.screen().split("[exit status")[0]
    lines = [line.rstrip() for line in screen.splitlines()]
    assert all(len(line) <= width for line in lines)
    shown_ids = []
    for entry_id, (marks, date, words) in journal_to_list.items():
        matching = [line for line in lines if re.search(rf"(^|\s){entry_id[:4]}", line)]
        assert len(matching) == 1, (entry_id, screen)
        (line,) = matching
        tokens = line.split()
        if marks:
            assert tokens[0] == marks, line
            shown = tokens[1]
        else:
            shown = tokens[0]
        assert entry_id.startswith(shown) and len(shown) >= 4, line
        shown_ids.append((entry_id, shown))
        assert date in line, line
        assert words[:10] in line, line
        if not line.endswith(words):
            assert line.endswith("…"), line
            start = line.index(words[:10])
            assert words.startswith(line[start:-1].rstrip()), line
        if width == 200 and len(words) < 60:
            assert line.endswith(words), line
    assert "therapy session · after the break" in screen
    assert "F flagged for your next session" in screen and "P private" in screen
    for entry_id, shown in shown_ids:
        for prefix in (shown, entry_id[:8]):
            outcome = run_reflect("show", prefix, "--json")
            assert outcome.exit_code == 0, outcome.stderr
            assert f'"id": "{entry_id}"' in outcome.stdout
