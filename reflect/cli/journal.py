"""`reflect list`, `show`, `search`, `edit`, `delete`, `restore` and `trash`: finding entries again
and tidying them. Thin: options are parsed here, the work is in reflect.core.journal."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from reflect.cli.access import open_journal
from reflect.cli.completion import complete_tag, complete_trashed_entry_id
from reflect.cli.options import (
    EntryIdArgument,
    FlaggedOption,
    JsonOption,
    PackFilterOption,
    SinceOption,
    TagFilterOption,
    UntilOption,
    YesOption,
)
from reflect.config import load_config
from reflect.core.filters import FilterOptions, filter_from_options
from reflect.core.journal import (
    EntryMarks,
    change_marks,
    edit_document,
    edit_text,
    entry_id_length,
    entry_to_trash,
    erase_trash,
    find_entry,
    find_live_entry,
    full_note_texts,
    list_journal,
    move_to_trash,
    parse_edit_document,
    restore_from_trash,
    search_journal,
    short_id,
    trashed_entries,
    update_answers,
)
from reflect.errors import AnswerError, ReflectError
from reflect.paths import data_paths
from reflect.render.console import (
    is_interactive,
    printable,
    say,
    stdout_console,
    stdout_is_terminal,
)
from reflect.render.journal import (
    as_plain,
    as_texts,
    detail_json,
    entry_list_lines,
    entry_list_tsv,
    entry_view,
    list_json,
    print_paged,
    search_json,
    search_view,
    summary_json,
    trash_table,
)

if TYPE_CHECKING:
    from reflect.core.access import Database
    from reflect.model import EmptiedTrash, EntryDetail

DraftsOption = Annotated[
    bool,
    typer.Option("--drafts", help="Only unfinished entries (drafts) instead of finished ones."),
]
LimitOption = Annotated[
    int | None, typer.Option("-n", "--limit", metavar="N", help="Show at most this many.", min=1)
]


def _print_json(data: object) -> None:

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _date_format() -> str:

    return load_config(data_paths().config).date_format


def list_entries(
    since: SinceOption = None,
    until: UntilOption = None,
    pack: PackFilterOption = None,
    tag: TagFilterOption = None,
    flagged: FlaggedOption = False,
    drafts: DraftsOption = False,
    limit: LimitOption = None,
    json_output: JsonOption = False,
) -> None:
    """List entries, newest first, with your therapy sessions as dividers.

    Example: reflect list --since last-session --flagged
    """

    with open_journal() as database:
        entry_filter = filter_from_options(
            database, FilterOptions(since, until, pack, tag, flagged), drafts=drafts, limit=limit
        )
        listing = list_journal(database, entry_filter)
        note_texts = full_note_texts(database, listing.entries) if json_output else {}
    filtered = bool(since or until or pack or tag or flagged)
    if json_output:
        _print_json(list_json(listing.entries, listing.sessions, note_texts))
        return
    if listing.entries and stdout_is_terminal():
        console = stdout_console()
        lines = entry_list_lines(
            listing.entries,
            listing.sessions,
            _date_format(),
            console.width,
            id_length=listing.id_length,
        )
        print_paged(console, lines)
    elif listing.entries:
        typer.echo(entry_list_tsv(listing.entries, listing.sessions))
    elif listing.journal_is_empty:
        say("No entries yet: start with `reflect run` or `reflect note`.")
    elif drafts:
        say("No unfinished drafts." if not filtered else "No unfinished drafts match.")
    elif not filtered and listing.drafts_in_range:
        say("No finished entries yet.")
    else:
        say("No entries match.")
    if listing.drafts_in_range:
        count = listing.drafts_in_range
        plural = "s" if count > 1 else ""
        where = " in this range" if filtered or limit else ""
        say(f"{count} unfinished draft{plural}{where}: `reflect list --drafts`.")


def show_entry(entry_id: EntryIdArgument, json_output: JsonOption = False) -> None:
    """Show one entry: every question as it was asked, with its answer.

    Example: reflect show 1a2b
    """

    with open_journal() as database:
        detail = find_entry(database, entry_id)
    if json_output:
        _print_json(detail_json(detail))
        return

    view = entry_view(detail, _date_format())
    if stdout_is_terminal():
        print_paged(stdout_console(), as_texts(view))
    else:
        typer.echo(as_plain(view))


def search(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="QUERY",
            help='Words to look for in your answers and notes: "a quoted phrase", heard* for '
            "the start of a word, OR between words. Put -- first if the query starts with a dash.",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    pack: PackFilterOption = None,
    tag: TagFilterOption = None,
    flagged: FlaggedOption = False,
    drafts: DraftsOption = False,
    limit: Annotated[
        int,
        typer.Option("-n", "--limit", metavar="N", help="Show at most this many entries.", min=1),
    ] = 20,
    json_output: JsonOption = False,
) -> None:
    """Search your answers and notes, best matches first, with the matching words highlighted.

    The questions' own words are not searched: --pack narrows to one pack's entries.

    Example: reflect search '"felt heard"' --pack trust --since 3m
    """

    query = " ".join(words or ())
    with open_journal() as database:
        entry_filter = filter_from_options(
            database, FilterOptions(since, until, pack, tag, flagged), drafts=drafts, limit=limit
        )
        results = search_journal(database, query, entry_filter)
        hits = results.hits
        entries = [hit.entry for hit in hits]
        note_texts = full_note_texts(database, entries) if json_output else {}
        id_length = entry_id_length(database, [entry.id for entry in entries])
    if json_output:
        _print_json(search_json(query, hits, results.more, note_texts))
        return
    if not hits:
        say(
            "Nothing found. Search looks in what you wrote, not in the questions: try fewer "
            "words, or the start of a word with * (heard*)."
        )
        return

    terminal = stdout_is_terminal()
    if not terminal:
        id_length = max(len(entry.id) for entry in entries)  # whole ids for another program
    view = search_view(hits, _date_format(), styled=terminal, id_length=id_length)
    if terminal:
        print_paged(stdout_console(), as_texts(view))
    else:
        typer.echo(as_plain(view))
    if results.more:
        say(f"Showing the best {len(hits)} entries; more match: -n {len(hits) * 5} shows more.")
    else:
        say(f"{len(hits)} {'entry' if len(hits) == 1 else 'entries'} found.")


def edit(
    entry_id: EntryIdArgument,
    flag: Annotated[
        bool | None,
        typer.Option("--flag/--unflag", help="Mark (or unmark) to bring to therapy."),
    ] = None,
    private: Annotated[
        bool | None,
        typer.Option("--private/--public", help="Keep out of exports unless asked (or not)."),
    ] = None,
    tags: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", metavar="TAG", help="Add a tag (repeatable).", autocompletion=complete_tag
        ),
    ] = None,
    untags: Annotated[
        list[str] | None,
        typer.Option(
            "--untag",
            metavar="TAG",
            help="Remove a tag (repeatable).",
            autocompletion=complete_tag,
        ),
    ] = None,
) -> None:
    """Change an entry's answers in your editor, or its flag, privacy and tags.

    With --flag/--unflag, --private/--public, --tag or --untag no editor opens.

    Example: reflect edit 1a2b --flag --tag rupture
    """

    marks = EntryMarks(
        flagged=flag, private=private, add_tags=tuple(tags or ()), remove_tags=tuple(untags or ())
    )
    with open_journal() as database:
        detail = find_live_entry(database, entry_id)
        short = short_id(detail.summary.id)
        if marks.any:
            change_marks(database, detail.summary.id, marks)
            say(f"Updated entry {short}.")
            return
        changed = _edit_answers(database, detail)
    if changed:
        say(f"Saved {changed} changed answer{'s' if changed != 1 else ''} to entry {short}.")
    else:
        say("No changes.")


def _edit_answers(database: Database, detail: EntryDetail) -> int:
    """Open the answers in $EDITOR until they are valid (or the person gives up); save them."""

    if not detail.answers:
        say("This entry has no answers to edit yet.")
        return 0
    paths = data_paths()
    editor = load_config(paths.config).editor
    original = edit_document(detail)
    document = original
    while True:
        document = edit_text(document, editor=editor, folder=paths.home)
        if document == original:
            return 0
        try:
            changes = parse_edit_document(document, detail.answers)
            break
        except AnswerError as error:
            if not is_interactive():
                raise
            say(f"Error: {error.message}")
            if not typer.confirm("Open the editor again to fix it?", default=True):
                raise
    if changes:
        update_answers(database, detail.summary.id, changes)
    return len(changes)


def delete(entry_id: EntryIdArgument, yes: YesOption = False) -> None:
    """Move an entry to the trash (it can be restored until the trash is emptied).

    Example: reflect delete 1a2b
    """

    with open_journal() as database:
        summary = entry_to_trash(database, entry_id)
        short = short_id(summary.id)
        if not yes:
            day = f"{summary.created_at.astimezone():%Y-%m-%d}"
            question = f"Move entry {short} ({day}, {printable(summary.label)}) to the trash?"
            if not _confirmed(question, "Add --yes to move it to the trash without asking."):
                say("Nothing was changed.")
                return
        move_to_trash(database, summary.id)
    say(f"Moved entry {short} to the trash. `reflect restore {short}` brings it back.")


def restore(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The entry's id, or the first 4 or more characters of it.",
            autocompletion=complete_trashed_entry_id,
        ),
    ],
) -> None:
    """Bring an entry back from the trash.

    Example: reflect restore 1a2b
    """

    with open_journal() as database:
        restored = restore_from_trash(database, entry_id)
    say(f"Restored entry {short_id(restored)}.")


def trash(
    empty: Annotated[
        bool, typer.Option("--empty", help="Erase everything in the trash for good.")
    ] = False,
    yes: YesOption = False,
    json_output: JsonOption = False,
) -> None:
    """List the entries in the trash, or erase them for good with --empty.

    Example: reflect trash --empty
    """

    with open_journal() as database:
        trashed = trashed_entries(database)
        erased: EmptiedTrash | None = None
        if empty and (yes or not trashed or _confirm_erase(len(trashed))):
            erased = erase_trash(database)
    if not empty:
        if json_output:
            _print_json([summary_json(entry) for entry in trashed])
        elif not trashed:
            say("The trash is empty.")
        else:
            print_paged(stdout_console(), [trash_table(trashed, _date_format())])
        return
    if erased is None:
        say("Nothing was erased.")
        return
    if erased.entries:
        say(f"Erased {erased.entries} {'entries' if erased.entries != 1 else 'entry'} for good.")
    else:
        say("The trash is already empty.")
    if not erased.wal_truncated:
        say(
            "Another reflect has the journal open, so some erased text stays in the journal's "
            "log file until it closes. Run `reflect trash --empty` again then."
        )


def _confirm_erase(count: int) -> bool:
    plural = "entries" if count != 1 else "entry"
    return _confirmed(
        f"Erase {count} {plural} in the trash for good? This cannot be undone.",
        "Add --yes to erase them without asking.",
    )


def _confirmed(question: str, without_asking: str) -> bool:
    """A yes/no question on the terminal (default no). No answer at all (standard input closed
    or Ctrl-C at the question) is a refusal in words, exit 1, instead of Click's "Aborted!"."""
    try:
        return typer.confirm(question, default=False)
    except typer.Abort:
        typer.echo(err=True)  # end the question's line
        raise ReflectError(
            "Nothing was changed: the question got no answer.", without_asking
        ) from None


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("list")(list_entries)
    app.command("show")(show_entry)
    app.command("search")(search)
    app.command("edit")(edit)
    app.command("delete")(delete)
    app.command("restore")(restore)
    app.command("trash")(trash)
