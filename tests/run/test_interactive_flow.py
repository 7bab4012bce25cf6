"""The interactive run, in-process: the real questionary prompts fed from a pipe."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from prompt_keys import CTRL_C, CTRL_E, DOWN, ENTER, SPACE

SEVEN = "7" + ENTER  # a digit moves the pointer to that number
YES = DOWN + ENTER  # the pointer starts on nothing: ↓ goes to the first answer
NO = DOWN * 2 + ENTER
TENSE = DOWN * 2 + ENTER
TRUST_AND_FIT = DOWN + SPACE + DOWN + DOWN + SPACE + ENTER
TWO_LINES = "line one" + ENTER + "line two" + ENTER + ENTER  # Enter on an empty line saves


def test_every_kind_of_question_is_asked_and_saved(drive, small_pack, stored):
    keys = SEVEN + YES + "kept quiet" + ENTER + TENSE + TRUST_AND_FIT + TWO_LINES
    run = drive(small_pack, keys)
    assert stored(run.entry_id) == {
        "safe": 7,
        "held_back": "yes",
        "what": "kept quiet",
        "mood": "tense",
        "themes": ["trust", "fit"],
        "notes": "line one\nline two",
    }


def test_a_follow_up_is_not_asked_when_its_condition_is_not_met(drive, small_pack, stored):
    run = drive(small_pack, SEVEN + NO + TENSE + TRUST_AND_FIT + TWO_LINES)
    assert "what" not in stored(run.entry_id)
    assert stored(run.entry_id)["mood"] == "tense"


def test_skipping_stores_an_empty_answer(drive, small_pack, stored):
    skip_scale = DOWN * 12 + ENTER  # 0 ... 10, then "Skip this question"
    skip_yes_no = DOWN * 3 + ENTER
    run = drive(small_pack, skip_scale + skip_yes_no + TENSE + ENTER + ENTER)
    assert stored(run.entry_id) == {
        "safe": None,
        "held_back": None,
        "mood": "tense",
        "themes": None,
        "notes": None,
    }


def test_back_returns_to_the_previous_answer_and_changes_it(drive, small_pack, stored):
    back_from_yes_no = DOWN * 4 + ENTER  # Yes -> No -> Skip -> Back
    eight = DOWN + ENTER  # the scale reopens on the earlier answer, 7
    keys = SEVEN + back_from_yes_no + eight + NO + TENSE + TRUST_AND_FIT + TWO_LINES
    run = drive(small_pack, keys)
    assert stored(run.entry_id)["safe"] == 8
    assert stored(run.entry_id)["held_back"] == "no"


def test_ctrl_c_keeps_the_answers_given_so_far_in_a_draft(drive, small_pack, stored, newest_draft):
    with pytest.raises(KeyboardInterrupt):
        drive(small_pack, SEVEN + YES + "half a sent" + CTRL_C)
    draft = newest_draft("small")
    assert draft is not None
    assert stored(draft.entry_id) == {"safe": 7, "held_back": "yes"}


def test_resume_continues_at_the_first_unanswered_question(
    drive, small_pack, stored, newest_draft, journal
):
    with pytest.raises(KeyboardInterrupt):
        drive(small_pack, SEVEN + YES + CTRL_C)
    draft = newest_draft("small")
    run = drive(small_pack, "kept quiet" + ENTER + TENSE + TRUST_AND_FIT + TWO_LINES, resume=True)
    run.complete()
    assert run.entry_id == draft.entry_id
    assert newest_draft("small") is None
    assert stored(run.entry_id)["safe"] == 7
    assert stored(run.entry_id)["what"] == "kept quiet"
    assert stored(run.entry_id)["notes"] == "line one\nline two"
    completed = journal.query_one("SELECT completed_at FROM entry WHERE id = ?", (run.entry_id,))
    assert completed[0] is not None


def test_resume_without_a_draft_says_so(small_pack, journal):
    from reflect.core.running import PackRun
    from reflect.errors import ReflectError

    with pytest.raises(ReflectError, match="no unfinished entry"):
        PackRun.resume(journal, small_pack)


def _editor_writing(tmp_path: Path, content: bytes) -> Path:
    """A stand-in for $EDITOR that replaces the file with `content`."""
    source = tmp_path / "content.bin"
    source.write_bytes(content)
    script = tmp_path / "editor.py"
    script.write_text(
        f"#!{sys.executable}\nimport shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[1])\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


HOSTILE = (
    "🙂 أشعر بالأمان معك 🌱\n\n\nblank lines above\n"
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b[2J\n" + "x" * 10_000 + "\n  trailing spaces  "
)


def test_ctrl_e_takes_a_long_answer_from_the_editor_byte_exact(
    drive, small_pack, stored, tmp_path, monkeypatch
):
    editor = _editor_writing(tmp_path, HOSTILE.encode("utf-8") + b"\n")
    monkeypatch.setenv("EDITOR", str(editor))
    run = drive(small_pack, SEVEN + NO + TENSE + TRUST_AND_FIT + CTRL_E)
    assert stored(run.entry_id)["notes"] == HOSTILE


def test_the_recap_shows_hostile_answers_without_raw_escapes(small_pack, capsys):
    from reflect.render.running import show_recap

    notes = small_pack.question("notes")
    show_recap(small_pack, [(notes, HOSTILE)])
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\x07" not in shown
    assert "␛[31mred" in shown
    assert "🙂" in shown


def test_a_long_scale_is_typed_as_a_number(drive, journal, reflect_home, stored):
    from reflect.packs.schema import validated_pack

    pack = validated_pack(
        {
            "id": "wide",
            "title": "Wide",
            "questions": [
                {
                    "id": "percent",
                    "text": "How much?",
                    "kind": "scale",
                    "min": 0,
                    "max": 100,
                    "dimension": "trust",
                },
                {
                    "id": "again",
                    "text": "And now?",
                    "kind": "scale",
                    "min": 0,
                    "max": 100,
                    "dimension": "trust",
                },
            ],
        }
    )
    run = drive(pack, "101" + ENTER + "" + "\x7f\x7f\x7f" + "64" + ENTER + ENTER)
    assert stored(run.entry_id) == {"percent": 64, "again": None}
