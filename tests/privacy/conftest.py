"""Fixtures for the privacy tests: journals with known content (plaintext and encrypted, built
once per session because deriving a SQLCipher key is deliberately slow), and the stock sqlite3
tool."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from privacy_support import PASSPHRASE, PLACEHOLDER_ID_PREFIXES, SECRET_WORD

ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def _open(database_path: Path):
    from reflect.paths import DataPaths
    from reflect.store.database import open_database

    home = database_path.parent
    return open_database(DataPaths(home, database_path, home / "config.yaml", home / "packs"))


def _write_notes(database_path: Path) -> None:
    """12 notes, one of them (flagged, tagged) holding SECRET_WORD."""
    from reflect.store.entries import create_note

    with _open(database_path) as database:
        for number in range(11):
            create_note(database, f"note number {number}")
        create_note(database, f"today I said {SECRET_WORD}", flagged=True, tags=["hard"])


def _write_lived_in(database_path: Path) -> None:
    """Notes, and one note per id prefix the help examples use (`reflect show 1a2b`)."""
    from reflect.store import entries

    ids = iter(
        f"{prefix}{uuid.uuid4().hex[4:8]}-0000-4000-8000-000000000000"
        for prefix in PLACEHOLDER_ID_PREFIXES
    )
    original = entries.new_entry_id
    with _open(database_path) as database:
        for number in range(3):
            entries.create_note(database, f"an ordinary note {number}", tags=["rupture"])
        entries.new_entry_id = lambda: next(ids)
        try:
            for _ in PLACEHOLDER_ID_PREFIXES:
                entries.create_note(database, "felt heard today", flagged=True)
        finally:
            entries.new_entry_id = original


@pytest.fixture(scope="session")
def journal_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from reflect.store.encryption import convert_database

    folder = tmp_path_factory.mktemp("journal-templates")
    templates: dict[str, Path] = {}
    for name, write in (("notes", _write_notes), ("lived-in", _write_lived_in)):
        plain = folder / name / "journal.db"
        plain.parent.mkdir(mode=0o700)
        write(plain)
        encrypted = folder / f"{name}-encrypted" / "journal.db"
        encrypted.parent.mkdir(mode=0o700)
        shutil.copyfile(plain, encrypted)  # the same entries, ids included
        convert_database(encrypted, current=None, new=PASSPHRASE)
        templates[name], templates[f"{name}-encrypted"] = plain, encrypted
    return templates


def _install(template: Path, home: Path) -> Path:
    home.mkdir(mode=0o700, exist_ok=True)
    target = home / "journal.db"
    shutil.copyfile(template, target)
    target.chmod(0o600)
    return target


@pytest.fixture
def written_journal(reflect_home: Path, journal_templates: dict[str, Path]) -> Path:
    """A plaintext journal of 12 notes, one of them (flagged, tagged) holding SECRET_WORD."""
    return _install(journal_templates["notes"], reflect_home)


@pytest.fixture
def encrypted_journal(reflect_home: Path, journal_templates: dict[str, Path]) -> Path:
    """The same journal, encrypted with PASSPHRASE."""
    return _install(journal_templates["notes-encrypted"], reflect_home)


@pytest.fixture
def install_lived_in_journal(
    journal_templates: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[bool], Path]:
    """Installs a journal for running every command's help example (plain or encrypted) in a
    data folder of its own, with its own working folder and HOME (`~/...` in an example stays
    in the test) and an editor that exits at once."""
    monkeypatch.setenv("EDITOR", "true")

    def install(encrypted: bool) -> Path:
        """Returns the folder holding everything (HOME, working folder, data folder)."""
        name = "lived-in-encrypted" if encrypted else "lived-in"
        place = tmp_path / name
        place.mkdir()
        monkeypatch.setenv("REFLECT_HOME", str(place / "reflect-home"))
        monkeypatch.setenv("HOME", str(place))
        monkeypatch.chdir(place)
        _install(journal_templates[name], place / "reflect-home")
        return place

    return install


@pytest.fixture
def lived_in_journal(install_lived_in_journal: Callable[[bool], Path]) -> Path:
    return install_lived_in_journal(False) / "reflect-home" / "journal.db"


@pytest.fixture
def stock_sqlite3(request: pytest.FixtureRequest) -> Callable[..., subprocess.CompletedProcess]:
    """The sqlite3 tool most machines have: what anyone could run on the journal file."""
    shared = request.config.pluginmanager.get_plugin(str(ROOT_CONFTEST))
    tool = shared.require_tool("sqlite3")

    def run(path: Path, sql: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([tool, str(path), sql], capture_output=True, text=True, check=False)

    return run
