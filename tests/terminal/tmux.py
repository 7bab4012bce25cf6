"""A small harness for driving `reflect` in a real terminal: tmux on a private socket.

Type with send-keys, read with capture-pane, and wait by polling the screen (never fixed sleeps).
The command runs under exit_status.py, which prints how it ended; the pane stays after that
(remain-on-exit), so the last screen can still be read.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

POLL_SECONDS = 0.05
EXIT_STATUS_SCRIPT = Path(__file__).with_name("exit_status.py")
EXIT_STATUS = re.compile(r"^\[exit status (-?\d+)\]$", re.MULTILINE)


class TerminalTimeout(AssertionError):
    """What was awaited never appeared; the message shows the screen as it was."""


class TmuxTerminal:
    def __init__(self, tmux: str, folder: Path, *, width: int = 110, height: int = 40) -> None:
        self.tmux = tmux
        self.socket = folder / "tmux.sock"
        self.config = folder / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g history-limit 5000\n")
        self.pid_file = folder / "command.pid"
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
        self.pid_file.unlink(missing_ok=True)
        # A server that was just killed may still be going away; its refusal is retried.
        for attempt in range(3):
            try:
                self._start_session(assignments, command)
                break
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise
                time.sleep(0.2)
        self.started = True

    def _start_session(self, assignments: list[str], command: Sequence[str]) -> None:
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
            sys.executable,
            str(EXIT_STATUS_SCRIPT),
            str(self.pid_file),
            *command,
        )

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
            if EXIT_STATUS.search(screen):
                raise TerminalTimeout(f"the command ended before {what}; the screen:\n{screen}")
            if time.monotonic() > deadline:
                raise TerminalTimeout(f"waited {timeout}s for {what}; the screen:\n{screen}")
            time.sleep(POLL_SECONDS)

    def wait_for(self, text: str, timeout: float = 10) -> str:
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def _pane(self, field: str) -> str:
        return self._tmux("display-message", "-p", "-t", "reflect", f"#{{{field}}}").strip()

    def process_id(self) -> int:
        """The command's own process (not the wrapper that reports its exit status)."""
        deadline = time.monotonic() + 10
        while not self.pid_file.exists() or not self.pid_file.read_text():
            if time.monotonic() > deadline:
                raise TerminalTimeout("the command never started")
            time.sleep(POLL_SECONDS)
        return int(self.pid_file.read_text())

    def wait_for_exit(self, timeout: float = 10) -> int:
        """The command's exit status once it has ended; -N if signal N ended it."""
        deadline = time.monotonic() + timeout
        while True:
            ended = EXIT_STATUS.search(self.screen())
            if ended:
                return int(ended.group(1))
            if time.monotonic() > deadline:
                self._dump_python_stacks()
                raise TerminalTimeout(f"the command did not end in {timeout}s:\n{self.screen()}")
            time.sleep(POLL_SECONDS)

    def _dump_python_stacks(self) -> None:
        """SIGABRT with PYTHONFAULTHANDLER set prints every thread's stack into the pane."""
        with contextlib.suppress(ProcessLookupError, ValueError, TerminalTimeout):
            os.kill(self.process_id(), signal.SIGABRT)
            self.wait_until(lambda screen: "Current thread" in screen, "stacks", 2)

    def _server_answers(self) -> bool:
        listed = subprocess.run(
            [self.tmux, "-S", str(self.socket), "list-sessions"],
            capture_output=True,
            timeout=10,
            check=False,
        )
        return listed.returncode == 0

    def close(self) -> None:
        if self.started:
            subprocess.run(
                [self.tmux, "-S", str(self.socket), "kill-server"],
                capture_output=True,
                timeout=10,
                check=False,
            )
            # kill-server returns before the server has gone; a new session started meanwhile
            # reaches the dying server and fails, so wait until no server answers.
            deadline = time.monotonic() + 5
            while self._server_answers() and time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
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
        "PYTHONFAULTHANDLER": "1",  # a hung test can show where (see _dump_python_stacks)
    }
    environment.update(extra)
    return environment
