"""Must show 1: whatever three journals do, and however the sync tool moves their files (late,
twice, cut short, damaged, an older version after a rewrite), once everyone has synced their JSON
exports (`export --format json --include-private`) and their trash are the same.

Each device has its own copy of the sync folder, as Syncthing or Dropbox keep one per machine;
a `deliver` step is the sync tool copying one version of one file into one device's copy.
REFLECT_SYNC_EXAMPLES raises the number of examples for a longer run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from sync_support import Device, env_int, make_devices

TAGS = st.sampled_from(["work", "rupture", "home"])
INDEX = st.integers(min_value=0, max_value=10**6)
DEVICE = st.integers(min_value=0, max_value=2)


class ThreeJournals(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.place = Path(tempfile.mkdtemp(prefix="reflect-sync-"))
        self.devices: list[Device] = make_devices(self.place, 3)
        self.words = 0
        # every version of every file a device wrote into its copy: (device, name, bytes)
        self.published: list[tuple[int, str, bytes]] = []
        self.latest: dict[str, tuple[int, bytes]] = {}

    def teardown(self) -> None:
        try:
            self._everyone_syncs_and_agrees()
        finally:
            shutil.rmtree(self.place, ignore_errors=True)

    # --- helpers --------------------------------------------------------------------------

    def word(self) -> str:
        self.words += 1
        return f"zebra{self.words}"

    def ok(self, device: Device, *args: str, **env: str) -> None:
        outcome = device(*args, **env)
        assert outcome.exit_code == 0, (args, outcome.output)

    def pick(self, items: list[str], index: int) -> str | None:
        return items[index % len(items)] if items else None

    def _publish(self, number: int) -> None:
        device = self.devices[number]
        for path in sorted(device.folder.rglob("*.age")):
            name = path.relative_to(device.folder).as_posix()
            data = path.read_bytes()
            owner = name.split("/")[0]
            if owner != device.device_id():  # key.age is copied once, at the start
                continue
            if self.latest.get(name, (None, b""))[1] != data:
                self.latest[name] = (number, data)
                self.published.append((number, name, data))

    def _write(self, number: int, name: str, data: bytes) -> None:
        target = self.devices[number].folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def _everyone_syncs_and_agrees(self) -> None:
        for _ in range(3):
            for number in range(3):
                self.sync(number)
            for name, (origin, data) in sorted(self.latest.items()):
                for number in range(3):
                    if number != origin:
                        self._write(number, name, data)
        for number in range(3):
            outcome = self.devices[number].sync()
            assert outcome.exit_code == 0 and "Skipped" not in outcome.stderr, outcome.output
        exports = [device.export() for device in self.devices]
        trashes = [device.trash() for device in self.devices]
        for number in (1, 2):
            assert exports[number] == exports[0], (
                f"{self.devices[number].name} differs from {self.devices[0].name}"
            )
            assert trashes[number] == trashes[0]

    # --- what people do ---------------------------------------------------------------------

    @initialize()
    def first_device_makes_the_folder_key(self) -> None:
        self.sync(0)
        for number in (1, 2):
            self._write(number, "key.age", (self.devices[0].folder / "key.age").read_bytes())

    @rule(number=DEVICE, tag=st.none() | TAGS, flag=st.booleans(), private=st.booleans())
    def note(self, number: int, tag: str | None, flag: bool, private: bool) -> None:
        options = [*(["--tag", tag] if tag else []), *(["--flag"] if flag else [])]
        options += ["--private"] if private else []
        self.ok(self.devices[number], "note", f"{self.word()} a note", *options)

    @rule(number=DEVICE, score=st.integers(0, 10), day=st.integers(1, 28))
    def run(self, number: int, score: int, day: int) -> None:
        answers = self.place / f"answers-{self.words}.yaml"
        answers.write_text(
            f"trust-now: {score}\nwhat-helped-trust: {self.word()} helped\n", encoding="utf-8"
        )
        self.ok(
            self.devices[number], "run", "trust", "--answers", str(answers),
            "--at", f"2026-10-{day:02d} 09:00",
        )  # fmt: skip

    @rule(number=DEVICE, index=INDEX)
    def edit_words(self, number: int, index: int) -> None:
        device = self.devices[number]
        entry = self.pick(device.entries(trashed=False), index)
        if entry:
            outcome = device("edit", entry, TEST_WORD=self.word())
            assert outcome.exit_code in (0, 1), outcome.output

    @rule(number=DEVICE, index=INDEX, change=st.sampled_from(
        ["--flag", "--unflag", "--private", "--public", "--tag", "--untag"]
    ), tag=TAGS)  # fmt: skip
    def edit_marks(self, number: int, index: int, change: str, tag: str) -> None:
        device = self.devices[number]
        entry = self.pick(device.entries(trashed=False), index)
        if entry:
            if change == "--untag":  # one of the tags it has, when it has any
                rows = device.query("SELECT tag FROM entry_tag WHERE entry_id = ?", (entry,))
                tag = self.pick(sorted(row[0] for row in rows), index) or tag
            extra = [tag] if change in ("--tag", "--untag") else []
            self.ok(device, "edit", entry, change, *extra)

    @rule(number=DEVICE, index=INDEX)
    def delete(self, number: int, index: int) -> None:
        device = self.devices[number]
        entry = self.pick(device.entries(trashed=False), index)
        if entry:
            self.ok(device, "delete", entry, "--yes")

    @rule(number=DEVICE, index=INDEX)
    def restore(self, number: int, index: int) -> None:
        device = self.devices[number]
        entry = self.pick(device.entries(trashed=True), index)
        if entry:
            self.ok(device, "restore", entry)

    @rule(number=DEVICE, index=INDEX)
    def erase(self, number: int, index: int) -> None:
        """Delete one entry and empty the trash at once (with whatever else is in it)."""
        self.delete(number, index)
        self.empty_trash(number)

    @rule(number=DEVICE)
    def empty_trash(self, number: int) -> None:
        self.ok(self.devices[number], "trash", "--empty", "--yes")

    @rule(number=DEVICE, day=st.integers(1, 3), again=st.booleans())
    def session(self, number: int, day: int, again: bool) -> None:
        device = self.devices[number]
        options = ["--again"] if again else []
        outcome = device("sessions", "add", f"2026-11-0{day}", "--note", self.word(), *options)
        assert outcome.exit_code == 0, outcome.output

    @rule(number=DEVICE, index=INDEX)
    def remove_session(self, number: int, index: int) -> None:
        device = self.devices[number]
        rows = device.query("SELECT id FROM therapy_session ORDER BY id")
        session = self.pick([row[0] for row in rows], index)
        if session:
            self.ok(device, "sessions", "remove", session)

    # --- syncs and the sync tool -------------------------------------------------------------

    @rule(number=DEVICE)
    def sync(self, number: int) -> None:
        outcome = self.devices[number].sync()
        assert outcome.exit_code == 0, outcome.output
        self._publish(number)

    @rule(number=DEVICE)
    def sync_and_share(self, number: int) -> None:
        """A sync, then a quick sync tool: every version so far reaches every other device."""
        self.sync(number)
        for name, (origin, data) in sorted(self.latest.items()):
            for other in range(3):
                if other != origin:
                    self._write(other, name, data)

    @precondition(lambda self: bool(self.published))
    @rule(
        index=INDEX,
        to=DEVICE,
        how=st.sampled_from(["whole", "whole", "whole", "cut short", "one byte flipped"]),
    )
    def deliver(self, index: int, to: int, how: str) -> None:
        origin, name, data = self.published[index % len(self.published)]
        if origin == to:
            return
        if how == "cut short":
            data = data[: len(data) * 2 // 3]
        elif how == "one byte flipped":
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :]
        self._write(to, name, data)


def test_three_journals_agree_after_everyone_syncs() -> None:
    ThreeJournals.TestCase.settings = settings(
        max_examples=env_int("REFLECT_SYNC_EXAMPLES", 8),
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    ThreeJournals.TestCase().runTest()


def test_the_machine_sees_a_difference(tmp_path: Path) -> None:
    """The control: two journals that did not sync are told apart by the same comparison."""
    first, second = make_devices(tmp_path, 2)
    assert first("note", "only here").exit_code == 0
    assert second("note", "only here").exit_code == 0
    assert json.dumps(first.export()) != json.dumps(second.export())
