"""`reflect packs`: list, show, validate and start prompt packs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.access import known_passphrase
from reflect.cli.completion import complete_pack
from reflect.cli.options import JsonOption
from reflect.core.packs import packs_in_order
from reflect.errors import ExitCode
from reflect.packs.catalog import check_pack_files, find_pack_listing
from reflect.packs.files import builtin_packs_folder, pack_files_in
from reflect.packs.loader import load_pack_file
from reflect.packs.starter import write_starter_pack
from reflect.paths import data_paths
from reflect.render.console import say
from reflect.render.packs import (
    pack_as_json,
    pack_list_as_json,
    print_pack,
    print_pack_list,
    print_validation,
    validation_as_json,
)

app = typer.Typer(
    help=("The prompt packs: the built-in ones and your own.\n\nExample: reflect packs show trust"),
    no_args_is_help=True,
)


@app.command("list")
def list_command(json_output: JsonOption = False) -> None:
    """List the packs, the check-in first, then the ones you use most, and whether each is valid.

    Example: reflect packs list
    """

    listings = packs_in_order(known_passphrase)
    if json_output:
        typer.echo(pack_list_as_json(listings))
    else:
        print_pack_list(listings)


@app.command("show")
def show_command(
    pack: Annotated[
        str,
        typer.Argument(
            help="A pack id (see `reflect packs list`) or a file.", autocompletion=complete_pack
        ),
    ],
    json_output: JsonOption = False,
) -> None:
    """Show a pack's questions: kinds, scale ends, dimensions and follow-ups.

    Example: reflect packs show trust
    """

    candidate = Path(pack).expanduser()
    if candidate.suffix in (".yaml", ".yml") or "/" in pack:
        found, source, location = load_pack_file(candidate), "file", str(candidate)
    else:
        listing = find_pack_listing(pack)
        assert listing.pack is not None
        found, source, location = listing.pack, listing.origin, str(listing.path)
    if json_output:
        typer.echo(pack_as_json(found, source, location))
    else:
        print_pack(found, source, location)


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE|ID...",
            help="Pack files to check (a folder checks its .yaml files), or the ids of packs "
            "in your packs folder.",
        ),
    ],
    json_output: JsonOption = False,
) -> None:
    """Check pack files and report every problem with its line; exit 1 if any is invalid.

    Example: reflect packs validate my-pack
    """

    checks = check_pack_files(files)
    if json_output:
        typer.echo(validation_as_json(checks))
    else:
        print_validation(checks)
    if any(check.pack is None for check in checks):
        raise typer.Exit(ExitCode.FAILURE)


@app.command("new")
def new_command(
    pack_id: Annotated[str, typer.Argument(metavar="ID", help="The new pack's id, e.g. my-pack.")],
) -> None:
    """Write a commented starter pack into your packs folder, ready to edit and run.

    Example: reflect packs new my-pack
    """

    path = write_starter_pack(pack_id, data_paths().packs)
    typer.echo(str(path))
    if any(file.stem == pack_id for file in pack_files_in(builtin_packs_folder())):
        say(f"Note: while this file exists it is used instead of the built-in pack {pack_id!r}.")
    say(f"Edit it, check it with `reflect packs validate {path}`, then `reflect run {pack_id}`.")
