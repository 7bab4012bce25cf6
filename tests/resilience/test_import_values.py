"""An import checks every answer against its question the way a run does, and names encodings
(issue #12, item 8): a value that does not fit is refused with the entry and question named,
the whole file is refused and the journal is unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def exported(run_reflect, reflect_home: Path, tmp_path: Path) -> dict:
    """A reflect export of one run of the starter pack `packs new` writes (felt-heard 7 on
    0-10, leaving-feeling one of four options), made in another data folder."""
    source = {"REFLECT_HOME": str(tmp_path / "source-home")}
    assert run_reflect("packs", "new", "mine", env=source).exit_code == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text("felt-heard: 7\nleaving-feeling: lighter\n", encoding="utf-8")
    saved = run_reflect("run", "mine", "--answers", str(answers), env=source)
    assert saved.exit_code == 0, saved.stderr
    document = json.loads(run_reflect("export", "-f", "json", env=source).stdout)
    assert run_reflect("note", "already in the journal").exit_code == 0
    return document


def _answer(document: dict, question_id: str) -> dict:
    return next(
        answer
        for answer in document["entries"][0]["answers"]
        if answer["question"]["id"] == question_id
    )


def set_value(question_id: str, value) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        _answer(document, question_id)["value"] = value

    return change


def set_question(question_id: str, **fields) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        _answer(document, question_id)["question"].update(fields)

    return change


def duplicate_question(document: dict) -> None:
    answers = document["entries"][0]["answers"]
    answers.append(json.loads(json.dumps(_answer(document, "felt-heard"))))


def multi_outside(document: dict) -> None:
    answer = _answer(document, "leaving-feeling")
    answer["question"].update(kind="multi")
    answer["value"] = ["lighter", "flying"]


BAD = {
    "999 on 0-10": (set_value("felt-heard", 999), "felt-heard"),
    "-5 on 0-10": (set_value("felt-heard", -5), "felt-heard"),
    "3.5 on a whole-number scale": (set_value("felt-heard", 3.5), "felt-heard"),
    "true as a number": (set_value("felt-heard", True), "felt-heard"),
    "1e308": (set_value("felt-heard", 1e308), "felt-heard"),
    "a choice outside its options": (set_value("leaving-feeling", "flying"), "leaving-feeling"),
    "a pick outside the options": (multi_outside, "leaving-feeling"),
    "min above max": (set_question("felt-heard", scale_min=10, scale_max=0), "felt-heard"),
    "a question twice in one entry": (duplicate_question, "felt-heard"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_an_answer_that_does_not_fit_its_question_is_refused_by_entry_and_question(
    run_reflect, reflect_home, exported, tmp_path, name
):
    change, question_id = BAD[name]
    change(exported)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    journal = reflect_home / "journal.db"
    before = journal.read_bytes()

    outcome = run_reflect("import", str(path))

    assert outcome.exit_code == 1, (outcome.stdout, outcome.stderr)
    assert outcome.stderr.startswith("Error: ")
    assert "Traceback" not in outcome.stderr and "UNIQUE" not in outcome.stderr
    assert exported["entries"][0]["id"] in outcome.stderr, outcome.stderr
    assert repr(question_id) in outcome.stderr or question_id in outcome.stderr
    assert "Nothing was imported" in outcome.stderr
    assert journal.read_bytes() == before
    assert run_reflect("trends").exit_code == 0


def test_the_unchanged_export_imports(run_reflect, exported, tmp_path):
    """The control: the same file as exported is taken."""
    path = tmp_path / "unchanged.json"
    path.write_text(json.dumps(exported), encoding="utf-8")

    outcome = run_reflect("import", str(path))

    assert outcome.exit_code == 0, outcome.stderr


def test_a_utf8_byte_order_mark_is_accepted(run_reflect, exported, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(exported).encode("utf-8"))

    outcome = run_reflect("import", str(path))

    assert outcome.exit_code == 0, outcome.stderr


@pytest.mark.parametrize(
    ("encode", "named"),
    [
        (lambda text: text.encode("utf-16"), "UTF-16"),
        (lambda text: text.encode("utf-16-le"), "UTF-16"),
        (lambda text: text.encode("utf-32"), "UTF-32"),
        (
            lambda text: text.replace("felt-heard", "felt\udcffheard").encode(
                "utf-8", "surrogateescape"
            ),
            "not UTF-8",
        ),
    ],
    ids=["utf-16", "utf-16-no-bom", "utf-32", "invalid-utf-8"],
)
def test_an_encoding_other_than_utf8_is_named(
    run_reflect, reflect_home, exported, tmp_path, encode, named
):
    path = tmp_path / "encoded.json"
    path.write_bytes(encode(json.dumps(exported)))
    before = (reflect_home / "journal.db").read_bytes()

    outcome = run_reflect("import", str(path))

    assert outcome.exit_code == 1
    assert named in outcome.stderr, outcome.stderr
    assert "cut short" not in outcome.stderr
    assert (reflect_home / "journal.db").read_bytes() == before
