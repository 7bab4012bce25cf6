"""No code path opens a socket: every command of `reflect --help` does its real work with sockets
disabled, exits 0 and has its effect.

The commands and their examples are discovered from the Typer app (`Example: reflect ...` in
each command's help), and each example runs on a journal that gives it real work: entries with
the ids the examples use, a therapy session, scores to chart, a passphrase and a keyring for the
conversions, a pack file to validate, a reflect export to import, an answers file for `run`. A
scenario below says what each command must have done. A command added later without a scenario
fails `test_every_command_has_a_scenario` by name, so this file cannot quietly fall behind.
"""

from __future__ import annotations

import json
import shlex
import socket
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from privacy_support import PASSPHRASE, example_invocations, leaf_commands

from reflect.cli.access import KEYRING_SERVICE
from reflect.paths import DataPaths
from reflect.store import entries
from reflect.store.database import connect, file_kind, open_database
from reflect.store.encryption import convert_database
from reflect.store.entries import PackReference, QuestionSnapshot
from reflect.store.sessions import add_session

NEW_PASSPHRASE = "a brand new passphrase"
NOW = datetime(2026, 11, 18, 15, 0)  # reflect's clock, fixed: "yesterday" and "6m" are known
ENTRY = "1a2b"  # the entry and session id prefixes the help examples use
SESSION = "3f2a"
BEFORE_SESSION = "9c9c"  # a flagged entry from before the session
FLAGGED = "5c5c"  # a flagged check-in after it
TRASHED = "7e7e"  # an entry already in the trash
ENTRY_TEXT = "Felt heard today, and trusting her more"
SESSION_NOTE = "first session after the break"
RUSHED = "Felt rushed at the end of today's session."

CHECKIN = PackReference(id="checkin", version="1", title="Check-in", content_hash="hash-c1")
SAFE = QuestionSnapshot(
    id="safe",
    text="How safe did it feel to speak?",
    kind="scale",
    position=0,
    scale_min=0,
    scale_max=10,
    dimension="safety",
)

VALID_PACK = """\
id: my-pack
title: My pack
questions:
  - id: felt
    text: How did it feel?
    kind: scale
    min: 0
    max: 10
    dimension: safety
"""

CONFIG_EDITOR = """\
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r"(?m)^crisis_line:.*$", 'crisis_line: "Samaritans 116 123"', text)
open(path, "w", encoding="utf-8").write(text)
"""


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


@dataclass
class World:
    """One journal with real work for every example, in a folder of its own (HOME and the
    working folder too, so `~/...` and relative paths in the examples stay in the test)."""

    place: Path
    keyring: dict[tuple[str, str], str]
    cli: Callable[..., Any]
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def home(self) -> Path:
        return self.place / "reflect-home"

    @property
    def journal(self) -> Path:
        return self.home / "journal.db"

    def query(self, sql: str, parameters: tuple[Any, ...] = (), passphrase: str | None = None):
        """Rows from the journal as it is on disk now (plaintext, or with the passphrase)."""
        if passphrase is None:
            connection: Any = sqlite3.connect(f"file:{self.journal}?mode=ro", uri=True)
        else:
            connection = connect(self.journal, passphrase=passphrase)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()

    def entry(self, prefix: str) -> tuple[Any, ...]:
        (row,) = self.query(
            "SELECT id, flagged, trashed_at FROM entry WHERE id LIKE ?", (prefix + "%",)
        )
        return row

    def count(self, table: str, passphrase: str | None = None) -> int:
        return self.query(f"SELECT count(*) FROM {table}", passphrase=passphrase)[0][0]


def _with_id(prefix: str, write: Callable[[], str]) -> str:
    original = entries.new_entry_id
    entries.new_entry_id = lambda: f"{prefix}{uuid.uuid4().hex[4:8]}-0000-4000-8000-000000000000"
    try:
        return write()
    finally:
        entries.new_entry_id = original


