"""Options shared by several commands, declared once so their names and help stay the same."""

from __future__ import annotations

from typing import Annotated

import typer

from reflect.cli.completion import complete_entry_id, complete_pack_filter, complete_tag

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON alone on stdout.")]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only entries from this date: 2026-11-03, 7d, 2w, 3m, 1y, today, yesterday, "
        "'last monday', last-session.",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only entries up to this date (same forms as --since; a bare date: that whole day).",
    ),
]
PackFilterOption = Annotated[
    str | None,
    typer.Option(
        "--pack",
        metavar="PACK",
        help="Only entries of this pack (`note` for notes).",
        autocompletion=complete_pack_filter,
    ),
]
TagFilterOption = Annotated[
    str | None,
    typer.Option(
        "--tag", metavar="TAG", help="Only entries with this tag.", autocompletion=complete_tag
    ),
]
FlaggedOption = Annotated[
    bool, typer.Option("--flagged", help="Only entries flagged to bring to therapy.")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
EntryIdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The entry's id, or the first 4 or more characters of it.",
        autocompletion=complete_entry_id,
    ),
]
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
