"""Must show 4: `reflect sync` killed with SIGKILL at seeded random moments (20 trials: a quarter
while it starts and opens the folder's key, the rest at a random moment after its first change,
a file sent or merged, which the test waits for, so that the kills land in its work). After
each kill the journal passes `reflect db check`, nothing written on either device is lost, and the
next sync completes and brings both devices to the same journal."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

from sync_support import PASSPHRASE, Device, make_devices

from tests.conftest import reflect_command

TRIALS = 20
BATCHES = 16  # files the laptop writes, for the desktop to merge one transaction each


def _build(place: Path) -> tuple[Device, Device]:
    laptop, desktop = make_devices(place, 2)
    desktop.folder = laptop.folder
    assert laptop.sync().exit_code == 0  # makes the folder's key
    assert desktop.sync().exit_code == 0  # opens it once (later syncs check it quickly)
    for batch in range(BATCHES):
        for number in range(4):
            assert laptop("note", f"laptop note {batch}-{number}", "--tag", "work").exit_code == 0
        laptop("sessions", "add", f"2026-11-{batch + 1:02d}", "--note", f"session {batch}")
        assert laptop.sync().exit_code == 0
    return laptop, desktop


def _start_sync(home: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*reflect_command(), "sync", str(folder)],
        env={**os.environ, "REFLECT_HOME": str(home), "REFLECT_SYNC_PASSPHRASE": PASSPHRASE},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _copy(template: Path, trial: Path) -> tuple[Device, Device]:
    shutil.copytree(template, trial)
    laptop, desktop = make_devices(trial, 2)
    desktop.folder = laptop.folder
    return laptop, desktop


def _texts(device: Device) -> set[str]:
    return {
        answer["value"]
        for entry in device.export()["entries"]
        for answer in entry["answers"]
        if isinstance(answer["value"], str)
    }


def _changes(device: Device) -> tuple[int, int]:
    """(files merged, files sent) by the device's syncs so far; read while a sync may run."""
    try:
        merged = len(device.query("SELECT name FROM sync_seen"))
        sent = len(device.own_files()) if device.device_id() else 0
    except sqlite3.OperationalError:  # the table is being made, or the journal is busy
        return 0, 0
    return merged, sent


def _wait_for_a_change(device: Device, process: subprocess.Popen[bytes]) -> None:
    started = time.monotonic()
    while process.poll() is None and time.monotonic() - started < 60:
        if any(_changes(device)):
            return
        time.sleep(0.002)


def _probe(template: Path, place: Path) -> tuple[float, float]:
    """(seconds to the first change, seconds to the end) of a whole sync of a copy."""
    probe, probe_desktop = _copy(template, place)
    started = time.monotonic()
    whole = _start_sync(probe_desktop.home, probe.folder)
    first_change = None
    while whole.poll() is None and time.monotonic() - started < 120:
        if first_change is None and any(_changes(probe_desktop)):
            first_change = time.monotonic() - started
        time.sleep(0.002)
    assert whole.wait(timeout=10) == 0
    duration = time.monotonic() - started
    return (duration if first_change is None else first_change), duration


def test_a_sync_killed_at_any_moment_loses_nothing_and_the_next_one_completes(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template"
    template.mkdir()
    laptop, desktop = _build(template)
    # The desktop's own words, written before the sync that is killed.
    for number in range(12):
        assert desktop("note", f"desktop note {number}", "--flag").exit_code == 0
    laptop_texts, desktop_texts = _texts(laptop), _texts(desktop)
    assert len(laptop_texts) == 4 * BATCHES and len(desktop_texts) == 12

    # How long a whole sync takes here, to its first change and to its end (the quicker of two
    # probes: the first pays for cold caches the trials no longer pay).
    starting, duration = min(_probe(template, tmp_path / f"probe-{n}") for n in range(2))

    rng = random.Random(19)
    landed: Counter[str] = Counter()
    for trial in range(TRIALS):
        laptop, desktop = _copy(template, tmp_path / f"trial-{trial}")
        process = _start_sync(desktop.home, desktop.folder)
        if trial % 4 == 0:  # a kill while it starts and opens the folder's key
            time.sleep(rng.uniform(0, starting))
        else:  # a kill at a random moment of its work: wait for its first change, then some
            _wait_for_a_change(desktop, process)
            time.sleep(rng.uniform(0, duration - starting))
        process.send_signal(signal.SIGKILL)
        status = process.wait(timeout=60)
        merged, sent = _changes(desktop)
        landed[
            "after it finished" if status == 0
            else "before any change" if merged == 0 and sent == 0
            else f"mid-sync ({merged} of {BATCHES} files merged, {sent} sent)"
        ] += 1  # fmt: skip

        check = desktop("db", "check")
        assert check.exit_code == 0 and check.stdout.startswith("ok:"), (trial, check.output)
        assert _texts(desktop) >= desktop_texts, trial  # nothing of its own lost
        outcome = desktop.sync()
        assert outcome.exit_code == 0 and "Skipped" not in outcome.stderr, (trial, outcome.output)
        assert laptop.sync().exit_code == 0
        assert desktop.sync().exit_code == 0
        assert _texts(desktop) == _texts(laptop) == laptop_texts | desktop_texts, trial
        assert desktop.export() == laptop.export(), trial
        shutil.rmtree(tmp_path / f"trial-{trial}")

    print(
        json.dumps(dict(sorted(landed.items())), indent=1),
        f"whole sync {duration:.2f} s, start {starting:.2f} s",
    )
    mid = sum(count for name, count in landed.items() if name.startswith("mid-sync"))
    assert mid >= 4, landed  # the kills really landed while the sync was at work
