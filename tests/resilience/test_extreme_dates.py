"""Dates far from today (issue #12, item 7): every way a date comes in refuses one outside the
years 1900 to 2200 with a message naming that range, and a journal that already holds such a
date (written by an older version) still lists, exports, shows trends and is checked, with the
entry named by `db check`, in time zones on both sides of UTC."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

# West and east of UTC: 0001-01-01 overflows in the one, 9999-12-31 in the other.
ZONES = ["America/Los_Angeles", "Pacific/Kiritimati"]
RANGE = "1900 to 2200"


def assert_refused_with_the_range(outcome) -> None:
    assert outcome.exit_code == 1, (outcome.stdout, outcome.stderr)
    assert outcome.stderr.startswith("Error: "), outcome.stderr
    assert "Traceback" not in outcome.stderr and "unexpected" not in outcome.stderr
    assert RANGE in outcome.stderr, outcome.stderr


@pytest.fixture(params=ZONES)
def zone(request) -> dict[str, str]:
    return {"TZ": request.param}


ZONE_VARIABLES = [{"TZ": name} for name in ZONES]


@pytest.mark.parametrize("moment", ["9999-12-31", "0001-01-01", "1899-12-31T23:00", "2201-01-01"])
def test_run_at_a_date_outside_the_range_is_refused_and_nothing_is_saved(
    run_reflect, tmp_path, moment
):
    answers = tmp_path / "answers.yaml"
    answers.write_text("connected: 7\n", encoding="utf-8")
    for zone in ZONE_VARIABLES:
        outcome = run_reflect("run", "checkin", "--answers", str(answers), "--at", moment, env=zone)

        assert_refused_with_the_range(outcome)
    listed = run_reflect("export", "-f", "json")
    assert listed.exit_code == 0 and json.loads(listed.stdout)["entries"] == []


@pytest.mark.parametrize(
    "command",
    [
        ["sessions", "add", "0001-01-01"],
        ["sessions", "add", "9999-12-31"],
        ["list", "--since", "0001-01-01"],
        ["list", "--until", "9999-12-31"],
        ["trends", "--since", "0001-01-01"],
        ["export", "--since", "0001-01-01"],
        ["note", "--at", "0001-01-01", "words"],
    ],
    ids=" ".join,
)
def test_a_typed_date_outside_the_range_is_refused_with_the_range(run_reflect, command):
    assert run_reflect("note", "one note").exit_code == 0
    for zone in ZONE_VARIABLES:
        outcome = run_reflect(*command, env=zone)

        assert_refused_with_the_range(outcome)


def test_an_unknown_time_zone_is_named_not_a_generic_failure(run_reflect):
    assert run_reflect("note", "one note").exit_code == 0

    outcome = run_reflect("list", "--since", "3 days ago", env={"TZ": "Invalid/Zone"})

    assert outcome.exit_code in (0, 1), outcome.stderr
    assert "Traceback" not in outcome.stderr and "unexpected" not in outcome.stderr
    if outcome.exit_code == 1:
        assert "Invalid/Zone" in outcome.stderr, outcome.stderr


def _export_with(tmp_path: Path, created_at: str) -> Path:
    document = {
        "format": "reflect-journal",
        "version": 1,
        "entries": [
            {
                "id": "0badda7e-0000-4000-8000-000000000001",
                "kind": "note",
                "pack": None,
                "created_at": created_at,
                "updated_at": "2026-11-03T00:00:00.000000+00:00",
                "completed_at": "2026-11-03T00:00:00.000000+00:00",
                "flagged": False,
                "private": False,
                "tags": [],
                "answers": [
                    {
                        "question": {
                            "id": "note",
                            "text": "Note",
                            "kind": "text",
                            "position": 0,
                            "scale_min": None,
                            "scale_max": None,
                            "min_label": None,
                            "max_label": None,
                            "dimension": None,
                            "reverse": False,
                            "options": None,
                        },
                        "value": "from long ago",
                        "answered_at": "2026-11-03T00:00:00.000000+00:00",
                    }
                ],
            }
        ],
    }
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "created_at",
    ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "1899-06-01T00:00:00+00:00"],
)
def test_an_import_with_a_date_outside_the_range_is_refused_whole(
    run_reflect, reflect_home, tmp_path, created_at
):
    zone = ZONE_VARIABLES[0]
    assert run_reflect("note", "already here").exit_code == 0
    journal = reflect_home / "journal.db"
    before = journal.read_bytes()

    outcome = run_reflect("import", str(_export_with(tmp_path, created_at)), env=zone)

    assert_refused_with_the_range(outcome)
    assert journal.read_bytes() == before
    for command in (["list"], ["trends"], ["export"]):
        assert run_reflect(*command, env=ZONE_VARIABLES[1]).exit_code == 0


def test_the_control_import_inside_the_range_is_taken(run_reflect, tmp_path):
    outcome = run_reflect("import", str(_export_with(tmp_path, "1900-01-01T00:00:00+00:00")))
    assert outcome.exit_code == 0, outcome.stderr


@pytest.fixture
def journal_from_an_older_version(run_reflect, reflect_home: Path) -> str:
    """A journal in which an older reflect stored an entry and a session on 0001-01-01 and an
    entry on 9999-12-31 (written here with sqlite3, as no entrance lets them in any more)."""
    for number in range(3):
        assert run_reflect("note", f"note {number}").exit_code == 0
    assert run_reflect("packs", "new", "mine").exit_code == 0  # the same pack in every version
    answers = reflect_home.parent / "answers.yaml"
    answers.write_text("felt-heard: 6\n", encoding="utf-8")
    assert run_reflect("run", "mine", "--answers", str(answers)).exit_code == 0
    assert run_reflect("sessions", "add", "2026-01-05").exit_code == 0
    connection = sqlite3.connect(reflect_home / "journal.db")
    with connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM entry ORDER BY id")]
        connection.execute(
            "UPDATE entry SET created_at = '0001-01-01T00:00:00.000000+00:00' WHERE id = ?",
            (ids[0],),
        )
        connection.execute(
            "UPDATE entry SET created_at = '9999-12-31T23:59:59.999999+00:00' WHERE id = ?",
            (ids[1],),
        )
        connection.execute(
            "UPDATE therapy_session SET held_on = '0001-01-01T00:00:00.000000+00:00'"
        )
    connection.close()
    return ids[0]


OLD_JOURNAL_COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["trends"],
    ["trends", "--by", "session"],
    ["sessions", "list"],
    ["export", "-f", "md"],
    ["export", "-f", "html"],
    ["export", "-f", "json"],
    ["export", "-f", "csv"],
    ["export", "-f", "pdf", "-o", "{tmp}/out.pdf"],
    ["search", "note"],
]


def test_a_journal_holding_dates_from_an_older_version_still_works(
    run_reflect, journal_from_an_older_version, tmp_path, zone
):
    for command in OLD_JOURNAL_COMMANDS:
        command = [part.replace("{tmp}", str(tmp_path)) for part in command]

        outcome = run_reflect(*command, env=zone)

        assert outcome.exit_code == 0, (command, outcome.stderr)
        assert "unexpected" not in outcome.stderr and "Traceback" not in outcome.stderr
        warnings = outcome.stderr.count("outside the years reflect keeps")
        assert warnings == 1, (command, outcome.stderr)


def test_db_check_names_the_entry_with_an_out_of_range_date(
    run_reflect, journal_from_an_older_version, zone
):
    outcome = run_reflect("db", "check", env=zone)

    assert outcome.exit_code == 0, outcome.stderr
    assert journal_from_an_older_version[:8] in outcome.stderr, outcome.stderr
    assert "0001-01-01" in outcome.stderr
