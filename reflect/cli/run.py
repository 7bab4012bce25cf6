"""`reflect run`: answering a pack, question by question in the terminal (every answer saved as it
is given) or all at once from a file or a pipe. The work is in reflect.core.running."""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer

from reflect.cli.access import known_passphrase, open_journal
from reflect.cli.completion import complete_pack
from reflect.cli.options import AtOption, FlagOption, PrivateOption, TagOption
from reflect.config import load_config
from reflect.core.answers import check_answers, parse_answers, read_answers_source
from reflect.core.dates import check_when, parse_optional_when
from reflect.core.entries import create_complete_entry
from reflect.core.journal import short_id
from reflect.core.packs import packs_in_order
from reflect.core.running import PackRun, interruptible_by_signals
from reflect.core.welcome import welcome_due
from reflect.errors import ExitCode, ReflectError
from reflect.packs.catalog import find_pack
from reflect.packs.definition import Pack
from reflect.paths import data_paths
from reflect.render import console
from reflect.render import running as screen
from reflect.render.console import say


def run_command(
    pack_id: Annotated[
        str | None,
        typer.Argument(
            metavar="PACK",
            help="The pack to run (see `reflect packs list`).",
            autocompletion=complete_pack,
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answer without prompts: a YAML or JSON mapping of question id to answer "
            "(`-` reads standard input).",
        ),
    ] = None,
    at: AtOption = None,
    tag: TagOption = None,
    flag: FlagOption = False,
    private: PrivateOption = False,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue the newest unfinished entry of this pack."),
    ] = False,
) -> None:
    """Reflect with a prompt pack; every answer is saved the moment you give it.

    Ctrl-C stops at any point and keeps what you answered; `--resume` continues.

    Example: reflect run trust
    """

    tags = tag or []
    if resume and (answers is not None or at is not None):
        raise ReflectError("--resume continues a draft as it is; it cannot take --answers or --at.")
    # Mistakes in the command line are reported first, whatever the mode (terminal or not).
    named = find_pack(pack_id) if pack_id is not None else None
    check_when(at)
    if answers is not None:
        _run_from_file(named, answers, at=at, tags=tags, flag=flag, private=private)
        return
    if not console.is_interactive():
        raise ReflectError(
            "`reflect run` asks its questions in a terminal, and there is none here.",
            "To answer without a terminal, give the answers in a file: "
            "reflect run PACK --answers answers.yaml  (question ids: `reflect packs show PACK`).",
        )
    _run_in_terminal(pack_id, at=at, tags=tags, flag=flag, private=private, resume=resume)


def _run_from_file(
    named: Pack | None, source: str, *, at: str | None, tags: list[str], flag: bool, private: bool
) -> None:

    pack = named
    if pack is None:
        pack_id = load_config(data_paths().config).default_pack
        if not pack_id:
            raise ReflectError(
                "Name the pack the answers belong to.",
                "For example: reflect run trust --answers FILE",
            )
        pack = find_pack(pack_id)
    checked = check_answers(pack, parse_answers(*read_answers_source(source)))
    with open_journal() as database:
        when = parse_optional_when(at, database)
        entry_id = create_complete_entry(
            database, pack.reference(), checked, at=when, flagged=flag, private=private, tags=tags
        )
    given = sum(1 for _, value in checked if value is not None)
    say(f"Saved a complete {pack.id} entry with {given} answers ({short_id(entry_id)}).")
    typer.echo(entry_id)


def _run_in_terminal(
    pack_id: str | None,
    *,
    at: str | None,
    tags: list[str],
    flag: bool,
    private: bool,
    resume: bool,
) -> None:

    paths = data_paths()
    config = load_config(paths.config)
    asker = screen.TerminalAsker(editor_folder=paths.home, configured_editor=config.editor)
    run: PackRun | None = None
    try:
        with interruptible_by_signals():
            welcome = welcome_due(paths)
            if welcome is not None:
                screen.show_welcome(welcome)
            if pack_id is None:
                packs = [
                    listing.pack
                    for listing in packs_in_order(known_passphrase)
                    if listing.pack is not None and not listing.shadowed
                ]
                pack = asker.choose_pack(packs, config.default_pack)
            else:
                pack = find_pack(pack_id)
            with open_journal() as database:
                if resume:
                    run = PackRun.resume(database, pack)
                else:
                    when = parse_optional_when(at, database)
                    run = PackRun.start(
                        database, pack, at=when, flagged=flag, private=private, tags=tags
                    )
                screen.show_intro(
                    run.pack,
                    resumed=run.resumed,
                    kept=run.kept,
                    skipped=run.skipped,
                    began=run.started_at,
                    date_format=config.date_format,
                )
                run.ask_all(asker)
                screen.show_outro(run.pack)
                screen.show_recap(run.pack, run.recap())
                screen.show_crisis_line(config.crisis_line_text())
                choices = asker.finish(flagged=run.flagged, private=run.private)
                run.complete(flagged=choices.flagged, private=choices.private, tags=choices.tags)
    except (KeyboardInterrupt, EOFError):  # EOFError: the terminal went away mid-question
        if run is None or run.entry_id is None:
            with contextlib.suppress(OSError):
                say(screen.interrupted_message("", 0, 0, complete=False))
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        finished = run.first_unanswered() >= len(run.applicable())
        # After SIGHUP the terminal may be gone: the answers are saved either way.
        with contextlib.suppress(OSError):
            say(screen.interrupted_message(run.pack.id, run.kept, run.skipped, complete=finished))
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    kept = run.kept
    answers = "answer" if kept == 1 else "answers"
    say(f"Saved. {kept} {answers} in this entry ({short_id(run.entry_id or '')}).")


def register(app: typer.Typer) -> None:
    """Add this module's command to the top-level app."""
    app.command("run")(run_command)
