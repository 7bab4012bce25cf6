"""Small helpers for the privacy tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import hashlib
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer

from reflect.cli.app import app

PASSPHRASE = "correct horse battery staple"
KEYED = {"REFLECT_PASSPHRASE": PASSPHRASE}

# A word that appears nowhere in SQLite's or reflect's own bytes: if it is in the file, the
# answer text is readable there.
SECRET_WORD = "zanzibarquokka"


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


PLACEHOLDER_ID_PREFIXES = ("1a2b", "3f2a")  # the ids the help examples use


def leaf_commands() -> list[tuple[list[str], Any]]:
    found: list[tuple[list[str], Any]] = []

    def walk(command: Any, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, subcommand in sorted(subcommands.items()):
                walk(subcommand, [*path, name])
        else:
            found.append((path, command))

    walk(typer.main.get_command(app), [])
    return found


def example_invocations() -> list[pytest.param]:
    """Each command's example(s) from its --help, plus the bare `reflect`."""
    params = [pytest.param([], id="reflect")]
    for path, command in leaf_commands():
        examples = [
            line.strip().removeprefix("Example:").strip()
            for line in (command.help or "").splitlines()
            if line.strip().startswith("Example: reflect")
        ]
        for number, example in enumerate(examples or [f"reflect {' '.join(path)}"]):
            argv = shlex.split(example)[1:]
            params.append(pytest.param(argv, id=f"{' '.join(path)}#{number}"))
    return params
