"""The YAML config file in the data folder, with documented defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from msgspec import Struct, field

from reflect.config_file import checked_settings
from reflect.config_rules import (
    DEFAULT_CRISIS_LINE,
    NOT_A_CRISIS_SERVICE,
)
from reflect.errors import ConfigError
from reflect.files import UserFileError, read_user_file
from reflect.paths import FILE_MODE, check_trusted

# The environment variables a passphrase is taken from (the journal's, and a new one being set).
PASSPHRASE_VARIABLE = "REFLECT_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "REFLECT_NEW_PASSPHRASE"

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


class SyncSettings(Struct, frozen=True):
    folder: str = ""


class Config(Struct, frozen=True):
    """The settings. Without a config file these are the defaults, built without pydantic; a
    file's contents are checked first by the pydantic model in reflect.config_file."""

    editor: str = ""
    default_pack: str = ""
    # Shown only through printable(), which makes control characters visible (any text goes).
    crisis_line: str = DEFAULT_CRISIS_LINE
    date_format: str = "%Y-%m-%d"
    colour: Literal["auto", "always", "never"] = "auto"
    sync: SyncSettings = field(default_factory=SyncSettings)

    def crisis_line_text(self) -> str:
        """The one line shown under the menu and after a run: the person's own line, after the
        sentence that reflect is not a crisis service (unless their line already says so)."""
        line = " ".join(self.crisis_line.split())
        if not line:
            return DEFAULT_CRISIS_LINE
        if "crisis service" in line.lower():
            return line
        return f"{NOT_A_CRISIS_SERVICE} {line}"

    def as_dict(self) -> dict[str, object]:
        return {
            "editor": self.editor,
            "default_pack": self.default_pack,
            "crisis_line": self.crisis_line,
            "date_format": self.date_format,
            "colour": self.colour,
            "sync": {"folder": self.sync.folder},
        }


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
    values = checked_settings(data, path)
    sync = SyncSettings(**values.pop("sync"))
    return Config(**values, sync=sync)


def write_default_config(path: Path) -> bool:
    """Write the commented template if there is no config yet. Returns True if written."""

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(CONFIG_TEMPLATE)
    return True
