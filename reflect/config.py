"""The YAML config file in the data folder, with documented defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reflect.errors import ConfigError
from reflect.paths import FILE_MODE

DEFAULT_CRISIS_LINE = (
    "reflect is not a crisis service. If you are in danger or thinking about harming yourself, "
    "please contact your local emergency number or a crisis line now."
)

CONFIG_TEMPLATE = f"""\
# reflect's settings. Every key is optional; delete one to get its default back.

# The editor for long answers, notes and `reflect edit`. Empty: $VISUAL, then $EDITOR, then nano/vi.
editor: ""

# The pack `reflect run` offers first (empty: choose from the list each time).
default_pack: ""

# Shown on first run, in help and at the end of heavier packs. Put your local crisis line here.
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


class SyncSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    folder: str = ""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    editor: str = ""
    default_pack: str = ""
    crisis_line: str = Field(default=DEFAULT_CRISIS_LINE, min_length=1)
    date_format: str = "%Y-%m-%d"
    colour: Literal["auto", "always", "never"] = "auto"
    sync: SyncSettings = Field(default_factory=SyncSettings)


def load_config(path: Path) -> Config:
    """The config at path, or the defaults when there is no file."""
    import yaml

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"Cannot read the config file {path}: {exc.strerror or exc}.") from exc
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"The config file {path} is larger than 64 KiB.")
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
    import os

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(CONFIG_TEMPLATE)
    return True
