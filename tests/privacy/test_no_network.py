"""No code path opens a socket: every command of `reflect --help` runs with sockets disabled.

The commands are discovered from the Typer app, and each is run as its own help text's example
shows (`Example: reflect ...`), so a command added later is covered without touching this file.
"""

from __future__ import annotations

import shlex
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from reflect.cli.app import app

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


class SocketAttempted(AssertionError):
    pass


@pytest.fixture
def sockets_disabled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any attempt to create a socket or resolve a name is recorded, then fails."""
    attempts: list[str] = []

    class GuardedSocket(socket.socket):
        def __init__(self, *args: object, **kwargs: object) -> None:
            attempts.append(f"socket.socket{args}")
            raise SocketAttempted("reflect tried to open a socket")

    def refuse(name: str):
        def refused(*args: object, **kwargs: object) -> None:
            attempts.append(f"socket.{name}{args}")
            raise SocketAttempted(f"reflect tried socket.{name}")

        return refused

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield attempts


@pytest.fixture
def lived_in_journal(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """A journal with notes (one per id the examples use), a safe cwd, HOME and editor."""
    from reflect.core.access import open_journal
    from reflect.store import entries

    ids = iter(
        [
            f"{prefix}{uuid.uuid4().hex[4:8]}-0000-4000-8000-000000000000"
            for prefix in PLACEHOLDER_ID_PREFIXES
        ]
    )
    with open_journal() as database:
        for number in range(3):
            entries.create_note(database, f"an ordinary note {number}", tags=["rupture"])
        with monkeypatch.context() as patch:
            patch.setattr(entries, "new_entry_id", lambda: next(ids))
            for _ in PLACEHOLDER_ID_PREFIXES:
                entries.create_note(database, "felt heard today", flagged=True)
    monkeypatch.setenv("HOME", str(tmp_path))  # `~/...` in an example stays in the test
    monkeypatch.setenv("EDITOR", "true")  # an editor that exits at once, leaving text as is
    monkeypatch.chdir(tmp_path)
    yield


@pytest.mark.parametrize("argv", example_invocations())
def test_command_runs_without_any_socket(cli, lived_in_journal, sockets_disabled, argv):
    outcome = cli(*argv, input="")

    assert sockets_disabled == [], f"reflect {shlex.join(argv)} opened a socket"
    assert "something unexpected went wrong" not in outcome.stderr, outcome.stderr
    assert outcome.exit_code in (0, 1, 2), outcome.output


def test_every_command_is_covered():
    covered = {param.id.split("#")[0] for param in example_invocations()}
    assert {"db encrypt", "db backup", "note", "config edit"} <= covered
    assert len(covered) == len(leaf_commands()) + 1


def test_the_guard_catches_a_connection_attempt(sockets_disabled):
    import urllib.request

    with pytest.raises(SocketAttempted):
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    assert sockets_disabled
