"""`reflect config`: the YAML settings file (editor, default pack, crisis line, dates, colour)."""

from __future__ import annotations

import json

import typer

from reflect.cli.options import JsonOption
from reflect.config import load_config, write_default_config
from reflect.core.editor import run_editor
from reflect.errors import ConfigError
from reflect.paths import data_paths, ensure_private_folder
from reflect.render.console import say

app = typer.Typer(
    help="Your settings: editor, default pack, crisis line, date format, colour.\n\n"
    "Example: reflect config show",
    no_args_is_help=True,
)


@app.command("show")
def show_command(
    json_output: JsonOption = False,
) -> None:
    """Show the settings in effect (defaults filled in).

    Example: reflect config show --json
    """

    config = load_config(data_paths().config)
    if json_output:
        typer.echo(json.dumps(config.as_dict(), indent=2, ensure_ascii=False))
        return
    import yaml

    typer.echo(yaml.safe_dump(config.as_dict(), allow_unicode=True, sort_keys=False), nl=False)


@app.command("path")
def path_command(json_output: JsonOption = False) -> None:
    """Print the path of the config file.

    Example: reflect config path
    """

    config = data_paths().config
    if json_output:
        typer.echo(json.dumps({"config": str(config), "exists": config.exists()}, indent=2))
    else:
        typer.echo(str(config))


@app.command("edit")
def edit_command() -> None:
    """Open the config file in your editor (created with commented defaults if missing).

    Example: reflect config edit
    """

    paths = data_paths()
    ensure_private_folder(paths.home)
    write_default_config(paths.config)
    run_editor(paths.config, load_config_editor())
    load_config(paths.config)  # report a mistake right away, with its line
    say(f"Saved {paths.config}")


def load_config_editor() -> str:
    """The editor named in the config, if the config can be read at all."""

    try:
        return load_config(data_paths().config).editor
    except ConfigError:
        return ""
