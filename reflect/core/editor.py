"""Opening $EDITOR on a file and waiting for it, and the temporary files that hold an entry's
words while it is open.

Such a file lives only while it is needed: in the data folder (0700), mode 0600, and on every
way out (the editor closing, an error, Ctrl-C, SIGTERM, SIGHUP) it is overwritten with zeros and
removed. If the editor was closed with changes but reflect was stopped before it could use them,
those words are first kept as a private draft note. A kill -9 leaves the file behind: its name
carries the process id and a fingerprint of what it started with, so the next command that opens
the journal (recover_leftovers) knows it is abandoned, keeps changed words as a draft, and
shreds it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from reflect.config import passphrase_from_environment
from reflect.core.signals import interruptible_by_signals
from reflect.errors import ReflectError
from reflect.files import shred
from reflect.paths import EDITOR_FILE_PREFIX, data_paths, editor_files_in, ensure_private_folder
from reflect.store.database import file_kind, open_database
from reflect.store.entries import create_note

if TYPE_CHECKING:
    from reflect.store.database import Database

LEFTOVER_PREFIX = EDITOR_FILE_PREFIX
RECOVERED_TAG = "recovered"
# .reflect-<purpose>-<pid>-<fingerprint of the starting text>-<random><suffix>
_LEFTOVER_NAME = re.compile(
    r"\.reflect-(?P<purpose>note|edit)-(?P<pid>\d+)-(?P<start>[0-9a-f]{12})-[^/]*\.(md|yaml)"
)
# Written by versions before this one (no process id, no fingerprint).
_OLDER_NAMES = (re.compile(r"edit-[^/]*\.yaml"), re.compile(r"\.reflect-[^-/]*\.md"))
MAX_LEFTOVER_BYTES = 16 * 1024 * 1024


def chosen_editor(configured: str = "") -> str:
    """The editor the person set (config `editor:`, then $VISUAL, then $EDITOR), or ""."""
    for candidate in (configured, os.environ.get("VISUAL", ""), os.environ.get("EDITOR", "")):
        if candidate.strip():
            return candidate
    return ""


def editor_command(configured: str = "") -> list[str]:
    chosen = chosen_editor(configured)
    if chosen:
        return shlex.split(chosen)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise ReflectError(
        "No editor found.", "Set $EDITOR (for example `export EDITOR=nano`) or `editor:` in config."
    )


def run_editor(path: Path, configured: str = "") -> None:
    command = editor_command(configured)
    try:
        completed = subprocess.run([*command, str(path)], check=False)
    except FileNotFoundError as error:
        raise ReflectError(
            f"The editor {command[0]!r} was not found.",
            "Set $EDITOR or `editor:` in `reflect config edit` to an installed editor.",
        ) from error
    if completed.returncode != 0:
        raise ReflectError(
            f"The editor {command[0]!r} exited with status {completed.returncode}; "
            "nothing was changed."
        )


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


@contextlib.contextmanager
def editing_file(folder: Path, text: str, *, purpose: str, suffix: str) -> Iterator[Path]:
    """A private file in folder holding text, for an editor; shredded on every way out.

    SIGTERM and SIGHUP stop the wait like Ctrl-C (the editor is stopped with it). Words the
    editor saved before such a stop are kept as a private draft note when the journal can be
    opened without asking anything; otherwise the file stays for the next command to recover.
    """
    ensure_private_folder(folder)
    descriptor, name = tempfile.mkstemp(
        prefix=f"{LEFTOVER_PREFIX}{purpose}-{os.getpid()}-{_fingerprint(text)}-",
        suffix=suffix,
        dir=folder,
    )
    path = Path(name)
    keep = False
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        with interruptible_by_signals():
            yield path
    except KeyboardInterrupt:
        keep = not _save_interrupted_words(path, text)
        raise
    finally:
        if not keep:
            shred(path)


def _save_interrupted_words(path: Path, started_with: str) -> bool:
    """After a stop: keep what the editor saved as a draft. True when nothing is left to keep."""

    try:
        saved = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    if saved == started_with or not saved.strip():
        return True
    try:
        paths = data_paths()
        passphrase = passphrase_from_environment()
        if file_kind(paths.database) == "opaque" and passphrase is None:
            return False  # no prompt now: the next command recovers it
        with open_database(paths, passphrase=passphrase) as database:
            keep_as_draft(database, saved)
    except (ReflectError, OSError):
        return False
    return True


def keep_as_draft(database: Database, text: str) -> str:
    """Words from an editor session that did not finish, as a private draft note."""

    return create_note(database, text, private=True, tags=[RECOVERED_TAG], completed=False)


class Recovery(Struct, frozen=True):
    kept: list[str]  # ids of the draft notes made from leftover words
    removed: int  # leftover files shredded


def _abandoned(path: Path) -> tuple[bool, str | None]:
    """(is this an editor file nobody is using, the fingerprint of its starting text)."""
    match = _LEFTOVER_NAME.fullmatch(path.name)
    if match is None:
        return any(pattern.fullmatch(path.name) for pattern in _OLDER_NAMES), None
    pid = int(match["pid"])
    if pid == os.getpid():
        return False, None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True, match["start"]
    except PermissionError:
        return False, None  # a live process (of someone else) has that id
    return False, None


def recover_leftovers(database: Database, folder: Path) -> Recovery:
    """Shred the editor files left in folder by a reflect that was killed, keeping changed
    words first as private draft notes (tagged `recovered`)."""
    kept: list[str] = []
    removed = 0
    for path in editor_files_in(folder):
        abandoned, started = _abandoned(path)
        if not abandoned:
            continue
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_LEFTOVER_BYTES)
            text = data.decode("utf-8", "replace")
        except OSError:
            continue
        if text.strip() and _fingerprint(text) != started:
            kept.append(keep_as_draft(database, text))
        shred(path)
        removed += 1
    return Recovery(kept, removed)
