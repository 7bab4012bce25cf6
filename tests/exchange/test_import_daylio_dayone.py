"""Coming from another app: Daylio's CSV and Day One's JSON (or zip) become reflect entries.

Fixtures: tests/fixtures/daylio/ and tests/fixtures/dayone/ (their READMEs say where the shapes
come from). Every refusal leaves the journal exactly as it was.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAYLIO = FIXTURES / "daylio" / "daylio_export.csv"
DAYONE = FIXTURES / "dayone" / "Journal.json"


def entries(run_reflect, *args: str, env: dict[str, str] | None = None) -> list[dict]:
    outcome = run_reflect("list", "--json", "-n", "100", *args, env=env)
    assert outcome.exit_code == 0, outcome.output
    listed = json.loads(outcome.stdout)
    return listed["entries"] if isinstance(listed, dict) else listed


def shown(run_reflect, entry_id: str) -> dict:
    outcome = run_reflect("show", entry_id, "--json")
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)


def answers_of(detail: dict) -> dict[str, object]:
    return {answer["question_id"]: answer["value"] for answer in detail["answers"]}


def seeded_journal(run_reflect) -> list[dict]:
    """A journal holding one note, as a person's would; returns its entries."""
    assert run_reflect("note", "Already here.").exit_code == 0
    return entries(run_reflect)


# --- Daylio ------------------------------------------------------------------------------------


def test_daylio_rows_become_mood_entries_with_tags_words_and_notes(run_reflect):
    outcome = run_reflect("import", "--from", "daylio", str(DAYLIO), "--mood", "Anxious=bad")
    assert outcome.exit_code == 0, outcome.output
    assert "5 entries added, 0 entries already there." in outcome.stderr

    listed = entries(run_reflect)
    assert [entry["created_at"][:16] for entry in listed] == [
        "2026-11-12T21:40",
        "2026-11-12T08:05",
        "2026-11-10T19:30",
        "2026-11-09T10:15",
        "2026-11-02T18:00",
    ]
    assert {entry["pack"]["id"] for entry in listed} == {"mood"}
    by_time = {entry["created_at"][:16]: entry for entry in listed}
    assert by_time["2026-11-12T21:40"]["tags"] == ["friends", "good meal"]
    assert by_time["2026-11-09T10:15"]["tags"] == ["bad sleep", "tired"]

    rad = answers_of(shown(run_reflect, by_time["2026-11-12T21:40"]["id"]))
    assert rad == {"mood": 10, "mood-word": "rad", "note": "Dinner with Léa 🎉"}
    anxious = answers_of(shown(run_reflect, by_time["2026-11-12T08:05"]["id"]))
    assert anxious == {
        "mood": 3,
        "mood-word": "Anxious",
        "note": "Session day\nNervous before therapy.\nWrote down what I want to say.",
    }
    awful = answers_of(shown(run_reflect, by_time["2026-11-09T10:15"]["id"]))
    assert awful["mood"] == 0
    assert awful["note"] == "Couldn't sleep.\nThinking about Friday."
    meh = answers_of(shown(run_reflect, by_time["2026-11-10T19:30"]["id"]))
    assert meh == {"mood": 5, "mood-word": "meh"}  # no note: no empty answer


def test_importing_the_same_daylio_file_twice_adds_nothing(run_reflect):
    args = ("import", "--from", "daylio", str(DAYLIO), "--mood", "anxious=2")
    assert run_reflect(*args).exit_code == 0
    again = run_reflect(*args)
    assert again.exit_code == 0
    assert "0 entries added, 5 entries already there." in again.stderr
    assert len(entries(run_reflect)) == 5


def test_daylio_mood_history_shows_in_trends(run_reflect):
    outcome = run_reflect("import", "--from", "daylio", str(DAYLIO), "--mood", "Anxious=bad")
    assert outcome.exit_code == 0, outcome.output
    outcome = run_reflect("trends", "--all", "--by", "week", "--json")
    assert outcome.exit_code == 0, outcome.output
    report = json.loads(outcome.stdout)
    mood = next(d for d in report["dimensions"] if d["name"] == "mood")
    # week of 2 Nov: good 8; week of 9 Nov: awful 0, meh 5, Anxious (bad) 3, rad 10 -> 4.5
    assert [(p["start"], p["entries"], p["score"]) for p in mood["periods"]] == [
        ("2026-11-02", 1, 8.0),
        ("2026-11-09", 4, 4.5),
    ]


