"""The `reflect` command: the Typer app, its command groups, and the single exit point.

Every ReflectError raised anywhere below ends here: its message goes to stderr and the process
exits with its status (reflect.errors.ExitCode: 1, or 130 after Ctrl-C). A traceback is shown
only with REFLECT_DEBUG=1.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any, NamedTuple

import typer
import typer.main

# typer 0.28 (pinned in pyproject) carries its own click: its types are the ones to extend.
from typer._click import Command, Context, HelpFormatter
from typer._click.shell_completion import CompletionItem
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup

from reflect import __version__
from reflect.cli.reporting import debug_enabled, report
from reflect.core.access import pending_notices
from reflect.errors import ExitCode, ReflectError
from reflect.files import quiet_stdout
from reflect.render.console import is_interactive, say

CRISIS_NOTE = (
    "reflect is not a crisis service: if you are in danger, contact your local emergency "
    "number or a crisis line (set yours with `reflect config edit`)."
)


class CommandTable(MutableMapping[str, Command]):
    """The top-level commands by name, each built (its module imported) on first lookup.

    Its names are COMMAND_MODULES' in order, so listing them, suggesting one for a typo and
    checking that a name exists import nothing.
    """

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMAND_MODULES:
                raise KeyError(name)
            self._built[name] = load_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMAND_MODULES, *self._built]))

    def __len__(self) -> int:
        return len(set(COMMAND_MODULES) | set(self._built))

    def __contains__(self, name: object) -> bool:
        return name in COMMAND_MODULES or name in self._built


class ReflectGroup(TyperGroup):
    """The `reflect` group: routes every error of every subcommand through one place, and
    builds a command only when it is looked up (see CommandTable)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table = CommandTable()
        table.update(self.commands)
        self.commands = table

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command list of `reflect --help`, from the table: no command module imported."""
        limit = formatter.width - 6 - max(len(name) for name in COMMAND_MODULES)
        rows = [
            (name, make_default_short_help(listed.summary, limit))
            for name, listed in COMMAND_MODULES.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        """Command names with their summaries from the table; then the group's own options."""
        names = [
            CompletionItem(name, help=listed.summary)
            for name, listed in COMMAND_MODULES.items()
            if name.startswith(incomplete)
        ]
        return names + Command.shell_complete(self, ctx, incomplete)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return self._invoke_with_notices(ctx)
        except ReflectError as error:
            if debug_enabled():
                raise
            report(error)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            if debug_enabled():
                raise
            say("Interrupted.")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:
            # The reader of the output stopped early (`reflect list | head -1`): no message, and
            # status 1, as rich and Click answer it where they meet it first (and Python's
            # "Note on SIGPIPE"); stdout to /dev/null so the last flush cannot complain.
            if debug_enabled():
                raise
            quiet_stdout()
            raise typer.Exit(ExitCode.FAILURE) from None
        except Exception as error:
            if debug_enabled():
                raise
            say(
                f"Error: something unexpected went wrong ({type(error).__name__}). "
                "Nothing you wrote was sent anywhere."
            )
            say("Run again with REFLECT_DEBUG=1 to see the details.")
            raise typer.Exit(ExitCode.FAILURE) from None

    def _invoke_with_notices(self, ctx: typer.Context) -> Any:

        try:
            return super().invoke(ctx)
        finally:
            notices = pending_notices()
            if notices:
                for notice in notices:
                    say(notice)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"reflect {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """A private journal for reflecting on the relationship with your therapist.

    Example: reflect run checkin
    """
    if ctx.invoked_subcommand is not None:
        return

    if is_interactive():
        # The menu gets the command group to run its choices through: it never imports this
        # module (which would make the two import each other).
        assert isinstance(ctx.command, TyperGroup)  # this callback belongs to the ReflectGroup
        # Loaded like a command module (see build_app): only when the menu is what runs.
        menu = importlib.import_module("reflect.cli.menu")
        menu.main_menu(ctx.command)
    else:
        typer.echo(ctx.get_help())


class Listed(NamedTuple):
    """Where a top-level command is defined, and the line `reflect --help` shows for it."""

    module: str  # under reflect.cli
    how: str  # "register": the module adds its command with register(app); "group": its own `app`
    summary: str  # the first line of the command's help (tests/cli/test_command_tree.py checks)


COMMAND_MODULES: dict[str, Listed] = {
    "run": Listed(
        "run",
        "register",
        "Reflect with a prompt pack; every answer is saved the moment you give it.",
    ),
    "note": Listed("note", "register", "Write a free-form note."),
    "list": Listed(
        "journal", "register", "List entries, newest first, with your therapy sessions as dividers."
    ),
    "show": Listed(
        "journal", "register", "Show one entry: every question as it was asked, with its answer."
    ),
    "search": Listed(
        "journal",
        "register",
        "Search your answers and notes, best matches first, with the matching words highlighted.",
    ),
    "edit": Listed(
        "journal",
        "register",
        "Change an entry's answers in your editor, or its flag, privacy and tags.",
    ),
    "delete": Listed(
        "journal",
        "register",
        "Move an entry to the trash (it can be restored until the trash is emptied).",
    ),
    "restore": Listed("journal", "register", "Bring an entry back from the trash."),
    "trash": Listed(
        "journal", "register", "List the entries in the trash, or erase them for good with --empty."
    ),
    "trends": Listed(
        "trends", "register", "How your scores for trust, safety and the rest move over time."
    ),
    "export": Listed("export", "register", "Export entries to bring to your next therapy session."),
    "import": Listed(
        "importing",
        "register",
        "Import entries from reflect, jrnl, Daylio (CSV) or Day One (JSON or zip) exports.",
    ),
    "help": Listed("manual", "register", "Show help for a command, or print the manual page."),
    "sync": Listed(
        "sync",
        "register",
        "Sync this journal with your other devices through a folder, end-to-end encrypted.",
    ),
    "packs": Listed("packs", "group", "The prompt packs: the built-in ones and your own."),
    "sessions": Listed(
        "sessions",
        "group",
        "Record your therapy sessions, so entries can be read and exported by session.",
    ),
    "db": Listed("db", "group", "Where your journal lives; check it, back it up, encrypt it."),
    "config": Listed(
        "config", "group", "Your settings: editor, default pack, crisis line, date format, colour."
    ),
}


def load_command(name: str) -> Command:
    """The top-level command `name`, built from its module alone.

    typer turns a command's signature into click parameters when it is built, and importing a
    command module imports what its commands need: building only the command that runs keeps
    both costs to that command.
    """
    listed = COMMAND_MODULES[name]
    module = importlib.import_module(f"reflect.cli.{listed.module}")
    holder = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    if listed.how == "group":
        holder.add_typer(module.app, name=name)
    else:
        module.register(holder)
        holder.registered_commands = [
            info for info in holder.registered_commands if info.name == name
        ]
    group = typer.main.get_group(holder)
    return group.commands[name]


def build_app() -> typer.Typer:
    """The `reflect` app. Its commands are listed from COMMAND_MODULES and each is built (its
    module imported) only when it is looked up: to run, for its own help, for completion of its
    options, or by the menu and the manual, which walk the tree."""
    app = typer.Typer(
        cls=ReflectGroup,
        name="reflect",
        help=(
            "A private journal for reflecting on the relationship with your therapist.\n\n"
            "Example: reflect run checkin\n\n" + CRISIS_NOTE
        ),
        no_args_is_help=False,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback(invoke_without_command=True)(root)
    return app


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> Any:
    """`app`: the `reflect` app, built on first use (tests and tools import it)."""
    global _full_app
    if name == "app":
        if _full_app is None:
            _full_app = build_app()
        return _full_app
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    try:
        build_app()(prog_name="reflect")
    except KeyboardInterrupt:  # pragma: no cover - raised outside a command (e.g. during parsing)
        sys.exit(ExitCode.INTERRUPTED)
