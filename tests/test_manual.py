"""`reflect help`: help for any command, and a man page made from the same command tree."""

from __future__ import annotations

import re
import subprocess

import typer

from reflect.cli.app import app
from tests.conftest import require_tool


def command_paths(command=None, prefix=()) -> list[tuple[str, ...]]:
    command = command or typer.main.get_command(app)
    if not hasattr(command, "commands"):
        return [prefix]
    paths: list[tuple[str, ...]] = []
    for name, sub in command.commands.items():
        paths += command_paths(sub, (*prefix, name))
    return paths


def test_the_man_page_names_every_command_and_renders_without_warnings(cli, tmp_path):
    outcome = cli("help", "--man")
    assert outcome.exit_code == 0
    page = outcome.stdout
    assert page.startswith(".TH REFLECT 1 ")
    for path in command_paths():
        assert f".SS\nreflect {' '.join(path)}" in page, path
    for section in ("NAME", "SYNOPSIS", "COMMANDS", "ENVIRONMENT", "EXIT STATUS", "NOTES"):
        assert f".SH {section}" in page
    manual = tmp_path / "reflect.1"
    manual.write_text(page)
    groff = require_tool("groff")
    checked = subprocess.run(
        [groff, "-man", "-Tutf8", "-ww", "-z", str(manual)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    rendered = subprocess.run(
        [groff, "-man", "-Tutf8", str(manual)], capture_output=True, text=True, check=True
    ).stdout
    rendered = re.sub(".\b", "", rendered).replace("‐", "-")  # overstrike bold, Unicode hyphens
    assert "reflect db backup" in rendered
    assert "--answers FILE" in rendered
    assert "not a crisis service" in rendered


def test_help_for_a_command_is_its_own_help(cli):
    assert cli("help", "db", "backup").stdout == cli("db", "backup", "--help").stdout
    assert cli("help").stdout == cli("--help").stdout


def test_help_for_an_unknown_command_says_so(cli):
    outcome = cli("help", "nope")
    assert outcome.exit_code == 1
    assert "There is no command 'nope'." in outcome.stderr


def test_config_path_has_json(cli, reflect_home):
    import json

    outcome = cli("config", "path", "--json")
    assert outcome.exit_code == 0
    assert json.loads(outcome.stdout) == {
        "config": str(reflect_home / "config.yaml"),
        "exists": False,
    }
