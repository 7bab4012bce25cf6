"""Opening $EDITOR on a file and waiting for it."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from reflect.errors import ReflectError


def chosen_editor(configured: str = "") -> str:
    """The editor the person set (config `editor:`, then $VISUAL, then $EDITOR), or ""."""
    for candidate in (configured, os.environ.get("VISUAL", ""), os.environ.get("EDITOR", "")):
        if candidate.strip():
            return candidate
    return ""


def editor_command(configured: str = "") -> list[str]:
    chosen = chosen_editor(configured)
    if chosen:
        return shlex.split(chosen)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise ReflectError(
        "No editor found.", "Set $EDITOR (for example `export EDITOR=nano`) or `editor:` in config."
    )


def run_editor(path: Path, configured: str = "") -> None:
    command = editor_command(configured)
    try:
        completed = subprocess.run([*command, str(path)], check=False)
    except FileNotFoundError as error:
        raise ReflectError(
            f"The editor {command[0]!r} was not found.",
            "Set $EDITOR or `editor:` in `reflect config edit` to an installed editor.",
        ) from error
    if completed.returncode != 0:
        raise ReflectError(
            f"The editor {command[0]!r} exited with status {completed.returncode}; "
            "nothing was changed."
        )
