"""No code path opens a socket: every command of `reflect --help` runs with sockets disabled.

The commands are discovered from the Typer app, and each is run as its own help text's example
shows (`Example: reflect ...`), so a command added later is covered without touching this file.
"""

from __future__ import annotations

import shlex
import socket
from collections.abc import Iterator

import pytest
from privacy_support import example_invocations, leaf_commands


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
