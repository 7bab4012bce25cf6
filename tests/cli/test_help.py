"""Every command has --help with a one-line summary and an example, and help stays fast."""

from __future__ import annotations

import typer

from reflect.cli.app import app


def all_command_paths() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(command, prefix: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                paths.append([*prefix, name])
                walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def test_the_command_surface_is_discoverable():
    names = {" ".join(path) for path in all_command_paths()}
    assert {"db", "db path", "db check", "db backup", "config", "config show"} <= names


def test_every_command_has_help_with_an_example(cli):
    missing = []
    for path in [[], *all_command_paths()]:
        outcome = cli(*path, "--help")
        assert outcome.exit_code == 0, (path, outcome.output)
        if "Example: reflect" not in outcome.stdout:
            missing.append(" ".join(path) or "reflect")
    assert not missing, f"commands without an example in --help: {missing}"


def test_no_arguments_without_a_terminal_prints_help(run_reflect):
    outcome = run_reflect()
    assert outcome.exit_code == 0
    assert "Usage: reflect" in outcome.stdout


def test_unknown_command_is_a_usage_error(cli):
    outcome = cli("no-such-command")
    assert outcome.exit_code == 2
