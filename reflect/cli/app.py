"""The `reflect` command: the Typer app, its command groups, and the single exit point.

Every ReflectError raised anywhere below ends here: its message goes to stderr and the process
exits with its status (reflect.errors.ExitCode: 1, or 130 after Ctrl-C). A traceback is shown
only with REFLECT_DEBUG=1.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from reflect import __version__
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


# Where each top-level command is defined: (module under reflect.cli, how it is added). A
# command module adds its commands with register(app); a group module has its own Typer `app`.
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "run": ("reflecting", "register"),
    "note": ("reflecting", "register"),
    "list": ("journal", "register"),
    "show": ("journal", "register"),
    "search": ("journal", "register"),
    "edit": ("journal", "register"),
    "delete": ("journal", "register"),
    "restore": ("journal", "register"),
    "trash": ("journal", "register"),
    "trends": ("trends", "register"),
    "export": ("exchange", "register"),
    "import": ("exchange", "register"),
    "help": ("manual", "register"),
    "sync": ("sync", "register"),
    "packs": ("packs", "group"),
    "sessions": ("sessions", "group"),
    "db": ("db", "group"),
    "config": ("config", "group"),
}
# Commands that need the whole command tree at run time (the manual walks it).
NEEDS_EVERY_COMMAND = frozenset({"help"})


def build_app(only: str | None = None) -> typer.Typer:
    """The `reflect` app with every command, or with the one top-level command `only`.

    typer turns every registered command's signature into click parameters before it parses
    anything, and importing a command module imports what its commands need: building only the
    command that was typed keeps both costs to that command. Help, completion, the menu and
    mistakes (an unknown command, with its suggestions) get the whole tree.
    """
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
    names = [only] if only is not None else list(COMMAND_MODULES)
    added: set[str] = set()
    for name in names:
        module_name, how = COMMAND_MODULES[name]
        module = importlib.import_module(f"reflect.cli.{module_name}")
        if how == "group":
            app.add_typer(module.app, name=name)
        elif module_name not in added:
            module.register(app)
            added.add(module_name)
    if only is not None:
        app.registered_commands = [
            info for info in app.registered_commands if info.name in (only, None)
        ]
    return app


def _invoked_command(arguments: list[str]) -> str | None:
    """The top-level command about to run, when only it needs to be built (else None)."""
    if not arguments or any(key.endswith("_COMPLETE") for key in os.environ):
        return None
    name = arguments[0]
    if name in COMMAND_MODULES and name not in NEEDS_EVERY_COMMAND:
        return name
    return None


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> Any:
    """`app`: the whole command tree, built on first use (tests and tools import it)."""
    global _full_app
    if name == "app":
        if _full_app is None:
            _full_app = build_app()
        return _full_app
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    try:
        build_app(_invoked_command(sys.argv[1:]))(prog_name="reflect")
    except KeyboardInterrupt:  # pragma: no cover - raised outside a command (e.g. during parsing)
        sys.exit(ExitCode.INTERRUPTED)
