"""`reflect run` and `reflect` in a real terminal (tmux), typed and read as a person would."""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
import time
from pathlib import Path

import pytest
from tmux import TmuxTerminal, terminal_environment

pytestmark = pytest.mark.terminal

SMALL_PACK = """\
id: small
title: A small pack
intro: Why this pack exists.
outro: Noticing is enough.
questions:
  - id: safe
    text: How safe did it feel?
    kind: scale
    min: 0
    max: 10
    min_label: not at all
    max_label: completely
    dimension: safety
  - id: held_back
    text: Did you hold something back?
    kind: yesno
  - id: mood
    text: Which word fits?
    kind: choice
    options: [calm, tense, warm]
  - id: notes
    text: Anything else?
    kind: text
    multiline: true
"""

HOSTILE = (
    "🙂 أشعر بالأمان معك 🌱\n\n\nblank lines above\n"
    "\x1b[31mred\x1b[0m \x1b]0;hijacked\x07 \x1b[2J\n" + "x" * 10_000
)


def reflect_executable() -> list[str]:
    script = Path(sys.executable).parent / "reflect"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reflect"]


def install_small_pack(home: Path) -> None:
    (home / "packs").mkdir(parents=True, exist_ok=True)
    (home / "packs" / "small.yaml").write_text(SMALL_PACK, encoding="utf-8")


