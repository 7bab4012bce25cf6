"""The foundation: data location, config, migrations and the single error exit point."""

from __future__ import annotations

import json
import sqlite3
import stat
import sys

import pytest

from reflect.errors import StorageError
from reflect.paths import data_paths
from reflect.store import migrations
from reflect.store.database import open_database


def test_reflect_home_moves_the_whole_data_folder(cli, reflect_home):
    outcome = cli("db", "path", "--json")
    assert outcome.exit_code == 0
    locations = json.loads(outcome.stdout)
    assert locations["home"] == str(reflect_home)
    assert locations["database"] == str(reflect_home / "journal.db")
    assert locations["config"] == str(reflect_home / "config.yaml")
    assert locations["packs"] == str(reflect_home / "packs")


def test_reflect_db_moves_only_the_database(cli, reflect_home, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere" / "mine.db"
    monkeypatch.setenv("REFLECT_DB", str(elsewhere))
    outcome = cli("db", "path", "--json")
    assert outcome.exit_code == 0
    locations = json.loads(outcome.stdout)
    assert locations["database"] == str(elsewhere)
    assert locations["config"] == str(reflect_home / "config.yaml")
    assert elsewhere.exists()
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o600


def test_data_folder_and_database_are_private(cli, reflect_home):
    assert cli("db", "path").exit_code == 0
    assert stat.S_IMODE(reflect_home.stat().st_mode) == 0o700
    assert stat.S_IMODE((reflect_home / "journal.db").stat().st_mode) == 0o600


def test_database_runs_in_wal_mode_with_foreign_keys(journal):
    assert journal.query_one("PRAGMA journal_mode")[0] == "wal"
    assert journal.query_one("PRAGMA foreign_keys")[0] == 1
    assert journal.query_one("PRAGMA secure_delete")[0] == 1


def test_blank_database_gets_every_migration_once(reflect_home):
    with open_database(data_paths()) as database:
        applied = [row[0] for row in database.query("SELECT name FROM reflect_migration")]
    assert applied == [name for name, _ in migrations.MIGRATIONS]
    with open_database(data_paths()) as database:
        again = database.query_one("SELECT count(*) FROM reflect_migration")[0]
    assert again == len(migrations.MIGRATIONS)


def test_a_failing_migration_leaves_the_previous_version_intact(reflect_home, monkeypatch):
    open_database(data_paths()).close()

    def m999_broken(cursor: sqlite3.Cursor) -> None:
        cursor.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("m999", m999_broken)])
    with pytest.raises(StorageError):
        open_database(data_paths())
    connection = sqlite3.connect(data_paths().database)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    recorded = {row[0] for row in connection.execute("SELECT name FROM reflect_migration")}
    connection.close()
    assert "half_done" not in tables
    assert "m999" not in recorded


def test_a_journal_from_a_newer_reflect_is_refused_unchanged(reflect_home, cli):
    open_database(data_paths()).close()
    connection = sqlite3.connect(data_paths().database)
    connection.execute("INSERT INTO reflect_migration VALUES ('m900_future', '2030-01-01')")
    connection.commit()
    connection.close()
    before = data_paths().database.read_bytes()
    outcome = cli("db", "path")
    assert outcome.exit_code == 1
    assert "newer version of reflect" in outcome.stderr
    assert data_paths().database.read_bytes() == before


def test_config_defaults_without_a_file(cli):
    outcome = cli("config", "show", "--json")
    assert outcome.exit_code == 0
    settings = json.loads(outcome.stdout)
    assert settings["colour"] == "auto"
    assert "crisis" in settings["crisis_line"]


def test_invalid_config_yaml_names_the_file_and_line(cli, reflect_home):
    reflect_home.mkdir()
    (reflect_home / "config.yaml").write_text("editor: nano\ncolour: [unclosed\n")
    outcome = cli("config", "show")
    assert outcome.exit_code == 1
    assert "config.yaml" in outcome.stderr and "line" in outcome.stderr
    assert "Traceback" not in outcome.output


def test_unknown_config_setting_is_reported(cli, reflect_home):
    reflect_home.mkdir()
    (reflect_home / "config.yaml").write_text("colour: sometimes\n")
    outcome = cli("config", "show")
    assert outcome.exit_code == 1
    assert "colour" in outcome.stderr


def test_config_edit_writes_the_commented_template_and_runs_the_editor(cli, reflect_home, tmp_path):
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "old, new = 'date_format: \"%Y-%m-%d\"', 'date_format: \"%d/%m/%Y\"'\n"
        "p.write_text(p.read_text().replace(old, new))\n"
    )
    outcome = cli("config", "edit", env={"EDITOR": f"{sys.executable} {editor}"})
    assert outcome.exit_code == 0, outcome.output
    config_file = reflect_home / "config.yaml"
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    assert config_file.read_text().startswith("# reflect's settings")
    shown = json.loads(cli("config", "show", "--json").stdout)
    assert shown["date_format"] == "%d/%m/%Y"


def test_reflect_errors_exit_1_without_traceback_and_debug_shows_it(run_reflect, reflect_home):
    reflect_home.mkdir()
    (reflect_home / "config.yaml").write_text("colour: [\n")
    plain = run_reflect("config", "show")
    assert plain.exit_code == 1
    assert "Traceback" not in plain.stderr
    assert plain.stderr.startswith("Error: ")
    debug = run_reflect("config", "show", env={"REFLECT_DEBUG": "1"})
    assert debug.exit_code == 1
    assert "Traceback" in debug.stderr


def test_backup_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "copy.db"
    target.write_bytes(b"precious")
    outcome = cli("db", "backup", str(target))
    assert outcome.exit_code == 1
    assert "already exists" in outcome.stderr
    assert target.read_bytes() == b"precious"


def test_backup_copy_is_a_complete_standalone_database(cli, journal, tmp_path):
    from reflect.store.entries import create_note

    for number in range(5):
        create_note(journal, f"note {number}")
    target = tmp_path / "copy.db"
    outcome = cli("db", "backup", str(target))
    assert outcome.exit_code == 0, outcome.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM entry").fetchone()[0] == 5
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()


def test_db_check_reports_ok_on_a_healthy_journal(cli, journal):
    outcome = cli("db", "check")
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith("ok")