def test_daylio_times_are_read_as_local_time(run_reflect):
    env = {"TZ": "Pacific/Auckland"}
    outcome = run_reflect(
        "import", "--from", "daylio", str(DAYLIO), "--mood", "Anxious=bad", env=env
    )
    assert outcome.exit_code == 0, outcome.output
    times = {e["created_at"] for e in entries(run_reflect, env={"TZ": "UTC"})}
    # 21:40 on 12 November in Auckland (UTC+13 in summer) is 08:40 UTC that day.
    assert any(moment.startswith("2026-11-12T08:40") for moment in times), times


def test_custom_moods_without_a_level_are_named_and_nothing_is_imported(run_reflect):
    before = seeded_journal(run_reflect)
    outcome = run_reflect("import", "--from", "daylio", str(DAYLIO))
    assert outcome.exit_code == 1
    assert "custom moods reflect cannot place on the mood scale: 'Anxious'" in outcome.stderr
    assert "--mood 'Anxious=LEVEL'" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert entries(run_reflect) == before


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("Anxious", "should look like NAME=LEVEL"),
        ("Anxious=7", "is not a Daylio mood level"),
        ("Anxious=sad", "is not a Daylio mood level"),
    ],
)
def test_a_bad_mood_mapping_is_refused(run_reflect, mapping, message):
    outcome = run_reflect("import", "--from", "daylio", str(DAYLIO), "--mood", mapping)
    assert outcome.exit_code == 1
    assert message in outcome.stderr
    assert entries(run_reflect) == []


def test_mood_mapping_is_only_for_daylio(run_reflect):
    outcome = run_reflect("import", "--from", "dayone", str(DAYONE), "--mood", "x=good")
    assert outcome.exit_code == 1
    assert "--mood only applies to Daylio imports" in outcome.stderr


HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"date,mood\n2026-11-02,good\n", "does not look like a Daylio CSV export"),
        (HEADER.encode() + b"2026-11-02,2 Nov,Monday,18:00,good\n", "has 5 columns, not 8"),
        (HEADER.encode() + b"2026-13-02,2 Nov,Monday,18:00,good,,,\n", "no date reflect can read"),
        (HEADER.encode() + b"2026-11-02,2 Nov,Monday,six pm,good,,,\n", "a time reflect cannot"),
        (HEADER.encode() + b"2026-11-02,2 Nov,Monday,18:00,,,,\n", "has no mood"),
        (HEADER.encode("utf-16"), "is UTF-16 text"),
        (b"", "does not look like a Daylio CSV export"),
    ],
)
def test_a_damaged_or_foreign_daylio_file_is_refused_whole(run_reflect, tmp_path, content, message):
    good_row = b"2026-11-01,1 Nov,Sunday,09:00,good,,,\n"
    path = tmp_path / "export.csv"
    # a good row first: it must not be imported when a later one is bad
    path.write_bytes(content.replace(HEADER.encode(), HEADER.encode() + good_row, 1))
    before = seeded_journal(run_reflect)
    outcome = run_reflect("import", "--from", "daylio", str(path))
    assert outcome.exit_code == 1, outcome.output
    assert message in outcome.stderr
    assert "Nothing was imported" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert entries(run_reflect) == before


def test_an_empty_daylio_export_says_so(run_reflect, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(HEADER)
    outcome = run_reflect("import", "--from", "daylio", str(path))
    assert outcome.exit_code == 1
    assert "a Daylio export with no entries" in outcome.stderr


def test_daylio_dry_run_changes_nothing(run_reflect, reflect_home):
    outcome = run_reflect(
        "import", "--from", "daylio", str(DAYLIO), "--mood", "Anxious=bad", "--dry-run"
    )
    assert outcome.exit_code == 0
    assert "5 entries would be added" in outcome.stderr
    assert entries(run_reflect) == []


# --- Day One -----------------------------------------------------------------------------------


def dayone_zip(tmp_path: Path, journal: bytes | None = None) -> Path:
    path = tmp_path / "dayone-export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Journal.json", journal if journal is not None else DAYONE.read_bytes())
        archive.writestr("photos/68D729369ED84A8B91B5D348E4592EFE.jpeg", b"\xff\xd8not a photo")
    return path


