"""Where pack files are, found by name alone: nothing here parses or validates a pack.

Shell completion and `reflect list`'s options need the pack ids of the folders, not the packs:
keeping this apart from reflect.packs.catalog (which validates packs with pydantic) keeps
pydantic out of every command that does not load a pack.
"""

from __future__ import annotations

from pathlib import Path

PACK_SUFFIXES = (".yaml", ".yml")
# A pack's, question's or dimension's id (reflect.packs.schema's Slug).
SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64


def builtin_packs_folder() -> Path:
    """prompts/ inside the installed package (wheel), or at the top of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "prompts"
    return installed if installed.is_dir() else package.parent / "prompts"


def pack_files_in(folder: Path) -> list[Path]:
    """The pack files of a folder (.yaml/.yml, not hidden), sorted; none if it is unreadable."""
    try:
        return sorted(
            path
            for path in folder.iterdir()
            if path.suffix in PACK_SUFFIXES and path.is_file() and path.name[0] not in "._"
        )
    except OSError:  # missing or unreadable folder: no packs from it
        return []
