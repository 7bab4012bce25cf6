"""The no-argument menu (driven from a pipe) and the first-run welcome."""

from __future__ import annotations

import stat
import sys
from datetime import datetime
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


def _type_path(path: Path) -> str:
    # questionary.path starts with the suggested name: clear it (Ctrl-U), then type ours.
    return "\x15" + str(path) + ENTER


def test_menu_export_offers_formats_by_name_and_exports_since_the_last_session(
    menu, cli, tmp_path, monkeypatch, capsys, frozen_clock
):
    frozen_clock(datetime(2026, 12, 3, 12, 0))  # a month after the session: its day needs no year
    assert cli("note", "before the session, left out", "--at", "2026-11-01").exit_code == 0
    assert cli("sessions", "add", "2026-11-03").exit_code == 0
    assert cli("note", "after the session, kept", "--at", "2026-11-05").exit_code == 0
    monkeypatch.chdir(tmp_path)
    # Export is the fifth choice; Markdown the third kind of file.
    menu(DOWN * 4 + ENTER + DOWN * 2 + ENTER + _type_path(Path("brief.md")) + UP + ENTER)
    written = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "after the session, kept" in written
    assert "before the session, left out" not in written
    err = capsys.readouterr().err
    assert "since your session on Tue 3 Nov" in err
    assert f"to {tmp_path / 'brief.md'}." in err  # the whole path, not the name typed


def test_menu_export_choices_name_the_formats(menu, monkeypatch):
    import questionary
    import typer

    from reflect.cli import menu as menu_module

    offered: list[str] = []
    original = questionary.select

    def recording_select(message, choices, **options):
        offered.extend(
            choice.title if isinstance(choice, questionary.Choice) else choice for choice in choices
        )
        return original(message, choices, **options)

    monkeypatch.setattr(questionary, "select", recording_select)
    with pytest.raises(typer.Exit):
        menu(DOWN * 4 + ENTER + CTRL_C)
    names = [name for name, _ in menu_module.EXPORT_FORMATS]
    assert all(name in offered for name in names)
    assert names[0].startswith("PDF") and any(name.startswith("Web page") for name in names)


def test_menu_export_without_a_session_exports_everything(menu, cli, tmp_path, monkeypatch, capsys):
    assert cli("note", "the only entry").exit_code == 0
    monkeypatch.chdir(tmp_path)
    menu(DOWN * 4 + ENTER + DOWN * 2 + ENTER + _type_path(Path("all.md")) + UP + ENTER)
    assert "the only entry" in (tmp_path / "all.md").read_text(encoding="utf-8")
    assert "No therapy session is recorded yet" in capsys.readouterr().err


def test_menu_export_that_cannot_open_the_journal_says_why_and_returns_to_the_menu(
    menu, monkeypatch, capsys
):
    from reflect.cli import menu as menu_module
    from reflect.errors import ReflectError

    def refuse(database):
        raise ReflectError("The journal is locked by another reflect.")

    # The menu's own name for it (imported at the top of reflect.cli.menu).
    monkeypatch.setattr(menu_module, "last_session_start", refuse)
    # Export (fails, back to the menu), then Quit: the menu is still there.
    menu(DOWN * 4 + ENTER + UP + ENTER)
    err = capsys.readouterr().err
    assert "The journal is locked by another reflect." in err
    assert "Traceback" not in err
