"""`reflect sync FOLDER` between two journals: what reaches the other device, what the folder
holds (no words), and what a damaged, cut-short or foreign file does (nothing, until whole)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyrage
import pytest
from sync_support import PASSPHRASE, STRANGER, Device, copy_folder

PLANTED = ["quillfeather", "marrowstone", "thistlegrove", "brackenmoor", "lanternfish"]


@pytest.fixture
def shared(devices: list[Device]) -> list[Device]:
    """Two devices syncing through one folder (a USB stick, a mounted share)."""
    laptop, desktop = devices
    desktop.folder = laptop.folder
    return devices


def _ids(device: Device) -> list[str]:
    return sorted(entry["id"] for entry in device.export()["entries"])


def test_entries_sessions_tags_and_marks_reach_the_other_device(shared: list[Device]) -> None:
    laptop, desktop = shared
    assert laptop("note", "a first note", "--tag", "work", "--flag").exit_code == 0
    assert laptop("sessions", "add", "2026-11-20", "--note", "talked about work").exit_code == 0
    assert laptop.sync().exit_code == 0
    outcome = desktop.sync()
    assert outcome.exit_code == 0, outcome.output
    assert "2 entries from" in outcome.stderr
    assert desktop.export() == laptop.export()
    (entry,) = desktop.export()["entries"]
    assert entry["tags"] == ["work"] and entry["flagged"] is True

    # and back: the desktop unflags it and marks it private
    assert desktop("edit", entry["id"][:8], "--unflag", "--private").exit_code == 0
    assert desktop("edit", entry["id"][:8], "--untag", "work", "--tag", "home").exit_code == 0
    assert desktop.sync().exit_code == 0
    assert laptop.sync().exit_code == 0
    (back,) = laptop.export()["entries"]
    assert (back["flagged"], back["private"], back["tags"]) == (False, True, ["home"])
    assert laptop("export", "--format", "json").stdout.count(entry["id"]) == 0


def test_no_word_of_any_entry_is_in_the_folder(shared: list[Device]) -> None:
    laptop, desktop = shared
    laptop("note", f"{PLANTED[0]} in a note", "--tag", PLANTED[1])
    laptop("sessions", "add", "2026-11-20", "--note", PLANTED[2])
    answers = laptop.home.parent / "answers.yaml"
    answers.write_text(f"trust-now: 6\nwhat-helped-trust: {PLANTED[3]}\n", encoding="utf-8")
    assert laptop("run", "trust", "--answers", str(answers)).exit_code == 0
    desktop("note", f"{PLANTED[4]} on the desktop", "--private")
    for device in (laptop, desktop, laptop):
        assert device.sync().exit_code == 0
    exported = json.dumps(desktop.export())
    assert all(word in exported for word in PLANTED)  # everything arrived ...
    files = [path for path in laptop.folder.rglob("*") if path.is_file()]
    assert len(files) >= 3  # key.age and one file per device
    for path in files:
        data = path.read_bytes()
        for word in [*PLANTED, "trust", "Note", "tags"]:
            assert word.encode() not in data, (path.name, word)  # ... and none is in the folder
        name = path.relative_to(laptop.folder).as_posix()
        assert name == "key.age" or re.fullmatch(r"[0-9a-f]{16}/[0-9]{8}\.age", name), name


def test_a_wrong_sync_passphrase_changes_nothing_and_says_so(shared: list[Device]) -> None:
    laptop, desktop = shared
    laptop("note", "written on the laptop")
    assert laptop.sync().exit_code == 0
    desktop("note", "written on the desktop")
    folder_before = {p: p.read_bytes() for p in laptop.folder.rglob("*") if p.is_file()}
    journal_before = desktop.export()
    outcome = desktop.sync(REFLECT_SYNC_PASSPHRASE="not the passphrase")
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith("Error: The sync passphrase does not open")
    assert "Nothing was changed." in outcome.stderr and "Traceback" not in outcome.output
    assert {p: p.read_bytes() for p in laptop.folder.rglob("*") if p.is_file()} == folder_before
    assert desktop.export() == journal_before
    assert desktop.device_id() is None  # not even a device id was recorded
    # once a device has synced, its quick local check refuses a wrong one too
    assert desktop.sync().exit_code == 0
    again = desktop.sync(REFLECT_SYNC_PASSPHRASE="still not it")
    assert again.exit_code == 1 and "does not open" in again.stderr


def _one_file(laptop: Device) -> Path:
    (path,) = laptop.own_files()
    return path


@pytest.mark.parametrize("damage", ["truncated", "flipped", "other key"])
def test_a_damaged_file_is_skipped_with_one_line_and_merged_once_whole(
    devices: list[Device], damage: str
) -> None:
    laptop, desktop = devices  # each with its own copy of the folder, as a sync tool keeps
    laptop("note", "arrives in one piece")
    laptop("sessions", "add", "2026-11-20")
    assert laptop.sync().exit_code == 0
    assert desktop.sync().exit_code == 0  # the desktop's own first sync
    copy_folder(laptop.folder, desktop.folder)
    whole = _one_file(laptop)
    arrived = desktop.folder / whole.relative_to(laptop.folder)
    data = whole.read_bytes()
    if damage == "truncated":
        arrived.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        position = len(data) - 40
        arrived.write_bytes(data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :])
    else:
        stranger = STRANGER
        arrived.write_bytes(pyrage.encrypt(b'{"format":"reflect-sync"}', [stranger.to_public()]))
    before = desktop.export()

    outcome = desktop.sync()
    assert outcome.exit_code == 0, outcome.output
    skipped = [line for line in outcome.stderr.splitlines() if line.startswith("Skipped")]
    assert skipped == [
        f"Skipped {arrived.relative_to(desktop.folder).as_posix()}: incomplete, changed, or made "
        "for another key. It will be tried again next time."
    ]
    assert desktop.export() == before  # nothing merged from it, not even the session
    assert "Skipped" in desktop.sync().stderr  # still skipped, still nothing
    assert desktop.export() == before

    arrived.write_bytes(data)  # the sync tool finishes the transfer
    outcome = desktop.sync()
    assert "Skipped" not in outcome.stderr and "2 entries from" in outcome.stderr
    assert desktop.export() == laptop.export()


def test_an_erased_entry_leaves_the_other_journal_and_this_devices_files(
    shared: list[Device],
) -> None:
    laptop, desktop = shared
    secret = "pelicanwhisper"
    laptop("note", f"{secret} said once", "--tag", "rupture")
    kept = "kept words stay"
    laptop("note", kept)
    assert laptop.sync().exit_code == 0
    assert desktop.sync().exit_code == 0
    assert secret.encode() in desktop.journal_bytes()  # the control: it did arrive in plaintext
    (erased,) = [e["id"] for e in laptop.export()["entries"] if secret in json.dumps(e)]
    # an edit on the desktop that the laptop has not seen yet: erasure still wins
    assert desktop("edit", erased[:8], "--flag").exit_code == 0
    assert desktop.sync().exit_code == 0

    assert laptop("delete", erased[:8], "--yes").exit_code == 0
    assert laptop("trash", "--empty", "--yes").exit_code == 0
    assert laptop.sync().exit_code == 0
    outcome = desktop.sync()
    assert outcome.exit_code == 0 and "1 erased as asked on another device" in outcome.stderr

    assert secret.encode() not in desktop.journal_bytes()
    assert secret.encode() not in laptop.journal_bytes()
    assert [e["id"] for e in desktop.export()["entries"]] == [
        e["id"] for e in laptop.export()["entries"]
    ]
    assert erased not in json.dumps(desktop.export()) and desktop.trash() == []
    # this device's own files were rewritten without the erased entry's words or fields
    identity = _identity(laptop)
    for device in (laptop, desktop):
        for path in device.own_files():
            plaintext = pyrage.decrypt(path.read_bytes(), [identity]).decode()
            assert secret not in plaintext and "rupture" not in plaintext
            changes = json.loads(plaintext)["changes"]
            assert all(c[2] != erased or c[1] == "erased" for c in changes)
    # and the erasure holds: a later edit on neither side brings it back
    assert laptop.sync().exit_code == 0 and desktop.sync().exit_code == 0
    assert erased not in json.dumps(laptop.export()) + json.dumps(desktop.export())
    assert kept in json.dumps(desktop.export())


def _identity(device: Device) -> pyrage.x25519.Identity:
    key = (device.folder / "key.age").read_bytes()
    return pyrage.x25519.Identity.from_str(pyrage.passphrase.decrypt(key, PASSPHRASE).decode())


def test_sync_refuses_a_folder_that_holds_the_journal(devices: list[Device]) -> None:
    laptop, _ = devices
    laptop("note", "a note")
    for folder in (laptop.home, laptop.home.parent, laptop.home / "sync"):
        outcome = laptop("sync", str(folder))
        assert outcome.exit_code == 1, folder
        assert (
            outcome.stderr.startswith("Error: ") and "cannot be the sync folder" in outcome.stderr
        )
        assert len(outcome.stderr.strip().splitlines()) == 2
    assert not (laptop.home / "sync").exists()
    assert not (laptop.home.parent / "key.age").exists()


@pytest.mark.parametrize(
    "marker",
    [
        ".stfolder",
        ".dropbox",
        ".git",
        ".nextcloudsync.log",
        "Dropbox",
        "OneDrive - Work",
        "iCloud Drive",
        "Nextcloud",
    ],
)
def test_db_check_warns_when_the_journal_is_inside_a_synced_folder(
    tmp_path: Path, marker: str
) -> None:
    from sync_support import make_devices

    synced = tmp_path / "synced"
    if marker[0] == ".":
        synced.mkdir()
        (synced / marker).mkdir()
    else:
        synced = tmp_path / marker
        synced.mkdir()
    (device,) = make_devices(synced, 1)
    assert device("note", "a note").exit_code == 0
    outcome = device("db", "check")
    assert outcome.exit_code == 0
    assert "Warning: the journal sits inside" in outcome.stderr and str(synced) in outcome.stderr
    assert "reflect sync" in outcome.stderr


def test_db_check_does_not_warn_about_an_ordinary_folder(devices: list[Device]) -> None:
    laptop, _ = devices
    laptop("note", "a note")
    outcome = laptop("db", "check")
    assert outcome.exit_code == 0 and "Warning" not in outcome.stderr


def test_summary_json_and_status(shared: list[Device]) -> None:
    laptop, desktop = shared
    for word in ("one", "two", "three"):
        laptop("note", word)
    desktop("note", "from the desktop")
    assert laptop.sync().exit_code == 0
    outcome = desktop.sync()
    lines = outcome.stderr.strip().splitlines()
    name = json.loads(desktop.sync("--json").stdout)  # nothing new now
    assert lines == [f"3 entries from {_device_name()}, 1 sent."]
    assert name["merged"]["files"] == 0 and name["sent"]["entries"] == 0
    laptop("note", "four")
    report = json.loads(laptop.sync("--json").stdout)
    assert report["format"] == "reflect-sync-report" and report["sent"]["entries"] == 1
    assert report["merged"]["entries_from"] == {_device_name(): 1}
    status = json.loads(desktop("sync", str(desktop.folder), "--status", "--json").stdout)
    assert status["waiting_files"] == 1 and status["unsent_changes"] == 0
    desktop("note", "five")
    status = json.loads(desktop("sync", str(desktop.folder), "--status", "--json").stdout)
    assert status["unsent_changes"] > 0 and status["files_written"] == 1


def test_sync_folder_from_config_and_a_clear_line_without_one(devices: list[Device]) -> None:
    laptop, _ = devices
    laptop("note", "a note")
    outcome = laptop("sync")
    assert outcome.exit_code == 1 and "No sync folder given" in outcome.stderr
    config = laptop.home / "config.yaml"
    config.write_text(f'sync:\n  folder: "{laptop.folder}"\n', encoding="utf-8")
    config.chmod(0o600)
    outcome = laptop("sync")
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stderr.strip() == "nothing new from other devices, 1 sent."


def _device_name() -> str:
    from reflect.core.sync import device_name

    return device_name()


def test_a_damaged_folder_key_is_named_as_such_not_as_a_wrong_passphrase(
    shared: list[Device],
) -> None:
    laptop, desktop = shared
    laptop("note", "a note")
    assert laptop.sync().exit_code == 0
    key = laptop.folder / "key.age"
    data = key.read_bytes()
    key.write_bytes(data[: len(data) // 2])
    outcome = laptop.sync()
    assert outcome.exit_code == 1 and "key.age is damaged or incomplete" in outcome.stderr
    assert desktop.sync().exit_code == 1  # a device that never opened it cannot tell
    key.write_bytes(data)
    assert laptop.sync().exit_code == 0 and desktop.sync().exit_code == 0


def test_a_long_first_sync_reports_progress_on_a_terminal(
    shared: list[Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect.core import sync as core_sync
    from reflect.render import console

    laptop, desktop = shared
    for number in range(5):
        laptop("note", f"note {number}")
        assert laptop.sync().exit_code == 0
    seen: list[tuple[int, int]] = []
    real_sync = core_sync.sync

    def watched(*args: object, progress: object = None, **kwargs: object) -> object:
        assert callable(progress)  # the terminal path hands the bar a callback ...

        def both(done: int, total: int) -> None:
            seen.append((done, total))
            progress(done, total)

        return real_sync(*args, progress=both, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(core_sync, "sync", watched)
    monkeypatch.setattr(console, "is_interactive", lambda: True)
    outcome = desktop.sync()
    assert outcome.exit_code == 0, outcome.output
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)  # ... which moves from 0 to every file
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert (
        outcome.stderr.strip().splitlines()[-1]
        == f"5 entries from {_device_name()}, nothing to send."
    )


def test_a_change_made_by_another_reflect_during_a_sync_is_not_overwritten(
    shared: list[Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect.core import sync as core_sync

    laptop, desktop = shared
    laptop("note", "written on the laptop")
    _sync_all(laptop, desktop)
    (entry,) = [e["id"] for e in laptop.export()["entries"]]
    assert laptop("edit", entry[:8], "--tag", "work").exit_code == 0  # touches the entry ...
    assert laptop.sync().exit_code == 0
    real_other_files = core_sync._other_files

    def meanwhile(folder: Path, device: str) -> list[Path]:
        # ... while, in another window, the person flags the same entry on the desktop
        assert desktop("edit", entry[:8], "--flag").exit_code == 0
        return real_other_files(folder, device)

    monkeypatch.setattr(core_sync, "_other_files", meanwhile)
    assert desktop.sync().exit_code == 0
    monkeypatch.setattr(core_sync, "_other_files", real_other_files)
    (shown,) = desktop.export()["entries"]
    assert (shown["flagged"], shown["tags"]) == (True, ["work"])
    _sync_all(laptop, desktop)
    assert laptop.export() == desktop.export()
    assert laptop.export()["entries"][0]["flagged"] is True


def _sync_all(*devices: Device) -> None:
    for device in (*devices, *devices):
        assert device.sync().exit_code == 0


def test_remember_keeps_the_sync_passphrase_in_the_keyring_once_it_worked(
    shared: list[Device], memory_keyring: dict[tuple[str, str], str]
) -> None:
    laptop, desktop = shared
    laptop("note", "a note")
    assert laptop.sync().exit_code == 0
    wrong = desktop.sync("--remember", REFLECT_SYNC_PASSPHRASE="not it")
    assert wrong.exit_code == 1 and memory_keyring == {}  # a wrong one is never kept
    assert desktop.sync("--remember").exit_code == 0
    assert memory_keyring == {("reflect-sync", str(desktop.folder)): PASSPHRASE}
    laptop("note", "another")
    assert laptop.sync().exit_code == 0
    outcome = desktop.sync(REFLECT_SYNC_PASSPHRASE="")  # from the keyring now
    assert outcome.exit_code == 0 and "1 entry from" in outcome.stderr, outcome.output


def test_remember_without_a_keyring_says_so_and_changes_nothing(shared: list[Device]) -> None:
    laptop, _ = shared
    laptop("note", "a note")
    outcome = laptop.sync("--remember")
    assert outcome.exit_code == 1 and "No OS keyring" in outcome.stderr
    assert "REFLECT_SYNC_PASSPHRASE" in outcome.stderr
    assert not laptop.folder.exists() and laptop.device_id() is None


def test_only_records_written_since_the_last_sync_are_compared_again(
    shared: list[Device],
) -> None:
    laptop, desktop = shared
    for word in ("one", "two", "three"):
        laptop("note", word)
    assert laptop.query("SELECT count(*) FROM sync_dirty") == [(0,)]  # never synced: no cost
    assert laptop.sync().exit_code == 0
    assert desktop.sync().exit_code == 0
    for device in (laptop, desktop):  # sent, or merged: nothing left to compare
        assert device.query("SELECT key FROM sync_dirty") == []
    first = laptop.entries(trashed=False)[0]
    laptop("edit", first[:8], "--tag", "work")
    laptop("sessions", "add", "2026-11-20")
    (session,) = laptop.query("SELECT id FROM therapy_session")
    assert sorted(row[0] for row in laptop.query("SELECT key FROM sync_dirty")) == [
        f"entry:{first}",
        f"session:{session[0]}",
    ]
    outcome = laptop.sync("--json")
    assert json.loads(outcome.stdout)["sent"]["entries"] == 2
    assert laptop.query("SELECT key FROM sync_dirty") == []
