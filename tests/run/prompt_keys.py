"""Keys as a terminal sends them (questionary's own tests use the same sequences), and a
watchdog so a prompt left waiting for keys that never come ends instead of hanging."""

import contextlib
import threading
from collections.abc import Iterator

DOWN = "\x1b[B"
UP = "\x1b[A"
HOME = "\x1b[H"
END = "\x1b[F"
ENTER = "\r"
SPACE = " "
ESCAPE = "\x1b"
ESCAPE_ENTER = "\x1b\r"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_E = "\x05"


WATCHDOG_SECONDS = 30


@contextlib.contextmanager
def pipe_watchdog(pipe) -> Iterator[None]:
    """Close the pipe if the keys run out: a prompt still waiting ends in EOFError, not a hang."""
    timer = threading.Timer(WATCHDOG_SECONDS, pipe.close)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
