"""Only the command typed is built (issue 18): the table behind it must match the whole tree, and
the commands that touch one entry must not import what they do not need."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.main import get_command

from reflect.cli import app as app_module

ROOT = Path(__file__).resolve().parents[2]


def _top_level_names(app: typer.Typer) -> list[str]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return list(group.commands)


def test_the_table_of_commands_names_every_command_of_the_whole_tree_in_order():
    assert _top_level_names(app_module.app) == list(app_module.COMMAND_MODULES)


@pytest.mark.parametrize("name", list(app_module.COMMAND_MODULES))
def test_a_command_built_alone_is_the_command_of_the_whole_tree(name: str):
    alone = get_command(app_module.build_app(name))
    whole = get_command(app_module.app)
    assert isinstance(alone, typer.core.TyperGroup) and isinstance(whole, typer.core.TyperGroup)
    assert list(alone.commands) == [name]
    built, full = alone.commands[name], whole.commands[name]
    assert [p.opts for p in built.params] == [p.opts for p in full.params]
    assert built.help == full.help
    assert sorted(getattr(built, "commands", {})) == sorted(getattr(full, "commands", {}))


def test_help_completion_the_menu_and_mistakes_get_the_whole_tree(monkeypatch):
    monkeypatch.delenv("_REFLECT_COMPLETE", raising=False)
    assert app_module._invoked_command(["list", "-n", "1"]) == "list"
    for whole_tree in ([], ["--help"], ["--version"], ["lsit"], ["help", "--man"]):
        assert app_module._invoked_command(whole_tree) is None, whole_tree
    monkeypatch.setenv("_REFLECT_COMPLETE", "complete_bash")
    assert app_module._invoked_command(["list"]) is None


HEAVY = ("pydantic", "questionary", "dateparser", "sqlmodel", "sqlalchemy", "jinja2", "fpdf")


def _imported(arguments: list[str], home: Path, tmp_path: Path) -> set[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("REFLECT_")}
    env.update(REFLECT_HOME=str(home), NO_COLOR="1")
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reflect", *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in completed.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "arguments",
    [
        ["--help"],
        ["list", "-n", "10"],
        ["search", "quillwort"],
        ["note", "A calm note @bench"],
        ["trends"],
        ["export", "--format", "json", "-o", "OUT/export.json"],
        ["export", "--format", "md", "-o", "OUT/export.md"],
    ],
    ids=lambda arguments: " ".join(arguments[:3]),
)
def test_a_command_that_does_not_need_them_imports_no_heavy_module(
    arguments: list[str], reflect_home: Path, tmp_path: Path
):
    arguments = [part.replace("OUT", str(tmp_path)) for part in arguments]
    loaded = _imported(arguments, reflect_home, tmp_path)
    heavy = sorted(name for name in loaded if name.split(".")[0] in HEAVY)
    assert not heavy, heavy
    if arguments[0] != "--help":
        other_commands = {"reflect.cli.db", "reflect.cli.packs", "reflect.cli.sessions"}
        assert not loaded & other_commands, sorted(loaded & other_commands)