@pytest.mark.parametrize("as_zip", [False, True], ids=["json", "zip"])
def test_day_one_entries_become_notes_with_tags_stars_and_times(run_reflect, tmp_path, as_zip):
    path = dayone_zip(tmp_path) if as_zip else DAYONE
    outcome = run_reflect("import", "--from", "dayone", str(path))
    assert outcome.exit_code == 0, outcome.output
    assert "3 entries added, 0 entries already there." in outcome.stderr
    assert "2 photo, video, audio or PDF items left out" in outcome.stderr

    listed = entries(run_reflect)
    by_day = {entry["created_at"][:10]: entry for entry in listed}
    assert set(by_day) == {"2026-11-03", "2026-11-05", "2026-11-06"}
    session = by_day["2026-11-03"]
    assert session["flagged"] is True
    assert session["tags"] == ["after session", "therapy"]
    assert session["created_at"].startswith("2026-11-03T19:04:32")  # the exact instant (UTC)
    assert answers_of(shown(run_reflect, session["id"])) == {
        "note": "After the session\n\n\nI said the thing I'd been holding back. "
        "It felt *shaky* but okay!"
    }
    german = answers_of(shown(run_reflect, by_day["2026-11-05"]["id"]))
    assert german == {"note": "Café, ☕ und Gedanken — שלום\nZweite Zeile 🌱"}
    assert by_day["2026-11-05"]["flagged"] is False
    late = answers_of(shown(run_reflect, by_day["2026-11-06"]["id"]))
    assert late == {"note": "Late one: a list\n\n- first\n- second"}


def test_importing_day_one_twice_adds_nothing_and_a_newer_edit_replaces(run_reflect, tmp_path):
    assert run_reflect("import", "--from", "dayone", str(DAYONE)).exit_code == 0
    again = run_reflect("import", "--from", "dayone", str(dayone_zip(tmp_path)))
    assert "0 entries added, 3 entries already there." in again.stderr

    edited = json.loads(DAYONE.read_text())
    edited["entries"][1]["text"] = "Café, edited later"
    edited["entries"][1]["modifiedDate"] = "2026-11-20T10:00:00Z"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited))
    outcome = run_reflect("import", "--from", "dayone", str(path))
    assert outcome.exit_code == 0
    assert "replaced: the file's version is newer" in outcome.stderr
    listed = entries(run_reflect)
    assert len(listed) == 3
    german = next(e for e in listed if e["created_at"].startswith("2026-11-05"))
    assert answers_of(shown(run_reflect, german["id"])) == {"note": "Café, edited later"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"entries": [{"title": "jrnl", "body": "", "date": "2026-11-03"}]}',
            "Day One entry 2 is not valid (uuid",
        ),
        (b'{"metadata": {"version": "1.0"}}', 'no "entries"'),
        (b'{"format": "reflect-journal", "version": 1, "entries": []}', "a reflect export"),
        (b'{"entries": [{"uuid": "AB", "creationDate": "2026-11-03T10:00:00"}]}', "Day One entry"),
        (b'{"entries": [{"uuid": "AB", "creationDate": "2026-11-03T10:00:00Z"}', "not complete"),
    ],
)
def test_a_foreign_or_damaged_day_one_file_is_refused_whole(
    run_reflect, tmp_path, content, message
):
    good = b'{"uuid": "00", "creationDate": "2026-11-01T10:00:00Z", "text": "kept?"}, '
    path = tmp_path / "export.json"
    path.write_bytes(content.replace(b'"entries": [', b'"entries": [' + good, 1))
    before = seeded_journal(run_reflect)
    outcome = run_reflect("import", "--from", "dayone", str(path))
    assert outcome.exit_code == 1, outcome.output
    assert message in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert entries(run_reflect) == before


def test_a_zip_without_a_journal_or_not_a_zip_is_refused(run_reflect, tmp_path):
    empty = tmp_path / "photos.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("photos/a.jpeg", b"\xff\xd8")
    outcome = run_reflect("import", "--from", "dayone", str(empty))
    assert outcome.exit_code == 1
    assert "holds no Day One journal (.json) file" in outcome.stderr

    broken = tmp_path / "broken.zip"
    broken.write_bytes(dayone_zip(tmp_path).read_bytes()[:-40])
    outcome = run_reflect("import", "--from", "dayone", str(broken))
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    assert entries(run_reflect) == []


def test_a_zip_that_unpacks_past_the_limit_is_refused(monkeypatch, tmp_path, journal):
    from reflect.core import import_dayone
    from reflect.core.importing import import_file
    from reflect.errors import ImportFormatError

    monkeypatch.setattr(import_dayone, "MAX_UNPACKED_BYTES", 1000)
    big = b'{"entries": [' + b" " * 5000 + b"]}"
    with pytest.raises(ImportFormatError, match="unpacks to more than"):
        import_file(journal, dayone_zip(tmp_path, big), "dayone")
