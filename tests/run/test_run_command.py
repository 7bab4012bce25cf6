"""`reflect run` without a terminal: answers files, and never waiting for input that cannot come."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

HOSTILE = (
    "🙂 أشعر بالأمان معك 🌱\n\n\nblank lines above\n"
    "\x1b[31mred\x1b[0m \x1b]0;hijacked\x07 \x1b[2J\x9b\n" + "x" * 10_000 + "\n"
)


def entries(journal) -> list[tuple[str, str | None]]:
    return journal.query("SELECT kind, completed_at FROM entry")


def test_a_valid_answers_file_makes_one_complete_entry(cli, small_pack, journal, stored, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "safe: 7\nheld_back: yes\nwhat: kept quiet\nmood: tense\nthemes: [trust, fit]\n"
    )
    outcome = cli("run", "small", "--answers", str(answers), "--tag", "Before", "--flag")
    assert outcome.exit_code == 0, outcome.stderr
    entry_id = outcome.stdout.strip()
    assert stored(entry_id) == {
        "safe": 7,
        "held_back": "yes",
        "what": "kept quiet",
        "mood": "tense",
        "themes": ["trust", "fit"],
        "notes": None,  # not in the file: skipped, as in a run where it was skipped
    }
    (completed, flagged) = journal.query_one(
        "SELECT completed_at, flagged FROM entry WHERE id = ?", (entry_id,)
    )
    assert completed is not None and flagged == 1
    assert journal.query("SELECT tag FROM entry_tag") == [("before",)]


@pytest.mark.parametrize(
    ("answers", "named", "expected"),
    [
        ({"safe": 11}, "'safe'", "outside its scale"),
        ({"safe": -3}, "'safe'", "outside its scale"),
        ({"safe": -1}, "'safe'", "outside its scale"),
        ({"safe": 6.5}, "'safe'", "whole number"),
        ({"mood": "furious"}, "'mood'", "one of its options"),
        ({"themes": "trust"}, "'themes'", "a list of its options"),
        ({"held_back": "maybe"}, "'held_back'", "yes or no"),
        ({"notes": 42}, "'notes'", "expected text"),
        ({"unknown": "x"}, "'unknown'", "not a question"),
        ({"held_back": "no", "what": "x"}, "'what'", "condition is not met"),
    ],
)
def test_one_invalid_value_names_the_question_and_saves_nothing(
    cli, small_pack, journal, tmp_path, answers, named, expected
):
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({"mood": "calm", **answers}))
    outcome = cli("run", "small", "--answers", str(file))
    assert outcome.exit_code == 1
    assert named in outcome.stderr and expected in outcome.stderr
    assert "nothing was saved" in outcome.stderr
    assert entries(journal) == []


@pytest.mark.parametrize("value", [0, 10])
def test_both_ends_of_a_scale_are_accepted_from_an_answers_file(
    cli, small_pack, stored, tmp_path, value
):
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({"safe": value}))
    outcome = cli("run", "small", "--answers", str(file))
    assert outcome.exit_code == 0, outcome.stderr
    assert stored(outcome.stdout.strip())["safe"] == value


def test_an_error_never_echoes_the_answer_text(cli, small_pack, tmp_path):
    file = tmp_path / "answers.yaml"
    file.write_text(json.dumps({"mood": "my secret feeling", "safe": "also secret"}))
    outcome = cli("run", "small", "--answers", str(file))
    assert outcome.exit_code == 1
    assert "secret" not in outcome.output


def test_answers_can_come_from_standard_input(run_reflect, small_pack, stored, journal):
    outcome = run_reflect("run", "small", "--answers", "-", input='{"safe": 3, "mood": "warm"}')
    assert outcome.exit_code == 0, outcome.stderr
    assert stored(outcome.stdout.strip())["safe"] == 3


def test_an_answers_file_that_is_not_a_mapping_is_refused(cli, small_pack, tmp_path, journal):
    file = tmp_path / "answers.yaml"
    file.write_text("- just\n- a list\n")
    outcome = cli("run", "small", "--answers", str(file))
    assert outcome.exit_code == 1 and "mapping" in outcome.stderr
    assert entries(journal) == []


def test_an_oversized_answers_file_is_refused(cli, small_pack, tmp_path):
    file = tmp_path / "answers.yaml"
    file.write_bytes(b"notes: '" + b"x" * (4 * 1024 * 1024) + b"'\n")
    outcome = cli("run", "small", "--answers", str(file))
    assert outcome.exit_code == 1 and "4 MiB" in outcome.stderr


def test_hostile_text_from_an_answers_file_is_stored_byte_exact(cli, small_pack, stored, tmp_path):
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({"notes": HOSTILE, "what": None}), encoding="utf-8")
    outcome = cli("run", "small", "--answers", str(file))
    assert outcome.exit_code == 0, outcome.stderr
    assert stored(outcome.stdout.strip())["notes"] == HOSTILE


def test_at_dates_the_entry(cli, small_pack, journal, tmp_path):
    file = tmp_path / "answers.yaml"
    file.write_text("safe: 5\n")
    outcome = cli("run", "small", "--answers", str(file), "--at", "2026-11-03T18:30")
    assert outcome.exit_code == 0, outcome.stderr
    (created,) = journal.query_one("SELECT created_at FROM entry")
    assert created.startswith("2026-11-03T18:30")


def test_without_a_terminal_or_answers_it_exits_at_once_pointing_at_answers(small_pack):
    import subprocess
    import sys

    script = Path(sys.executable).parent / "reflect"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "reflect"]

    def timed(*args: str) -> tuple[float, subprocess.CompletedProcess[bytes]]:
        started = time.monotonic()
        # Standard input is a pipe that stays open: reading from it would wait forever.
        with subprocess.Popen(
            [*command, *args], stdin=subprocess.PIPE, stderr=subprocess.PIPE
        ) as process:
            _, stderr = process.communicate(timeout=10)
        return time.monotonic() - started, subprocess.CompletedProcess(
            args, process.returncode, b"", stderr
        )

    startup, _ = timed("--version")
    elapsed, completed = timed("run", "small")
    assert completed.returncode == 1
    assert b"--answers" in completed.stderr
    # Within a second of work beyond starting Python (a busy CI machine slows both alike).
    assert elapsed < 1.0 + startup, f"took {elapsed:.2f}s (startup {startup:.2f}s)"


def test_resume_cannot_be_combined_with_an_answers_file(cli, small_pack, tmp_path: Path):
    outcome = cli("run", "small", "--resume", "--answers", str(tmp_path / "a.yaml"))
    assert outcome.exit_code == 1 and "--resume" in outcome.stderr


@pytest.mark.parametrize(
    "content", ["safe: 3\nmood: calm\nsafe: 7\n", '{"safe": 3, "safe": 7}'], ids=["yaml", "json"]
)
def test_a_question_answered_twice_is_refused(cli, small_pack, tmp_path, journal, content):
    file = tmp_path / "answers.txt"
    file.write_text(content)
    outcome = cli("run", "small", "--answers", str(file))
    assert outcome.exit_code == 1
    assert "'safe' more than once" in outcome.stderr
    assert entries(journal) == []


def test_an_unknown_pack_is_reported_first_even_without_a_terminal(run_reflect, reflect_home):
    outcome = run_reflect("run", "nope")  # standard input is /dev/null: no terminal
    assert outcome.exit_code == 1
    assert "no pack called 'nope'" in outcome.stderr
    assert "Known packs: alliance, " in outcome.stderr and "checkin" in outcome.stderr
    assert "terminal" not in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert not (reflect_home / "journal.db").exists()


def test_a_misspelt_pack_gets_the_closest_name(run_reflect):
    outcome = run_reflect("run", "trus")
    assert outcome.exit_code == 1
    assert "no pack called 'trus'" in outcome.stderr
    assert "Did you mean 'trust'?" in outcome.stderr


@pytest.mark.parametrize("command", [["run", "small"], ["note"]], ids=["run", "note"])
def test_a_date_that_cannot_be_read_is_reported_before_anything_is_asked(
    run_reflect, small_pack, command
):
    outcome = run_reflect(*command, "--at", "the day after never")
    assert outcome.exit_code == 1
    assert "Could not understand the date" in outcome.stderr
    assert "terminal" not in outcome.stderr
