"""The two consoles (results on stdout, messages on stderr) and safe display of user text."""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# C0 controls except tab and newline, DEL, and C1 controls: shown as visible symbols so an
# escape sequence typed or pasted into an answer can never drive the terminal. Also shown, as
# <U+XXXX>: the invisible characters that reorder or hide text (bidi embeddings, overrides,
# isolates and marks, zero-width spaces, word joiners, byte-order marks), with which a pack
# title could show reversed or disguised. Zero-width joiners (U+200C, U+200D) stay: emoji
# sequences and several scripts need them, and they cannot reorder anything.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␀ for NUL, ...
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """User text made safe for a terminal: control characters and invisible reordering or
    zero-width characters become visible symbols."""
    return _CONTROL.sub(_visible, text)


def _colour_mode() -> str:
    return os.environ.get("REFLECT_COLOUR", "auto")


@cache
def stdout_console() -> Console:
    from rich.console import Console

    mode = _colour_mode()
    return Console(
        highlight=False,
        force_terminal=True if mode == "always" else None,
        no_color=True if mode == "never" or "NO_COLOR" in os.environ else None,
    )


@cache
def stderr_console() -> Console:
    from rich.console import Console

    mode = _colour_mode()
    return Console(
        stderr=True,
        highlight=False,
        force_terminal=True if mode == "always" else None,
        no_color=True if mode == "never" or "NO_COLOR" in os.environ else None,
    )


def say(message: str) -> None:
    """A calm message for the person on stderr (never answer text: see reflect.errors)."""
    stderr_console().print(message, markup=False, highlight=False, soft_wrap=True)


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
