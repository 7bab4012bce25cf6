"""A note's text as it arrives: piped in on standard input, or written in the person's editor."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from reflect.core.editor import editing_file, run_editor
from reflect.errors import ReflectError

MAX_NOTE_BYTES = 4 * 1024 * 1024


def note_from_stream(stream: IO[bytes]) -> str:
    """A note piped in: UTF-8, at most 4 MiB, trailing newlines dropped."""
    data = stream.read(MAX_NOTE_BYTES + 1)
    if len(data) > MAX_NOTE_BYTES:
        raise ReflectError("The note is larger than 4 MiB; nothing was saved.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReflectError("The note is not UTF-8 text; nothing was saved.") from error
    return text.rstrip("\n")


def note_from_stdin() -> str:
    return note_from_stream(sys.stdin.buffer)


def text_from_editor(folder: Path, initial: str = "", configured_editor: str = "") -> str:
    """Open $EDITOR on a private temporary file in the data folder; return what was written.

    The data folder (0700) rather than /tmp: the text never sits where others can look, and the
    file is shredded on every way out (see reflect.core.editor.editing_file).
    """

    with editing_file(folder, initial, purpose="note", suffix=".md") as path:
        run_editor(path, configured_editor)
        data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReflectError("The editor saved text that is not UTF-8; nothing was saved.") from error
    return text.rstrip("\n")
