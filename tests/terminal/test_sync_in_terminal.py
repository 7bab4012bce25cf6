"""`reflect sync` in a real terminal (tmux, 80 and 120 columns): a long first sync shows a rich
progress bar on stderr from the start (opening the folder's key takes seconds), and ends with the
one-line summary; without a terminal the same sync prints only that line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux import TmuxTerminal, terminal_environment
from typer.testing import CliRunner

from reflect.cli.app import app
from reflect.core.sync import device_name

pytestmark = pytest.mark.terminal

PASSPHRASE = "a passphrase for the terminal test"
FILES = 30


def _reflect(home: Path, *args: str) -> None:
    env = {"REFLECT_HOME": str(home), "REFLECT_SYNC_PASSPHRASE": PASSPHRASE}
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def laptop_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A sync folder holding FILES change files of a laptop, one note each."""
    place = tmp_path_factory.mktemp("sync-terminal")
    for number in range(FILES):
        _reflect(place / "laptop", "note", f"note number {number}")
        _reflect(place / "laptop", "sync", str(place / "folder"))
    yield place / "folder"
    shutil.rmtree(place, ignore_errors=True)


def _reflect_command() -> list[str]:
    script = Path(sys.executable).parent / "reflect"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reflect"]


@pytest.mark.parametrize("width", [80, 120])
def test_a_first_sync_shows_progress_then_one_line(
    terminal: TmuxTerminal, laptop_folder: Path, tmp_path: Path, width: int
) -> None:
    terminal.width = width
    home = tmp_path / f"desktop-{width}"
    env = terminal_environment(home, REFLECT_SYNC_PASSPHRASE=PASSPHRASE)
    terminal.start([*_reflect_command(), "sync", str(laptop_folder)], env)
    screen = terminal.wait_for("Opening the sync folder", timeout=30)
    bar = next(line for line in screen.splitlines() if "Opening the sync folder" in line)
    assert "━" in bar and len(bar.rstrip()) <= width
    summary = f"{FILES} entries from {device_name()}, nothing to send."
    screen = terminal.wait_for(summary, timeout=60)
    assert terminal.wait_for_exit(timeout=30) == 0
    assert "Opening the sync folder" not in screen  # the bar is gone once done
    assert "Traceback" not in screen


def test_without_a_terminal_a_sync_prints_one_line(laptop_folder: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "REFLECT_HOME": str(tmp_path / "desktop"),
        "REFLECT_SYNC_PASSPHRASE": PASSPHRASE,
    }
    completed = subprocess.run(
        [*_reflect_command(), "sync", str(laptop_folder)],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == ""
    assert completed.stderr == f"{FILES} entries from {device_name()}, nothing to send.\n"
