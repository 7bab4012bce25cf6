"""Fixtures for the sync tests (the helpers and why the folder key is memoised: sync_support)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import Device, make_devices, quicken_folder_key


@pytest.fixture(autouse=True)
def quick_folder_key(monkeypatch: pytest.MonkeyPatch) -> None:
    quicken_folder_key(monkeypatch)


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[list[Device]]:
    yield make_devices(tmp_path, 2)
