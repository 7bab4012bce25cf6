"""Answering without friction, in-process: the real widgets fed from a pipe.

A scale starts on no answer (an Enter by mistake records nothing), digits pick a number, `1`
then `0` picks 10, Home/End jump to the ends and ↑ ↓ do not wrap; the second run of a pack
starts on the previous answer; a note is typed inline when no editor is set; the welcome is
shown once; the progress never jumps; every answer is echoed the same way.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime

import pytest
import typer
from prompt_keys import CTRL_C, CTRL_D, DOWN, END, ENTER, ESCAPE, HOME, SPACE, UP, pipe_watchdog

NO = DOWN * 2 + ENTER
CALM = DOWN + ENTER
NO_THEMES = ENTER  # nothing ticked: skipped
NO_NOTES = ENTER  # empty: skipped
AFTER_THE_SCALE = NO + CALM + NO_THEMES + NO_NOTES


def test_typing_7_on_a_0_to_10_scale_records_7(drive, small_pack, stored):
    run = drive(small_pack, "7" + ENTER + AFTER_THE_SCALE)
    assert stored(run.entry_id)["safe"] == 7


def test_typing_1_then_0_records_10(drive, small_pack, stored):
    run = drive(small_pack, "1" + "0" + ENTER + AFTER_THE_SCALE)
    assert stored(run.entry_id)["safe"] == 10


def test_a_1_alone_records_1(drive, small_pack, stored):
    run = drive(small_pack, "1" + ENTER + AFTER_THE_SCALE)
    assert stored(run.entry_id)["safe"] == 1


def test_a_second_digit_after_the_moment_starts_a_new_number():
    from reflect.render.answering import TWO_DIGIT_MOMENT, ScaleDigits

    now = [100.0]
    digits = ScaleDigits(range(0, 11), clock=lambda: now[0])
    assert digits.press("1") == 1
    now[0] += TWO_DIGIT_MOMENT / 2
    assert digits.press("0") == 10  # within the moment: 10
    now[0] += TWO_DIGIT_MOMENT * 2
    assert digits.press("1") == 1
    now[0] += TWO_DIGIT_MOMENT * 2
    assert digits.press("0") == 0  # too late: a new number
    assert digits.press("7") == 7  # "07" is no number of the scale: 7 on its own
    assert digits.press("5") == 5  # "75" neither


def test_digits_point_only_at_numbers_the_scale_has():
    from reflect.render.answering import ScaleDigits

    digits = ScaleDigits(range(1, 6))
    assert digits.press("0") is None
    assert digits.press("9") is None
    assert digits.press("3") == 3


def test_enter_alone_on_an_untouched_scale_records_nothing_and_keeps_asking(
    drive, small_pack, journal
):
    with pytest.raises(KeyboardInterrupt):
        drive(small_pack, ENTER + ENTER + CTRL_C)
    assert journal.query("SELECT id FROM entry") == []


def test_enter_by_mistake_then_a_number_records_the_number(drive, small_pack, stored):
    run = drive(small_pack, ENTER + "6" + ENTER + AFTER_THE_SCALE)
    assert stored(run.entry_id)["safe"] == 6


def test_enter_alone_on_an_untouched_choice_records_nothing(drive, small_pack, stored):
    run = drive(small_pack, "3" + ENTER + ENTER + NO + ENTER + CALM + NO_THEMES + NO_NOTES)
    assert stored(run.entry_id) == {
        "safe": 3,
        "held_back": "no",
        "mood": "calm",
        "themes": None,
        "notes": None,
    }


def test_home_and_end_jump_to_the_ends(drive, small_pack, stored):
    assert stored(drive(small_pack, END + ENTER + AFTER_THE_SCALE).entry_id)["safe"] == 10
    assert stored(drive(small_pack, END + HOME + ENTER + AFTER_THE_SCALE).entry_id)["safe"] == 0


def test_up_from_the_top_stays_on_the_top(drive, small_pack, stored):
    # Wrapping round would reach "Skip" (the last row) and skip the question.
    run = drive(small_pack, DOWN + UP + UP + UP + ENTER + AFTER_THE_SCALE)
    assert stored(run.entry_id)["safe"] == 0


def test_down_from_the_bottom_of_a_choice_stays_on_the_bottom(drive, small_pack, stored):
    # mood: calm, tense, warm, Skip, Back; Down stops on Back, which goes back, never wraps.
    keys = "3" + ENTER + NO + DOWN * 9 + UP + ENTER + NO_THEMES + NO_NOTES
    run = drive(small_pack, keys)
    assert stored(run.entry_id)["mood"] is None  # one up from Back: Skip


def test_the_second_run_starts_on_the_previous_answer(drive, small_pack, stored, capsys):
    first = drive(small_pack, "6" + ENTER + AFTER_THE_SCALE)
    first.complete()
    capsys.readouterr()
    second = drive(small_pack, ENTER + AFTER_THE_SCALE)  # Enter keeps the answer offered
    assert stored(second.entry_id)["safe"] == 6
    assert second.entry_id != first.entry_id


def test_the_previous_answer_is_shown_as_such(small_pack, journal, capsys):
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from reflect.core.running import PackRun
    from reflect.render.running import LAST_TIME, TerminalAsker

    first = PackRun.start(journal, small_pack)
    first.record(small_pack.question("safe"), 6)
    first.complete()
    drawn = _Screen()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=80), term="xterm")
    with create_pipe_input() as pipe, pipe_watchdog(pipe):
        pipe.send_text(CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            PackRun.start(journal, small_pack).ask_all(TerminalAsker(input=pipe, output=output))
    shown = _plain(drawn.getvalue())
    assert re.search(rf"❯ +6 +← {LAST_TIME}", shown), shown


def test_an_unfinished_or_trashed_entry_is_not_offered_as_last_time(small_pack, journal, cli):
    from reflect.core.running import PackRun

    draft = PackRun.start(journal, small_pack)
    draft.record(small_pack.question("safe"), 4)  # never completed
    assert PackRun.start(journal, small_pack).last_time == {}
    done = PackRun.start(journal, small_pack)
    done.record(small_pack.question("safe"), 8)
    done.complete()
    assert PackRun.start(journal, small_pack).last_time == {"safe": 8}
    assert cli("delete", done.entry_id, "--yes").exit_code == 0
    assert PackRun.start(journal, small_pack).last_time == {}


def test_an_answer_on_a_scale_that_has_changed_is_not_offered(small_pack, journal):
    from reflect.core.running import PackRun
    from reflect.packs.schema import validated_pack

    done = PackRun.start(journal, small_pack)
    done.record(small_pack.question("safe"), 8)
    done.complete()
    definition = small_pack.document(exclude_none=True)
    definition["questions"][0]["max"] = 5
    narrower = validated_pack(definition)
    assert PackRun.start(journal, narrower).last_time == {}


class _Screen:
    """A stream that keeps what was drawn (Vt100_Output writes and flushes)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.encoding = "utf-8"

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError

    def getvalue(self) -> str:
        return "".join(self.parts)


ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]")


