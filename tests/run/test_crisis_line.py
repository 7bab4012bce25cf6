"""One quiet crisis line: under the menu and under a run's recap, the person's own when set."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from prompt_keys import DOWN, ENTER, UP, pipe_watchdog

from reflect.config import DEFAULT_CRISIS_LINE, Config, load_config

OWN_LINE = "Samaritans: call 116 123, any time."
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]")


def configure(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text, encoding="utf-8")


def shown_menu(keys: str) -> str:
    """What the menu drew on an 80-column terminal, as plain text, while `keys` were typed."""
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output
    from typer.main import get_command

    from reflect.cli.app import app
    from reflect.cli.menu import main_menu

    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=30, columns=80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        main_menu(get_command(app), input=pipe, output=output)  # type: ignore[arg-type]
    return " ".join(ESCAPES.sub(" ", drawn.getvalue()).split())


def test_the_generic_line_is_calm_and_says_no_now():
    assert Config().crisis_line_text() == DEFAULT_CRISIS_LINE
    assert not DEFAULT_CRISIS_LINE.rstrip(".").endswith("now")
    assert DEFAULT_CRISIS_LINE.startswith("reflect is not a crisis service.")


def test_an_own_line_comes_after_the_sentence_that_reflect_is_no_crisis_service():
    assert Config(crisis_line=OWN_LINE).crisis_line_text() == (
        f"reflect is not a crisis service. {OWN_LINE}"
    )
    own_sentence = "reflect is not a crisis service; ring 999 or Samaritans on 116 123."
    assert Config(crisis_line=own_sentence).crisis_line_text() == own_sentence
    assert Config(crisis_line="   ").crisis_line_text() == DEFAULT_CRISIS_LINE


def test_the_old_default_in_an_existing_config_reads_as_today_s_sentence(reflect_home):
    old = (
        "reflect is not a crisis service. If you are in danger or thinking about harming "
        "yourself, please contact your local emergency number or a crisis line now."
    )
    configure(reflect_home, f'crisis_line: "{old}"\n')
    assert load_config(reflect_home / "config.yaml").crisis_line_text() == DEFAULT_CRISIS_LINE


def test_the_menu_footer_shows_the_configured_crisis_line(reflect_home, journal):
    configure(reflect_home, f'crisis_line: "{OWN_LINE}"\n')
    shown = shown_menu(UP + ENTER)  # Quit
    assert f"reflect is not a crisis service. {OWN_LINE}" in shown
    # under the choices, not above them
    assert shown.index("Quit") < shown.index(OWN_LINE)
    assert "Welcome" not in shown  # not the first run: this is the footer, not the welcome


def test_the_menu_footer_shows_the_generic_line_when_none_is_set(reflect_home, journal):
    shown = shown_menu(UP + ENTER)
    assert shown.index("Quit") < shown.index("reflect is not a crisis service.")
    assert "please contact your local emergency number or a crisis line." in shown


def test_the_menu_footer_keeps_the_generic_line_when_the_settings_are_broken(reflect_home, journal):
    configure(reflect_home, "crisis_line: [not, text]\n")
    shown = shown_menu(UP + ENTER)
    assert "reflect is not a crisis service." in shown


def test_a_long_own_line_is_shown_whole_and_the_arrow_keys_pass_over_it(reflect_home, journal):
    long_line = "Ring your GP surgery and ask for the duty doctor, or call 111, or 999. " * 2
    configure(reflect_home, f'crisis_line: "{long_line.strip()}"\n')
    # Up from the first choice wraps round to Quit, not to a footer line: the menu ends.
    shown = shown_menu(UP + ENTER)
    assert shown.count("Ring your GP surgery") == 2
    assert shown.count("or call 111, or 999.") == 2


def test_the_crisis_line_comes_right_under_a_run_s_recap(
    reflect_home, journal, small_pack, capsys, monkeypatch
):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from reflect.cli import run as reflecting
    from reflect.render import running

    configure(reflect_home, f'crisis_line: "{OWN_LINE}"\n')
    keys = "0" + ENTER + DOWN + DOWN + ENTER + DOWN + ENTER + ENTER + ENTER + ENTER
    # scale 0, held back: no, mood: calm, no themes, no notes, no tags (flag and private given)
    with create_pipe_input() as pipe, pipe_watchdog(pipe):
        pipe.send_text(keys)
        real_asker = running.TerminalAsker

        def piped_asker(**options):
            return real_asker(input=pipe, output=DummyOutput(), **options)

        monkeypatch.setattr(running, "TerminalAsker", piped_asker)
        reflecting._run_in_terminal(
            "small", at=None, tags=[], flag=True, private=True, resume=False
        )
    out = capsys.readouterr().out
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    recap_end = max(index for index, line in enumerate(lines) if line.startswith("Anything else?"))
    crisis = [index for index, line in enumerate(lines) if "crisis service" in line]
    assert crisis == [recap_end + 1], lines
    assert lines[recap_end + 1] == f"reflect is not a crisis service. {OWN_LINE}"
    assert lines.index("Noticing is enough.") < lines.index("Your answers")  # the outro is calm


@pytest.mark.parametrize("pack_id", ["ruptures", "safety", "patterns", "beginnings"])
def test_the_packs_that_spoke_of_crises_end_on_their_own_kind_line(pack_id):
    from reflect.packs.catalog import find_pack

    outro = find_pack(pack_id).outro
    assert outro.strip() and "crisis" not in outro and "emergency" not in outro
