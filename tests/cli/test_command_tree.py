"""Only the command typed is built (issue 18): `reflect --help` lists the commands from a table in
reflect/cli/app.py without importing a command module, the table must match the commands, and
the commands that touch one entry must not import what they do not need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from reflect.cli import app as app_module

ROOT = Path(__file__).resolve().parents[2]


def _group() -> typer.core.TyperGroup:
    group = get_command(app_module.build_app())
    assert isinstance(group, app_module.ReflectGroup)
    return group


def test_every_command_module_holds_the_commands_the_table_says():
    group = _group()
    context = typer.Context(group, info_name="reflect")
    assert group.list_commands(context) == list(app_module.COMMAND_MODULES)
    for name in app_module.COMMAND_MODULES:
        command = group.get_command(context, name)
        assert command is not None and command.name == name


@pytest.mark.parametrize("name", list(app_module.COMMAND_MODULES))
def test_the_summary_in_the_table_is_the_first_line_of_the_command_s_own_help(name: str):
    command = app_module.load_command(name)
    summary = app_module.COMMAND_MODULES[name].summary
    assert command.get_short_help_str(limit=1000) == summary
    assert (command.help or "").splitlines()[0] == summary


def test_help_lists_every_command_without_building_one():
    group = _group()
    result = CliRunner().invoke(app_module.build_app(), ["--help"])
    assert result.exit_code == 0, result.output
    listed = result.output.split("Commands:")[1].split()
    assert [word for word in listed if word in app_module.COMMAND_MODULES][:3] == [
        "run",
        "note",
        "list",
    ]
    for name in app_module.COMMAND_MODULES:
        assert f"  {name} " in result.output
    assert group.commands._built == {}  # type: ignore[attr-defined]


def test_a_typo_is_answered_with_the_command_it_was_probably_meant_to_be():
    result = CliRunner().invoke(app_module.build_app(), ["lsit"])
    assert result.exit_code == 2
    assert "Did you mean 'list'?" in result.output


def test_looking_up_one_command_builds_that_command_alone():
    group = _group()
    context = typer.Context(group, info_name="reflect")
    assert group.get_command(context, "trends") is not None
    assert group.get_command(context, "nonsense") is None
    assert list(group.commands._built) == ["trends"]  # type: ignore[attr-defined]


def test_completing_a_command_name_builds_no_command():
    group = _group()
    context = typer.Context(group, info_name="reflect")
    items = group.shell_complete(context, "s")
    assert [item.value for item in items] == ["show", "search", "sync", "sessions"]
    assert items[0].help == app_module.COMMAND_MODULES["show"].summary
    assert group.commands._built == {}  # type: ignore[attr-defined]


HEAVY = ("pydantic", "questionary", "dateparser", "sqlmodel", "sqlalchemy", "jinja2", "fpdf")


# Runs `reflect ARGUMENTS` as the console script does and writes, on the way out, every module
# the process had imported. (`-X importtime` would not do: it does not report a module imported
# with importlib.import_module, which is how the command modules are loaded.)
RUN_AND_LIST_MODULES = """
import json, sys
out, sys.argv = sys.argv[1], ["reflect", *sys.argv[2:]]
try:
    from reflect.cli.app import main
    main()
finally:
    with open(out, "w") as handle:
        json.dump(sorted(sys.modules), handle)
"""


def _imported(arguments: list[str], home: Path, tmp_path: Path) -> set[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("REFLECT_")}
    env.update(REFLECT_HOME=str(home), NO_COLOR="1")
    listing = tmp_path / "modules.json"
    completed = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return set(json.loads(listing.read_text()))


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
        # A built-in pack is clean, so running it needs no pack model (reflect.packs.definition).
        ["run", "checkin", "--answers", "OUT/answers.json"],
    ],
    ids=lambda arguments: " ".join(arguments[:3]),
)
def test_a_command_that_does_not_need_them_imports_no_heavy_module(
    arguments: list[str], reflect_home: Path, tmp_path: Path
):
    (tmp_path / "answers.json").write_text(
        '{"connected": 7, "leaving": ["calmer"]}', encoding="utf-8"
    )
    arguments = [part.replace("OUT", str(tmp_path)) for part in arguments]
    loaded = _imported(arguments, reflect_home, tmp_path)
    heavy = sorted(name for name in loaded if name.split(".")[0] in HEAVY)
    assert not heavy, heavy
    command_modules = {
        f"reflect.cli.{listed.module}" for listed in app_module.COMMAND_MODULES.values()
    }
    own = (
        {f"reflect.cli.{app_module.COMMAND_MODULES[arguments[0]].module}"}
        if arguments[0] in app_module.COMMAND_MODULES
        else set()
    )
    assert loaded & command_modules == own, sorted(loaded & command_modules)


def test_show_and_search_to_a_file_build_no_rich_console(reflect_home: Path, tmp_path: Path):
    note = _imported(["note", "A calm note about quillwort"], reflect_home, tmp_path)
    assert "reflect.cli.note" in note
    found = sorted(path.stem for path in reflect_home.glob("*.db"))
    assert found == ["journal"]
    listing = tmp_path / "listing.tsv"
    env = {key: value for key, value in os.environ.items() if not key.startswith("REFLECT_")}
    with listing.open("w") as handle:
        subprocess.run(
            [sys.executable, "-m", "reflect", "list"],
            stdout=handle,
            env={**env, "REFLECT_HOME": str(reflect_home)},
            check=True,
            timeout=60,
        )
    entry_id = listing.read_text().splitlines()[1].split("\t")[0]
    for arguments in (["show", entry_id], ["search", "quillwort"]):
        loaded = _imported(arguments, reflect_home, tmp_path)
        assert "rich.console" not in loaded, arguments


@pytest.mark.parametrize(
    ("format", "module"),
    [("json", "json_document"), ("md", "markdown"), ("csv", "csv_table")],
)
def test_an_export_imports_its_own_format_s_writer_alone(
    format: str, module: str, reflect_home: Path, tmp_path: Path
):
    out = tmp_path / f"export.{format}"
    loaded = _imported(["export", "--format", format, "-o", str(out)], reflect_home, tmp_path)
    writers = {"json_document", "markdown", "csv_table", "html", "pdf", "chart"}
    imported = {name for name in writers if f"reflect.render.export.{name}" in loaded}
    assert imported == {module}