def _plain(drawn: str) -> str:
    return ESCAPES.sub(" ", drawn)


# Progress --------------------------------------------------------------------------------------


def _progress_lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.startswith("Question ")]


def test_the_progress_counts_up_by_one_and_its_total_never_changes(drive, small_pack, capsys):
    # yes opens the follow-up, so six questions are asked
    drive(small_pack, "5" + ENTER + DOWN + ENTER + "quiet" + ENTER + CALM + NO_THEMES + NO_NOTES)
    shown = _progress_lines(capsys.readouterr().out)
    assert shown == [f"Question {number} of up to 6" for number in range(1, 7)]


def test_without_the_follow_up_the_count_still_does_not_jump(drive, small_pack, capsys):
    drive(small_pack, "5" + ENTER + AFTER_THE_SCALE)
    shown = _progress_lines(capsys.readouterr().out)
    assert shown == [f"Question {number} of up to 6" for number in range(1, 6)]


def test_a_pack_without_follow_ups_counts_its_questions_exactly(drive, journal, capsys):
    from reflect.packs.catalog import find_pack

    pack = find_pack("mood")
    assert all(question.when is None for question in pack.questions)
    with pytest.raises(KeyboardInterrupt):
        drive(pack, "5" + ENTER + ENTER + CTRL_C)  # a number, a written answer left empty
    shown = _progress_lines(capsys.readouterr().out)
    total = len(pack.questions)
    assert shown == [f"Question 1 of {total}", f"Question 2 of {total}"]


