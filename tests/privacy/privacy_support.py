"""Small helpers for the privacy tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import hashlib
from pathlib import Path

PASSPHRASE = "correct horse battery staple"
KEYED = {"REFLECT_PASSPHRASE": PASSPHRASE}

# A word that appears nowhere in SQLite's or reflect's own bytes: if it is in the file, the
# answer text is readable there.
SECRET_WORD = "zanzibarquokka"


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())