def build_journal(world: World) -> None:
    now = NOW.astimezone()
    world.home.mkdir(mode=0o700)
    paths = DataPaths(world.home, world.journal, world.home / "config.yaml", world.home / "packs")
    with open_database(paths) as database:
        world.ids["before"] = _with_id(
            BEFORE_SESSION,
            lambda: entries.create_note(
                database, "before the session", at=now - timedelta(days=20), flagged=True
            ),
        )
        session = add_session(database, now - timedelta(days=10), note="a session")
        with database.transaction() as cursor:
            world.ids["session"] = f"{SESSION}{session.id[4:]}"
            cursor.execute(
                "UPDATE therapy_session SET id = ? WHERE id = ?", (world.ids["session"], session.id)
            )
        for days, score in ((40, 4), (25, 6)):
            entries.create_complete_entry(
                database, CHECKIN, [(SAFE, score)], at=now - timedelta(days=days)
            )
        world.ids["flagged"] = _with_id(
            FLAGGED,
            lambda: entries.create_complete_entry(
                database, CHECKIN, [(SAFE, 8)], at=now - timedelta(days=5), flagged=True
            ),
        )
        world.ids["entry"] = _with_id(
            ENTRY, lambda: entries.create_note(database, ENTRY_TEXT, at=now - timedelta(days=3))
        )
        world.ids["trashed"] = _with_id(
            TRASHED, lambda: entries.create_note(database, "to be erased", at=now)
        )
        with database.transaction() as cursor:
            cursor.execute(
                "UPDATE entry SET trashed_at = ? WHERE id = ?",
                (now.isoformat(), world.ids["trashed"]),
            )


def encrypt(world: World) -> None:
    convert_database(world.journal, current=None, new=PASSPHRASE)


@dataclass(frozen=True)
class Scenario:
    """How one command's example does its real work, and what it must have done."""

    check: Callable[[World, Any], None]
    prepare: Callable[[World], None] = lambda world: None
    extra_args: tuple[str, ...] = ()  # only where the example alone cannot run unattended
    input: str = ""
    env: dict[str, str] = field(default_factory=dict)


def _prepare_answers(world: World) -> None:
    (world.place / "answers.yaml").write_text("trust-now: 6\n", encoding="utf-8")


def _check_run(world: World, outcome: Any) -> None:
    rows = world.query(
        "SELECT entry.completed_at, answer.value_number FROM entry JOIN answer "
        "ON answer.entry_id = entry.id WHERE entry.pack_id = 'trust' "
        "AND answer.question_id = 'trust-now'"
    )
    assert len(rows) == 1 and rows[0][0] is not None and rows[0][1] == 6


def _prepare_import(world: World) -> None:
    other = world.place / "other-journal.db"
    paths = DataPaths(world.place, other, world.place / "other.yaml", world.place / "packs")
    with open_database(paths) as database:
        entries.create_note(database, "written on the other laptop")
        entries.create_note(database, "and another one")
    exported = world.cli(
        "export",
        "--format",
        "json",
        "-o",
        str(world.place / "backup.json"),
        env={"REFLECT_DB": str(other)},
    )
    assert exported.exit_code == 0, exported.stderr


def _prepare_keyring(world: World) -> None:
    encrypt(world)
    world.keyring[(KEYRING_SERVICE, str(world.journal))] = PASSPHRASE


def _check_config_edit(world: World, outcome: Any) -> None:
    from reflect.config import load_config

    assert load_config(world.home / "config.yaml").crisis_line == "Samaritans 116 123"


def _check_backup(world: World, outcome: Any) -> None:
    backup = world.place / "reflect-backup.db"
    copy = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert copy.execute("SELECT count(*) FROM entry").fetchone()[0] == world.count("entry")
    finally:
        copy.close()


def _check_decrypt(world: World, outcome: Any) -> None:
    assert file_kind(world.journal) == "sqlite"
    assert world.count("entry") == 6
    assert world.keyring == {}


def _check_encrypt(world: World, outcome: Any) -> None:
    assert file_kind(world.journal) == "opaque"
    assert world.count("entry", passphrase=PASSPHRASE) == 6
    assert world.keyring == {(KEYRING_SERVICE, str(world.journal)): PASSPHRASE}


def _check_rekey(world: World, outcome: Any) -> None:
    assert world.count("entry", passphrase=NEW_PASSPHRASE) == 6
    assert world.keyring == {(KEYRING_SERVICE, str(world.journal)): NEW_PASSPHRASE}


def _check_edit(world: World, outcome: Any) -> None:
    assert world.entry(ENTRY)[1] == 1  # flagged now
    tags = world.query("SELECT tag FROM entry_tag WHERE entry_id = ?", (world.ids["entry"],))
    assert tags == [("rupture",)]


def _check_export(world: World, outcome: Any) -> None:
    page = (world.place / "session.html").read_text(encoding="utf-8")
    assert ENTRY_TEXT in page and "before the session" not in page


