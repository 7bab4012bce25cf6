"""Shell completion in the real shells: bash, zsh and fish complete pack ids, tags, entry ids.

Each test sources the script `reflect --show-completion` prints for that shell, then asks the shell
itself to complete a command line, so the script, typer's protocol and reflect's look-ups are all
exercised together against a temporary journal.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import reflect_command, require_tool


@pytest.fixture
def seeded(run_reflect) -> dict[str, str]:
    """A journal with a tagged note and a trust run; returns the note's id."""
    outcome = run_reflect("note", "A first note.", "--tag", "weekend", "--tag", "work")
    assert outcome.exit_code == 0, outcome.output
    listed = json.loads(run_reflect("list", "--json").stdout)
    entries = listed["entries"] if isinstance(listed, dict) else listed
    return {"entry_id": entries[0]["id"]}


def shell_environment() -> dict[str, str]:
    """reflect on PATH as `reflect`, the way an installed copy is."""
    folder = str(Path(reflect_command()[0]).parent)
    return {**os.environ, "PATH": folder + os.pathsep + os.environ.get("PATH", "")}


def run_shell(shell: str, script: str) -> str:
    completed = subprocess.run(
        [require_tool(shell), "-c", script],
        capture_output=True,
        text=True,
        env=shell_environment(),
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    return completed.stdout


def completion_script(shell: str) -> str:
    # `; true` keeps the shell as reflect's parent, which is how typer detects which shell it is.
    script = run_shell(shell, "reflect --show-completion; true")
    assert "_REFLECT_COMPLETE" in script
    return script


BASH = """
source <(reflect --show-completion; true)
complete -p reflect
COMP_WORDS=({words})
COMP_CWORD={cword}
_reflect_completion reflect
printf '%s\\n' "${{COMPREPLY[@]}}"
"""


def bash_complete(words: str) -> list[str]:
    parts = words.split(" ")
    lines = run_shell("bash", BASH.format(words=words, cword=len(parts) - 1)).splitlines()
    assert lines[0].startswith("complete ") and "_reflect_completion" in lines[0]  # complete -p
    return [line for line in lines[1:] if line]


def test_bash_completes_packs_tags_and_entry_ids(seeded):
    assert "complete -o default -F _reflect_completion reflect" in completion_script("bash")
    assert bash_complete("reflect run tr") == ["trust"]
    assert "checkin" in bash_complete("reflect packs show ch")
    assert bash_complete("reflect list --tag w") == ["weekend", "work"]
    assert bash_complete(f"reflect show {seeded['entry_id'][:2]}") == [seeded["entry_id"]]
    assert bash_complete("reflect export --format p") == ["pdf"]


# zsh's completion system needs a terminal to draw menus; the script's function is run with
# _arguments and compdef standing in, so what reflect hands zsh is checked word for word.
ZSH = """
compdef() {{ :; }}
_arguments() {{ print -r -- "$@"; }}
eval "$(reflect --show-completion; true)"
words=({words})
CURRENT={current}
_reflect_completion
"""


def zsh_complete(words: str) -> str:
    current = len(words.split(" "))
    return run_shell("zsh", ZSH.format(words=words, current=current))


def test_zsh_completes_packs_tags_and_entry_ids(seeded):
    assert completion_script("zsh").startswith("#compdef reflect")
    assert '"trust"' in zsh_complete("reflect run tr")
    tags = zsh_complete("reflect list --tag w")
    assert '"weekend":"1 entries"' in tags
    assert '"work"' in tags
    entries = zsh_complete(f"reflect show {seeded['entry_id'][:3]}")
    assert f'"{seeded["entry_id"]}"' in entries
    assert "note" in entries  # its description: date and kind, never its words
    assert "first note" not in entries


def fish_complete(line: str) -> list[str]:
    output = run_shell("fish", f"reflect --show-completion | source; complete -C '{line}'")
    return [row.split("\t")[0] for row in output.splitlines()]


def test_fish_completes_packs_tags_and_entry_ids(seeded):
    assert "complete --command reflect" in completion_script("fish")
    assert fish_complete("reflect run tr") == ["trust"]
    assert fish_complete("reflect list --tag w") == ["weekend", "work"]
    assert fish_complete(f"reflect edit {seeded['entry_id'][:3]}") == [seeded["entry_id"]]


def test_session_ids_dimensions_and_trashed_ids_complete(run_reflect, seeded):
    assert run_reflect("sessions", "add", "2026-11-03").exit_code == 0
    sessions = bash_complete("reflect sessions remove ")
    assert len(sessions) == 1 and len(sessions[0]) == 36
    pack = json.loads(run_reflect("packs", "show", "trust", "--json").stdout)
    scale = next(q["id"] for q in pack["questions"] if q["kind"] == "scale")
    assert run_reflect("run", "trust", "--answers", "-", input=f"{scale}: 7\n").exit_code == 0
    assert bash_complete("reflect trends -d tr") == ["trust"]
    assert run_reflect("delete", seeded["entry_id"], "--yes").exit_code == 0
    assert bash_complete(f"reflect show {seeded['entry_id'][:3]}") == []
    assert bash_complete(f"reflect restore {seeded['entry_id'][:3]}") == [seeded["entry_id"]]


def test_an_encrypted_or_damaged_journal_completes_nothing_and_prints_nothing(
    run_reflect, seeded, reflect_home
):
    database = reflect_home / "journal.db"
    database.write_bytes(b"not a database at all" * 100)
    completed = subprocess.run(
        [*reflect_command()],
        env={
            **os.environ,
            "_REFLECT_COMPLETE": "complete_bash",
            "COMP_WORDS": "reflect list --tag w",
            "COMP_CWORD": "3",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0
    assert completed.stdout.strip() == ""
    assert completed.stderr == ""
    assert database.read_bytes() == b"not a database at all" * 100


def test_completion_never_writes_to_the_journal(run_reflect, seeded, reflect_home):
    database = reflect_home / "journal.db"
    before = database.read_bytes()
    assert bash_complete("reflect list --tag w") == ["weekend", "work"]
    assert database.read_bytes() == before
