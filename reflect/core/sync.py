"""`reflect sync`: one journal on several devices, through a folder the person already syncs.

The merge is a per-field last-writer-wins register set with hybrid logical clocks (HLC), a
documented CRDT (Shapiro et al., "LWW-register"; HLC from Kulkarni et al., 2014). Every synced field
of every record (see reflect.store.sync for the records) carries a stamp
`<13-digit milliseconds>-<6-digit counter>-<device id>`: stamps compare as text, a device's clock
never runs backwards and always moves past every stamp it has seen, and the device id breaks ties,
so every device picks the same winner for every field whatever order the files arrive in and
however often one is read. An erased entry (`trash --empty`) leaves a tombstone that beats every
stamp: once any device has seen it, the entry is gone on every device and stays gone.

The folder holds only encrypted files, named by device id and counter:
  FOLDER/key.age                 an age (X25519) identity, encrypted with the sync passphrase
  FOLDER/<device>/<n>.age        one device's changes, encrypted to that identity
age authenticates every file: one that is cut short (a sync tool mid-transfer), changed, or made
for another key fails to decrypt, is skipped with one line and retried on the next sync; a file is
merged in one transaction or not at all. A device writes only new files, and rewrites its own
files only to take out the words of an erased entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import secrets
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyrage
from msgspec import Struct, field
from msgspec.structs import astuple

from reflect.clock import db_now, utc_now
from reflect.errors import ReflectError, SyncError
from reflect.files import UserFileError, read_user_file
from reflect.store import sync as store
from reflect.store.database import Database

FORMAT_NAME = "reflect-sync"
FORMAT_VERSION = 1
KEY_FILE = "key.age"
SUFFIX = ".age"
MAX_FILE_BYTES = 256 * 1024 * 1024
# The journal keeps a salted hash of the sync passphrase and the folder's identity, so a sync
# does one quick check instead of age's deliberately slow scrypt (seconds) every time.
_VERIFIER_COST = {"n": 2**14, "r": 8, "p": 1}
REWRITE_PENDING = "rewrite_pending"
SCANNED = "scanned"  # every record compared once; since then sync_dirty names what changed


class Change(Struct, frozen=True):
    record: str
    field: str
    entry_id: str | None
    stamp: str
    value: str | None

    def as_list(self) -> list[Any]:
        return [self.record, self.field, self.entry_id, self.stamp, self.value]


class SyncReport(Struct):
    folder: Path
    device: str
    sent_changes: int = 0
    sent_entries: int = 0
    written_file: str | None = None
    merged_files: int = 0
    merged_changes: int = 0
    entries_from: dict[str, int] = field(default_factory=dict)  # device name -> entries touched
    erased: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "format": "reflect-sync-report",
            "version": 1,
            "folder": str(self.folder),
            "device": self.device,
            "sent": {"changes": self.sent_changes, "entries": self.sent_entries},
            "written_file": self.written_file,
            "merged": {
                "files": self.merged_files,
                "changes": self.merged_changes,
                "entries_from": self.entries_from,
            },
            "erased": self.erased,
            "skipped": [{"file": name, "reason": why} for name, why in self.skipped],
        }


# --- the clock --------------------------------------------------------------------------------


class HybridClock:
    """Kulkarni et al.'s hybrid logical clock, kept in sync_state between runs."""

    def __init__(self, device: str, state: str | None) -> None:
        self.device = device
        millis, _, counter = (state or "0-0").partition("-")
        self.millis, self.counter = int(millis), int(counter)

    def tick(self) -> str:
        now = int(utc_now().timestamp() * 1000)
        if now > self.millis:
            self.millis, self.counter = now, 0
        else:
            self.counter += 1
        return f"{self.millis:013d}-{self.counter:06d}-{self.device}"

    def observe(self, stamp: str) -> None:
        millis, counter, _device = stamp.split("-", 2)
        if (int(millis), int(counter)) > (self.millis, self.counter):
            self.millis, self.counter = int(millis), int(counter)

    def state(self) -> str:
        return f"{self.millis}-{self.counter}"


