"""Reading one pack file into a Pack, turning every failure into a PackError.

(First version: the packs helper replaces the internals with duplicate-key rejection and
FILE:LINE:COL messages for every problem; the public function keeps its name and contract.)
"""

from __future__ import annotations

from pathlib import Path

from reflect.errors import PackError
from reflect.packs.schema import Pack

MAX_PACK_BYTES = 256 * 1024


def load_pack_file(path: Path) -> Pack:
    """Load and validate the pack at path; any problem raises PackError naming the file."""
    import yaml
    from pydantic import ValidationError

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PackError(f"{path}: cannot read the file ({error.strerror or error}).") from error
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(f"{path}: the file is larger than {MAX_PACK_BYTES // 1024} KiB.")
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: not a valid YAML pack ({error}).") from error
    if not isinstance(data, dict):
        raise PackError(f"{path}: a pack must be a mapping with id, title and questions.")
    try:
        return Pack.model_validate(data)
    except ValidationError as error:
        raise PackError(f"{path}: {error.errors()[0]['msg']}") from error
