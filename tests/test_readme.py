"""The README's two set-up commands are the ones that work, and CI runs the same test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)
    return [block.strip() for block in blocks[:2]]


def test_readme_starts_with_exactly_two_single_line_setup_commands():
    install, test = setup_commands()
    assert "\n" not in install and "\n" not in test
    assert "pip install ." in install and ".venv/bin/reflect" in install
    assert "pytest" in test and "ruff check" in test and "ruff format --check" in test
    # The layering's contracts and the strict type check run with the tests (pyproject.toml).
    assert ".venv/bin/lint-imports" in test and ".venv/bin/mypy" in test


def test_ci_runs_the_readme_test_command_verbatim():
    _, test = setup_commands()
    ci_lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci_lines[-1] == test


def test_ci_script_never_reads_standard_input():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec </dev/null" in script
    assert "set -euo pipefail" in script


def readme_command_lines() -> list[str]:
    """Every `reflect ...` line inside the README's bash blocks, without its comment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            command = line.split(" # ")[0].strip()
            if command.startswith("reflect"):
                lines.append(command)
    return lines


def test_every_command_the_readme_shows_exists_with_the_options_it_uses(cli):
    import shlex

    import typer

    from reflect.cli.app import app

    root = typer.main.get_command(app)
    lines = readme_command_lines()
    assert len(lines) > 30
    for line in lines:
        words = shlex.split(line)[1:]
        command, path = root, []
        while words and getattr(command, "commands", None) and words[0] in command.commands:
            path.append(words[0])
            command = command.commands[words.pop(0)]
        if getattr(command, "commands", None) and words and not words[0].startswith("-"):
            raise AssertionError(f"{line!r}: {words[0]!r} is not a command of {path or 'reflect'}")
        help_text = cli(*path, "--help").stdout
        for word in words:
            if word.startswith("-") and word not in ("-", "--"):
                assert word.split("=")[0] in help_text, f"{line!r}: {word} is not an option"
