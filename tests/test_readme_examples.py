"""Every `reflect ...` line of the README's bash blocks, run as written, in order, as real
processes in a journal seeded with a few entries: each must succeed and show what it promises.

Lines are discovered, never listed here, so a line added to the README is run too. What stands in
for the person at the keyboard is decided by rules, each with its reason:

- An id in the README (`1a2b`) is a stand-in: it becomes the start of a seeded entry's id.
- A command that asks first ("asks; --yes") gets "y" on its standard input, as a person would type.
- `$EDITOR` is a script that changes one answer, like a person editing in their editor.
- The OS keyring is a file in the test folder, so `--remember` works; while the journal is not
  encrypted, REFLECT_PASSPHRASE (and REFLECT_NEW_PASSPHRASE, which the README names for `db rekey`)
  supply new passphrases, as the README says they can; once it is encrypted, only the keyring does.
- `reflect run` without `--answers` asks its questions in a terminal (tests/terminal covers that):
  here, with no terminal, the README promises it stops at once and says so, and that is checked.
- Files a line reads (answers.yaml, jrnl.json, daylio_export.csv, dayone-export.zip) are put in the
  folder the lines run in, made from tests/fixtures; HOME is a folder of the test's own, so
  `--install-completion` writes no real shell file.
- `> FILE` after a command sends its output to FILE, as the shell would; FILE must not be empty.

Each line must exit 0 and say something; a command that shows results (it has --json, or -o for a
file) must print them, and a line with `-o FILE` must leave a non-empty FILE.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from test_readme import ROOT, readme_command_lines

from reflect.cli.app import app

pytestmark = pytest.mark.slow

PLACEHOLDER_ID = re.compile(r"^[0-9a-f]{4,8}$")
ACTING_OPTIONS = {"--empty"}
"""Options that turn a command that shows things into one that changes them (`trash --empty`)."""
NEEDS_A_TERMINAL = {("run",): ("--answers", "there is none here")}
"""Commands that ask in a terminal unless an option gives the answers; what they say without."""
FELT_HEARD = "I felt heard when I said the break was hard, and she did not rush me."

KEYRING_BACKEND = '''
import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """A keyring in one JSON file (README_TEST_KEYRING), for the README examples only."""

    priority = 1

    def _path(self):
        return Path(os.environ["README_TEST_KEYRING"])

    def _load(self):
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        stored = self._load()
        stored[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(stored))

    def delete_password(self, service, username):
        stored = self._load()
        if stored.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(stored))
'''

EDITOR_SCRIPT = """
import sys

