"""The rules a setting's value must meet, shared by the settings (reflect.config) and the model a
config file is checked with (reflect.config_file, which needs pydantic): kept apart so that neither
imports the other."""

from __future__ import annotations

import re
from datetime import datetime

DEFAULT_CRISIS_LINE = (
    "reflect is not a crisis service. If you are in danger or thinking about harming yourself, "
    "please contact your local emergency number or a crisis line."
)
NOT_A_CRISIS_SERVICE = "reflect is not a crisis service."
# The default of earlier versions, written into existing config files by the template: read as
# "not set", so those people see today's calmer sentence rather than the old one.
FORMER_DEFAULT_CRISIS_LINES = (
    "reflect is not a crisis service. If you are in danger or thinking about harming yourself, "
    "please contact your local emergency number or a crisis line now.",
)


MAX_DATE_FORMAT_LENGTH = 64
# Terminal control codes (C0 but tab and newline, DEL, C1) and the invisible characters that
# reorder or hide text (bidi embeddings, overrides, isolates and marks; zero-width spaces):
# a setting holding one could drive the terminal or disguise what is shown.
_UNSAFE_IN_SETTINGS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def no_control_characters(value: str) -> str:
    found = _UNSAFE_IN_SETTINGS.search(value)
    if found:
        raise ValueError(
            f"holds the invisible or control character U+{ord(found.group()):04X} "
            f"at position {found.start() + 1}; remove it"
        )
    return value


def checked_date_format(value: str) -> str:
    no_control_characters(value)
    if "\n" in value or "\t" in value:
        raise ValueError("must be one line")
    if len(value) > MAX_DATE_FORMAT_LENGTH:
        raise ValueError(f"must be at most {MAX_DATE_FORMAT_LENGTH} characters")
    try:
        shown = datetime(2026, 11, 3, 14, 5).strftime(value)
    except (ValueError, UnicodeError) as error:
        raise ValueError("is not a date format strftime understands") from error
    if not shown.strip():
        raise ValueError('shows nothing; use codes like "%Y-%m-%d"')
    return value


def former_default_is_the_default(value: str) -> str:
    return DEFAULT_CRISIS_LINE if value.strip() in FORMER_DEFAULT_CRISIS_LINES else value
