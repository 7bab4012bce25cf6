from __future__ import annotations

import io
import json

from journal_samples import PACK, QUESTIONS, local
from rich.console import Console
from rich.pager import Pager

from reflect.render.journal import print_paged
from reflect.store.entries import start_entry


def test_show_gives_every_question_as_asked_with_its_answer(cli, write_entry):
    entry = write_entry("2026-11-01T10:00", tags=["work"], flagged=True)
    outcome = cli("show", entry[:8])
    assert outcome.exit_code == 0
    for question in QUESTIONS:
        assert question.text in outcome.stdout
    assert "It went fine." in outcome.stdout
    assert "7  (scale 0–10; 0 = not at all, 10 = completely)" in outcome.stdout
    assert "work" in outcome.stdout and "calm" in outcome.stdout
    assert "(skipped)" in outcome.stdout
    assert "flagged" in outcome.stdout and "#work" in outcome.stdout


def test_show_json_carries_the_question_snapshot(cli, write_entry):
    entry = write_entry("2026-11-01T10:00")
    shown = json.loads(cli("show", entry, "--json").stdout)
    safety = next(answer for answer in shown["answers"] if answer["question_id"] == "safety")
    assert safety["scale"]["max_label"] == "completely" and safety["value"] == 7
    later = next(answer for answer in shown["answers"] if answer["question_id"] == "later")
    assert later["skipped"] is True and later["value"] is None


def test_escape_sequences_in_answers_never_reach_the_terminal(cli, write_note, write_entry):
    note = write_note("2026-11-01T10:00", "bold \x1b[1mmove\x1b[2J clear", tags=["x\x1b[31m"])
    for args in (("show", note), ("list",), ("search", "clear")):
        outcome = cli(*args)
        assert "\x1b" not in outcome.stdout, args
        assert "␛" in outcome.stdout, args


def test_list_shows_previews_and_points_at_hidden_drafts(cli, journal, write_note):
    write_note("2026-11-01T10:00", "first words of the note")
    start_entry(journal, PACK, at=local("2026-11-02T10:00"))
    outcome = cli("list")
    assert "first words of the note" in outcome.stdout
    assert "1 unfinished draft: `reflect list --drafts`." in outcome.stderr
    ranged = cli("list", "--since", "2026-11-02")
    assert "1 unfinished draft in this range: `reflect list --drafts`." in ranged.stderr
    drafts = json.loads(cli("list", "--drafts", "--json").stdout)["entries"]
    assert [entry["draft"] for entry in drafts] == [True]


def test_a_journal_of_drafts_only_says_nothing_is_finished_yet(cli, journal):
    start_entry(journal, PACK, at=local("2026-11-02T10:00"))
    outcome = cli("list")
    assert outcome.exit_code == 0
    assert outcome.stderr.splitlines() == [
        "No finished entries yet.",
        "1 unfinished draft: `reflect list --drafts`.",
    ]
    assert cli("list", "--pack", "note").stderr.splitlines() == ["No entries match."]


def test_asking_for_drafts_when_there_are_none_says_so(cli, write_note):
    write_note("2026-11-01T10:00", "a finished note")
    assert cli("list", "--drafts").stderr.splitlines() == ["No unfinished drafts."]
    filtered = cli("list", "--drafts", "--tag", "pace").stderr.splitlines()
    assert filtered == ["No unfinished drafts match."]


def test_an_empty_journal_says_how_to_start(cli):
    outcome = cli("list")
    assert outcome.exit_code == 0 and "reflect note" in outcome.stderr


class RecordingPager(Pager):
    def __init__(self) -> None:
        self.content = ""

    def show(self, content: str) -> None:
        self.content += content


def _terminal(height: int) -> Console:
    return Console(
        file=io.StringIO(),
        force_terminal=True,
        force_interactive=True,
        height=height,
        highlight=False,
    )


def test_long_output_on_a_terminal_goes_through_the_pager(monkeypatch):
    pager = RecordingPager()
    console = _terminal(height=5)
    monkeypatch.setattr("rich.console.SystemPager", lambda: pager)
    print_paged(console, [f"line {number}" for number in range(20)])
    assert "line 19" in pager.content


def test_short_output_is_printed_directly(monkeypatch):
    pager = RecordingPager()
    console = _terminal(height=50)
    monkeypatch.setattr("rich.console.SystemPager", lambda: pager)
    print_paged(console, ["one line"])
    assert pager.content == "" and "one line" in console.file.getvalue()
