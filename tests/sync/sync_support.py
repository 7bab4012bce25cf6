"""Helpers for the sync tests: journals on several "devices" (separate REFLECT_HOMEs), each with
its own copy of the sync folder, as a sync tool (Syncthing, Dropbox) would keep one per machine.

age's passphrase encryption is deliberately slow (scrypt, 2-5 s per call here). reflect calls it
once per folder (to make FOLDER/key.age) and once per device (to open it; later syncs check a
salted verifier). In-process tests memoise those two calls and pin the generated identity, so a
folder key is made once per test session; the passphrase is still checked by the real age on
every new (file, passphrase) pair, and every change file is really encrypted and decrypted.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest

PASSPHRASE = "plover lantern quietly 42"
_PINNED = pyrage.x25519.Identity.generate()
STRANGER = pyrage.x25519.Identity.generate()  # another folder's key
_ENCRYPTED: dict[tuple[bytes, str], bytes] = {}
_DECRYPTED: dict[tuple[bytes, str], bytes] = {}
_real_encrypt = pyrage.passphrase.encrypt
_real_decrypt = pyrage.passphrase.decrypt

EDITOR_SCRIPT = """
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r"zebra[0-9]+", os.environ["TEST_WORD"], text)
open(path, "w", encoding="utf-8").write(text)
"""


def _encrypt(plaintext: bytes, passphrase: str) -> bytes:
    key = (plaintext, passphrase)
    if key not in _ENCRYPTED:
        _ENCRYPTED[key] = _real_encrypt(plaintext, passphrase)
        _DECRYPTED[(_ENCRYPTED[key], passphrase)] = plaintext
    return _ENCRYPTED[key]


def _decrypt(ciphertext: bytes, passphrase: str) -> bytes:
    key = (ciphertext, passphrase)
    if key not in _DECRYPTED:
        _DECRYPTED[key] = _real_decrypt(ciphertext, passphrase)  # raises on a wrong one
    return _DECRYPTED[key]


def quicken_folder_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyrage.passphrase, "encrypt", _encrypt)
    monkeypatch.setattr(pyrage.passphrase, "decrypt", _decrypt)
    monkeypatch.setattr(pyrage.x25519.Identity, "generate", lambda: _PINNED)


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class Device:
    """One journal and its copy of the sync folder; commands run in-process."""

    name: str
    home: Path
    folder: Path
    editor: Path

    def __call__(self, *args: str, input: str | None = None, **env: str) -> Outcome:
        from typer.testing import CliRunner

        from reflect.cli.app import app

        environment = {
            "REFLECT_HOME": str(self.home),
            "REFLECT_SYNC_PASSPHRASE": PASSPHRASE,
            "EDITOR": f"{sys.executable} {self.editor}",
            **env,
        }
        result = CliRunner().invoke(
            app, list(args), input=input, env=environment, catch_exceptions=False
        )
        return Outcome(result.exit_code, result.stdout, result.stderr)

    def sync(self, *args: str, **env: str) -> Outcome:
        outcome = self("sync", str(self.folder), *args, **env)
        return outcome

    def export(self) -> dict[str, Any]:
        outcome = self("export", "--format", "json", "--include-private")
        assert outcome.exit_code == 0, outcome.output
        document: dict[str, Any] = json.loads(outcome.stdout)
        document.pop("made_at")
        return document

    def trash(self) -> list[str]:
        outcome = self("trash", "--json")
        assert outcome.exit_code == 0, outcome.output
        return sorted(entry["id"] for entry in json.loads(outcome.stdout))

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        journal = self.home / "journal.db"
        if not journal.exists():
            return []
        connection = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()

    def entries(self, *, trashed: bool) -> list[str]:
        condition = "IS NOT NULL" if trashed else "IS NULL"
        rows = self.query(f"SELECT id FROM entry WHERE trashed_at {condition} ORDER BY id")
        return [row[0] for row in rows]

    def own_files(self, device_id: str | None = None) -> list[Path]:
        device_id = device_id or self.device_id()
        return sorted((self.folder / device_id).glob("*.age")) if device_id else []

    def device_id(self) -> str | None:
        rows = self.query("SELECT value FROM sync_state WHERE key = 'device'")
        return rows[0][0] if rows else None

    def journal_bytes(self) -> bytes:
        data = b""
        for suffix in ("", "-wal", "-shm"):
            path = self.home / f"journal.db{suffix}"
            if path.exists():
                data += path.read_bytes()
        return data


def make_devices(place: Path, count: int) -> list[Device]:
    editor = place / "editor.py"
    editor.write_text(EDITOR_SCRIPT, encoding="utf-8")
    return [
        Device(name, place / f"home-{name}", place / f"folder-{name}", editor)
        for name in ("laptop", "desktop", "backup")[:count]
    ]


def copy_folder(source: Path, target: Path) -> None:
    """What a sync tool does: every file of source, whole, into target."""
    for path in sorted(source.rglob("*.age")):
        relative = path.relative_to(source)
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / relative)


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))