import yaml

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
answers = yaml.safe_load(text)
key = next(key for key, value in answers.items() if isinstance(value, str) and " " in value)
answers[key] += " Edited later."
comments = "".join(line for line in text.splitlines(True) if line.startswith("#"))
open(path, "w", encoding="utf-8").write(comments + yaml.safe_dump(answers, allow_unicode=True))
"""


@dataclass
class Ran:
    line: str
    exit_code: int
    stdout: str
    stderr: str


def reflect_command() -> list[str]:
    script = Path(sys.executable).parent / "reflect"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reflect"]


def command_path(words: list[str]) -> tuple[tuple[str, ...], Any]:
    """The subcommand a line names (("db", "encrypt") ...) and its click command."""
    command: Any = typer.main.get_command(app)
    path: list[str] = []
    for word in words:
        commands = getattr(command, "commands", None)
        if not commands or word not in commands:
            break
        path.append(word)
        command = commands[word]
    return tuple(path), command


def option_names(command: Any) -> set[str]:
    return {name for param in command.params for name in getattr(param, "opts", [])}


def answers_for(pack: dict[str, Any], text: str, step: int) -> dict[str, Any]:
    """A whole set of answers to a pack, follow-ups left out (a missing answer is a skip)."""
    answers: dict[str, Any] = {}
    for question in pack["questions"]:
        if question.get("when"):
            continue
        kind = question["kind"]
        if kind == "scale":
            answers[question["id"]] = min(question["max"], question["min"] + 3 + step)
        elif kind == "text":
            answers[question["id"]] = text
        elif kind == "choice":
            answers[question["id"]] = question["options"][0]
        elif kind == "multi":
            answers[question["id"]] = question["options"][:1]
        elif kind == "yesno":
            answers[question["id"]] = "yes"
    return answers


class ReadmeJournal:
    """A folder to run the README's lines in, with the journal, keyring and editor they need."""

    def __init__(self, folder: Path, home: Path) -> None:
        self.work = folder / "work"
        self.work.mkdir()
        self.home = home
        support = folder / "support"
        support.mkdir()
        (support / "readme_test_keyring.py").write_text(KEYRING_BACKEND, encoding="utf-8")
        editor = support / "edit_answers.py"
        editor.write_text(EDITOR_SCRIPT, encoding="utf-8")
        (folder / "home").mkdir()
        self.environment = {
            **os.environ,
            "HOME": str(folder / "home"),
            "SHELL": "/bin/bash",
            "REFLECT_HOME": str(home),
            "PYTHONPATH": str(support),
            "PYTHON_KEYRING_BACKEND": "readme_test_keyring.FileKeyring",
            "README_TEST_KEYRING": str(support / "keyring.json"),
            "EDITOR": f"{shlex.quote(sys.executable)} {shlex.quote(str(editor))}",
            "NO_COLOR": "1",
        }
        for name in ("REFLECT_PASSPHRASE", "REFLECT_NEW_PASSPHRASE", "VISUAL", "REFLECT_DB"):
            self.environment.pop(name, None)

    def run(
        self, words: list[str], *, stdin: str = "y\n", line: str = "", to_file: Path | None = None
    ) -> Ran:
        environment = dict(self.environment)
        environment["REFLECT_NEW_PASSPHRASE"] = "another passphrase for the readme"
        if not self.encrypted():
            environment["REFLECT_PASSPHRASE"] = "a passphrase for the readme"
        completed = subprocess.run(
            [*reflect_command(), *words],
            input=stdin.encode(),
            capture_output=True,
            cwd=self.work,
            env=environment,
            timeout=180,
            check=False,
        )
        if to_file is not None:
            to_file.write_bytes(completed.stdout)
        return Ran(
            line or shlex.join(["reflect", *words]),
            completed.returncode,
            completed.stdout.decode("utf-8", "replace"),
            completed.stderr.decode("utf-8", "replace"),
        )

    def encrypted(self) -> bool:
        database = self.home / "journal.db"
        if not database.exists():
            return False
        with database.open("rb") as handle:
            return handle.read(16) != b"SQLite format 3\x00"

    def ok(self, *words: str) -> str:
        ran = self.run(list(words))
        assert ran.exit_code == 0, f"seeding with {ran.line!r} failed: {ran.stderr}"
        return ran.stdout

    def seed(self) -> dict[str, str]:
        """A session three weeks ago, one run of every built-in pack since, a note; the files
        the README's lines read. Returns the ids that stand in for the README's ids."""
        today = date.today()
        self.ok("sessions", "add", (today - timedelta(days=21)).isoformat())
        packs = [pack for pack in json.loads(self.ok("packs", "list", "--json")) if pack["valid"]]
        entries: dict[str, str] = {}
        for step, pack in enumerate(packs):
            shown = json.loads(self.ok("packs", "show", pack["id"], "--json"))
            is_trust = pack["id"] == "trust"
            text = FELT_HEARD if is_trust else "Some words about how it went."
            answers = self.work / f"seed-{pack['id']}.yaml"
            answers.write_text(yaml.safe_dump(answers_for(shown, text, step % 5)), "utf-8")
            extra = ["--flag", "--tag", "rupture"] if is_trust else []
            day = (today - timedelta(days=20 - step * 2)).isoformat() + "T10:00"
            self.ok("run", pack["id"], "--answers", str(answers), "--at", day, *extra)
            answers.unlink()
        last_week = (today - timedelta(days=6)).isoformat()
        self.ok("note", "A note from last week.", "--at", last_week, "--flag")
        listed = json.loads(self.ok("list", "--json", "--pack", "trust"))["entries"]
        entries["entry"] = listed[0]["id"]
        checkin = json.loads(self.ok("packs", "show", "checkin", "--json"))
        (self.work / "answers.yaml").write_text(
            yaml.safe_dump(answers_for(checkin, "A calmer session than last time.", 2)), "utf-8"
        )
        fixtures = ROOT / "tests" / "fixtures"
        shutil.copy(fixtures / "jrnl" / "export.json", self.work / "jrnl.json")
        # Daylio's five own moods only: the README's first Daylio line has no --mood, and a
        # custom mood (the fixture's 'Anxious') rightly needs one.
        with (fixtures / "daylio" / "daylio_export.csv").open(encoding="utf-8", newline="") as file:
            rows = [row for row in csv.reader(file) if row[4] != "Anxious"]
        with (self.work / "daylio_export.csv").open("w", encoding="utf-8", newline="") as file:
            csv.writer(file).writerows(rows)
        with zipfile.ZipFile(self.work / "dayone-export.zip", "w") as archive:
            archive.write(fixtures / "dayone" / "Journal.json", "Journal.json")
        return entries


