"""The no-argument menu (driven from a pipe) and the first-run welcome."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from prompt_keys import CTRL_C, DOWN, ENTER, UP


@pytest.fixture
def menu():
    """Run the menu, typing `keys` into a pipe."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from typer.main import get_command

    from reflect.cli.app import app
    from reflect.cli.menu import main_menu

    def run(keys: str) -> None:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            main_menu(get_command(app), input=pipe, output=DummyOutput())  # type: ignore[arg-type]

    return run


def test_quit_leaves_the_menu_without_writing_anything(menu, reflect_home):
    menu(UP + ENTER)  # the list wraps round to Quit
    assert not (reflect_home / "journal.db").exists()


def test_ctrl_c_in_the_menu_exits_130(menu):
    import typer

    with pytest.raises(typer.Exit) as stopped:
        menu(CTRL_C)
    assert stopped.value.exit_code == 130


def test_write_a_note_from_the_menu(menu, journal, tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text(f"#!{sys.executable}\nimport sys\nopen(sys.argv[1], 'w').write('hi\\n')\n")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", str(editor))
    menu(DOWN + ENTER + UP + ENTER)
    assert journal.query("SELECT value_text FROM answer") == [("hi",)]


def test_recent_entries_runs_reflect_list(menu, cli, capsys):
    assert cli("note", "an entry to list").exit_code == 0
    menu(DOWN * 2 + ENTER + UP + ENTER)
    assert "an entry to list" in capsys.readouterr().out


def test_the_welcome_says_where_data_lives_and_that_it_is_no_crisis_service(
    reflect_home: Path, capsys
):
    from reflect.core.welcome import is_first_run, welcome_for
    from reflect.paths import data_paths
    from reflect.render.running import show_welcome

    reflect_home.mkdir(parents=True)
    (reflect_home / "config.yaml").write_text('crisis_line: "Ring 999 \\u001b[2J now."\n')
    paths = data_paths()
    assert is_first_run(paths)
    show_welcome(welcome_for(paths))
    shown = " ".join(capsys.readouterr().out.split())
    assert str(reflect_home) in shown
    assert "stays on this machine" in shown
    assert "Ring 999 ␛[2J now." in shown


def test_the_welcome_is_only_for_the_first_run(journal):
    from reflect.core.welcome import is_first_run
    from reflect.paths import data_paths

    assert not is_first_run(data_paths())
