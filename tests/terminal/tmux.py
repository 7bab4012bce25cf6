"""A small harness for driving `reflect` in a real terminal: tmux on a private socket.

Type with send-keys, read with capture-pane, and wait by polling the screen (never fixed sleeps).
The pane stays after its process exits (remain-on-exit), so the exit status and the last screen
can still be read.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

POLL_SECONDS = 0.05


class TerminalTimeout(AssertionError):
    """What was awaited never appeared; the message shows the screen as it was."""


class TmuxTerminal:
    def __init__(self, tmux: str, folder: Path, *, width: int = 110, height: int = 40) -> None:
        self.tmux = tmux
        self.socket = folder / "tmux.sock"
        self.config = folder / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g history-limit 5000\n")
        self.width = width
        self.height = height
        self.started = False

    def _tmux(self, *args: str) -> str:
        completed = subprocess.run(
            [self.tmux, "-S", str(self.socket), "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return completed.stdout

    def start(self, command: Sequence[str], env: dict[str, str]) -> None:
        """Run command in a fresh session of a fixed size with exactly this environment."""
        assignments = [f"{name}={value}" for name, value in env.items()]
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "reflect",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "env",
            "-i",
            *assignments,
            *command,
        )
        self.started = True

    def send(self, *keys: str) -> None:
        """Key names as tmux knows them: Enter, Down, Up, C-c, Space, Escape, BSpace."""
        self._tmux("send-keys", "-t", "reflect", *keys)

    def type(self, text: str) -> None:
        """Literal text, typed as is."""
        self._tmux("send-keys", "-t", "reflect", "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "reflect", "-S", "-200")

    def wait_until(self, condition: Callable[[str], bool], what: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if condition(screen):
                return screen
            if time.monotonic() > deadline:
                raise TerminalTimeout(f"waited {timeout}s for {what}; the screen:\n{screen}")
            time.sleep(POLL_SECONDS)

    def wait_for(self, text: str, timeout: float = 10) -> str:
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def _pane(self, field: str) -> str:
        return self._tmux("display-message", "-p", "-t", "reflect", f"#{{{field}}}").strip()

    def process_id(self) -> int:
        return int(self._pane("pane_pid"))

    def wait_for_exit(self, timeout: float = 10) -> int:
        """The exit status of the command, once it has ended."""
        deadline = time.monotonic() + timeout
        while self._pane("pane_dead") != "1":
            if time.monotonic() > deadline:
                raise TerminalTimeout(f"the command did not end in {timeout}s:\n{self.screen()}")
            time.sleep(POLL_SECONDS)
        status = self._pane("pane_dead_status")
        return int(status) if status else -1

    def close(self) -> None:
        if self.started:
            subprocess.run(
                [self.tmux, "-S", str(self.socket), "kill-server"],
                capture_output=True,
                timeout=10,
                check=False,
            )
            self.started = False


def terminal_environment(home: Path, **extra: str) -> dict[str, str]:
    """A minimal, predictable environment for reflect inside the terminal."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(home)),
        "TERM": "screen-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "NO_COLOR": "1",
        "REFLECT_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    environment.update(extra)
    return environment