def run_readme_line(journal: ReadmeJournal, line: str, ids: dict[str, str]) -> list[str]:
    """Run one README line; the problems found (none when it does what the README says)."""
    words = shlex.split(line)[1:]
    to_file = None
    if ">" in words:  # the shell's redirection, not an argument
        at = words.index(">")
        to_file, words = journal.work / words[at + 1], words[:at]
    path, command = command_path(words)
    words = [ids["entry"][:8] if PLACEHOLDER_ID.match(word) else word for word in words]
    ran = journal.run(words, line=line, to_file=to_file)
    said = (ran.stdout + ran.stderr).strip()
    if to_file is not None and not to_file.read_bytes().strip():
        return [f"{line!r} wrote nothing to {to_file.name}: {ran.stderr[:300]}"]
    if "Traceback" in ran.stderr:
        return [f"{line!r} crashed:\n{ran.stderr[-1500:]}"]
    if path in NEEDS_A_TERMINAL:
        giving_answers, refusal = NEEDS_A_TERMINAL[path]
        if giving_answers not in words:
            if ran.exit_code != 1 or refusal not in ran.stderr:
                return [f"{line!r} without a terminal should stop and say so: {said[:300]}"]
            return []
    problems = []
    if ran.exit_code != 0:
        problems.append(f"{line!r} exited {ran.exit_code}: {said[:500]}")
    if not said:
        problems.append(f"{line!r} printed nothing at all")
    options = option_names(command)
    writes_a_file = "-o" in words or "--output" in words
    shows_results = bool(options & {"--json", "-o"}) and not writes_a_file
    if shows_results and not (set(words) & ACTING_OPTIONS) and not ran.stdout.strip():
        problems.append(f"{line!r} showed no result on stdout; it said: {ran.stderr[:300]}")
    if writes_a_file:
        flag = "-o" if "-o" in words else "--output"
        written = journal.work / words[words.index(flag) + 1]
        if not written.is_file() or written.stat().st_size == 0:
            problems.append(f"{line!r} did not write {written.name}")
    return problems


def test_the_readme_has_examples_of_every_kind_this_test_handles():
    lines = readme_command_lines()
    assert len(lines) > 30
    assert any(PLACEHOLDER_ID.match(word) for line in lines for word in shlex.split(line))
    assert any(" -o " in line for line in lines)


def test_every_readme_example_runs_as_written(tmp_path, reflect_home):
    journal = ReadmeJournal(tmp_path, reflect_home)
    ids = journal.seed()
    problems: list[str] = []
    for line in readme_command_lines():
        problems.extend(run_readme_line(journal, line, ids))
    assert not problems, "README examples that do not work as written:\n" + "\n".join(
        textwrap.indent(problem, "  ") for problem in problems
    )