def valid_stamp(stamp: object) -> bool:
    if not isinstance(stamp, str):
        return False
    parts = stamp.split("-", 2)
    return (
        len(parts) == 3
        and len(parts[0]) == 13
        and len(parts[1]) == 6
        and parts[0].isdigit()
        and parts[1].isdigit()
        and bool(parts[2])
    )


# --- the folder and its key ---------------------------------------------------------------------


def device_name() -> str:
    """How other devices name this one in their summaries ("3 entries from laptop")."""
    name = platform.node().split(".")[0].strip()
    return name[:64] or "another device"


# Signs that a folder is moved by a sync tool or kept in version control: marker files a tool
# leaves at the top of its folder, and the names the tools give their folders.
_SYNC_MARKERS = (
    (".stfolder", "a Syncthing folder"),
    (".dropbox", "a Dropbox folder"),
    (".dropbox.cache", "a Dropbox folder"),
    (".nextcloudsync.log", "a Nextcloud folder"),
    (".owncloudsync.log", "an ownCloud or Nextcloud folder"),
    (".sync_journal.db", "an ownCloud or Nextcloud folder"),
    (".git", "a git work tree"),
    (".hg", "a Mercurial work tree"),
)
_SYNC_FOLDER_NAMES = (
    ("dropbox", "a Dropbox folder"),
    ("onedrive", "a OneDrive folder"),
    ("icloud drive", "iCloud Drive"),
    ("icloud", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("com~apple~clouddocs", "iCloud Drive"),
    ("nextcloud", "a Nextcloud folder"),
    ("owncloud", "an ownCloud folder"),
    ("google drive", "a Google Drive folder"),
    ("googledrive", "a Google Drive folder"),
    ("my drive", "a Google Drive folder"),
    ("pcloud drive", "a pCloud folder"),
    ("box sync", "a Box folder"),
)


def synced_folder_holding(path: Path) -> tuple[Path, str] | None:
    """(folder, what it is) when path sits inside a folder a sync tool or git moves."""
    resolved = path.expanduser().absolute().resolve()
    for folder in resolved.parents:
        lowered = folder.name.lower()
        for prefix, what in _SYNC_FOLDER_NAMES:
            if lowered == prefix or lowered.startswith((prefix + " ", prefix + "-")):
                return folder, what
        for marker, what in _SYNC_MARKERS:
            if marker == ".git" and folder == Path.home():
                continue  # a dotfiles repository in the home folder tracks chosen files only
            with contextlib.suppress(OSError):
                if (folder / marker).exists():
                    return folder, what
        with contextlib.suppress(OSError):
            if any(
                child.name.startswith(("._sync_", ".sync_")) and child.suffix == ".db"
                for child in folder.iterdir()
            ):
                return folder, "an ownCloud or Nextcloud folder"
    return None


def journal_placement_warnings(journal: Path) -> list[str]:
    """`reflect db check`'s warning when the live journal is inside a synced folder."""
    found = synced_folder_holding(journal)
    if found is None:
        return []
    folder, what = found
    return [
        f"the journal sits inside {what} ({folder}): a sync tool copying a live database can "
        "corrupt it, and it leaves the journal's file on other machines and in the tool's "
        "history. Move the data folder out (set REFLECT_HOME) and use `reflect sync FOLDER`, "
        "which writes only encrypted change files"
    ]


def check_folder(folder: Path, journal: Path, home: Path) -> Path:
    """The sync folder, made if missing; refused when it holds the journal or its settings,
    or lies inside reflect's data folder."""
    folder = folder.expanduser().absolute()
    resolved = folder.resolve()
    for private, what in ((journal, "the journal"), (home, "reflect's data folder")):
        inside = private.resolve()
        if inside == resolved or resolved in inside.parents:
            raise SyncError(
                f"{folder} holds {what}, so it cannot be the sync folder: a sync tool copying a "
                "live database corrupts it and leaves it unencrypted in the cloud.",
                "Choose a separate folder, e.g. ~/Sync/reflect; reflect writes only encrypted "
                "change files there.",
            )
        if private == home and inside in resolved.parents:
            raise SyncError(
                f"{folder} is inside reflect's data folder ({home}), so it cannot be the sync "
                "folder: the sync tool would sit next to the live journal.",
                "Choose a separate folder, e.g. ~/Sync/reflect.",
            )
    if folder.exists() and not folder.is_dir():
        raise SyncError(f"{folder} is a file, not a folder.", "Give a folder to sync through.")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise SyncError(f"Cannot create the sync folder {folder}: {error.strerror}.") from error
    return folder


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


class _TooLargeToSync(ReflectError):
    """A file in the sync folder is larger than any change file reflect writes."""


def _read_bounded(path: Path) -> bytes:
    """A file of the sync folder: a regular file (never a FIFO or device), at most MAX_FILE_BYTES
    read; OSError or ValueError (with a reason) otherwise."""
    try:
        return read_user_file(
            path,
            limit=MAX_FILE_BYTES,
            on_excess=lambda: _TooLargeToSync(f"{path} is larger than reflect reads."),
        )
    except _TooLargeToSync as error:
        raise ValueError("larger than any file reflect writes") from error
    except UserFileError as error:
        raise ValueError(error.reason) from error


def _verifier(passphrase: str, salt: bytes) -> str:
    digest = hashlib.scrypt(passphrase.encode(), salt=salt, dklen=32, **_VERIFIER_COST)
    return digest.hex()


def unlock_folder(cursor: Any, folder: Path, passphrase: str) -> Any:
    """The folder's age identity: created on the first sync, else opened with the passphrase."""

    key_path = folder / KEY_FILE
    if not key_path.exists():
        identity = pyrage.x25519.Identity.generate()
        _write_atomically(key_path, pyrage.passphrase.encrypt(str(identity).encode(), passphrase))
        _remember_identity(cursor, key_path.read_bytes(), passphrase, str(identity))
        return identity
    key = _read_bounded(key_path)
    cached = store.state(cursor, "folder_key")
    if cached:
        remembered = json.loads(cached)
        if remembered["key_digest"] == hashlib.sha256(key).hexdigest():
            salt = bytes.fromhex(remembered["salt"])
            if _verifier(passphrase, salt) != remembered["verifier"]:
                raise _wrong_passphrase(folder)
            return pyrage.x25519.Identity.from_str(remembered["identity"])
    try:
        identity_text = pyrage.passphrase.decrypt(key, passphrase).decode()
        identity = pyrage.x25519.Identity.from_str(identity_text)
    except (pyrage.DecryptError, UnicodeDecodeError, ValueError) as error:
        if cached:
            remembered = json.loads(cached)
            if _verifier(passphrase, bytes.fromhex(remembered["salt"])) == remembered["verifier"]:
                raise SyncError(
                    f"{key_path} is damaged or incomplete, or was made for another set of "
                    "devices: the sync passphrase is right but does not open it. Nothing was "
                    "changed.",
                    "Wait for your sync tool to finish, or restore key.age from another device "
                    "or from the tool's version history.",
                ) from error
        raise _wrong_passphrase(folder) from error
    _remember_identity(cursor, key, passphrase, identity_text)
    return identity


def _remember_identity(cursor: Any, key: bytes, passphrase: str, identity: str) -> None:
    salt = secrets.token_bytes(16)
    store.set_state(
        cursor,
        "folder_key",
        json.dumps(
            {
                "key_digest": hashlib.sha256(key).hexdigest(),
                "salt": salt.hex(),
                "verifier": _verifier(passphrase, salt),
                "identity": identity,
            }
        ),
    )


def _wrong_passphrase(folder: Path) -> SyncError:
    return SyncError(
        f"The sync passphrase does not open {folder}. Nothing was changed.",
        "Use the passphrase you chose on your first sync (REFLECT_SYNC_PASSPHRASE, the OS "
        "keyring or the prompt).",
    )


# --- one sync -------------------------------------------------------------------------------


def _device(cursor: Any) -> str:
    device = store.state(cursor, "device")
    if device is None:
        device = uuid.uuid4().hex[:16]
        store.set_state(cursor, "device", device)
    return device


def stamp_local_changes(cursor: Any, clock: HybridClock) -> None:
    """Give every field changed here since the last sync a new stamp, and mark it outgoing.

    The first time, every record is compared; after that only those written since (sync_dirty,
    filled by triggers once the journal has a device id), so a sync of a large journal that
    changed little stays quick.
    """
    only_dirty = store.state(cursor, SCANNED) == "1"
    synced = store.synced_fields(cursor, only_dirty=only_dirty)
    present: set[tuple[str, str]] = set()
    for current in store.current_fields(cursor, only_dirty=only_dirty):
        key = (current.record, current.field)
        present.add(key)
        known = synced.get(key)
        if known is None or known.value != current.value:
            change = store.SyncedField(
                current.record, current.field, current.entry_id, clock.tick(), current.value
            )
            store.store_field(cursor, change, outgoing=True)
    for key, known in synced.items():
        if key in present or known.field == store.ERASED or not known.stamp:
            continue
        removed: str | None
        if known.record.startswith("tag:") and known.value == "true":
            if known.entry_id is None or not store.entry_exists(cursor, known.entry_id):
                continue  # its entry has not arrived yet: nothing was removed here
            removed = "false"
        elif known.record.startswith("answer:") and known.value is not None:
            if known.entry_id is None or not store.entry_exists(cursor, known.entry_id):
                continue  # its entry has not arrived yet
            removed = None  # an import that replaced the entry left this answer out
        elif known.record.startswith("session:") and known.value is not None:
            removed = None
        else:
            continue  # an entry's fields still on their way, or a pack version (never removed)
        change = store.SyncedField(known.record, known.field, known.entry_id, clock.tick(), removed)
        store.store_field(cursor, change, outgoing=True)
    tombstones = store.unstamped(cursor)
    for tombstone in tombstones:
        stamped = store.SyncedField(
            tombstone.record, tombstone.field, tombstone.entry_id, clock.tick(), tombstone.value
        )
        store.store_field(cursor, stamped, outgoing=True)
    if tombstones:
        # Until this device's own files are rewritten without the erased words, every sync
        # tries again (a sync killed half way through still leaves them to the next one).
        store.set_state(cursor, REWRITE_PENDING, "1")
    store.clear_dirty(cursor)
    store.set_state(cursor, SCANNED, "1")


def _encode(device: str, counter: int, changes: Iterable[Change]) -> bytes:
    return json.dumps(
        {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "device": device,
            "name": device_name(),
            "counter": counter,
            "changes": [change.as_list() for change in changes],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _decode(plaintext: bytes) -> tuple[str, str, list[Change]]:
    """(device, device name, changes) of a decrypted file; ValueError when it is not one."""
    document = json.loads(plaintext)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ValueError("not a reflect sync file")
    if document.get("version") != FORMAT_VERSION:
        raise ValueError(f"made by a reflect with sync format {document.get('version')!r}")
    device, name, rows = document.get("device"), document.get("name"), document.get("changes")
    if not isinstance(device, str) or not isinstance(rows, list):
        raise ValueError("not a reflect sync file")
    changes = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5):
            raise ValueError("a change is damaged")
        record, field_name, entry_id, stamp, value = row
        if not (
            isinstance(record, str)
            and isinstance(field_name, str)
            and (entry_id is None or isinstance(entry_id, str))
            and valid_stamp(stamp)
            and (value is None or isinstance(value, str))
        ):
            raise ValueError("a change is damaged")
        if record.split(":", 1)[0] not in ("entry", "answer", "tag", "session", "pack"):
            raise ValueError("a change names an unknown record")
        changes.append(Change(record, field_name, entry_id, stamp, value))
    return device, name if isinstance(name, str) else device, changes


def _write_outgoing(
    cursor: Any, folder: Path, device: str, identity: Any, counter: int
) -> tuple[int, int, str]:
    """This device's unsent changes as its file number `counter`: (changes, entries, name)."""

    outgoing = [Change(*astuple(row)) for row in store.outgoing_fields(cursor)]
    if not outgoing:
        return 0, 0, ""
    name = f"{device}/{counter:08d}{SUFFIX}"
    data = pyrage.encrypt(_encode(device, counter, outgoing), [identity.to_public()])
    _write_atomically(folder / name, data)
    store.clear_outgoing(cursor)
    # Sessions count as entries, as `reflect list` shows them among the entries.
    entries = {change.entry_id for change in outgoing if change.entry_id}
    entries |= {change.record for change in outgoing if change.record.startswith("session:")}
    return len(outgoing), len(entries), name


def _other_files(folder: Path, device: str) -> list[Path]:
    files = []
    for child in sorted(folder.iterdir()):
        if child.is_dir() and child.name != device and not child.name.startswith("."):
            files += sorted(
                path
                for path in child.iterdir()
                if path.suffix == SUFFIX and not path.name.startswith(".") and path.is_file()
            )
    return files


def _merge(cursor: Any, changes: list[Change], clock: HybridClock) -> tuple[set[str], int]:
    """Fold one file's changes in: (entries touched, entries newly erased)."""
    synced = store.synced_records(cursor, {change.record for change in changes})
    erased = store.erased_entries(cursor)
    touched: set[str] = set()
    rows: dict[str, str | None] = {}
    newly_erased = 0
    for change in changes:
        clock.observe(change.stamp)
        if change.field == store.ERASED:
            if change.entry_id and change.entry_id not in erased:
                store.erase_entry(cursor, change.entry_id)
                store.store_field(cursor, store.SyncedField(*change.as_list()), outgoing=False)
                erased.add(change.entry_id)
                touched.discard(change.entry_id)
                newly_erased += 1
            continue
        if change.entry_id in erased:
            continue
        known = synced.get((change.record, change.field))
        if known is not None and known.stamp >= change.stamp:
            continue
        stored = store.SyncedField(*change.as_list())
        store.store_field(cursor, stored, outgoing=False)
        synced[(change.record, change.field)] = stored
        if change.entry_id:
            touched.add(change.entry_id)
        else:
            rows[change.record] = change.value
    for entry_id in touched:
        store.materialise_entry(cursor, entry_id)
    for record, value in rows.items():
        store.materialise_row(cursor, record, value)
    return touched, newly_erased


def _rewrite_own_files(folder: Path, device: str, identity: Any, erased: set[str]) -> None:
    """Take the words of erased entries out of this device's files (tombstones stay)."""

    own = folder / device
    if not own.is_dir():
        return
    for path in sorted(own.glob(f"*{SUFFIX}")):
        try:
            _, _, changes = _decode(pyrage.decrypt(_read_bounded(path), [identity]))
        except (pyrage.DecryptError, ValueError, OSError):
            continue
        kept = [c for c in changes if c.entry_id not in erased or c.field == store.ERASED]
        if len(kept) != len(changes):
            counter = int(path.stem)
            data = pyrage.encrypt(_encode(device, counter, kept), [identity.to_public()])
            _write_atomically(path, data)


def sync(
    database: Database,
    folder: Path,
    passphrase: str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """Send this device's changes to `folder`, then merge every other device's new files.

    Each step is its own transaction, so a sync stopped at any moment (kill -9 included) leaves
    the journal as it was before that step, and the next sync carries on: a change is marked
    sent only once its file is in place, and a file is recorded as merged in the transaction
    that merges it.
    """

    with database.transaction() as cursor:
        identity = unlock_folder(cursor, folder, passphrase)
        device = _device(cursor)
        clock = HybridClock(device, store.state(cursor, "clock"))
        stamp_local_changes(cursor, clock)
        store.set_state(cursor, "clock", clock.state())
        # The file's number is taken before the file is written: a sync killed half way never
        # writes two different files under one name (another device may have read the first).
        counter = int(store.state(cursor, "counter") or 0) + 1
        if store.outgoing_fields(cursor):
            store.set_state(cursor, "counter", str(counter))
        # Another reflect may write to the journal while this one merges (the journal is shared,
        # not locked, between commands): SQLite's data_version moves when another connection
        # commits, and then those changes are stamped before a merge could write older values
        # over them. Read here, under this transaction's write lock, so no commit slips between.
        version = cursor.execute("PRAGMA data_version").fetchone()[0]
    report = SyncReport(folder=folder, device=device)
    with database.transaction() as cursor:
        report.sent_changes, report.sent_entries, name = _write_outgoing(
            cursor, folder, device, identity, counter
        )
        report.written_file = name or None
        seen = store.seen_names(cursor)
    pending = [path for path in _other_files(folder, device) if _name(folder, path) not in seen]
    for done, path in enumerate(pending, start=1):
        if progress:
            progress(done - 1, len(pending))
        name = _name(folder, path)
        try:
            plaintext = pyrage.decrypt(_read_bounded(path), [identity])
            sender, sender_name, changes = _decode(plaintext)
        except pyrage.DecryptError:
            report.skipped.append((name, "incomplete, changed, or made for another key"))
            continue
        except (ValueError, OSError, UnicodeDecodeError) as error:
            report.skipped.append((name, str(error) or type(error).__name__))
            continue
        with database.transaction() as cursor:
            clock = HybridClock(device, store.state(cursor, "clock"))
            now_version = cursor.execute("PRAGMA data_version").fetchone()[0]
            if now_version != version:
                stamp_local_changes(cursor, clock)
                version = now_version
            touched, erased = _merge(cursor, changes, clock)
            # What the merge wrote matches the synced fields; and no other connection has
            # written since the check above (this transaction holds the write lock), so nothing
            # else is named in sync_dirty: the next sync need not compare these records again.
            store.clear_dirty(cursor)
            sessions = {c.record for c in changes if c.record.startswith("session:")}
            store.set_state(cursor, "clock", clock.state())
            store.mark_seen(cursor, name, sender, len(changes), db_now())
            if erased:
                store.set_state(cursor, REWRITE_PENDING, "1")
        report.merged_files += 1
        report.merged_changes += len(changes)
        report.erased += erased
        if touched or sessions:
            report.entries_from[sender_name] = (
                report.entries_from.get(sender_name, 0) + len(touched) + len(sessions)
            )
    if progress and pending:
        progress(len(pending), len(pending))
    with database.transaction() as cursor:
        rewrite = store.state(cursor, REWRITE_PENDING) == "1"
        erased_now = store.erased_entries(cursor)
    if rewrite:
        _rewrite_own_files(folder, device, identity, erased_now)
        _erase_traces(database)
        with database.transaction() as cursor:
            cursor.execute("DELETE FROM sync_state WHERE key = ?", (REWRITE_PENDING,))
    return report


def _name(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _erase_traces(database: Database) -> None:
    """As `trash --empty` does: rebuild the search index and the file, empty the WAL."""
    with database.transaction() as cursor:
        cursor.execute("INSERT INTO answer_fts (answer_fts) VALUES ('optimize')")
    database.execute("VACUUM")
    database.query_one("PRAGMA wal_checkpoint(TRUNCATE)")


class SyncStatus(Struct, frozen=True):
    folder: Path | None
    device: str | None
    files_written: int
    unsent_changes: int
    devices: list[tuple[str, int, int, str]]  # (device, files merged, changes, last merged)
    waiting_files: int | None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "format": "reflect-sync-status",
            "version": 1,
            "folder": str(self.folder) if self.folder else None,
            "device": self.device,
            "files_written": self.files_written,
            "unsent_changes": self.unsent_changes,
            "waiting_files": self.waiting_files,
            "devices": [
                {"device": d, "files": f, "changes": c, "last_merged": m}
                for d, f, c, m in self.devices
            ],
        }


def status(database: Database, folder: Path | None) -> SyncStatus:
    """What a sync would do, read without a passphrase and without changing anything."""
    with database.transaction() as cursor:
        device = store.state(cursor, "device")
        clock = HybridClock(device or "-", store.state(cursor, "clock"))
        savepoint_changes = 0
        cursor.execute("SAVEPOINT status")
        stamp_local_changes(cursor, clock)
        savepoint_changes = len(store.outgoing_fields(cursor))
        cursor.execute("ROLLBACK TO status")
        cursor.execute("RELEASE status")
        files_written = int(store.state(cursor, "counter") or 0)
        devices = store.seen_by_device(cursor)
        seen = store.seen_names(cursor)
    waiting = None
    if folder is not None and folder.is_dir():
        waiting = sum(
            1 for path in _other_files(folder, device or "") if _name(folder, path) not in seen
        )
    return SyncStatus(folder, device, files_written, savepoint_changes, devices, waiting)
