"""The crisis line in a real terminal: under the menu and under a run's recap, at 80 and 120."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_run_in_terminal import install_small_pack, on_question, reflect_executable
from tmux import TmuxTerminal, terminal_environment

pytestmark = pytest.mark.terminal

OWN_LINE = "Samaritans: call 116 123, any time, day or night, free from any phone in the UK."
SHOWN = f"reflect is not a crisis service. {OWN_LINE}"


def configured(home: Path) -> dict[str, str]:
    """The person's own line in the settings, and a journal already there (no welcome)."""
    from reflect.cli.access import open_journal

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(f'crisis_line: "{OWN_LINE}"\n', encoding="utf-8")
    with open_journal():
        pass
    return terminal_environment(home)


@pytest.mark.parametrize("width", [80, 120])
def test_the_menu_shows_the_crisis_line_as_a_quiet_footer(
    terminal: TmuxTerminal, reflect_home: Path, width: int, tmp_path: Path
):
    environment = configured(reflect_home)
    terminal.width = width
    terminal.start(reflect_executable(), environment)
    screen = terminal.wait_for("What would you like to do?")
    lines = [line.rstrip() for line in screen.splitlines()]
    quit_line = next(index for index, line in enumerate(lines) if line.strip() == "Quit")
    footer = " ".join(" ".join(lines[quit_line + 1 :]).split())
    assert SHOWN in footer
    assert all(len(line) <= width for line in lines)
    assert "Welcome" not in screen
    (tmp_path / f"menu-{width}.txt").write_text(screen, encoding="utf-8")
    terminal.send("Up", "Enter")  # Quit: the footer lines are not choices
    assert terminal.wait_for_exit() == 0


@pytest.mark.parametrize("width", [80, 120])
def test_a_run_shows_the_crisis_line_right_under_its_recap(
    terminal: TmuxTerminal, reflect_home: Path, width: int
):
    environment = configured(reflect_home)
    install_small_pack(reflect_home)
    terminal.width = width
    terminal.start([*reflect_executable(), "run", "small", "--flag", "--private"], environment)
    terminal.wait_until(on_question(1), "question 1")
    terminal.type("0")
    terminal.send("Enter")  # 0
    terminal.wait_until(on_question(2), "question 2")
    terminal.send("Down", "Down", "Enter")  # no
    terminal.wait_until(on_question(3), "question 3")
    terminal.send("Down", "Enter")  # calm
    terminal.wait_until(on_question(4), "question 4")
    terminal.send("Enter")  # nothing else: empty skips
    screen = terminal.wait_for("Tags")
    flat = " ".join(screen.split())
    recap, after = flat.split("Your answers", 1)
    assert "Noticing is enough." in recap and "crisis" not in recap  # questions and outro
    assert SHOWN in after
    between = after.split(SHOWN)[0]
    assert between.rstrip().endswith("(skipped)")  # the recap's last answer, then the line
    assert after.index(SHOWN) < after.index("Tags")
    terminal.send("Enter")
    assert terminal.wait_for_exit() == 0
