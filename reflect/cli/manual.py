"""`reflect help [COMMAND...]` and `reflect help --man`: the manual, made from the Typer app itself.

The man page is written in roff (the man(7) macros) straight from the command tree that `--help`
uses, so it can never drift from the real commands. typer (0.28 on) carries its own copy of
click, which click-man cannot read, so the few lines of roff are written here.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from reflect import __version__
from reflect.errors import ExitCode, ReflectError

ENVIRONMENT = (
    ("REFLECT_HOME", "The folder holding the journal, config.yaml and your own packs."),
    ("REFLECT_DB", "Moves only the journal database."),
    (
        "REFLECT_PASSPHRASE",
        "The passphrase of an encrypted journal (else the OS keyring or a prompt).",
    ),
    ("REFLECT_SYNC_PASSPHRASE", "The passphrase of the sync folder's files."),
    ("REFLECT_DEBUG", "Set to 1 to see a traceback instead of a short message."),
    ("NO_COLOR", "Plain text without colour."),
    ("VISUAL, EDITOR", "The editor for notes and edits."),
)
EXIT_STATUS = (
    (str(ExitCode.OK.value), "Success."),
    (
        str(ExitCode.FAILURE.value),
        "A reported error: the message on standard error says what was wrong and what to do.",
    ),
    (str(ExitCode.USAGE.value), "The command line could not be understood."),
    (str(ExitCode.INTERRUPTED.value), "Interrupted with Ctrl-C, after saving what was answered."),
)
CRISIS = (
    "reflect is not a crisis service. If you are in danger or thinking about harming yourself, "
    "please contact your local emergency number or a crisis line."
)


def roff_text(text: str) -> str:
    """Text safe for roff: backslashes, hyphens and a leading dot or quote escaped."""
    escaped = text.replace("\\", "\\e").replace("-", "\\-")
    # groff reads its input as Latin-1: anything beyond ASCII goes in as a named Unicode glyph.
    escaped = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in escaped)
    return "\n".join(
        "\\&" + line if line.startswith((".", "'")) else line for line in escaped.splitlines()
    )


def _paragraphs(help_text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", help_text.strip()) if part]


def _usage(command: Any, context: Any) -> str:
    pieces = command.collect_usage_pieces(context)
    return " ".join([context.command_path, *pieces])


def _options(command: Any, context: Any) -> list[str]:
    lines: list[str] = []
    for parameter in command.get_params(context):
        record = parameter.get_help_record(context)
        if record is None:
            continue
        names, description = record
        lines += [".TP", f"\\fB{roff_text(names)}\\fR", roff_text(" ".join(description.split()))]
    return lines


def _commands(group: Any, context: Any) -> list[str]:
    lines: list[str] = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        child = typer.Context(command, info_name=name, parent=context)
        if hasattr(command, "list_commands"):
            lines += _commands(command, child)
            continue
        lines += [".SS", roff_text(_usage(command, child))]
        for paragraph in _paragraphs(command.help or ""):
            lines += [".PP", roff_text(paragraph)]
        options = _options(command, child)
        if options:
            lines += [".PP", "Options:", ".RS", *options, ".RE"]
    return lines


def man_page(root: Any) -> str:
    """The whole manual page for the command tree `root` (a click group)."""
    context = typer.Context(root, info_name="reflect")
    summary, *rest = _paragraphs(root.help or "")
    lines = [
        f'.TH REFLECT 1 "" "reflect {__version__}" "User Commands"',
        ".SH NAME",
        f"reflect \\- {roff_text(summary[0].lower() + summary[1:].rstrip('.'))}",
        ".SH SYNOPSIS",
        ".B reflect",
        "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
    ]
    for paragraph in rest:
        if paragraph.startswith("reflect is not a crisis service"):
            continue
        lines += [".PP", roff_text(paragraph)]
    lines += [
        ".PP",
        "On a terminal, \\fBreflect\\fR alone opens a short menu. "
        "Every command has \\fB\\-\\-help\\fR.",
        ".SH OPTIONS",
        *_options(root, context),
        ".SH COMMANDS",
        *_commands(root, context),
        ".SH ENVIRONMENT",
    ]
    for name, description in ENVIRONMENT:
        lines += [".TP", f"\\fB{roff_text(name)}\\fR", roff_text(description)]
    lines += [".SH EXIT STATUS"]
    for code, description in EXIT_STATUS:
        lines += [".TP", f"\\fB{code}\\fR", roff_text(description)]
    lines += [".SH NOTES", roff_text(CRISIS), ""]
    return "\n".join(lines)


def help_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(metavar="[COMMAND]...", help="A command, e.g. `run` or `db backup`."),
    ] = None,
    man: Annotated[
        bool, typer.Option("--man", help="Print the whole manual as a man page (roff).")
    ] = False,
) -> None:
    """Show help for a command, or print the manual page.

    Example: reflect help --man > reflect.1 && man ./reflect.1
    """

    root = ctx.find_root().command
    if man:
        typer.echo(man_page(root), nl=False)
        return
    target, context = root, ctx.find_root()
    for name in command or []:
        found = target.get_command(context, name) if hasattr(target, "get_command") else None
        if found is None:
            raise ReflectError(
                f"There is no command {' '.join(command or [])!r}.", "See `reflect --help`."
            )
        target, context = found, typer.Context(found, info_name=name, parent=context)
    typer.echo(target.get_help(context))


def register(app: typer.Typer) -> None:
    app.command("help")(help_command)
