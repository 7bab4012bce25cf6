"""`reflect run` and `reflect note`: writing entries, interactively or from a file or a pipe."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import typer

from reflect.cli.access import known_passphrase, open_journal
from reflect.cli.completion import complete_pack, complete_tag
from reflect.config import load_config
from reflect.errors import ExitCode, ReflectError
from reflect.paths import data_paths

AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="DATETIME",
        help="Date the entry (e.g. 2026-11-03, 2026-11-03T18:30, yesterday). Default: now.",
    ),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Tag the entry (repeatable).",
        autocompletion=complete_tag,
    ),
]
FlagOption = Annotated[
    bool, typer.Option("--flag", help="Flag the entry to bring to your next therapy session.")
]
PrivateOption = Annotated[
    bool, typer.Option("--private", help="Keep the entry out of exports unless asked for.")
]


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

    from reflect.core.dates import check_when
    from reflect.packs.catalog import find_pack
    from reflect.render import console

    tags = tag or []
    if resume and (answers is not None or at is not None):
        raise ReflectError("--resume continues a draft as it is; it cannot take --answers or --at.")
    # Mistakes in the command line are reported first, whatever the mode (terminal or not).
    if pack_id is not None:
        find_pack(pack_id)
    check_when(at)
    if answers is not None:
        _run_from_file(pack_id, answers, at=at, tags=tags, flag=flag, private=private)
        return
    if not console.is_interactive():
        raise ReflectError(
            "`reflect run` asks its questions in a terminal, and there is none here.",
            "To answer without a terminal, give the answers in a file: "
            "reflect run PACK --answers answers.yaml  (question ids: `reflect packs show PACK`).",
        )
    _run_in_terminal(pack_id, at=at, tags=tags, flag=flag, private=private, resume=resume)


def _run_from_file(
    pack_id: str | None, source: str, *, at: str | None, tags: list[str], flag: bool, private: bool
) -> None:

    from reflect.core.answers import check_answers, parse_answers, read_answers_source
    from reflect.core.dates import parse_optional_when
    from reflect.core.entries import create_complete_entry
    from reflect.core.journal import short_id
    from reflect.packs.catalog import find_pack
    from reflect.render.console import say

    pack_id = pack_id or load_config(data_paths().config).default_pack
    if not pack_id:
        raise ReflectError(
            "Name the pack the answers belong to.", "For example: reflect run trust --answers FILE"
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

    from reflect.core.dates import parse_optional_when
    from reflect.core.journal import short_id
    from reflect.core.packs import packs_in_order
    from reflect.core.running import PackRun, interruptible_by_signals
    from reflect.core.welcome import welcome_due
    from reflect.packs.catalog import find_pack
    from reflect.render import running as screen
    from reflect.render.console import say

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


def note_command(
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help="The note. Without it: typed in the terminal (or your editor, if you set one), "
            "else standard input.",
        ),
    ] = None,
    at: AtOption = None,
    tag: TagOption = None,
    flag: FlagOption = False,
    private: PrivateOption = False,
) -> None:
    """Write a free-form note.

    Example: reflect note "Felt rushed at the end of today's session."
    """

    from reflect.core.dates import check_when

    check_when(at)  # a bad date is reported before anyone writes a word
    if text is None:
        from reflect.core.running import note_from_stdin  # (loads the pack model)

        text = note_from_terminal() if sys.stdin.isatty() else note_from_stdin()
    save_note(text, at=at, tags=tag or [], flagged=flag, private=private)


def note_from_terminal(terminal: Mapping[str, Any] | None = None) -> str:
    """A new note typed on the terminal: in the person's editor if they set one (config
    `editor:`, $VISUAL or $EDITOR), else inline, with the keys said in plain words.

    Leaving without saving (Esc) says so and exits 1; nothing is written.
    """

    from reflect.core.editor import chosen_editor
    from reflect.core.running import text_from_editor
    from reflect.render import running as screen
    from reflect.render.console import say

    paths = data_paths()
    configured = load_config(paths.config).editor
    if chosen_editor(configured):
        return text_from_editor(paths.home, "", configured)
    text = screen.write_note(terminal)
    if text is None:
        say("Left without saving; no note was written.")
        raise typer.Exit(ExitCode.FAILURE)
    return text


def save_note(
    text: str,
    *,
    at: str | None = None,
    tags: Sequence[str] = (),
    flagged: bool = False,
    private: bool = False,
) -> str:
    """Save a note and say so (`reflect note`, and the menu's "Write a note"); its id.

    An empty note saves nothing and exits 1.
    """

    from reflect.core.dates import parse_optional_when
    from reflect.core.entries import create_note
    from reflect.core.journal import short_id
    from reflect.render.console import say

    if not text.strip():
        say("The note is empty, so nothing was saved.")
        raise typer.Exit(ExitCode.FAILURE)
    with open_journal() as database:
        when = parse_optional_when(at, database)
        entry_id = create_note(database, text, at=when, flagged=flagged, private=private, tags=tags)
    say(f"Saved your note ({short_id(entry_id)}).")
    return entry_id


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("run")(run_command)
    app.command("note")(note_command)
