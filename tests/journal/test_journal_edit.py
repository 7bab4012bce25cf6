from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.core.journal import edit_document, parse_edit_document
from reflect.store.journal import load_entry

EDITOR_SCRIPT = """
import json, os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for old, new in json.loads(os.environ["TEST_EDITS"]):
    if old not in text and os.environ.get("TEST_EDITS_OPTIONAL"):
        continue
    assert old in text, old
    text = text.replace(old, new)
open(path, "w", encoding="utf-8").write(text)
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch):
    """$EDITOR is a script applying (old, new) replacements to the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT)
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")

    def set_edits(*edits: tuple[str, str]) -> None:
        monkeypatch.setenv("TEST_EDITS", json.dumps(edits))

    return set_edits


def _answers(cli, entry_id: str) -> dict[str, object]:
    shown = json.loads(cli("show", entry_id, "--json").stdout)
    return {answer["question_id"]: answer["value"] for answer in shown["answers"]}


def test_edit_changes_answers_and_the_search_index(cli, editor, write_entry):
    entry = write_entry("2026-11-01T10:00")
    editor(
        ("It went fine.", "It went better than I feared."),
        ("safety: 7", "safety: 9"),
        ("topics: [work]", "topics: [work, family]"),
        ("later: ~", "later: the fee"),
        ("return: yes", "return: no"),
    )
    outcome = cli("edit", entry[:8])
    assert outcome.exit_code == 0 and "Saved 5 changed answers" in outcome.stderr
    answers = _answers(cli, entry)
    assert answers["feeling"] == "It went better than I feared."
    assert (answers["safety"], answers["topics"]) == (9, ["work", "family"])
    assert (answers["later"], answers["return"]) == ("the fee", "no")
    assert json.loads(cli("search", "feared", "--json").stdout)["entries"][0]["id"] == entry
    assert json.loads(cli("search", "fine", "--json").stdout)["entries"] == []


def test_edit_a_note(cli, editor, write_note):
    entry = write_note("2026-11-01T10:00", "first\nsecond")
    editor(("  second", "  second and third"))
    assert cli("edit", entry).exit_code == 0
    assert _answers(cli, entry) == {"note": "first\nsecond and third"}


@pytest.mark.parametrize(
    ("edit", "names"),
    [
        (("safety: 7", "safety: 11"), "'safety' must be a whole number from 0 to 10"),
        (("safety: 7", "safety: 6.5"), "'safety'"),
        (("safety: 7", "safety: lots"), "'safety'"),
        (("mood: calm", "mood: furious"), "'mood' must be one of: calm, tense"),
        (("topics: [work]", "topics: [work, work]"), "'topics'"),
        (("return: yes", "return: maybe"), "'return' must be yes or no"),
        (("later: ~", "later: 42"), "'later' must be text"),
        (("later: ~", "later: ~\nextra: 1"), "no question 'extra'"),
        (("mood: calm", "mood: [calm"), "not valid YAML"),
    ],
)
def test_invalid_edits_change_nothing_and_name_the_question(cli, editor, write_entry, edit, names):
    entry = write_entry("2026-11-01T10:00")
    before = _answers(cli, entry)
    editor(("It went fine.", "Changed text."), edit)
    outcome = cli("edit", entry[:8])
    assert outcome.exit_code == 1
    assert names in outcome.stderr and "Changed text" not in outcome.stderr
    assert _answers(cli, entry) == before


def test_closing_the_editor_without_changes_saves_nothing(cli, editor, write_entry):
    entry = write_entry("2026-11-01T10:00")
    editor()
    outcome = cli("edit", entry)
    assert outcome.exit_code == 0 and "No changes." in outcome.stderr


def test_flags_privacy_and_tags_change_without_an_editor(cli, monkeypatch, write_entry):
    monkeypatch.setenv("EDITOR", "false")  # would fail the command if it were opened
    entry = write_entry("2026-11-01T10:00", tags=["old"])
    outcome = cli("edit", entry[:8], "--flag", "--private", "--tag", "Rupture", "--untag", "old")
    assert outcome.exit_code == 0
    shown = json.loads(cli("show", entry, "--json").stdout)
    assert (shown["flagged"], shown["private"], shown["tags"]) == (True, True, ["rupture"])
    cli("edit", entry[:8], "--unflag", "--public")
    shown = json.loads(cli("show", entry, "--json").stdout)
    assert (shown["flagged"], shown["private"]) == (False, False)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
def test_an_unchanged_document_reads_back_as_no_change(journal, write_note, text):
    entry = write_note("2026-11-01T10:00", text)
    detail = load_entry(journal, entry)
    assert parse_edit_document(edit_document(detail), detail.answers) == []


def test_on_a_terminal_an_invalid_edit_reopens_the_editor_to_fix_it(
    cli, editor, write_entry, monkeypatch
):
    monkeypatch.setattr("reflect.cli.journal.is_interactive", lambda: True)
    monkeypatch.setenv("TEST_EDITS_OPTIONAL", "1")
    entry = write_entry("2026-11-01T10:00")
    # First run: 7 -> 70 (out of range). The editor reopens on that text; second run: 70 -> 3.
    editor(("safety: 70\n", "safety: 3\n"), ("safety: 7\n", "safety: 70\n"))
    outcome = cli("edit", entry[:8], input="n\n")
    assert outcome.exit_code == 1 and "'safety'" in outcome.stderr
    assert _answers(cli, entry)["safety"] == 7
    outcome = cli("edit", entry[:8], input="y\n")
    assert outcome.exit_code == 0, outcome.output
    assert "Open the editor again" in outcome.stdout
    assert _answers(cli, entry)["safety"] == 3