def _check_list(world: World, outcome: Any) -> None:
    assert world.ids["flagged"][:8] in outcome.stdout  # flagged, after the session
    assert world.ids["before"][:8] not in outcome.stdout  # flagged, before it
    assert world.ids["entry"][:8] not in outcome.stdout  # after it, not flagged


def _check_note(world: World, outcome: Any) -> None:
    rows = world.query("SELECT value_text FROM answer WHERE value_text = ?", (RUSHED,))
    assert rows == [(RUSHED,)]


def _check_packs_show(world: World, outcome: Any) -> None:
    from reflect.packs.catalog import find_pack

    assert find_pack("trust").questions[0].text.split()[0] in outcome.stdout
    assert "trust-now" in outcome.stdout


def _check_sessions_add(world: World, outcome: Any) -> None:
    rows = world.query("SELECT held_on FROM therapy_session WHERE note = ?", (SESSION_NOTE,))
    assert len(rows) == 1
    held = datetime.fromisoformat(rows[0][0]).astimezone().date()
    assert held == NOW.date() - timedelta(days=1)


def _check_trends(world: World, outcome: Any) -> None:
    assert "Safety" in outcome.stdout
    assert "5.0" in outcome.stdout  # October: (4 + 6) / 2
    assert "8.0" in outcome.stdout  # November


def _check_sync(world: World, outcome: Any) -> None:
    folder = world.place / "Sync" / "reflect"
    files = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.age"))
    assert len(files) == 2 and files[-1] == "key.age", files  # the key and one change file
    for path in folder.rglob("*.age"):
        assert ENTRY_TEXT.encode() not in path.read_bytes()
    assert "sent" in outcome.stderr
    assert world.query("SELECT count(*) FROM sync_field WHERE outgoing = 1") == [(0,)]


def _trash(world: World) -> None:
    with (
        open_database(
            DataPaths(world.home, world.journal, world.home / "config.yaml", world.home / "packs")
        ) as database,
        database.transaction() as cursor,
    ):
        cursor.execute(
            "UPDATE entry SET trashed_at = updated_at WHERE id = ?", (world.ids["entry"],)
        )


SCENARIOS: dict[str, Scenario] = {
    "reflect": Scenario(
        check=lambda world, outcome: assert_all(
            "Usage" in outcome.stdout, "export" in outcome.stdout
        )
    ),
    "config edit": Scenario(
        env={"EDITOR": f"{sys.executable} editor.py"},
        check=_check_config_edit,
    ),
    "config path": Scenario(
        check=lambda world, outcome: assert_all(
            outcome.stdout.strip() == str(world.home / "config.yaml")
        )
    ),
    "config show": Scenario(
        check=lambda world, outcome: assert_all("crisis_line" in json.loads(outcome.stdout))
    ),
    "db backup": Scenario(check=_check_backup),
    "db check": Scenario(
        check=lambda world, outcome: assert_all(
            "passed the integrity check (6 entries)" in outcome.output
        )
    ),
    "db decrypt": Scenario(prepare=_prepare_keyring, check=_check_decrypt),
    "db encrypt": Scenario(env={"REFLECT_PASSPHRASE": PASSPHRASE}, check=_check_encrypt),
    "db path": Scenario(
        check=lambda world, outcome: assert_all(str(world.journal) in outcome.stdout)
    ),
    "db rekey": Scenario(
        prepare=encrypt,
        env={"REFLECT_PASSPHRASE": PASSPHRASE, "REFLECT_NEW_PASSPHRASE": NEW_PASSPHRASE},
        check=_check_rekey,
    ),
    "delete": Scenario(
        input="y\n", check=lambda world, outcome: assert_all(world.entry(ENTRY)[2] is not None)
    ),
    "edit": Scenario(check=_check_edit),
    "export": Scenario(check=_check_export),
    "help": Scenario(check=lambda world, outcome: assert_all(".TH" in outcome.stdout)),
    "import": Scenario(
        prepare=_prepare_import,
        check=lambda world, outcome: assert_all(
            "2 entries would be added" in outcome.output, world.count("entry") == 6
        ),
    ),
    "list": Scenario(check=_check_list),
    "note": Scenario(check=_check_note),
    "packs list": Scenario(check=lambda world, outcome: assert_all("trust" in outcome.stdout)),
    "packs new": Scenario(
        check=lambda world, outcome: assert_all(
            "id: my-pack" in (world.home / "packs" / "my-pack.yaml").read_text(encoding="utf-8")
        )
    ),
    "packs show": Scenario(check=_check_packs_show),
    "packs validate": Scenario(
        # The example names a pack by id: it is looked up in the packs folder.
        prepare=lambda world: (
            (world.home / "packs").mkdir(exist_ok=True)
            or (world.home / "packs" / "my-pack.yaml").write_text(VALID_PACK)
        ),
        check=lambda world, outcome: assert_all("my-pack.yaml" in outcome.output),
    ),
    "restore": Scenario(
        prepare=_trash, check=lambda world, outcome: assert_all(world.entry(ENTRY)[2] is None)
    ),
    "run": Scenario(
        prepare=_prepare_answers, extra_args=("--answers", "answers.yaml"), check=_check_run
    ),
    "search": Scenario(
        # The example searches trust runs; "felt heard" is a note here (the last --pack wins).
        extra_args=("--pack", "note"),
        check=lambda world, outcome: assert_all(world.ids["entry"][:8] in outcome.stdout),
    ),
    "sessions add": Scenario(check=_check_sessions_add),
    "sessions list": Scenario(
        check=lambda world, outcome: assert_all(world.ids["session"][:8] in outcome.stdout)
    ),
    "sessions remove": Scenario(
        input="y\n", check=lambda world, outcome: assert_all(world.count("therapy_session") == 0)
    ),
    "show": Scenario(check=lambda world, outcome: assert_all(ENTRY_TEXT in outcome.stdout)),
    "sync": Scenario(env={"REFLECT_SYNC_PASSPHRASE": "a sync passphrase"}, check=_check_sync),
    "trash": Scenario(
        input="y\n",
        check=lambda world, outcome: assert_all(
            world.query("SELECT id FROM entry WHERE trashed_at IS NOT NULL") == [],
            world.count("entry") == 5,
        ),
    ),
    "trends": Scenario(check=_check_trends),
}


