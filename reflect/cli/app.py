"""The `reflect` command: the Typer app, its command groups, and the single exit point.

Every ReflectError raised anywhere below ends here: its message goes to stderr and the process
exits with its status (reflect.errors.ExitCode: 1, or 130 after Ctrl-C). A traceback is shown
only with REFLECT_DEBUG=1.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from reflect import __version__
from reflect.cli import config as config_commands
from reflect.cli import db as db_commands
from reflect.cli import exchange as exchange_commands
from reflect.cli import journal as journal_commands
from reflect.cli import manual as manual_commands
from reflect.cli import packs as packs_commands
from reflect.cli import reflecting as reflecting_commands
from reflect.cli import sessions as sessions_commands
from reflect.cli import sync as sync_commands
from reflect.cli import trends as trends_commands
from reflect.cli.menu import main_menu
from reflect.cli.reporting import debug_enabled, report
from reflect.core.access import pending_notices
from reflect.errors import ExitCode, ReflectError
from reflect.render.console import is_interactive, say

CRISIS_NOTE = (
    "reflect is not a crisis service: if you are in danger, contact your local emergency "
    "number or a crisis line (set yours with `reflect config edit`)."
)


class ReflectGroup(TyperGroup):
    """Routes every error of every subcommand through one place."""

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


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"reflect {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
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
        main_menu(ctx.command)
    else:
        typer.echo(ctx.get_help())


reflecting_commands.register(app)
journal_commands.register(app)
trends_commands.register(app)
exchange_commands.register(app)
manual_commands.register(app)
sync_commands.register(app)
app.add_typer(packs_commands.app, name="packs")
app.add_typer(sessions_commands.app, name="sessions")
app.add_typer(db_commands.app, name="db")
app.add_typer(config_commands.app, name="config")


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="reflect")
    except KeyboardInterrupt:  # pragma: no cover - raised outside a command (e.g. during parsing)
        sys.exit(ExitCode.INTERRUPTED)
