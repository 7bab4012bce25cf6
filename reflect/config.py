"""The YAML config file in the data folder, with documented defaults."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from reflect.errors import ConfigError
from reflect.files import UserFileError, read_user_file
from reflect.paths import FILE_MODE, check_trusted

# The environment variables a passphrase is taken from (the journal's, and a new one being set).
PASSPHRASE_VARIABLE = "REFLECT_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "REFLECT_NEW_PASSPHRASE"

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

CONFIG_TEMPLATE = f"""\
# reflect's settings. Every key is optional; delete one to get its default back.

# The editor for long answers, notes and `reflect edit`. Empty: $VISUAL, then $EDITOR, then nano/vi.
editor: ""

# The pack `reflect run` offers first (empty: choose from the list each time).
default_pack: ""

# One calm line, shown under the menu and after each run's answers. Put your local crisis line
# here, e.g. "Samaritans: call 116 123, any time." (reflect says it is not a crisis service first).
crisis_line: "{DEFAULT_CRISIS_LINE}"

# How dates are shown (Python strftime codes), e.g. "%d/%m/%Y" or "%A %d %B".
date_format: "%Y-%m-%d"

# Colour: auto (when the terminal supports it and NO_COLOR is not set), always or never.
colour: auto

# `reflect sync`: the folder your own sync tool moves between devices (Syncthing, a shared drive,
# a USB stick, ...), so plain `reflect sync` works. Never the folder that holds this file.
sync:
  folder: ""
"""

MAX_CONFIG_BYTES = 64 * 1024


MAX_DATE_FORMAT_LENGTH = 64
# Terminal control codes (C0 but tab and newline, DEL, C1) and the invisible characters that
# reorder or hide text (bidi embeddings, overrides, isolates and marks; zero-width spaces):
# a setting holding one could drive the terminal or disguise what is shown.
_UNSAFE_IN_SETTINGS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _no_control_characters(value: str) -> str:
    found = _UNSAFE_IN_SETTINGS.search(value)
    if found:
        raise ValueError(
            f"holds the invisible or control character U+{ord(found.group()):04X} "
            f"at position {found.start() + 1}; remove it"
        )
    return value


SafeText = Annotated[str, AfterValidator(_no_control_characters)]


def _date_format(value: str) -> str:
    _no_control_characters(value)
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


class SyncSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    folder: str = ""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    editor: str = ""
    default_pack: SafeText = ""
    # Shown only through printable(), which makes control characters visible (any text goes).
    crisis_line: str = Field(default=DEFAULT_CRISIS_LINE, min_length=1)
    date_format: Annotated[str, AfterValidator(_date_format)] = "%Y-%m-%d"
    colour: Literal["auto", "always", "never"] = "auto"
    sync: SyncSettings = Field(default_factory=SyncSettings)

    @field_validator("crisis_line")
    @classmethod
    def _former_default_is_the_default(cls, value: str) -> str:
        return DEFAULT_CRISIS_LINE if value.strip() in FORMER_DEFAULT_CRISIS_LINES else value

    def crisis_line_text(self) -> str:
        """The one line shown under the menu and after a run: the person's own line, after the
        sentence that reflect is not a crisis service (unless their line already says so)."""
        line = " ".join(self.crisis_line.split())
        if not line:
            return DEFAULT_CRISIS_LINE
        if "crisis service" in line.lower():
            return line
        return f"{NOT_A_CRISIS_SERVICE} {line}"


def passphrase_from_environment(variable: str = PASSPHRASE_VARIABLE) -> str | None:
    value = os.environ.get(variable)
    return value if value else None


def load_config(path: Path) -> Config:
    """The config at path, or the defaults when there is no file."""
    import yaml

    # A settings file others can change could name an editor that reflect would run as you.
    check_trusted(path.parent, what="data folder", error=ConfigError)
    check_trusted(path, what="settings file", error=ConfigError)

    def too_large() -> ConfigError:
        return ConfigError(f"The config file {path} is larger than 64 KiB.")

    try:
        raw = read_user_file(path, limit=MAX_CONFIG_BYTES, on_excess=too_large)
    except UserFileError as error:
        if not os.path.lexists(path):
            return Config()
        raise ConfigError(f"Cannot read the config file: {error.message}") from error
    try:
        data = yaml.safe_load(raw.decode("utf-8")) if raw.strip() else {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        raise ConfigError(
            f"The config file {path} is not valid YAML{where}.",
            "Fix it with `reflect config edit`, or delete it to get the defaults back.",
        ) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"The config file {path} must be a mapping of setting: value.")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'config'}: {error['msg']}"
            for error in exc.errors()
        )
        raise ConfigError(
            f"The config file {path} has an invalid setting: {problems}.",
            "Fix it with `reflect config edit`, or delete it to get the defaults back.",
        ) from exc


def write_default_config(path: Path) -> bool:
    """Write the commented template if there is no config yet. Returns True if written."""

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(CONFIG_TEMPLATE)
    return True