def assert_all(*conditions: bool) -> None:
    for number, condition in enumerate(conditions):
        assert condition, f"expected effect {number + 1} is missing"


SHELL_OPERATORS = {">", ">>", "|", "&&", ";", "||"}


def own_words(argv: list[str]) -> list[str]:
    """reflect's own arguments in an example that goes on in the shell (`... > file && man`)."""
    for position, word in enumerate(argv):
        if word in SHELL_OPERATORS:
            return argv[:position]
    return argv


def _command_name(param_id: str) -> str:
    return param_id.split("#")[0]


@pytest.fixture
def world(tmp_path, monkeypatch, memory_keyring, cli, frozen_clock) -> World:
    frozen_clock(NOW)
    place = tmp_path / "place"
    place.mkdir()
    monkeypatch.setenv("HOME", str(place))
    monkeypatch.setenv("REFLECT_HOME", str(place / "reflect-home"))
    monkeypatch.chdir(place)
    (place / "editor.py").write_text(CONFIG_EDITOR, encoding="utf-8")
    built = World(place, memory_keyring, cli)
    build_journal(built)
    return built


@pytest.mark.parametrize("argv", example_invocations())
def test_every_command_does_its_work_without_any_socket(
    request, world, sockets_disabled, cli, argv
):
    name = _command_name(request.node.callspec.id)
    scenario = SCENARIOS.get(name)
    if scenario is None:
        pytest.fail(
            f"`reflect {name}` has no scenario in {__file__}: add one that runs its "
            "example through its real work and checks the effect"
        )
    scenario.prepare(world)
    argv = own_words(argv)
    outcome = cli(*argv, *scenario.extra_args, input=scenario.input, env=scenario.env)

    assert sockets_disabled == [], f"reflect {shlex.join(argv)} opened a socket"
    assert outcome.exit_code == 0, outcome.output
    assert "something unexpected went wrong" not in outcome.stderr, outcome.stderr
    scenario.check(world, outcome)


def test_every_command_has_a_scenario():
    commands = {" ".join(path) for path, _ in leaf_commands()} | {"reflect"}
    missing = sorted(commands - set(SCENARIOS))
    assert not missing, f"commands without a no-network scenario: {', '.join(missing)}"
    stale = sorted(set(SCENARIOS) - commands)
    assert not stale, f"scenarios for commands that no longer exist: {', '.join(stale)}"
    examples = {_command_name(param.id) for param in example_invocations()}
    assert examples == commands  # every command runs at least its help example


def test_the_guard_catches_a_connection_attempt(sockets_disabled):
    import urllib.request

    with pytest.raises(SocketAttempted):
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    assert sockets_disabled
