"""Answering without friction in a real terminal (tmux): a 0-10 scale answered by digits, an
Enter by mistake that records nothing, the previous answer offered as the start, and a note
typed in the terminal when no editor is set."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from test_run_in_terminal import install_small_pack, on_question, reflect_executable
from tmux import TmuxTerminal, terminal_environment

pytestmark = pytest.mark.terminal

NOTHING_CHOSEN = "Nothing is chosen yet"


def journal_rows(query: str) -> list[tuple[object, ...]]:
    from reflect.cli.access import open_journal

    with open_journal() as database:
        return database.query(query)


def stored_scale() -> list[tuple[object, ...]]:
    return journal_rows("SELECT value_number FROM answer WHERE question_id = 'safe'")


def reflect(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*reflect_executable(), *args],
        env=terminal_environment(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def start_small_run(terminal: TmuxTerminal, home: Path, width: int = 80) -> None:
    install_small_pack(home)
    terminal.width = width
    terminal.start([*reflect_executable(), "run", "small"], terminal_environment(home))
    terminal.wait_until(on_question(1), "question 1")


def stop_on_question_2(terminal: TmuxTerminal) -> None:
    terminal.wait_until(on_question(2), "question 2")
    terminal.send("C-c")
    assert terminal.wait_for_exit() == 130


@pytest.mark.parametrize("width", [80, 120])
def test_typing_7_on_a_0_to_10_scale_records_7(
    terminal: TmuxTerminal, reflect_home: Path, width: int
):
    start_small_run(terminal, reflect_home, width)
    terminal.type("7")
    terminal.wait_until(lambda screen: "❯  7" in screen, "the pointer on 7")
    terminal.send("Enter")
    screen = terminal.wait_until(on_question(2), "question 2")
    assert "How safe did it feel?  7 of 0–10" in screen
    stop_on_question_2(terminal)
    assert stored_scale() == [(7,)]


def test_typing_1_then_0_records_10_as_the_key_hint_says(
    terminal: TmuxTerminal, reflect_home: Path
):
    start_small_run(terminal, reflect_home)
    screen = terminal.screen()
    assert "for 10, type 1 then 0" in " ".join(screen.split())
    terminal.type("1")
    terminal.type("0")
    terminal.wait_until(lambda screen: "❯ 10  completely" in screen, "the pointer on 10")
    terminal.send("Enter")
    stop_on_question_2(terminal)
    assert stored_scale() == [(10,)]


def test_enter_alone_on_an_untouched_scale_records_nothing(
    terminal: TmuxTerminal, reflect_home: Path
):
    start_small_run(terminal, reflect_home)
    assert "❯" not in terminal.screen()  # the pointer starts on no number
    terminal.send("Enter")
    screen = terminal.wait_for(NOTHING_CHOSEN)
    assert not on_question(2)(screen)  # still asking question 1
    terminal.send("C-c")
    screen = terminal.wait_for("nothing was kept")
    assert "Stopped before the first answer, so nothing was kept." in " ".join(screen.split())
    assert terminal.wait_for_exit() == 130
    assert journal_rows("SELECT id FROM entry") == []
    listed = reflect(reflect_home, "list", "--drafts")
    assert listed.returncode == 0
    assert "small" not in listed.stdout and "draft" not in listed.stdout + listed.stderr


def test_the_second_run_of_a_pack_starts_on_the_previous_answer(
    terminal: TmuxTerminal, reflect_home: Path
):
    install_small_pack(reflect_home)
    environment = terminal_environment(reflect_home)
    command = [*reflect_executable(), "run", "small", "--flag", "--private"]
    terminal.start(command, environment)
    terminal.wait_until(on_question(1), "question 1")
    terminal.type("6")
    terminal.send("Enter")
    terminal.wait_until(on_question(2), "question 2")
    terminal.send("Down", "Down", "Enter")  # No
    terminal.wait_until(on_question(3), "question 3")
    terminal.send("Down", "Enter")  # calm
    terminal.wait_until(on_question(4), "question 4")
    terminal.send("Enter")  # nothing else
    terminal.wait_for("Tags")
    terminal.send("Enter")
    assert terminal.wait_for_exit() == 0

    terminal.close()
    terminal.start(command, environment)
    screen = terminal.wait_until(on_question(1), "question 1 of the second run")
    pointed = [line for line in screen.splitlines() if "❯" in line]
    assert [" ".join(line.split()) for line in pointed] == ["❯ 6 ← your answer last time"]
    terminal.send("Enter")  # keeps it
    terminal.wait_until(on_question(2), "question 2")
    terminal.send("C-c")
    assert terminal.wait_for_exit() == 130
    assert sorted(stored_scale()) == [(6,), (6,)]


def test_reflect_note_without_an_editor_types_the_note_in_the_terminal(
    terminal: TmuxTerminal, reflect_home: Path
):
    environment = terminal_environment(reflect_home)
    assert "EDITOR" not in environment and "VISUAL" not in environment
    terminal.start([*reflect_executable(), "note"], environment)
    screen = " ".join(terminal.wait_for("Write your note").split())
    assert "Enter on an empty line saves (or Ctrl-D)" in screen
    assert "Esc leaves without saving" in screen
    terminal.type("Felt rushed at the end.")
    terminal.send("Enter")
    terminal.type("Want to say so next week.")
    terminal.wait_for("Want to say so next week.")
    terminal.send("Enter", "Enter")  # Enter on the empty line saves
    assert terminal.wait_for_exit() == 0
    assert "Saved your note" in terminal.screen()
    ((entry_id,),) = journal_rows("SELECT id FROM entry WHERE kind = 'note'")
    shown = reflect(reflect_home, "show", str(entry_id))
    assert shown.returncode == 0, shown.stderr
    assert "Felt rushed at the end." in shown.stdout
    assert "Want to say so next week." in shown.stdout
    assert journal_rows("SELECT value_text FROM answer") == [
        ("Felt rushed at the end.\nWant to say so next week.",)
    ]


def test_esc_leaves_a_note_without_saving(terminal: TmuxTerminal, reflect_home: Path):
    terminal.start([*reflect_executable(), "note"], terminal_environment(reflect_home))
    terminal.wait_for("Write your note")
    terminal.type("Not today.")
    terminal.wait_for("Not today.")
    terminal.send("Escape")
    terminal.wait_for("Press Esc again")
    terminal.send("Escape")
    assert terminal.wait_for_exit() == 1
    assert "Left without saving; no note was written." in " ".join(terminal.screen().split())
    assert journal_rows("SELECT id FROM entry") == []
