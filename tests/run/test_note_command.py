"""`reflect note`: from the argument, from standard input; an empty note is not saved."""

from __future__ import annotations

HOSTILE = "🙂 أشعر بالأمان \x1b[2J\x1b]0;hijacked\x07\n\n\nafter blank lines " + "x" * 10_000


def notes(journal) -> list[tuple[str, int, int]]:
    return journal.query(
        "SELECT a.value_text, e.flagged, e.private FROM entry e "
        "JOIN answer a ON a.entry_id = e.id WHERE e.kind = 'note'"
    )


def test_a_note_from_the_argument_is_saved(cli, journal):
    outcome = cli("note", "Felt rushed at the end.", "--flag", "--private", "--tag", "rush")
    assert outcome.exit_code == 0, outcome.stderr
    assert "Saved your note" in outcome.stderr
    assert notes(journal) == [("Felt rushed at the end.", 1, 1)]
    assert journal.query("SELECT tag FROM entry_tag") == [("rush",)]


def test_a_note_from_standard_input_is_saved_without_its_final_newline(run_reflect, journal):
    outcome = run_reflect("note", input="text from a pipe\n")
    assert outcome.exit_code == 0, outcome.stderr
    assert notes(journal) == [("text from a pipe", 0, 0)]


def test_hostile_text_in_a_note_is_stored_byte_exact_and_never_echoed(run_reflect, journal):
    outcome = run_reflect("note", input=HOSTILE.encode("utf-8"))
    assert outcome.exit_code == 0, outcome.stderr
    assert notes(journal) == [(HOSTILE, 0, 0)]
    assert "\x1b" not in outcome.output


def test_an_empty_note_is_not_saved_and_says_so(run_reflect, journal):
    outcome = run_reflect("note", input="  \n\n")
    assert outcome.exit_code == 1
    assert "empty, so nothing was saved" in outcome.stderr
    assert notes(journal) == []


def test_a_note_can_be_dated(cli, journal):
    outcome = cli("note", "written later", "--at", "2026-11-03")
    assert outcome.exit_code == 0, outcome.stderr
    (created,) = journal.query_one("SELECT created_at FROM entry")
    assert created.startswith("2026-11-03")
