"""How the CLI tells a person that something went wrong: one place, used by the app's single
exit point and by the menu, so an error reads the same wherever it happens."""

from __future__ import annotations

import os

from reflect.errors import ReflectError
from reflect.render.console import say


def debug_enabled() -> bool:
    """REFLECT_DEBUG=1 shows tracebacks instead of the plain message."""
    return os.environ.get("REFLECT_DEBUG", "") not in ("", "0")


def report(error: ReflectError) -> None:
    """The error's message (and hint) on stderr, never a traceback."""
    say(f"Error: {error.message}")
    if error.hint:
        say(error.hint)
