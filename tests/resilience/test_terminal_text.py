"""Pack and config text cannot disguise or drive the terminal (issue #12, item 10): bidi
overrides and zero-width characters in a pack's title are shown as <U+XXXX>, a date_format
holding escape codes is refused by name, and `packs validate` on a link to a file outside the
data folder does not quote that file's lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

HIDDEN = {"\u202e": "U+202E", "\u200b": "U+200B", "\u2066": "U+2066"}


@pytest.fixture
def disguised_pack(run_reflect, reflect_home: Path) -> Path:
    assert run_reflect("packs", "new", "mine").exit_code == 0
    path = reflect_home / "packs" / "mine.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: Safe \u202eeman-laer\u200b here\u2066", text)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["packs", "list"], ["packs", "show", "mine"]], ids=" ".join)
def test_bidi_and_zero_width_characters_in_a_pack_title_are_shown_not_obeyed(
    run_reflect, disguised_pack, command
):
    outcome = run_reflect(*command)

    assert outcome.exit_code == 0, outcome.stderr
    shown = outcome.stdout + outcome.stderr
    assert "Safe" in shown  # the title is there
    for character, name in HIDDEN.items():
        assert character not in shown, name
        assert name in shown, (name, shown)


ESCAPES = {
    "OSC title": "\x1b]0;owned\x07%Y-%m-%d",
    "CSI clear": "%Y\x1b[2J",
    "bidi override": "\u202e%Y-%m-%d",
}


@pytest.mark.parametrize("name", list(ESCAPES))
@pytest.mark.parametrize("command", [["list"], ["show", "{entry}"]], ids=" ".join)
def test_a_date_format_with_control_codes_is_refused_by_name(
    run_reflect, reflect_home, name, command
):
    assert run_reflect("note", "an ordinary note").exit_code == 0

    listed = json.loads(run_reflect("list", "--json").stdout)
    entry = (listed["entries"] if isinstance(listed, dict) else listed)[0]["id"]
    config = reflect_home / "config.yaml"
    config.write_text(f"date_format: {json.dumps(ESCAPES[name])}\n", encoding="utf-8")
    config.chmod(0o600)

    outcome = run_reflect(*[part.replace("{entry}", entry[:8]) for part in command])

    assert "\x1b" not in outcome.stdout + outcome.stderr
    assert "\u202e" not in outcome.stdout + outcome.stderr
    assert "Traceback" not in outcome.stderr
    if command[0] == "show" or outcome.exit_code != 0:  # piped `list` prints ISO dates only
        assert outcome.exit_code == 1, outcome.stdout
        assert "date_format" in outcome.stderr, outcome.stderr


def test_packs_validate_on_a_link_to_another_file_does_not_quote_it(run_reflect, tmp_path):
    secret = tmp_path / "secrets.txt"
    secret.write_text("api_key: hunter2-swordfish\nline two: mellon\n", encoding="utf-8")
    link = tmp_path / "looks-like-a-pack.yaml"
    link.symlink_to(secret)

    outcome = run_reflect("packs", "validate", str(link))

    assert outcome.exit_code == 1
    assert "hunter2" not in outcome.output and "mellon" not in outcome.output, outcome.output
    assert "symbolic link" in outcome.stderr, outcome.stderr