def editor_writing(folder: Path, content: str) -> Path:
    """A stand-in for $EDITOR that replaces the file it is given with `content`."""
    source = folder / "editor-content.txt"
    source.write_bytes(content.encode("utf-8"))
    script = folder / "editor.py"
    script.write_text(
        f"#!{sys.executable}\nimport shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[1])\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def on_question(number: int):
    """The screen shows question `number` ("Question N of M" above it) waiting for its answer."""

    def shown(screen: str) -> bool:
        lines = screen.splitlines()
        headers = [
            index for index, line in enumerate(lines) if line.startswith(f"Question {number} of ")
        ]
        return bool(headers) and any(line.startswith("› ") for line in lines[headers[-1] :])

    return shown


def answers_in_database(entry_id: str | None = None) -> tuple[str, dict[str, object], bool]:
    """(entry id, answers, completed) of the given or the only run entry."""
    from reflect.cli.access import open_journal
    from reflect.store.drafts import given_answers

    with open_journal() as database:
        rows = database.query("SELECT id, completed_at FROM entry WHERE kind = 'run'")
        assert len(rows) == 1, rows
        (found, completed_at) = rows[0]
        assert entry_id in (None, found)
        return found, given_answers(database, found), completed_at is not None


class Answerer:
    """Answers any question with keys that fit its kind, and knows what should be stored."""

    def __init__(self, terminal: TmuxTerminal) -> None:
        self.terminal = terminal

    def answer(self, question, number: int) -> object:
        self.terminal.wait_until(on_question(number), f"question {number} ({question.id})")
        if question.kind == "scale":  # the number typed moves the pointer to it
            self.terminal.type(str(question.min + 1))
            self.terminal.send("Enter")
            return question.min + 1
        if question.kind == "choice":  # the pointer starts on nothing: ↓ goes to the first
            self.terminal.send("Down", "Enter")
            return question.options[0]
        if question.kind == "yesno":
            self.terminal.send("Down", "Enter")
            return "yes"
        if question.kind == "multi":
            self.terminal.send("Down", "Space", "Enter")
            return [question.options[0]]
        self.terminal.type(f"answer {number} ✓")
        self.terminal.send(*(("Enter", "Enter") if question.multiline else ("Enter",)))
        return f"answer {number} ✓"


def next_questions(pack, answers: dict[str, object]):
    """The questions a run asks next, given these answers (follow-ups included when met)."""
    from reflect.core.running import PackRun

    flow = PackRun(database=None, pack=pack, entry_id="", answers=dict(answers))  # type: ignore[arg-type]
    return flow.applicable()[flow.first_unanswered() :]


def test_ctrl_c_keeps_three_answers_and_resume_opens_at_question_four(
    terminal: TmuxTerminal, reflect_home: Path
):
    from reflect.packs.catalog import find_pack

    pack = find_pack("trust")
    environment = terminal_environment(reflect_home)
    terminal.start([*reflect_executable(), "run", "trust"], environment)
    answerer = Answerer(terminal)
    expected: dict[str, object] = {}
    for number in (1, 2, 3):
        question = next_questions(pack, expected)[0]
        expected[question.id] = answerer.answer(question, number)
    terminal.wait_until(on_question(4), "question 4")
    terminal.send("C-c")
    screen = terminal.wait_for("kept in a draft")
    assert "3 answers kept" in screen
    assert terminal.wait_for_exit() == 130
    entry_id, stored, completed = answers_in_database()
    assert stored == expected
    assert not completed

    terminal.close()
    terminal.start([*reflect_executable(), "run", "trust", "--resume"], environment)
    fourth = next_questions(pack, expected)[0]
    screen = terminal.wait_until(on_question(4), "question 4 after --resume")
    assert not on_question(1)(screen), "resume must not ask the first questions again"
    assert fourth.text[:40] in " ".join(screen.split())
    number = 4
    while remaining := next_questions(pack, expected):
        expected[remaining[0].id] = answerer.answer(remaining[0], number)
        number += 1
    terminal.wait_for("Bring this entry")
    terminal.send("Enter")  # not flagged
    terminal.wait_for("Keep it private")
    terminal.send("Enter")  # not private
    terminal.wait_for("Tags")
    terminal.type("before-session")
    terminal.send("Enter")
    assert terminal.wait_for_exit() == 0
    _, stored, completed = answers_in_database(entry_id)
    assert stored == expected
    assert completed


def test_kill_9_while_a_question_is_on_screen_keeps_every_earlier_answer(
    terminal: TmuxTerminal, reflect_home: Path
):
    install_small_pack(reflect_home)
    terminal.start([*reflect_executable(), "run", "small"], terminal_environment(reflect_home))
    terminal.wait_until(on_question(1), "question 1")
    terminal.type("2")
    terminal.send("Enter")
    terminal.wait_until(on_question(2), "question 2")
    terminal.send("Down", "Down", "Enter")  # No
    terminal.wait_until(on_question(3), "question 3")
    os.kill(terminal.process_id(), signal.SIGKILL)
    assert terminal.wait_for_exit() == -signal.SIGKILL
    _, stored, completed = answers_in_database()
    assert stored == {"safe": 2, "held_back": "no"}
    assert not completed


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_a_closed_terminal_keep_the_answers_and_exit_130(
    terminal: TmuxTerminal, reflect_home: Path, signal_number: int
):
    install_small_pack(reflect_home)
    terminal.start([*reflect_executable(), "run", "small"], terminal_environment(reflect_home))
    terminal.wait_until(on_question(1), "question 1")
    terminal.send("End", "Enter")  # the last number: "10  completely"
    terminal.wait_until(on_question(2), "question 2")
    os.kill(terminal.process_id(), signal_number)
    screen = terminal.wait_for("To continue: reflect run small --resume")
    assert "1 answer kept" in screen
    assert terminal.wait_for_exit() == 130
    assert answers_in_database()[1] == {"safe": 10}


def running(process: int) -> bool:
    """Alive and not a zombie (a container's init may be slow to reap it)."""
    try:
        state = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_closing_the_terminal_keeps_the_answers(terminal: TmuxTerminal, reflect_home: Path):
    install_small_pack(reflect_home)
    terminal.start([*reflect_executable(), "run", "small"], terminal_environment(reflect_home))
    terminal.wait_until(on_question(1), "question 1")
    terminal.type("1")
    terminal.send("Enter")
    terminal.wait_until(on_question(2), "question 2")
    process = terminal.process_id()
    terminal.close()  # the window goes away: SIGHUP, and the terminal is gone
    deadline = time.monotonic() + 10
    while running(process) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(process), "reflect kept running without its terminal"
    _, stored, completed = answers_in_database()
    assert stored == {"safe": 1}
    assert not completed


def test_a_space_before_any_answer_is_pointed_at_says_how_to_tick_one(
    terminal: TmuxTerminal, reflect_home: Path
):
    from reflect.packs.catalog import find_pack

    leaving = find_pack("checkin").question("leaving")  # "Pick any that fit."
    assert leaving.kind == "multi" and leaving.options
    terminal.start([*reflect_executable(), "run", "checkin"], terminal_environment(reflect_home))
    terminal.wait_until(on_question(1), "question 1")
    terminal.send("Space")  # nothing is pointed at yet
    terminal.wait_for("Move to an answer with ↑ ↓ first; Space then ticks it.")
    terminal.send("Down", "Space", "Enter")
    terminal.wait_until(on_question(2), "question 2")
    terminal.send("C-c")
    assert terminal.wait_for_exit() == 130
    assert answers_in_database()[1] == {"leaving": [leaving.options[0]]}


def test_a_full_run_stores_hostile_text_byte_exact_and_shows_it_safely(
    terminal: TmuxTerminal, reflect_home: Path, tmp_path: Path
):
    install_small_pack(reflect_home)
    editor = editor_writing(tmp_path, HOSTILE + "\n")
    environment = terminal_environment(reflect_home, EDITOR=str(editor))
    terminal.start([*reflect_executable(), "run", "small", "--flag"], environment)
    terminal.wait_until(on_question(1), "question 1")
    terminal.send("Down", "Enter")  # 0, the first number
    terminal.wait_until(on_question(2), "question 2")
    terminal.send("Down", "Enter")  # yes
    terminal.wait_until(on_question(3), "question 3")
    terminal.send("Down", "Down", "Down", "Enter")  # warm
    terminal.wait_until(on_question(4), "question 4")
    terminal.send("C-e")  # the long answer comes from the editor
    terminal.wait_for("Keep it private")
    terminal.send("Enter")
    terminal.wait_for("Tags")
    terminal.send("Enter")
    assert terminal.wait_for_exit() == 0
    screen = terminal.screen()
    assert "␛[31mred" in screen  # the escape sequence is shown as text, not obeyed
    assert "Why this pack exists." in screen  # so nothing cleared the screen
    assert "Noticing is enough." in screen
    _, stored, completed = answers_in_database()
    assert stored == {"safe": 0, "held_back": "yes", "mood": "warm", "notes": HOSTILE}
    assert completed


def test_first_run_welcome_and_a_note_from_the_menu(
    terminal: TmuxTerminal, reflect_home: Path, tmp_path: Path
):
    editor = editor_writing(tmp_path, "Felt heard today.\n")
    environment = terminal_environment(reflect_home, EDITOR=str(editor))
    reflect_home.mkdir(parents=True, exist_ok=True)
    (reflect_home / "config.yaml").write_text('crisis_line: "Call 116 123 any time."\n')
    terminal.start(reflect_executable(), environment)
    screen = " ".join(terminal.wait_for("What would you like to do?").split())
    assert "Welcome to reflect" in screen
    assert "stays on this machine" in screen
    assert "Call 116 123 any time." in screen
    terminal.send("Down", "Enter")  # Write a note
    terminal.wait_for("Saved your note")
    terminal.wait_until(
        lambda text: text.count("What would you like to do?") == 2, "the menu again"
    )
    terminal.send("Up", "Enter")  # wraps round to Quit
    assert terminal.wait_for_exit() == 0

    from reflect.cli.access import open_journal

    with open_journal() as database:
        notes = database.query(
            "SELECT a.value_text FROM entry e JOIN answer a ON a.entry_id = e.id "
            "WHERE e.kind = 'note'"
        )
    assert notes == [("Felt heard today.",)]


def test_a_note_through_the_editor_in_a_terminal_is_saved(
    terminal: TmuxTerminal, reflect_home: Path, tmp_path: Path
):
    editor = editor_writing(tmp_path, "Written in my editor.\n\nSecond paragraph.\n")
    environment = terminal_environment(reflect_home, EDITOR=str(editor))
    terminal.start([*reflect_executable(), "note", "--tag", "editor"], environment)
    assert terminal.wait_for_exit() == 0
    assert "Saved your note" in terminal.screen()

    from reflect.cli.access import open_journal

    with open_journal() as database:
        notes = database.query(
            "SELECT a.value_text FROM entry e JOIN answer a ON a.entry_id = e.id "
            "WHERE e.kind = 'note'"
        )
    assert notes == [("Written in my editor.\n\nSecond paragraph.",)]


def test_menu_export_for_the_next_session_in_a_terminal(
    terminal: TmuxTerminal, reflect_home: Path, tmp_path: Path
):
    from datetime import UTC, datetime

    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note
    from reflect.store.sessions import add_session

    with open_journal() as database:
        create_note(database, "Before it: left out", at=datetime(2026, 11, 1, 9, tzinfo=UTC))
        add_session(database, datetime(2026, 11, 3, 10, tzinfo=UTC))
        create_note(database, "After it: brought", at=datetime(2026, 11, 5, 9, tzinfo=UTC))
    target = tmp_path / "for-tuesday.html"
    terminal.start(reflect_executable(), terminal_environment(reflect_home))
    terminal.wait_for("What would you like to do?", timeout=30)
    terminal.send("Down", "Down", "Down", "Down", "Enter")  # Export for your next session
    screen = " ".join(terminal.wait_for("Which kind of file?", timeout=30).split())
    # The real clock runs here: from autumn 2027 the day is written with its year.
    assert re.search(r"since your session on Tue 3 Nov( 2026)?\b", screen)
    assert "PDF, to print or attach" in screen and "Web page (HTML)" in screen
    terminal.send("Down", "Enter")  # Web page
    terminal.wait_for("Save it as:", timeout=30)
    terminal.send("C-u")
    terminal.type(str(target))
    terminal.send("Enter")
    screen = terminal.wait_for("Exported", timeout=60)
    assert f"to {target}." in " ".join(screen.split())
    terminal.wait_until(
        lambda text: "What would you like to do?" in text.split("Exported")[-1],
        "the menu again",
        timeout=30,
    )
    terminal.send("Up", "Enter")
    assert terminal.wait_for_exit(timeout=30) == 0
    page = target.read_text(encoding="utf-8")
    assert "After it: brought" in page and "Before it: left out" not in page
