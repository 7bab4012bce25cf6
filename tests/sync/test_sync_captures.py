"""Every kind of change reaches the other device: imports (jrnl, Daylio, Day One), drafts and
their answers as they are given, a draft finished, an answer left out by a later import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_support import Device

from reflect.paths import DataPaths
from reflect.store import entries
from reflect.store.database import open_database
from reflect.store.entries import PackReference, QuestionSnapshot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PACK = PackReference(id="trust", version="2", title="Trust", content_hash="hash-trust-2")
FIRST = QuestionSnapshot(id="first", text="How is trust now?", kind="text", position=0)
SECOND = QuestionSnapshot(
    id="second", text="How sure?", kind="scale", position=1, scale_min=0, scale_max=10
)


@pytest.fixture
def shared(devices: list[Device]) -> list[Device]:
    laptop, desktop = devices
    desktop.folder = laptop.folder
    return devices


def _journal(device: Device):  # type: ignore[no-untyped-def]
    home = device.home
    home.mkdir(mode=0o700, exist_ok=True)
    return open_database(DataPaths(home, home / "journal.db", home / "config.yaml", home / "packs"))


def _both_sync(laptop: Device, desktop: Device) -> None:
    for device in (laptop, desktop, laptop):
        outcome = device.sync()
        assert outcome.exit_code == 0 and "Skipped" not in outcome.stderr, outcome.output


@pytest.mark.parametrize(
    ("source", "path", "extra"),
    [
        ("jrnl", FIXTURES / "jrnl" / "export.json", ()),
        ("daylio", FIXTURES / "daylio" / "daylio_export.csv", ("--mood", "Anxious=bad")),
        ("dayone", FIXTURES / "dayone" / "Journal.json", ()),
    ],
)
def test_imported_entries_reach_the_other_device(
    shared: list[Device], source: str, path: Path, extra: tuple[str, ...]
) -> None:
    laptop, desktop = shared
    outcome = laptop("import", str(path), "--from", source, *extra)
    assert outcome.exit_code == 0, outcome.output
    imported = laptop.export()
    assert imported["entries"]
    _both_sync(laptop, desktop)
    assert desktop.export() == laptop.export() == imported
    assert desktop("import", str(path), "--from", source, *extra).exit_code == 0  # idempotent
    _both_sync(laptop, desktop)
    assert desktop.export() == imported


def _drafts(device: Device) -> list[dict[str, object]]:
    outcome = device("list", "--drafts", "--json")
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)["entries"]  # type: ignore[no-any-return]


def test_a_draft_and_each_answer_as_given_reach_the_other_device(shared: list[Device]) -> None:
    laptop, desktop = shared
    with _journal(laptop) as database:
        draft = entries.start_entry(database, PACK, tags=["recovered"])
        entries.save_answer(database, draft, FIRST, "halfway through")
    _both_sync(laptop, desktop)
    assert [d["id"] for d in _drafts(desktop)] == [draft]
    shown = json.loads(desktop("show", draft, "--json").stdout)
    assert [a["value"] for a in shown["answers"]] == ["halfway through"]

    with _journal(laptop) as database:
        entries.save_answer(database, draft, SECOND, 7)
        entries.complete_entry(database, draft)
    _both_sync(laptop, desktop)
    assert _drafts(desktop) == []
    assert desktop.export() == laptop.export()
    (entry,) = desktop.export()["entries"]
    assert [a["value"] for a in entry["answers"]] == ["halfway through", 7]
    assert entry["completed_at"] is not None and entry["tags"] == ["recovered"]


def test_an_answer_removed_on_one_device_is_removed_on_the_other(shared: list[Device]) -> None:
    laptop, desktop = shared
    with _journal(laptop) as database:
        entry = entries.create_complete_entry(database, PACK, [(FIRST, "said it"), (SECOND, 4)])
    _both_sync(laptop, desktop)
    with _journal(laptop) as database, database.transaction() as cursor:
        # as an import that replaces an entry does: its answers rewritten without one
        cursor.execute("DELETE FROM answer WHERE entry_id = ? AND question_id = 'second'", (entry,))
    _both_sync(laptop, desktop)
    (shown,) = desktop.export()["entries"]
    assert [a["value"] for a in shown["answers"]] == ["said it"]
    assert desktop.export() == laptop.export()
