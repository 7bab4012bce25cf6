"""The built-in pack files as plain data, read with libyaml's C parser and not validated again
(tests/packs validates every built-in pack): for the dimension labels (reflect.core.dimensions)
and the brief's bring questions (reflect.core.brief), which need a few fields, not the pack
models. An export needs both, so each file is parsed once per process while it is unchanged.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any


def read_builtin_pack_plainly(path: Path) -> Any:
    """The YAML data of a built-in pack file (libyaml's safe loader). The same object is given
    to every caller: read it, never change it. Raises what reading and parsing it raise
    (OSError, UnicodeError, yaml.YAMLError)."""
    status = path.stat()
    return _parsed(path, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=64)
def _parsed(path: Path, modified_ns: int, size: int) -> Any:
    import yaml

    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