def test_going_back_leaves_no_progress_line_without_its_question(drive, small_pack, capsys):
    back = "<"  # in a list, `<` goes back
    drive(small_pack, "5" + ENTER + back + "4" + ENTER + AFTER_THE_SCALE)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    for at, line in enumerate(lines):
        if line.startswith("Question "):
            assert lines[at + 1].startswith("› "), lines
    assert _progress_lines("\n".join(lines))[:3] == [
        "Question 1 of up to 6",
        "Question 1 of up to 6",
        "Question 2 of up to 6",
    ]


# Echoes ----------------------------------------------------------------------------------------


def _echoes(out: str) -> list[str]:
    return [line.rstrip() for line in out.splitlines() if line.startswith("› ")]


@pytest.mark.parametrize("keys", ["0", "6", "1" + "0"], ids=["lowest", "middle", "highest"])
def test_every_number_on_a_scale_is_echoed_the_same_way(drive, small_pack, capsys, keys):
    drive(small_pack, keys + ENTER + AFTER_THE_SCALE)
    echo = _echoes(capsys.readouterr().out)[0]
    assert re.fullmatch(r"› How safe did it feel\?  (0|6|10) of 0–10", echo), echo


def test_multi_choice_echoes_the_options_chosen(drive, small_pack, capsys):
    themes = DOWN + SPACE + DOWN + DOWN + SPACE + ENTER
    drive(small_pack, "5" + ENTER + NO + CALM + themes + NO_NOTES)
    echoes = _echoes(capsys.readouterr().out)
    assert "› Which themes came up?  trust, fit" in echoes
    assert not any("selection" in echo for echo in echoes)


def test_space_before_any_answer_is_pointed_at_ticks_nothing_and_says_why(small_pack, journal):
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from reflect.core.running import QuestionPrompt
    from reflect.render.running import NOTHING_POINTED, TerminalAsker

    themes = small_pack.question("themes")
    drawn = _Screen()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=80), term="xterm")
    with create_pipe_input() as pipe, pipe_watchdog(pipe):
        pipe.send_text(SPACE)  # no answer is pointed at yet
        later = threading.Timer(0.5, pipe.send_text, [DOWN + SPACE + ENTER])  # once it is drawn
        later.start()
        asker = TerminalAsker(input=pipe, output=output)
        reply = asker.ask(QuestionPrompt(question=themes, number=4, total=5))
        later.join()
    assert reply.value == [themes.options[0]]  # the Space on "trust" ticked it, and only it
    shown = " ".join(_plain(drawn.getvalue()).split())
    assert NOTHING_POINTED in shown


def test_yes_no_and_a_choice_echo_their_words(drive, small_pack, capsys):
    drive(small_pack, "5" + ENTER + AFTER_THE_SCALE)
    echoes = _echoes(capsys.readouterr().out)
    assert "› Did you hold something back?  No" in echoes
    assert "› Which word fits?  calm" in echoes
    assert "› Anything else?  (skipped)" in echoes


def test_an_answer_too_long_for_its_line_goes_under_the_question(drive, small_pack, capsys):
    long = "a few words " * 8
    drive(small_pack, "5" + ENTER + NO + CALM + NO_THEMES + long + ENTER + ENTER)
    out = capsys.readouterr().out
    lines = out.splitlines()
    at = lines.index("› Anything else?")
    assert lines[at + 1].startswith("  a few words")


