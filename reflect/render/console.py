"""The two consoles (results on stdout, messages on stderr) and safe display of user text."""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from typing import TYPE_CHECKING, TextIO

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


# Environment variables with which rich treats a stream that is not a terminal as one.
_RICH_FORCES_TERMINAL = ("FORCE_COLOR", "TTY_COMPATIBLE", "FORCE_TERMINAL")


def _plainly_not_a_terminal(stream: TextIO) -> bool:
    """True when rich would certainly not treat stream as a terminal (a file or a pipe, nothing
    forcing colour): output can then be written as it is, without building a rich console
    (importing rich.console costs more than most commands' own work)."""
    if _colour_mode() == "always" or any(name in os.environ for name in _RICH_FORCES_TERMINAL):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def stdout_is_terminal() -> bool:
    """Whether results go to a terminal, decided as stdout_console().is_terminal decides."""
    if _plainly_not_a_terminal(sys.stdout):
        return False
    return stdout_console().is_terminal


def say(message: str) -> None:
    """A calm message for the person on stderr (never answer text: see reflect.errors)."""
    if _plainly_not_a_terminal(sys.stderr):
        # What rich writes for it there: the text as it is (soft wrap: no line breaks added).
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
        return
    stderr_console().print(message, markup=False, highlight=False, soft_wrap=True)


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
