"""Fixtures for the privacy tests: journals with known content, and the stock sqlite3 tool."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from privacy_support import PASSPHRASE, SECRET_WORD

ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def _write_entries(database_path: Path) -> None:
    from reflect.paths import DataPaths
    from reflect.store.database import open_database
    from reflect.store.entries import create_note

    home = database_path.parent
    paths = DataPaths(home, database_path, home / "config.yaml", home / "packs")
    with open_database(paths) as database:
        for number in range(11):
            create_note(database, f"note number {number}")
        create_note(database, f"today I said {SECRET_WORD}", flagged=True, tags=["hard"])


@pytest.fixture(scope="session")
def journal_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Built once: deriving a SQLCipher key is deliberately slow (about a third of a second)."""
    from reflect.store.encryption import convert_database

    folder = tmp_path_factory.mktemp("journal-templates")
    plain, encrypted = folder / "plain" / "journal.db", folder / "encrypted" / "journal.db"
    for path in (plain, encrypted):
        path.parent.mkdir(mode=0o700)
        _write_entries(path)
    convert_database(encrypted, current=None, new=PASSPHRASE)
    return {"plain": plain, "encrypted": encrypted}


def _install(template: Path, home: Path) -> Path:
    home.mkdir(mode=0o700, exist_ok=True)
    target = home / "journal.db"
    shutil.copyfile(template, target)
    target.chmod(0o600)
    return target


@pytest.fixture
def written_journal(reflect_home: Path, journal_templates: dict[str, Path]) -> Path:
    """A plaintext journal of 12 notes, one of them (flagged, tagged) holding SECRET_WORD."""
    return _install(journal_templates["plain"], reflect_home)


@pytest.fixture
def encrypted_journal(reflect_home: Path, journal_templates: dict[str, Path]) -> Path:
    """The same journal, encrypted with PASSPHRASE."""
    return _install(journal_templates["encrypted"], reflect_home)


@pytest.fixture
def stock_sqlite3(request: pytest.FixtureRequest) -> Callable[..., subprocess.CompletedProcess]:
    """The sqlite3 tool most machines have: what anyone could run on the journal file."""
    shared = request.config.pluginmanager.get_plugin(str(ROOT_CONFTEST))
    tool = shared.require_tool("sqlite3")

    def run(path: Path, sql: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([tool, str(path), sql], capture_output=True, text=True, check=False)

    return run