def test_the_help_comes_under_the_question(small_pack, journal):
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from reflect.core.running import QuestionPrompt
    from reflect.packs.schema import validated_pack
    from reflect.render.running import TerminalAsker

    definition = small_pack.document(exclude_none=True)
    definition["questions"][0]["help"] = "Think of the last few minutes."
    pack = validated_pack(definition)
    drawn = _Screen()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=80), term="xterm")
    with create_pipe_input() as pipe, pipe_watchdog(pipe):
        pipe.send_text("4" + ENTER)
        asker = TerminalAsker(input=pipe, output=output)
        asker.ask(QuestionPrompt(question=pack.questions[0], number=1, total=6))
    shown = " ".join(_plain(drawn.getvalue()).split())
    assert shown.index("How safe did it feel?") < shown.index("Think of the last few minutes.")


# Stopping and resuming -------------------------------------------------------------------------


@pytest.fixture
def piped_terminal(monkeypatch):
    """The run and note commands' widgets read from one pipe (as if typed) and is_interactive."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from reflect.render import console, running

    real_asker = running.TerminalAsker
    real_write_note = running.write_note
    monkeypatch.setattr(console, "is_interactive", lambda: True)
    with create_pipe_input() as pipe, pipe_watchdog(pipe):
        terminal = {"input": pipe, "output": DummyOutput()}
        monkeypatch.setattr(
            running, "TerminalAsker", lambda **options: real_asker(**terminal, **options)
        )
        monkeypatch.setattr(running, "write_note", lambda _=None: real_write_note(terminal))
        yield pipe


def run_in_terminal(pack_id: str, *, resume: bool = False) -> int:
    from reflect.cli import run as reflecting

    try:
        reflecting._run_in_terminal(
            pack_id, at=None, tags=[], flag=True, private=True, resume=resume
        )
    except typer.Exit as done:
        return done.exit_code
    return 0


def test_ctrl_c_before_the_first_answer_leaves_no_draft(
    small_pack, piped_terminal, cli, capsys, journal
):
    piped_terminal.send_text(CTRL_C)
    assert run_in_terminal("small") == 130
    assert "Stopped before the first answer, so nothing was kept." in capsys.readouterr().err
    listed = cli("list", "--drafts")
    assert listed.exit_code == 0
    assert "small" not in listed.stdout and "draft" not in listed.output
    assert journal.query("SELECT id FROM entry") == []


def test_ctrl_c_after_an_enter_by_mistake_leaves_no_draft_either(
    small_pack, piped_terminal, journal
):
    piped_terminal.send_text(ENTER + CTRL_C)
    assert run_in_terminal("small") == 130
    assert journal.query("SELECT id FROM entry") == []


def test_resume_says_when_the_draft_began_and_what_it_holds(
    small_pack, piped_terminal, capsys, frozen_clock
):
    frozen_clock(datetime(2026, 11, 3, 18, 30))
    piped_terminal.send_text("7" + ENTER + DOWN + DOWN + DOWN + ENTER + CTRL_C)  # 7, skipped
    assert run_in_terminal("small") == 130
    capsys.readouterr()
    frozen_clock(datetime(2026, 11, 4, 9, 0))
    piped_terminal.send_text(CTRL_C)
    assert run_in_terminal("small", resume=True) == 130
    shown = " ".join(capsys.readouterr().out.split())
    assert (
        "Continuing the entry you began on 2026-11-03 at 18:30. "
        "It holds 1 answer and 1 skipped question." in shown
    )


def test_a_draft_made_by_the_first_answer_is_dated_when_the_run_began(
    small_pack, journal, frozen_clock
):
    from reflect.core.running import PackRun

    frozen_clock(datetime(2026, 11, 3, 18, 30))
    run = PackRun.start(journal, small_pack)
    assert journal.query("SELECT id FROM entry") == []  # nothing yet
    frozen_clock(datetime(2026, 11, 3, 18, 34))
    run.record(small_pack.question("safe"), 5)
    (created,) = journal.query_one("SELECT created_at FROM entry WHERE id = ?", (run.entry_id,))
    assert created.startswith("2026-11-03T18:30")


# Notes without an editor -----------------------------------------------------------------------


def test_a_note_without_an_editor_is_typed_in_the_terminal(
    piped_terminal, journal, cli, capsys, monkeypatch
):
    from reflect.cli.note import note_command

    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    piped_terminal.send_text("First line." + ENTER + "Second line." + ENTER + ENTER)
    note_command(None)
    assert "Saved your note" in capsys.readouterr().err
    (entry_id,) = journal.query_one("SELECT id FROM entry WHERE kind = 'note'")
    shown = cli("show", entry_id).stdout
    assert "First line." in shown and "Second line." in shown
    assert journal.query("SELECT value_text FROM answer") == [("First line.\nSecond line.",)]


def test_ctrl_d_saves_a_note_at_any_point(piped_terminal, journal, monkeypatch):
    from reflect.cli.note import note_command

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    piped_terminal.send_text("One line." + ENTER + "And half" + CTRL_D)
    note_command(None)
    assert journal.query("SELECT value_text FROM answer") == [("One line.\nAnd half",)]


def test_esc_on_a_note_leaves_without_saving(piped_terminal, journal, monkeypatch, capsys):
    from reflect.cli.note import note_command

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    # Esc once asks to be pressed again when something is written; the second Esc leaves.
    piped_terminal.send_text("Not this." + ESCAPE)
    piped_terminal.send_text(ESCAPE)
    with pytest.raises(typer.Exit) as left:
        note_command(None)
    assert left.value.exit_code == 1
    assert "Left without saving; no note was written." in capsys.readouterr().err
    assert journal.query("SELECT id FROM entry") == []


def test_the_note_s_keys_are_said_in_plain_words():
    from reflect.render.running import NOTE_HINT

    assert "Enter on an empty line saves" in NOTE_HINT
    assert "Ctrl-D" in NOTE_HINT and "Esc leaves without saving" in NOTE_HINT


def test_a_person_who_set_an_editor_gets_it(piped_terminal, journal, monkeypatch, tmp_path):
    import stat
    import sys

    from reflect.cli.note import note_command

    editor = tmp_path / "editor.py"
    editor.write_text(
        f"#!{sys.executable}\nimport sys\nopen(sys.argv[1], 'w').write('edited\\n')\n"
    )
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("VISUAL", str(editor))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    note_command(None)
    assert journal.query("SELECT value_text FROM answer") == [("edited",)]


def test_write_a_note_from_the_menu_without_an_editor(piped_terminal, journal, capsys):
    from typer.main import get_command

    from reflect.cli.app import app
    from reflect.cli.menu import main_menu

    piped_terminal.send_text(DOWN + ENTER + "From the menu." + ENTER + ENTER + UP + ENTER)
    main_menu(get_command(app), input=piped_terminal, output=_dummy())  # type: ignore[arg-type]
    assert journal.query("SELECT value_text FROM answer") == [("From the menu.",)]


def _dummy():
    from prompt_toolkit.output import DummyOutput

    return DummyOutput()


# The welcome -----------------------------------------------------------------------------------


def test_reflect_now_on_a_fresh_home_shows_the_welcome_once(piped_terminal, reflect_home, capsys):
    from typer.main import get_command

    from reflect.cli.app import app
    from reflect.cli.menu import main_menu

    assert not (reflect_home / "journal.db").exists()
    # Reflect now -> the check-in (first in the list) -> Ctrl-C on its first question
    piped_terminal.send_text(ENTER + ENTER + CTRL_C)
    with pytest.raises(typer.Exit) as stopped:
        main_menu(get_command(app), input=piped_terminal, output=_dummy())  # type: ignore[arg-type]
    assert stopped.value.exit_code == 130
    out = capsys.readouterr().out
    assert out.count("Welcome to reflect.") == 1
    assert "After a session" in out  # the run did start after the welcome
