"""Fixtures for end-to-end tests in a real terminal (tmux)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux import TmuxTerminal

ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


@pytest.fixture
def terminal(request: pytest.FixtureRequest) -> Iterator[TmuxTerminal]:
    """A tmux terminal on a private socket; fails in CI, skips locally, without tmux."""
    shared = request.config.pluginmanager.get_plugin(str(ROOT_CONFTEST))
    tmux = shared.require_tool("tmux")
    # A short folder of its own: a Unix socket path must stay under ~100 characters.
    folder = Path(tempfile.mkdtemp(prefix="reflect-tmux-"))
    session = TmuxTerminal(tmux, folder)
    try:
        yield session
    finally:
        session.close()
        shutil.rmtree(folder, ignore_errors=True)
