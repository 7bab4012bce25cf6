"""The pydantic model a config file's contents are checked with (see reflect.config.load_config).

Kept apart from reflect.config so that a journal without a config file never imports pydantic.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field  # noqa: TID253

from reflect.config_rules import (
    DEFAULT_CRISIS_LINE,
    checked_date_format,
    former_default_is_the_default,
    no_control_characters,
)

SafeText = Annotated[str, AfterValidator(no_control_characters)]


class SyncFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    folder: str = ""


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    editor: str = ""
    default_pack: SafeText = ""
    # Shown only through printable(), which makes control characters visible (any text goes).
    crisis_line: Annotated[
        str, Field(min_length=1), AfterValidator(former_default_is_the_default)
    ] = DEFAULT_CRISIS_LINE
    date_format: Annotated[str, AfterValidator(checked_date_format)] = "%Y-%m-%d"
    colour: Literal["auto", "always", "never"] = "auto"
    sync: SyncFile = Field(default_factory=SyncFile)
