"""How a config file's contents are checked (see reflect.config.load_config): a pydantic model,
built the first time a file is read.

pydantic is imported here, inside the function, and not at the top: importing it and building the
model costs about a tenth of a second, which a journal without a config file never pays
(benchmarks/read_paths.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from reflect.config_rules import (
    DEFAULT_CRISIS_LINE,
    checked_date_format,
    former_default_is_the_default,
    no_control_characters,
)
from reflect.errors import ConfigError

if TYPE_CHECKING:
    from pydantic import BaseModel


@cache
def config_file_model() -> type[BaseModel]:
    """The model of a config file: every setting, its default and its rule; nothing else."""
    from pydantic import AfterValidator, BaseModel, ConfigDict, Field

    safe_text = Annotated[str, AfterValidator(no_control_characters)]

    class SyncFile(BaseModel):
        model_config = ConfigDict(extra="forbid")

        folder: str = ""

    class ConfigFile(BaseModel):
        model_config = ConfigDict(extra="forbid")

        editor: str = ""
        default_pack: safe_text = ""
        # Shown only through printable(), which makes control characters visible (any text goes).
        crisis_line: Annotated[
            str, Field(min_length=1), AfterValidator(former_default_is_the_default)
        ] = DEFAULT_CRISIS_LINE
        date_format: Annotated[str, AfterValidator(checked_date_format)] = "%Y-%m-%d"
        colour: Literal["auto", "always", "never"] = "auto"
        sync: SyncFile = Field(default_factory=SyncFile)

    return ConfigFile


def checked_settings(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The settings of a config file's mapping, defaults filled in; ConfigError naming every
    setting that breaks its rule (`path` is named in the message)."""
    from pydantic import ValidationError

    try:
        checked = config_file_model().model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'config'}: {error['msg']}"
            for error in exc.errors()
        )
        raise ConfigError(
            f"The config file {path} has an invalid setting: {problems}.",
            "Fix it with `reflect config edit`, or delete it to get the defaults back.",
        ) from exc
    return checked.model_dump()
